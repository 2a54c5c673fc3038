"""Our own working-day calendar: statutory holidays and make-up working days (调休上班), year by year.

Public API:
    DayKind, HolidayPeriod, YearSchedule, WorkCalendar
    builtin_schedules() -> Mapping[int, YearSchedule]     (from chinese_calendar, built lazily per year)
    parse_year_schedule(data, source_name) -> YearSchedule (a year-schedule file, already parsed from TOML)

A year without a published schedule is estimated (``estimated_schedule``): the statutory holidays of
the 全国年节及纪念日放假办法 in force (元旦, 春节 four days from 除夕, 清明, 劳动节 two days, 端午, 中秋,
国庆 three days) from the lunar calendar and the solar terms, a day falling on a weekend made up on
the next working day (办法 第六条). The State Council's 调休 cannot be foreseen, so every result
touching such a year stays provisional and is recomputed when the real schedule arrives.
chinese_calendar raises NotImplementedError outside its table, so it is read only to seed the
built-in years and for the 清明 solar term, never asked for holidays at counting time
(domain-rules.md §2.3, §2.5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

from clerk_app.domain.text import unsafe_text
from clerk_app.errors import DomainError
from clerk_app.messages import Text

ONE_DAY = dt.timedelta(days=1)
MIN_YEAR, MAX_YEAR = 2000, 2100
# A year has about 30 holiday days; the cap keeps a typo such as end = 2026-12-01 from passing.
MAX_PERIOD_DAYS = 31
# About forty years of working days: far beyond any legal limit, short enough to answer at once.
MAX_WORKING_DAYS = 10_000


class DayKind(StrEnum):
    WORKING = "working"  # an ordinary Monday–Friday
    HOLIDAY = "holiday"  # a statutory holiday or a day off of its 调休 block
    MAKEUP_WORKING = "makeup_working"  # a Saturday or Sunday that is worked (调休上班)
    WEEKEND = "weekend"  # an ordinary Saturday or Sunday


@dataclass(frozen=True)
class HolidayPeriod:
    name: str
    start: dt.date
    end: dt.date

    def days(self) -> Iterator[dt.date]:
        d = self.start
        while d <= self.end:
            yield d
            d += ONE_DAY


@dataclass(frozen=True)
class YearSchedule:
    year: int
    holidays: frozenset[dt.date]
    makeup_workdays: frozenset[dt.date]
    source: str
    official: bool
    periods: tuple[HolidayPeriod, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        outside = sorted(d for d in self.holidays | self.makeup_workdays if d.year != self.year)
        if outside:
            raise DomainError("calendar.other_year", year=self.year, day=outside[0].isoformat())
        both = sorted(self.holidays & self.makeup_workdays)
        if both:
            raise DomainError("calendar.holiday_and_workday", year=self.year, day=both[0].isoformat())

    def day_kind(self, d: dt.date) -> DayKind:
        if d in self.makeup_workdays:
            return DayKind.MAKEUP_WORKING
        if d in self.holidays:
            return DayKind.HOLIDAY
        return DayKind.WEEKEND if d.weekday() >= 5 else DayKind.WORKING

    def holiday_periods(self) -> tuple[HolidayPeriod, ...]:
        """Named periods when known, otherwise runs of consecutive holiday days."""
        if self.periods:
            return self.periods
        runs: list[HolidayPeriod] = []
        for d in sorted(self.holidays):
            if runs and runs[-1].end + ONE_DAY == d:
                runs[-1] = HolidayPeriod(runs[-1].name, runs[-1].start, d)
            else:
                runs.append(HolidayPeriod("假期", d, d))
        return tuple(runs)


class WorkCalendar:
    """Working days from year schedules; ``schedules`` override ``base`` year by year (later wins)."""

    def __init__(self, schedules: Iterable[YearSchedule] = (), *, base: Mapping[int, YearSchedule] | None = None,
                 estimate: bool = True) -> None:
        self._base: Mapping[int, YearSchedule] = base if base is not None else {}
        self._own: dict[int, YearSchedule] = {}
        self._estimate = estimate  # False: a year without a schedule counts weekends only
        for s in schedules:
            self._own[s.year] = s

    def with_schedule(self, schedule: YearSchedule) -> WorkCalendar:
        """A new calendar with ``schedule`` overriding its year (this one is left as it was)."""
        return WorkCalendar([*self._own.values(), schedule], base=self._base, estimate=self._estimate)

    def schedule(self, year: int) -> YearSchedule | None:
        own = self._own.get(year)
        if own is not None:
            return own
        return self._base.get(year)

    def known_year(self, year: int) -> bool:
        """True when an official schedule covers ``year``, so deadlines in it are not provisional."""
        s = self.schedule(year)
        return s is not None and s.official

    def years(self) -> list[int]:
        return sorted(set(self._own) | set(self._base))

    def day_kind(self, d: dt.date) -> DayKind:
        s = self.schedule(d.year)
        if s is None and self._estimate and ESTIMATE_YEARS[0] <= d.year <= ESTIMATE_YEARS[1]:
            s = estimated_schedule(d.year)
        if s is None:
            return DayKind.WEEKEND if d.weekday() >= 5 else DayKind.WORKING
        return s.day_kind(d)

    def is_working_day(self, d: dt.date) -> bool:
        return self.day_kind(d) in (DayKind.WORKING, DayKind.MAKEUP_WORKING)

    def provisional_between(self, first: dt.date, last: dt.date) -> bool:
        """Whether any day of [first, last] lies in a year without an official schedule."""
        lo, hi = min(first, last), max(first, last)
        return any(not self.known_year(y) for y in range(lo.year, hi.year + 1))

    def add_working_days(self, start: dt.date, n: int) -> tuple[dt.date, bool]:
        """The n-th working day after ``start`` (start is day 0), and whether that is provisional."""
        if n < 0:
            raise DomainError("calendar.negative_days", days=n)
        if n > MAX_WORKING_DAYS:
            raise DomainError("calendar.too_many_days", days=n, limit=MAX_WORKING_DAYS)
        d, left = start, n
        while left:
            d += ONE_DAY
            if self.is_working_day(d):
                left -= 1
        return d, self.provisional_between(start + ONE_DAY if n else start, d)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        count, d = 0, start
        while d < end:
            d += ONE_DAY
            if self.is_working_day(d):
                count += 1
        return count

    def next_working_day(self, d: dt.date) -> dt.date:
        """``d`` itself when it is a working day, otherwise the first working day after it."""
        while not self.is_working_day(d):
            d += ONE_DAY
        return d


# -- built-in years from chinese_calendar -------------------------------------------------------------
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节", "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class _BuiltinSchedules(Mapping[int, YearSchedule]):
    """chinese_calendar's table as YearSchedules, each built the first time it is asked for."""

    def __init__(self) -> None:
        self._built: dict[int, YearSchedule] = {}
        self._by_year: dict[int, tuple[list[tuple[dt.date, str]], list[dt.date]]] | None = None

    def _index(self) -> dict[int, tuple[list[tuple[dt.date, str]], list[dt.date]]]:
        if self._by_year is None:
            import chinese_calendar

            by_year: dict[int, tuple[list[tuple[dt.date, str]], list[dt.date]]] = {}
            for d, name in chinese_calendar.holidays.items():
                by_year.setdefault(d.year, ([], []))[0].append((d, str(name)))
            for d in chinese_calendar.workdays:
                by_year.setdefault(d.year, ([], []))[1].append(d)
            self._by_year = by_year
        return self._by_year

    def __getitem__(self, year: int) -> YearSchedule:
        built = self._built.get(year)
        if built is not None:
            return built
        entry = self._index().get(year)
        if entry is None:
            raise KeyError(year)
        import chinese_calendar

        holidays, makeup = entry
        # One block per run of days off; a run shared by two festivals (2025: 国庆节 and 中秋节,
        # 10-01 to 10-08) is named after both, as the State Council notice does.
        periods: list[HolidayPeriod] = []
        for d, name in sorted(holidays):
            zh = HOLIDAY_NAMES_ZH.get(name, name)
            if periods and periods[-1].end + ONE_DAY == d:
                last = periods[-1]
                names = last.name if zh in last.name.split("、") else f"{last.name}、{zh}"
                periods[-1] = HolidayPeriod(names, last.start, d)
            else:
                periods.append(HolidayPeriod(zh, d, d))
        version = getattr(chinese_calendar, "__version__", "?")
        built = YearSchedule(year, frozenset(d for d, _ in holidays), frozenset(makeup),
                             source=f"chinesecalendar {version} 内置数据", official=True, periods=tuple(periods))
        self._built[year] = built
        return built

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and year in self._index()

    def __iter__(self) -> Iterator[int]:
        return iter(sorted(self._index()))

    def __len__(self) -> int:
        return len(self._index())


@cache
def builtin_schedules() -> Mapping[int, YearSchedule]:
    return _BuiltinSchedules()


# -- year-schedule files (docs/calendar.md) ------------------------------------------------------------
TOP_KEYS = {"year", "source", "official", "holiday", "makeup_workdays", "published", "note"}
PERIOD_KEYS = {"name", "start", "end"}


def _as_date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        raise DomainError("calendar.date_with_time", where=where, value=value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise DomainError("calendar.bad_date", where=where, value=value)


def parse_year_schedule(data: Mapping[str, Any], source_name: str) -> YearSchedule:
    """Validate one year's schedule as read from a file; every error names the file and the field."""
    here = Text("calendar.where_file", file=source_name)
    if not isinstance(data, Mapping):
        raise DomainError("calendar.not_a_table", file=here)
    if (why := unsafe_text(data)) is not None:  # holiday names reach screens and terminals
        raise DomainError("calendar.file_unsafe", file=here, reason=why)
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise DomainError("calendar.unknown_field", file=here, key=unknown[0], allowed=sorted(TOP_KEYS))
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError("calendar.bad_year", file=here, min_year=MIN_YEAR, max_year=MAX_YEAR, year=year)
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        raise DomainError("calendar.source_missing", file=here)
    official = data.get("official")
    if not isinstance(official, bool):
        raise DomainError("calendar.bad_official", file=here, value=official)

    if "published" in data:
        _as_date(data["published"], Text("calendar.where_field", where=here, field="published"))
    raw_periods = data.get("holiday")
    if not isinstance(raw_periods, list) or not raw_periods:
        raise DomainError("calendar.no_holidays", file=here)
    periods: list[HolidayPeriod] = []
    for i, raw in enumerate(raw_periods, start=1):
        where = Text("calendar.where_holiday", file=here, position=i)
        if not isinstance(raw, Mapping):
            raise DomainError("calendar.holiday_not_table", where=where)
        name = raw.get("name")
        if isinstance(name, str) and name.strip():
            where = Text("calendar.where_named_holiday", file=here, position=i, name=name.strip())
        extra = sorted(set(raw) - PERIOD_KEYS)
        if extra:
            hint = Text("calendar.hint_key_after_holiday") if extra[0] in TOP_KEYS else ""
            raise DomainError("calendar.unknown_holiday_field", where=where, key=extra[0], hint=hint)
        if not isinstance(name, str) or not name.strip():
            raise DomainError("calendar.holiday_name_missing", where=where)
        if "start" not in raw:
            raise DomainError("calendar.holiday_start_missing", where=where)
        start = _as_date(raw["start"], Text("calendar.where_field", where=where, field="start"))
        end = _as_date(raw.get("end", start), Text("calendar.where_field", where=where, field="end"))
        for label, d in (("start", start), ("end", end)):
            if d.year != year:
                raise DomainError("calendar.date_other_year", where=where, field=label, day=d.isoformat(), year=year)
        if end < start:
            raise DomainError("calendar.holiday_ends_before_start", where=where, end=end.isoformat(), start=start.isoformat())
        if (end - start).days + 1 > MAX_PERIOD_DAYS:
            raise DomainError("calendar.holiday_too_long", where=where, days=(end - start).days + 1, limit=MAX_PERIOD_DAYS)
        periods.append(HolidayPeriod(name.strip(), start, end))
    periods.sort(key=lambda p: p.start)
    for a, b in zip(periods, periods[1:], strict=False):
        if b.start <= a.end:
            raise DomainError("calendar.holidays_overlap", file=here, name=a.name, start=a.start, end=a.end, name2=b.name, start2=b.start, end2=b.end)
    holidays = frozenset(d for p in periods for d in p.days())

    raw_makeup = data.get("makeup_workdays", [])
    if not isinstance(raw_makeup, list):
        raise DomainError("calendar.bad_makeup_days", file=here)
    makeup: set[dt.date] = set()
    for i, raw in enumerate(raw_makeup, start=1):
        where = Text("calendar.where_makeup_day", file=here, position=i)
        d = _as_date(raw, where)
        if d.year != year:
            raise DomainError("calendar.makeup_other_year", where=where, day=d.isoformat(), year=year)
        if d.weekday() < 5:
            raise DomainError("calendar.makeup_not_weekend", where=where, day=d.isoformat(), weekday=Text(f"calendar.weekday_{d.weekday()}"))
        if d in holidays:
            raise DomainError("calendar.makeup_is_holiday", where=where, day=d.isoformat())
        if d in makeup:
            raise DomainError("calendar.makeup_repeated", where=where, day=d.isoformat())
        makeup.add(d)
    return YearSchedule(year, holidays, frozenset(makeup), source=source.strip(), official=official,
                        periods=tuple(periods))


# -- estimated years (no schedule published yet) --------------------------------------------------------
# lunardate converts 1900–2099; the 2024 revision of the 放假办法 applies from 2025 on.
ESTIMATE_YEARS = (2025, 2099)
ESTIMATE_SOURCE = "按《全国年节及纪念日放假办法》（2024年修订）估算，尚待国务院办公厅公布当年安排"


def _statutory_days(year: int) -> list[tuple[str, dt.date]]:
    """The holidays of the 放假办法 (国务院令第795号, from 2025): 13 days in all."""
    import chinese_calendar
    from lunardate import LunarDate

    def lunar(month: int, day: int) -> dt.date:
        solar: dt.date = LunarDate(year, month, day).to_solar_date()
        return solar

    new_year = lunar(1, 1)
    qingming = next(d for d, name in chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 10))
                    if name == "清明")
    return [
        ("元旦", dt.date(year, 1, 1)),
        *(("春节", new_year + dt.timedelta(days=i)) for i in range(-1, 3)),  # 除夕, 初一 to 初三
        ("清明节", qingming),
        ("劳动节", dt.date(year, 5, 1)), ("劳动节", dt.date(year, 5, 2)),
        ("端午节", lunar(5, 5)),
        ("中秋节", lunar(8, 15)),
        ("国庆节", dt.date(year, 10, 1)), ("国庆节", dt.date(year, 10, 2)), ("国庆节", dt.date(year, 10, 3)),
    ]


@cache
def estimated_schedule(year: int) -> YearSchedule:
    """A provisional schedule for a year whose official one is not published: the statutory days,
    and a day on a Saturday or Sunday made up on the next weekday that is not already off (办法 第六条).
    Never official: deadlines counted with it stay provisional."""
    days = _statutory_days(year)
    off = {d for _, d in days}
    named: list[tuple[str, dt.date]] = list(days)
    for name, d in sorted(days, key=lambda x: x[1]):
        if d.weekday() >= 5:
            extra = d + ONE_DAY
            while extra.weekday() >= 5 or extra in off:
                extra += ONE_DAY
            if extra.year == year:
                off.add(extra)
                named.append((name, extra))
    periods: list[HolidayPeriod] = []
    for name, d in sorted(named, key=lambda x: x[1]):
        if periods and periods[-1].end + ONE_DAY == d and periods[-1].name == name:
            periods[-1] = HolidayPeriod(name, periods[-1].start, d)
        else:
            periods.append(HolidayPeriod(name, d, d))
    return YearSchedule(year, frozenset(off), frozenset(), source=ESTIMATE_SOURCE, official=False,
                        periods=tuple(periods))
