"""Recording the applicant's own rating for a service: one per case (or per joint bundle), with the
aspects it is about (seed 001 §7.1); a real-name bad review opens its follow-up at once (§7.2)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.evaluation import (
    DIMENSION_SEPARATOR,
    RatingLevel,
    check_one_rating,
    parse_dimensions,
    parse_level,
)
from clerk_app.domain.ids import uuid7
from clerk_app.domain.roles import Actor
from clerk_app.services.context import ServiceContext
from clerk_app.store import audit
from clerk_app.store.cases_repo import load_case
from clerk_app.store.tables import CaseRow, RatingRow


def record_rating(ctx: ServiceContext, actor: Actor, case_number: str | None, level: int | None, *,
                  channel: str = "evaluator", real_name: bool = True, comment: str = "",
                  dimensions: list[str] | tuple[str, ...] = ()) -> RatingLevel | None:
    """``level`` None records an explicit 'not rated' (the applicant declined or walked away).

    A case, or the joint bundle it belongs to, takes one rating: a second is refused."""
    actor.require("rating.record")
    parsed = parse_level(level)
    aspects = parse_dimensions(dimensions) if parsed is not None else ()
    now = ctx.now()
    with ctx.store.transaction() as s:
        case_id = None
        if case_number:
            case_id = load_case(s, number=case_number, with_history=False).id
            check_one_rating(_already_rated(s, case_id), level_given=parsed is not None)
        rid = uuid7()
        row = RatingRow(id=rid, case_id=case_id, level=int(parsed) if parsed else None, channel=channel,
                        real_name=real_name, clerk_id=actor.user_id, comment=comment[:500], at=now,
                        dimensions=DIMENSION_SEPARATOR.join(aspects))
        s.add(row)
        audit.append(s, at=now, actor=actor.username, action="rating.record", entity="rating", entity_id=rid,
                     detail=parsed.label if parsed else "未评价")
        if parsed is not None and parsed.is_bad and real_name:
            s.flush()
            open_followup_now(s, ctx, row.id, row.at, now)
    return parsed


def is_rated(ctx: ServiceContext, case_number: str) -> bool:
    """Whether the case (or its bundle) already has a level: the counter then does not ask again."""
    with ctx.store.read() as s:
        case_id = s.scalar(select(CaseRow.id).where(CaseRow.number == case_number))
        return case_id is not None and _already_rated(s, case_id)


def _already_rated(s: Session, case_id: str) -> bool:
    bundle = s.scalar(select(CaseRow.bundle_id).where(CaseRow.id == case_id))
    cases = select(CaseRow.id).where(CaseRow.bundle_id == bundle) if bundle else select(CaseRow.id).where(
        CaseRow.id == case_id)
    return s.scalar(select(RatingRow.id).where(RatingRow.case_id.in_(cases), RatingRow.level.is_not(None))
                    .limit(1)) is not None


def open_followup_now(s: Session, ctx: ServiceContext, rating_id: str, rated_at: datetime, now: datetime) -> str:
    """Every real-name bad review is followed up (seed 001 §7.2): opened in the rating's own
    transaction, owned by a supervisor — never by the clerk who was rated. With no supervisor
    account on this counter it is opened unassigned (待指派); the first supervisor who acts on it
    takes it over (``services.followups``)."""
    from clerk_app.domain.roles import Role
    from clerk_app.services.followups import UNASSIGNED, open_followup
    from clerk_app.store.tables import UserRow

    owner = s.scalars(select(UserRow.id).where(UserRow.role == Role.SUPERVISOR.value, UserRow.active)
                      .order_by(UserRow.username)).first()
    fid = open_followup(s, ctx, rating_id, rated_at, owner or UNASSIGNED, now)
    audit.append(s, at=now, actor="system", action="followup.open", entity="rating_followup", entity_id=fid,
                 detail=rating_id)
    return fid
