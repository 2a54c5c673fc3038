"""The one deadline policy (``domain.deadline_policy``) as SQL, for the views that count many cases:
the clerk's list and 催办 count, the dashboard, the ranking and the reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from clerk_app.domain.deadline_policy import DECISION_CLOCK, INTAKE_CLOCK, soon_horizon
from clerk_app.domain.deadlines import DeadlineStatus
from clerk_app.services.context import ServiceContext
from clerk_app.store.tables import CaseRow


def deadline_column() -> Any:
    """The running deadline of each case row (``domain.deadline_policy.running_deadline``), or NULL."""
    return case(
        (CaseRow.state.in_([s.value for s in INTAKE_CLOCK]), CaseRow.notice_due),
        (and_(CaseRow.state.in_([s.value for s in DECISION_CLOCK]), CaseRow.clock_paused.is_not(True)),
         CaseRow.due_date),
        else_=None)


def horizon(ctx: ServiceContext, today: dt.date) -> dt.date:
    return soon_horizon(ctx.calendar, today, ctx.settings.due_soon_working_days)


def status_clause(status: DeadlineStatus, today: dt.date, last_soon: dt.date) -> Any:
    """The WHERE clause of ``domain.deadline_policy.classify`` == ``status``."""
    col = deadline_column()
    if status is DeadlineStatus.OVERDUE:
        return col < today
    if status is DeadlineStatus.DUE_SOON:
        return and_(col >= today, col <= last_soon)
    return col > last_soon


def counts(ctx: ServiceContext, s: Session, today: dt.date) -> dict[DeadlineStatus, int]:
    """How many cases are overdue and due soon today; the one pair of numbers every view shows."""
    last = horizon(ctx, today)
    return {st: int(s.scalar(select(func.count()).select_from(CaseRow).where(status_clause(st, today, last))) or 0)
            for st in (DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON)}
