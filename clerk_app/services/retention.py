"""Retention: the counter PC is not the archive (一事一档 lives with the department). Closed cases
older than the retention period (default 90 days) are removed with their applicants' personal data,
but only once the center has confirmed every change of them: nothing of the case, its materials,
its history or its applicant may still wait in the sync outbox.

The purge runs by itself: ``RetentionScheduler`` purges at start-up and then once a day while the app
runs, on its own thread (never the GUI thread), as the system actor; each run is logged and audited.

Public API: ``purge_closed_cases``, ``PurgeResult``, ``DEFAULT_RETENTION_DAYS``, ``RetentionScheduler``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from clerk_app.domain.cases import CaseState
from clerk_app.domain.roles import SYSTEM, Actor
from clerk_app.errors import UserError
from clerk_app.services.context import ServiceContext
from clerk_app.services.housekeeping import DailyJob
from clerk_app.store import audit
from clerk_app.store.tables import (
    ApplicantRow,
    CaseEventRow,
    CaseMaterialRow,
    CaseRow,
    ComplaintRow,
    RatingRow,
)

log = logging.getLogger("clerk_app.security")
DEFAULT_RETENTION_DAYS = 90
CLOSED = (CaseState.ARCHIVED.value, CaseState.REJECTED.value, CaseState.WITHDRAWN.value)


@dataclass(frozen=True)
class PurgeResult:
    cases: int
    applicants: int
    waiting_for_server: int


def _unconfirmed_ids(s: Session) -> set[str] | None:
    """Entity ids with a change the center has not acknowledged; None when this PC has no outbox."""
    if s.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_outbox'")).first() is None:
        return None
    return set(s.execute(text("SELECT DISTINCT entity_id FROM sync_outbox WHERE status != 'acked'")).scalars())


def purge_closed_cases(ctx: ServiceContext, actor: Actor, *,
                       retention_days: int = DEFAULT_RETENTION_DAYS) -> PurgeResult:
    actor.require("case.archive")
    if isinstance(retention_days, bool) or not 1 <= retention_days <= 3650:
        raise UserError("retention.bad_days")
    from clerk_app.store.outbox import APPLYING

    now = ctx.now()
    with ctx.store.transaction() as s:
        # The purge is local housekeeping: the center keeps its copy, so these deletes must not sync.
        s.info[APPLYING] = True
        unconfirmed = _unconfirmed_ids(s)
        if unconfirmed is None:
            return PurgeResult(0, 0, 0)
        in_complaints = select(ComplaintRow.case_id).where(ComplaintRow.case_id.is_not(None))
        candidates = s.scalars(select(CaseRow).where(CaseRow.state.in_(CLOSED),
                                                     CaseRow.updated_at < now - timedelta(days=retention_days),
                                                     CaseRow.id.not_in(in_complaints))).all()
        purge, waiting = [], 0
        for case in candidates:
            children = set(s.scalars(select(CaseMaterialRow.id).where(CaseMaterialRow.case_id == case.id)))
            children |= set(s.scalars(select(CaseEventRow.id).where(CaseEventRow.case_id == case.id)))
            if {case.id, case.applicant_id, case.agent_id, *children} & unconfirmed:
                waiting += 1
            else:
                purge.append(case)
        ids = [c.id for c in purge]
        people = {c.applicant_id for c in purge} | {c.agent_id for c in purge if c.agent_id}
        if ids:
            s.execute(update(RatingRow).where(RatingRow.case_id.in_(ids)).values(case_id=None))
            for case in purge:
                s.delete(case)  # materials and history go with it (ON DELETE CASCADE)
            s.flush()
        still_used = set(s.scalars(select(CaseRow.applicant_id).where(CaseRow.applicant_id.in_(people))))
        still_used |= set(s.scalars(select(CaseRow.agent_id).where(CaseRow.agent_id.in_(people))))
        still_used |= set(s.scalars(select(ComplaintRow.complainant_id).where(ComplaintRow.complainant_id.in_(people))))
        gone = people - still_used - unconfirmed
        for row in s.scalars(select(ApplicantRow).where(ApplicantRow.id.in_(gone))):
            s.delete(row)
        audit.append(s, at=now, actor=actor.username, action="retention.purge", entity="case", entity_id="*",
                     detail=f"{len(ids)} cases, {len(gone)} applicants, {waiting} waiting; {retention_days} days")
    return PurgeResult(cases=len(ids), applicants=len(gone), waiting_for_server=waiting)


class RetentionScheduler(DailyJob[PurgeResult]):
    """Purges at ``start()`` and then every ``interval`` until ``stop()`` (services/housekeeping.py)."""

    name, what = "retention", "retention purge"
    log = log

    def __init__(self, ctx: ServiceContext, *, retention_days: int | None = None,
                 interval: timedelta = timedelta(days=1)) -> None:
        super().__init__(interval=interval)
        self.ctx = ctx
        configured: int = getattr(ctx.settings, "retention_days", DEFAULT_RETENTION_DAYS)
        self.retention_days = retention_days or configured

    def work(self) -> PurgeResult:
        return purge_closed_cases(self.ctx, SYSTEM, retention_days=self.retention_days)

    def describe(self, result: PurgeResult) -> str:
        return (f"{self.what}: {result.cases} closed cases and {result.applicants} applicants removed, "
                f"{result.waiting_for_server} waiting for the center (older than {self.retention_days} days)")
