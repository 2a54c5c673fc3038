"""差评回访整改: every real-name 不满意 / 非常不满意 opens a follow-up with an owner and working-day
deadlines; it closes only with its contact, rectification (when founded) and feedback recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain import followups as rules
from clerk_app.domain.evaluation import RatingLevel
from clerk_app.domain.ids import uuid7
from clerk_app.domain.roles import Actor
from clerk_app.errors import UserError
from clerk_app.services.context import ServiceContext
from clerk_app.settings import Settings
from clerk_app.store import audit
from clerk_app.store.ledger_tables import RatingFollowupRow
from clerk_app.store.tables import CaseRow, RatingRow, UserRow

BAD_LEVELS = tuple(int(level) for level in RatingLevel if level.is_bad)
UNASSIGNED = ""  # opened with no supervisor account on the counter: the first supervisor to act owns it


def policy(settings: Settings) -> rules.FollowupPolicy:
    """The day counts are local (Dezhou's 1 and 5 are the defaults): they come from the settings."""
    return rules.FollowupPolicy(contact_working_days=settings.followup_contact_working_days,
                                rectify_working_days=settings.followup_rectify_working_days)


def open_followup(s: Session, ctx: ServiceContext, rating_id: str, rated_at: dt.datetime, owner_id: str,
                  now: dt.datetime) -> str:
    """Opens the follow-up of one bad real-name rating inside the caller's transaction."""
    due = rules.followup_due(ctx.calendar, rated_at.date(), policy(ctx.settings))
    fid = uuid7()
    s.add(RatingFollowupRow(id=fid, rating_id=rating_id, owner_id=owner_id, opened_at=now, contact_due=due.contact_due,
                            rectify_due=due.rectify_due, provisional=due.provisional, contact_note="",
                            rectify_note="", evaluator_view="", closed_by=""))
    return fid


def open_missing_followups(ctx: ServiceContext, actor: Actor) -> int:
    """Opens a follow-up for every real-name bad rating that has none (idempotent); returns how many.

    Ratings open their follow-up when recorded; this repairs ratings that came without one (synced
    from a counter of an older version)."""
    actor.require("ledger.manage")
    now = ctx.now()
    with ctx.store.transaction() as s:
        missing = s.scalars(select(RatingRow).outerjoin(RatingFollowupRow, RatingFollowupRow.rating_id == RatingRow.id)
                            .where(RatingRow.level.in_(BAD_LEVELS), RatingRow.real_name,
                                   RatingFollowupRow.id.is_(None))).all()
        for rating in missing:
            fid = open_followup(s, ctx, rating.id, rating.at, actor.user_id, now)
            audit.append(s, at=now, actor=actor.username, action="followup.open", entity="rating_followup",
                         entity_id=fid, detail=rating.id)
    return len(missing)


@dataclass(frozen=True)
class FollowupView:
    id: str
    rated_at: dt.datetime
    level: RatingLevel
    case_number: str
    clerk: str
    comment: str
    owner: str
    contact_due: dt.date
    rectify_due: dt.date
    contacted_at: dt.datetime | None
    verification: str
    contact_note: str
    rectify_note: str
    evaluator_view: str
    closed_at: dt.datetime | None
    overdue: bool

    @property
    def stage(self) -> str:
        if self.closed_at:
            return "已办结"
        if not self.contacted_at:
            return "待回访"
        if self.verification == rules.Verification.FOUNDED and not self.rectify_note:
            return "待整改"
        return "待反馈" if not self.evaluator_view else "待办结"


def list_followups(ctx: ServiceContext, actor: Actor, *, open_only: bool = False) -> list[FollowupView]:
    actor.require("manager.view")
    today = ctx.now().date()
    q = (select(RatingFollowupRow, RatingRow, CaseRow.number)
         .join(RatingRow, RatingRow.id == RatingFollowupRow.rating_id)
         .outerjoin(CaseRow, CaseRow.id == RatingRow.case_id))
    if open_only:
        q = q.where(RatingFollowupRow.closed_at.is_(None))
    with ctx.store.read() as s:
        names = dict(s.execute(select(UserRow.id, UserRow.display_name)).all())
        rows = s.execute(q.order_by(RatingFollowupRow.rectify_due, RatingRow.at, RatingFollowupRow.id)).all()
    out = []
    for f, r, number in rows:
        late_contact = rules.is_overdue(f.contact_due, f.contacted_at.date() if f.contacted_at else None, today)
        late_close = rules.is_overdue(f.rectify_due, f.closed_at.date() if f.closed_at else None, today)
        level = cast(int, r.level)  # a follow-up is opened only for a bad rating, never for 'not rated'
        out.append(FollowupView(f.id, r.at, RatingLevel(level), number or "", names.get(r.clerk_id, r.clerk_id),
                                r.comment, names.get(f.owner_id, f.owner_id) if f.owner_id else "待指派", f.contact_due, f.rectify_due,
                                f.contacted_at, f.verification or "", f.contact_note, f.rectify_note,
                                f.evaluator_view, f.closed_at, late_contact or late_close))
    return out


def _record(f: RatingFollowupRow) -> rules.FollowupRecord:
    return rules.FollowupRecord(contacted=f.contacted_at is not None,
                                verification=rules.Verification(f.verification) if f.verification else None,
                                rectified=f.rectified_at is not None, feedback_given=f.feedback_at is not None,
                                closed=f.closed_at is not None)


def _update(ctx: ServiceContext, actor: Actor, followup_id: str, action: str,
            change: Callable[[RatingFollowupRow, dt.datetime], None]) -> None:
    actor.require("ledger.manage")
    now = ctx.now()
    with ctx.store.transaction() as s:
        f = s.get(RatingFollowupRow, followup_id)
        if f is None:
            raise UserError("followup.not_found")
        change(f, now)
        if f.owner_id == UNASSIGNED:  # opened with no supervisor on the counter: whoever acts owns it
            f.owner_id = actor.user_id
        audit.append(s, at=now, actor=actor.username, action=action, entity="rating_followup", entity_id=f.id)


def record_contact(ctx: ServiceContext, actor: Actor, followup_id: str, verification: str, note: str) -> None:
    v = rules.parse_verification(verification)

    def change(f: RatingFollowupRow, now: dt.datetime) -> None:
        rules.check_contact(_record(f), note)
        f.contacted_at, f.verification, f.contact_note = now, v.value, note.strip()
    _update(ctx, actor, followup_id, "followup.contact", change)


def record_rectification(ctx: ServiceContext, actor: Actor, followup_id: str, note: str) -> None:
    def change(f: RatingFollowupRow, now: dt.datetime) -> None:
        rules.check_rectify(_record(f), note)
        f.rectified_at, f.rectify_note = now, note.strip()
    _update(ctx, actor, followup_id, "followup.rectify", change)


def record_feedback(ctx: ServiceContext, actor: Actor, followup_id: str, evaluator_view: str) -> None:
    def change(f: RatingFollowupRow, now: dt.datetime) -> None:
        rules.check_feedback(_record(f), evaluator_view)
        f.feedback_at, f.evaluator_view = now, evaluator_view.strip()
    _update(ctx, actor, followup_id, "followup.feedback", change)


def close_followup(ctx: ServiceContext, actor: Actor, followup_id: str) -> None:
    def change(f: RatingFollowupRow, now: dt.datetime) -> None:
        rules.check_close(_record(f))
        f.closed_at, f.closed_by = now, actor.username
    _update(ctx, actor, followup_id, "followup.close", change)
