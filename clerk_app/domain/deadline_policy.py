"""One deadline policy for every view: which cases have a clock running, which deadline that clock
has, and whether the case is open, due soon or overdue (issue 16 item 3).

The clerk's 催办 count and list, the supervisor's dashboard, the ranking and the reports all ask
this module (through ``services.deadline_policy`` for SQL), so their numbers agree.

Two clocks:
- at intake (已接件) the 一次性告知 must come within five working days of receipt (行政许可法 第32条);
  the deadline is the case's ``notice_due``;
- from acceptance until the decision (已受理, 已流转, 部门补件) the promised time limit runs
  (seed 001 §5.3.3 限时办结); the deadline is ``due_date``. A stopped clock (第45条) is not due.
After the decision (已办结, 待出件 …) no time limit runs: those cases are never "due soon".
"""

from __future__ import annotations

import datetime as dt

from clerk_app.domain.cases import CaseState
from clerk_app.domain.deadlines import DeadlineStatus
from clerk_app.domain.workdays import WorkCalendar

INTAKE_CLOCK = frozenset({CaseState.RECEIVED})
DECISION_CLOCK = frozenset({CaseState.ACCEPTED, CaseState.TRANSFERRED, CaseState.BACKOFFICE_SUPPLEMENT})


def running_deadline(state: CaseState, due_date: dt.date | None, notice_due: dt.date | None,
                     paused: bool = False) -> dt.date | None:
    """The deadline whose clock is running for a case in ``state``; None when no clock runs."""
    if state in INTAKE_CLOCK:
        return notice_due
    if state in DECISION_CLOCK and not paused:
        return due_date
    return None


def soon_horizon(cal: WorkCalendar, today: dt.date, soon_days: int) -> dt.date:
    """The last day counted as "due soon": ``soon_days`` working days from today."""
    return cal.add_working_days(today, soon_days)[0]


def classify(deadline: dt.date | None, today: dt.date, horizon: dt.date) -> DeadlineStatus | None:
    """None when no clock runs; otherwise overdue after the deadline day, due soon up to the horizon."""
    if deadline is None:
        return None
    if deadline < today:
        return DeadlineStatus.OVERDUE
    return DeadlineStatus.DUE_SOON if deadline <= horizon else DeadlineStatus.ON_TIME
