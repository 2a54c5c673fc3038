"""Recording the applicant's own rating for a service."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.evaluation import RatingLevel, parse_level
from clerk_app.domain.ids import uuid7
from clerk_app.domain.roles import Actor
from clerk_app.services.context import ServiceContext
from clerk_app.store import audit
from clerk_app.store.cases_repo import load_case
from clerk_app.store.tables import RatingRow


def record_rating(ctx: ServiceContext, actor: Actor, case_number: str | None, level: int | None, *,
                  channel: str = "evaluator", real_name: bool = True, comment: str = "") -> RatingLevel | None:
    """``level`` None records an explicit 'not rated' (the applicant declined or walked away)."""
    actor.require("rating.record")
    parsed = parse_level(level)
    now = ctx.now()
    with ctx.store.transaction() as s:
        case_id = load_case(s, number=case_number, with_history=False).id if case_number else None
        rid = uuid7()
        row = RatingRow(id=rid, case_id=case_id, level=int(parsed) if parsed else None, channel=channel,
                        real_name=real_name, clerk_id=actor.user_id, comment=comment[:500], at=now)
        s.add(row)
        audit.append(s, at=now, actor=actor.username, action="rating.record", entity="rating", entity_id=rid,
                     detail=parsed.label if parsed else "未评价")
        if parsed is not None and parsed.is_bad and real_name:
            _open_followup(s, ctx, row, now)
    return parsed


def _open_followup(s: Session, ctx: ServiceContext, row: RatingRow, now: datetime) -> None:
    """Every real-name bad review is followed up (seed 001 §7.2): opened in the same transaction,
    owned by a supervisor — never by the clerk who was rated. With no supervisor on this counter,
    the manager view opens it when a supervisor next looks (``open_missing_followups``)."""
    from clerk_app.domain.roles import Role
    from clerk_app.services.followups import open_followup
    from clerk_app.store.tables import UserRow

    owner = s.scalars(select(UserRow.id).where(UserRow.role == Role.SUPERVISOR.value, UserRow.active)
                      .order_by(UserRow.username)).first()
    if owner is None:
        return
    s.flush()
    fid = open_followup(s, ctx, row, owner, now)
    audit.append(s, at=now, actor="system", action="followup.open", entity="rating_followup", entity_id=fid,
                 detail=row.id)
