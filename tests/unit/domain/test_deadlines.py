"""Deadlines: the day-0 rule, holidays and 调休, unknown years, suspensions, extensions, status."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.domain.deadlines import (
    DeadlineStatus,
    DueDate,
    Extension,
    Suspension,
    compute_due,
    deadline_status,
    one_time_notice_deadline,
)
from clerk_app.domain.matters import LimitUnit, TimeLimit
from clerk_app.domain.workdays import WorkCalendar, YearSchedule, builtin_schedules, parse_year_schedule
from clerk_app.errors import DomainError

D = date.fromisoformat
WD = LimitUnit.WORKING_DAYS
CD = LimitUnit.CALENDAR_DAYS


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar(base=builtin_schedules())


def due(cal: WorkCalendar, accepted: str, n: int, unit: LimitUnit = WD, **kw) -> DueDate:  # type: ignore[no-untyped-def]
    result = compute_due(cal, D(accepted), TimeLimit(n, unit), **kw)
    assert result is not None
    return result


# domain-rules.md §2.2, computed by hand from the State Council notice.
@pytest.mark.parametrize(
    ("accepted", "n", "expected"),
    [
        ("2026-02-13", 3, "2026-02-25"),  # Sat 02-14 is a make-up day, 02-15..23 Spring Festival
        ("2026-09-30", 5, "2026-10-13"),  # Sat 10-10 counts
        ("2026-09-29", 20, "2026-11-02"),
    ],
)
def test_domain_rules_table(cal: WorkCalendar, accepted: str, n: int, expected: str) -> None:
    assert due(cal, accepted, n) == DueDate(D(expected), provisional=False)


def test_across_2025_national_day_the_sunday_make_up_day_counts(cal: WorkCalendar) -> None:
    # Fri 09-26 → Sun 09-28 (1, make-up), 09-29 (2), 09-30 (3), 10-01..08 off, 10-09 (4), 10-10 (5).
    assert due(cal, "2025-09-26", 5) == DueDate(D("2025-10-10"), False)
    # ... Sat 10-11 (6, make-up), 10-13..16 (7-10).
    assert due(cal, "2025-09-26", 10) == DueDate(D("2025-10-16"), False)
    weekends_only = WorkCalendar(estimate=False)
    assert due(weekends_only, "2025-09-26", 5).date == D("2025-10-03")


def test_spring_festival_2026(cal: WorkCalendar) -> None:
    # Thu 02-12 → 02-13 (1), Sat 02-14 (2), 02-24 (3), 02-25..27 (4-6), Sat 02-28 (7).
    assert due(cal, "2026-02-12", 7) == DueDate(D("2026-02-28"), False)
    # Accepted during the holiday: counting starts after it.
    assert due(cal, "2026-02-17", 1) == DueDate(D("2026-02-24"), False)


def test_into_2027_is_provisional_until_its_schedule_is_imported(cal: WorkCalendar) -> None:
    # Thu 2026-12-10 + 20: 12-11 (1), 12-14..18, 12-21..25, 12-28..31 (15), then 2027 estimated: 01-04..08.
    first = due(cal, "2026-12-10", 20)
    assert first == DueDate(D("2027-01-08"), provisional=True)  # estimated 元旦 Fri 01-01 off
    y2027 = parse_year_schedule({"year": 2027, "source": "测试用安排", "official": True,
                                 "holiday": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}]}, "t")
    second = due(cal.with_schedule(y2027), "2026-12-10", 20)
    assert second == DueDate(D("2027-01-08"), provisional=False)


def test_period_wholly_before_2027_is_not_provisional(cal: WorkCalendar) -> None:
    assert due(cal, "2026-12-10", 10).provisional is False


def test_suspension_stops_the_clock(cal: WorkCalendar) -> None:
    plain = due(cal, "2026-03-02", 5)
    assert plain.date == D("2026-03-09")
    inspection = Suspension(D("2026-03-04"), D("2026-03-05"), "检验")
    # 03-03 (1), 03-04/05 stopped, 03-06 (2), 03-09..11 (3-5).
    assert due(cal, "2026-03-02", 5, suspensions=[inspection]) == DueDate(D("2026-03-11"), False)
    # Suspended days that are not working days cost nothing.
    weekend = Suspension(D("2026-03-07"), D("2026-03-08"), "专家评审")
    assert due(cal, "2026-03-02", 5, suspensions=[weekend]).date == D("2026-03-09")


def test_open_suspension_projects_from_today_and_is_paused(cal: WorkCalendar) -> None:
    hearing = Suspension(D("2026-03-04"), None, "听证")
    result = due(cal, "2026-03-02", 5, suspensions=[hearing], today=D("2026-03-10"))
    assert result == DueDate(D("2026-03-16"), provisional=False, paused=True)
    assert deadline_status(cal, result, D("2026-03-15")) is DeadlineStatus.ON_TIME
    with pytest.raises(ValueError):
        compute_due(cal, D("2026-03-02"), TimeLimit(5, WD), [hearing])


def test_extension_adds_working_days(cal: WorkCalendar) -> None:
    extended = due(cal, "2026-03-02", 20, extensions=[Extension(10, "情况复杂，经负责人批准延长")])
    assert extended.date == cal.add_working_days(D("2026-03-02"), 30)[0]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: Suspension(D("2026-03-05"), D("2026-03-04"), "检验"), "早于开始日期"),
        (lambda: Suspension(D("2026-03-05"), None, " "), "写明原因"),
        (lambda: Extension(0, "x"), "正数"),
        (lambda: Extension(10, ""), "写明理由"),
    ],
)
def test_bad_suspension_or_extension(make, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError, match=words):
        make()


def test_calendar_days(cal: WorkCalendar) -> None:
    assert due(cal, "2026-09-20", 10, CD) == DueDate(D("2026-09-30"), False)
    assert due(cal, "2026-09-21", 10, CD) == DueDate(D("2026-10-08"), False)  # 10-01 is a holiday
    assert due(cal, "2026-02-10", 4, CD) == DueDate(D("2026-02-14"), False)  # make-up Saturday is a working day
    assert due(cal, "2026-03-02", 5, CD) == DueDate(D("2026-03-09"), False)  # Sat 03-07 → Mon
    stopped = Suspension(D("2026-03-03"), D("2026-03-04"), "检测")
    assert due(cal, "2026-03-02", 3, CD, suspensions=[stopped]).date == D("2026-03-09")  # 03-07 Sat → Mon
    # 01-01 is the estimated 元旦 (放假办法): the period runs on to Mon 01-04, still provisional
    assert due(cal, "2026-12-25", 7, CD) == DueDate(D("2027-01-04"), True)


def test_immediate_and_none(cal: WorkCalendar) -> None:
    assert compute_due(cal, D("2026-10-10"), TimeLimit(0, LimitUnit.IMMEDIATE)) == DueDate(D("2026-10-10"), False)
    assert compute_due(cal, D("2026-10-10"), TimeLimit(0, LimitUnit.NONE)) is None


def test_status_due_soon_counts_working_days(cal: WorkCalendar) -> None:
    target = DueDate(D("2026-02-25"), False)
    assert deadline_status(cal, target, D("2026-02-13")) is DeadlineStatus.ON_TIME  # 2 working days: 02-14, 02-24
    assert deadline_status(cal, target, D("2026-02-13"), soon_days=3) is DeadlineStatus.DUE_SOON
    assert deadline_status(cal, target, D("2026-02-24")) is DeadlineStatus.DUE_SOON
    assert deadline_status(cal, target, D("2026-02-25")) == "due_soon"
    assert deadline_status(cal, target.date, D("2026-02-26")) == "overdue"
    assert deadline_status(cal, None, D("2030-01-01")) is DeadlineStatus.ON_TIME


def test_one_time_notice_is_five_working_days(cal: WorkCalendar) -> None:
    # Tue 09-29 → 09-30 (1), 10-08 (2), 10-09 (3), Sat 10-10 (4), 10-12 (5).
    assert one_time_notice_deadline(cal, D("2026-09-29")) == DueDate(D("2026-10-12"), False)
    assert one_time_notice_deadline(cal, D("2026-12-28")).provisional is True


def test_typhoon_closure_moves_the_deadline(cal: WorkCalendar) -> None:
    base = builtin_schedules()[2026]
    closed = YearSchedule(2026, base.holidays | {D("2026-03-04")}, base.makeup_workdays, "台风停工", True)
    assert due(cal.with_schedule(closed), "2026-03-02", 5).date == D("2026-03-10")
