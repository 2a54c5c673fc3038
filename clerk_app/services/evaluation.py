"""Recording the applicant's own rating for a service."""

from __future__ import annotations

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
        s.add(RatingRow(id=rid, case_id=case_id, level=int(parsed) if parsed else None, channel=channel,
                        real_name=real_name, clerk_id=actor.user_id, comment=comment[:500], at=now))
        audit.append(s, at=now, actor=actor.username, action="rating.record", entity="rating", entity_id=rid,
                     detail=parsed.label if parsed else "未评价")
    return parsed
