"""Promised and statutory deadlines (行政许可法 第32, 42, 45, 82条; domain-rules.md §2.1).

Public API:
    Suspension(start, end, reason), Extension(days, reason), DueDate(date, provisional, paused)
    compute_due(cal, accepted, limit, suspensions=(), extensions=(), *, today=None) -> DueDate | None
    deadline_status(cal, due, today, soon_days=2) -> DeadlineStatus ("on_time" | "due_soon" | "overdue")
    one_time_notice_deadline(cal, received) -> DueDate
    acceptance_counts_from(cal, received, accepted, notified=None, resubmitted=None) -> date
    clock_to_data(suspensions, extensions) / clock_from_data(data)
    ONE_TIME_NOTICE_DAYS, SUSPENSION_REASONS

Counting starts on the day after acceptance (acceptance = day 0); the due date is the N-th counted
day. Days inside a suspension (检验, 检测, 鉴定, 专家评审, 听证 … under 第45条, or a 补正 wait when a
local rule stops the clock for it) are not counted; extensions (第42条) add days to the limit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from clerk_app.domain.matters import LimitUnit, TimeLimit
from clerk_app.domain.workdays import ONE_DAY, WorkCalendar
from clerk_app.errors import DomainError

# 行政许可法 第32条: the applicant is told everything missing at once, "on the spot or within 5 days";
# 第82条 makes the law's periods working days.
ONE_TIME_NOTICE_DAYS = 5
DEFAULT_SOON_DAYS = 2


@dataclass(frozen=True)
class Suspension:
    """The clock stops from ``start`` to ``end`` inclusive; ``end`` is None while it is still stopped."""

    start: dt.date
    end: dt.date | None
    reason: str

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise DomainError("deadline.pause_reason_missing")
        if self.end is not None and self.end < self.start:
            raise DomainError("deadline.pause_ends_before_start", reason=self.reason, end=self.end.isoformat(), start=self.start.isoformat())


@dataclass(frozen=True)
class Extension:
    """第42条: an extension needs a reason and the approval of the head of the administrative body;
    ``approver`` is the supervisor who recorded that approval."""

    days: int
    reason: str
    approver: str = ""
    on: dt.date | None = None

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise DomainError("deadline.extension_reason_missing")
        if self.days <= 0:
            raise DomainError("deadline.extension_not_positive", days=self.days)


# 行政许可法 第45条: the procedures whose time is not counted in the limit (seed 001 §5.1.2 特别程序).
SUSPENSION_REASONS = ("听证", "招标", "拍卖", "检验", "检测", "检疫", "鉴定", "专家评审", "现场核查", "公示")
# 第42条 (and seed 001 §5.3.3): an extension of at most ten working days for a 20-day decision.
MAX_EXTENSION_DAYS = 10


@dataclass(frozen=True)
class DueDate:
    date: dt.date
    provisional: bool  # a counted day lies in a year without an official holiday schedule
    paused: bool = False  # a suspension is still open: ``date`` assumes the clock restarts tomorrow


class DeadlineStatus(StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


def _stopped(suspensions: Sequence[Suspension], today: dt.date | None) -> tuple[Callable[[dt.date], bool], bool]:
    spans: list[tuple[dt.date, dt.date]] = []
    paused = False
    for s in suspensions:
        end = s.end
        if end is None:
            if today is None:
                raise ValueError("an open suspension needs today to project the due date")
            end, paused = max(s.start, today), True
        spans.append((s.start, end))
    return (lambda d: any(a <= d <= b for a, b in spans)), paused


def compute_due(cal: WorkCalendar, accepted: dt.date, limit: TimeLimit, suspensions: Iterable[Suspension] = (),
                extensions: Iterable[Extension] = (), *, today: dt.date | None = None) -> DueDate | None:
    """The due date for a case accepted on ``accepted``; None when the matter has no time limit."""
    if limit.unit is LimitUnit.NONE:
        return None
    if limit.unit is LimitUnit.IMMEDIATE:
        return DueDate(accepted, provisional=False)
    if limit.value < 0:
        raise DomainError("deadline.negative_limit", limit=limit)
    total = limit.value + sum(e.days for e in extensions)
    stopped, paused = _stopped(tuple(suspensions), today)
    d, left = accepted, total
    if limit.unit is LimitUnit.WORKING_DAYS:
        while left:
            d += ONE_DAY
            if cal.is_working_day(d) and not stopped(d):
                left -= 1
        first = accepted + ONE_DAY if total else accepted
        return DueDate(d, cal.provisional_between(first, d), paused)
    while left:
        d += ONE_DAY
        if not stopped(d):
            left -= 1
    # 民法典 第203条: a calendar-day period ending on a holiday runs to the next working day.
    due = cal.next_working_day(d)
    return DueDate(due, cal.provisional_between(d, due), paused)


def deadline_status(cal: WorkCalendar, due: DueDate | dt.date | None, today: dt.date,
                    soon_days: int = DEFAULT_SOON_DAYS) -> DeadlineStatus:
    """Overdue after the due day; due soon when the due day is at most ``soon_days`` working days away."""
    if due is None:
        return DeadlineStatus.ON_TIME
    if isinstance(due, DueDate):
        if due.paused:
            return DeadlineStatus.ON_TIME
        due = due.date
    if today > due:
        return DeadlineStatus.OVERDUE
    horizon, _ = cal.add_working_days(today, soon_days)
    return DeadlineStatus.DUE_SOON if due <= horizon else DeadlineStatus.ON_TIME


def one_time_notice_deadline(cal: WorkCalendar, received: dt.date) -> DueDate:
    """Last day to give the one-time notice of missing materials for materials received on ``received``."""
    day, provisional = cal.add_working_days(received, ONE_TIME_NOTICE_DAYS)
    return DueDate(day, provisional)


def acceptance_counts_from(cal: WorkCalendar, received: dt.date, accepted: dt.date, notified: dt.date | None = None,
                           resubmitted: dt.date | None = None) -> dt.date:
    """The day a case's time limit counts from (行政许可法 第32条; domain-rules.md §2.1).

    Without a 一次性告知 within five working days of receipt, the application counts as accepted on
    the day it was received: a late acceptance (or a late notice) does not move the start. After a
    timely notice the applicant's 补正 is a new receipt, and the same five days run from it.
    """
    deadline = one_time_notice_deadline(cal, received).date
    if notified is None:
        return accepted if accepted <= deadline else received
    if notified > deadline:
        return received
    if resubmitted is None:
        return accepted
    return acceptance_counts_from(cal, resubmitted, accepted)


def clock_to_data(suspensions: Sequence[Suspension], extensions: Sequence[Extension]) -> dict[str, object]:
    """The clock stops and extensions as plain data (stored as JSON on the case, synced with it)."""
    return {
        "suspensions": [{"start": s.start.isoformat(), "end": s.end.isoformat() if s.end else None,
                         "reason": s.reason} for s in suspensions],
        "extensions": [{"days": e.days, "reason": e.reason, "approver": e.approver,
                        "on": e.on.isoformat() if e.on else None} for e in extensions],
    }


def clock_from_data(data: object) -> tuple[list[Suspension], list[Extension]]:
    if not isinstance(data, dict):
        return [], []
    sus = [Suspension(dt.date.fromisoformat(x["start"]), dt.date.fromisoformat(x["end"]) if x.get("end") else None,
                      x["reason"]) for x in data.get("suspensions", [])]
    ext = [Extension(int(x["days"]), x["reason"], x.get("approver", ""),
                     dt.date.fromisoformat(x["on"]) if x.get("on") else None) for x in data.get("extensions", [])]
    return sus, ext
