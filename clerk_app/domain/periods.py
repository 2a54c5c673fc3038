"""Reporting periods (today, this week, this month, a quarter) as half-open date ranges."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from clerk_app.errors import DomainError


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"

    @property
    def label(self) -> str:
        return {"day": "今日", "week": "本周", "month": "本月", "quarter": "本季度"}[self.value]


def bounds(period: Period, today: dt.date) -> tuple[dt.date, dt.date]:
    """[first, end) containing ``today``; weeks start on Monday."""
    if period is Period.DAY:
        return today, today + dt.timedelta(days=1)
    if period is Period.WEEK:
        first = today - dt.timedelta(days=today.weekday())
        return first, first + dt.timedelta(days=7)
    if period is Period.MONTH:
        return month_bounds(today.year, today.month)
    return quarter_bounds(today.year, (today.month - 1) // 3 + 1)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    end = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return first, end


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter not in (1, 2, 3, 4):
        raise DomainError("period.bad_quarter", quarter=quarter)
    first = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return first, end


def parse_month(text: str) -> tuple[int, int]:
    try:
        d = dt.datetime.strptime(text.strip(), "%Y-%m")
    except ValueError:
        raise DomainError("period.bad_month", text=text) from None
    return d.year, d.month


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"
