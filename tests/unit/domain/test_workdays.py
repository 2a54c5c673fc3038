"""The working-day calendar: built-in years, files, unknown years and counting."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.domain.workdays import (
    DayKind,
    WorkCalendar,
    YearSchedule,
    builtin_schedules,
    parse_year_schedule,
)
from clerk_app.errors import DomainError
from clerk_app.paths import RESOURCES

D = date.fromisoformat


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar(base=builtin_schedules())


def test_builtin_years_agree_with_chinese_calendar_on_every_day(cal: WorkCalendar) -> None:
    assert list(builtin_schedules()) == list(range(2004, 2027))
    d = date(2004, 1, 1)
    while d.year <= 2026:
        assert cal.is_working_day(d) == chinese_calendar.is_workday(d), d
        d += timedelta(days=1)


def test_day_kinds_around_2025_national_day(cal: WorkCalendar) -> None:
    assert cal.day_kind(D("2025-09-28")) is DayKind.MAKEUP_WORKING  # Sunday worked
    assert cal.day_kind(D("2025-10-01")) is DayKind.HOLIDAY
    assert cal.day_kind(D("2025-10-08")) is DayKind.HOLIDAY  # Wednesday, still off
    assert cal.day_kind(D("2025-10-11")) is DayKind.MAKEUP_WORKING
    assert cal.day_kind(D("2025-10-12")) is DayKind.WEEKEND
    assert cal.day_kind(D("2025-10-09")) is DayKind.WORKING
    names = {p.name: (p.start, p.end) for p in builtin_schedules()[2025].holiday_periods()}
    assert names["国庆节、中秋节"] == (D("2025-10-01"), D("2025-10-08")) and names["春节"] == (D("2025-01-28"), D("2025-02-04"))


def test_shipped_2026_file_matches_the_package(cal: WorkCalendar) -> None:
    path = RESOURCES / "calendar" / "2026.toml"
    s = parse_year_schedule(tomllib.loads(path.read_text(encoding="utf-8")), path.name)
    builtin = builtin_schedules()[2026]
    assert s.official and s.holidays == builtin.holidays and s.makeup_workdays == builtin.makeup_workdays
    assert sorted(s.makeup_workdays) == [D(x) for x in ("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09",
                                                        "2026-09-20", "2026-10-10")]
    assert [p.name for p in s.holiday_periods()] == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
    assert len(s.holidays) == 3 + 9 + 3 + 5 + 3 + 3 + 7


def test_adding_working_days_across_new_year_uses_the_sunday_make_up_day(cal: WorkCalendar) -> None:
    assert cal.add_working_days(D("2025-12-31"), 1) == (D("2026-01-04"), False)
    assert cal.add_working_days(D("2026-03-02"), 0) == (D("2026-03-02"), False)


def test_a_year_without_schedule_is_estimated_by_the_holiday_rules_and_provisional(cal: WorkCalendar) -> None:
    """domain-rules §2.3: 全国年节及纪念日放假办法 (2024) — fixed and lunar holidays, weekend days made up."""
    assert not cal.known_year(2027) and cal.schedule(2027) is None
    assert not cal.is_working_day(D("2027-01-01"))  # 元旦, a Friday
    assert not cal.is_working_day(D("2027-01-02"))
    assert cal.add_working_days(D("2026-12-30"), 3) == (D("2027-01-05"), True)
    # 春节 2027: 除夕 Fri 02-05 to 初三 Mon 02-08, Sat/Sun 初一/初二 made up on 02-09 and 02-10
    assert [cal.is_working_day(D(f"2027-02-{d:02d}")) for d in range(4, 12)] == [
        True, False, False, False, False, False, False, True]
    # 清明 (solar term) 04-05, 端午 06-09, 中秋 09-15 (lunar), 国庆 10-01..03 + made-up 10-04, 10-05
    for d in ("2027-04-05", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-05"):
        assert not cal.is_working_day(D(d)), d
    assert cal.is_working_day(D("2027-10-06"))
    weekends_only = WorkCalendar(base=builtin_schedules(), estimate=False)
    assert weekends_only.is_working_day(D("2027-01-01"))
    assert cal.add_working_days(D("2026-12-28"), 3) == (D("2026-12-31"), False)


def test_imported_schedule_overrides_and_makes_the_year_known(cal: WorkCalendar) -> None:
    y2027 = YearSchedule(2027, frozenset({D("2027-01-01")}), frozenset(), source="测试", official=True)
    cal2 = cal.with_schedule(y2027)
    assert cal2.known_year(2027) and not cal.known_year(2027)
    assert cal2.add_working_days(D("2026-12-30"), 3) == (D("2027-01-05"), False)
    typhoon = builtin_schedules()[2026]
    closed = YearSchedule(2026, typhoon.holidays | {D("2026-03-03")}, typhoon.makeup_workdays, source="台风停工",
                          official=True)
    cal3 = WorkCalendar([closed], base=builtin_schedules())
    assert not cal3.is_working_day(D("2026-03-03")) and cal.is_working_day(D("2026-03-03"))


def test_draft_schedule_is_used_but_stays_provisional(cal: WorkCalendar) -> None:
    draft = YearSchedule(2027, frozenset({D("2027-01-01")}), frozenset(), source="预估", official=False)
    cal2 = cal.with_schedule(draft)
    assert not cal2.known_year(2027)
    assert cal2.add_working_days(D("2026-12-30"), 3) == (D("2027-01-05"), True)


def test_negative_days_are_refused(cal: WorkCalendar) -> None:
    with pytest.raises(DomainError, match="不能为负数"):
        cal.add_working_days(D("2026-03-02"), -1)
    with pytest.raises(DomainError, match="超出范围"):
        cal.add_working_days(D("2026-03-02"), 10_001)


def test_working_days_between(cal: WorkCalendar) -> None:
    assert cal.working_days_between(D("2026-02-13"), D("2026-02-25")) == 3
    assert cal.working_days_between(D("2026-02-25"), D("2026-02-13")) == -3
    assert cal.working_days_between(D("2026-10-01"), D("2026-10-07")) == 0
    assert cal.next_working_day(D("2026-10-01")) == D("2026-10-08")
    assert cal.next_working_day(D("2026-10-10")) == D("2026-10-10")


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)), st.integers(0, 80))
def test_between_inverts_add(start: date, n: int) -> None:
    cal = WorkCalendar(base=builtin_schedules())
    due, provisional = cal.add_working_days(start, n)
    assert cal.working_days_between(start, due) == n
    assert n == 0 or cal.is_working_day(due)
    assert provisional == (due.year > 2026 or (n == 0 and start.year > 2026))


def test_schedule_invariants() -> None:
    with pytest.raises(DomainError, match="其他年份"):
        YearSchedule(2026, frozenset({D("2027-01-01")}), frozenset(), source="x", official=True)
    with pytest.raises(DomainError, match="既是放假日又是调休上班日"):
        YearSchedule(2026, frozenset({D("2026-01-04")}), frozenset({D("2026-01-04")}), source="x", official=True)


# -- the file format ----------------------------------------------------------------------------------
def good() -> dict[str, Any]:
    return {
        "year": 2027, "source": "国务院办公厅 测试通知", "official": True,
        "makeup_workdays": [D("2027-02-06"), "2027-02-20"],
        "holiday": [{"name": "元旦", "start": D("2027-01-01"), "end": D("2027-01-03")},
                    {"name": "春节", "start": "2027-02-07", "end": "2027-02-15"},
                    {"name": "劳动节", "start": D("2027-05-01")}],
    }


def test_good_schedule_parses() -> None:
    s = parse_year_schedule(good(), "2027.toml")
    assert s.year == 2027 and s.official and s.source == "国务院办公厅 测试通知"
    assert D("2027-02-15") in s.holidays and D("2027-05-01") in s.holidays and len(s.holidays) == 3 + 9 + 1
    assert s.makeup_workdays == {D("2027-02-06"), D("2027-02-20")}


def _with(**changes: Any) -> dict[str, Any]:
    d = good()
    for k, v in changes.items():
        if v is None:
            d.pop(k)
        else:
            d[k] = v
    return d


def _holiday(i: int, **changes: Any) -> dict[str, Any]:
    d = good()
    d["holiday"][i].update(changes)
    return d


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (["not", "a", "table"], ["一张表"]),
        (_with(yaer=2027), ["未知字段“yaer”"]),
        (_with(year=None), ["“year”"]),
        (_with(year="2027"), ["“year”", "'2027'"]),
        (_with(year=True), ["“year”"]),
        (_with(source=None), ["缺少字段“source”"]),
        (_with(official=None), ["“official”"]),
        (_with(official="yes"), ["“official”"]),
        (_with(holiday=None), ["[[holiday]]"]),
        (_with(holiday=[]), ["[[holiday]]"]),
        (_with(published="soon"), ["“published”"]),
        (_holiday(0, name=""), ["第 1 个 [[holiday]]", "“name”"]),
        (_holiday(1, start="2027-02-30"), ["第 2 个 [[holiday]]（春节）", "“start”", "2027-02-30"]),
        (_holiday(1, end="2026-02-15"), ["（春节）", "“end”", "不在 2027 年内"]),
        (_holiday(1, end="2027-02-01"), ["早于开始日期"]),
        (_holiday(1, end="2027-04-01"), ["超过 31 天"]),
        (_holiday(1, start="2027-01-03", end="2027-01-10"), ["重叠", "元旦", "春节"]),
        (_holiday(2, makeup_workdays=[]), ["第 3 个 [[holiday]]（劳动节）", "未知字段“makeup_workdays”",
                                           "移到第一个 [[holiday]] 之前"]),
        (_holiday(0, start=D("2027-01-01").isoformat() + "T08:00"), ["“start”"]),
        (_with(makeup_workdays=["2027-02-08"]), ["“makeup_workdays”第 1 项", "星期一", "周六或周日"]),
        (_with(makeup_workdays=["2027-02-13"]), ["同时在放假安排中"]),
        (_with(makeup_workdays=["2027-02-06", "2027-02-06"]), ["第 2 项", "重复"]),
        (_with(makeup_workdays=["2026-12-26"]), ["不在 2027 年内"]),
        (_with(makeup_workdays="2027-02-06"), ["日期列表"]),
    ],
)
def test_bad_schedule_is_refused_with_file_and_field(data: Any, words: list[str]) -> None:
    with pytest.raises(DomainError) as err:
        parse_year_schedule(data, "坏文件.toml")
    assert "日历文件 坏文件.toml" in err.value.message
    for w in words:
        assert w in err.value.message, err.value.message


def test_datetime_value_is_refused() -> None:
    from datetime import datetime

    with pytest.raises(DomainError, match="不要带时间"):
        parse_year_schedule(_holiday(0, start=datetime(2027, 1, 1, 8, 0)), "x.toml")


def test_resources_dir_holds_only_valid_files() -> None:
    files = sorted(Path(RESOURCES / "calendar").glob("*.toml"))
    assert files
    for f in files:
        s = parse_year_schedule(tomllib.loads(f.read_text(encoding="utf-8")), f.name)
        assert f.stem == str(s.year)
