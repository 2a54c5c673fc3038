"""Summaries of durations (waiting and handling at the counter): count, mean, median and 90th percentile.

The median is the middle value (the mean of the two middle values for an even count); the 90th
percentile is the nearest rank: the ⌈0.9·n⌉-th smallest value, so it is always a time someone
actually waited.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class TimeSummary:
    count: int
    mean: float | None
    median: float | None
    p90: float | None


EMPTY = TimeSummary(0, None, None, None)


def nearest_rank(ordered: list[float], p: float) -> float:
    return ordered[max(1, math.ceil(p * len(ordered))) - 1]


def median(ordered: list[float]) -> float:
    n = len(ordered)
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def summarize_sorted(ordered: list[float]) -> TimeSummary:
    """``ordered`` ascending (the caller sorted once for many groups)."""
    if not ordered:
        return EMPTY
    return TimeSummary(len(ordered), math.fsum(ordered) / len(ordered), median(ordered), nearest_rank(ordered, 0.9))


def summarize(values: Iterable[float]) -> TimeSummary:
    if isinstance(values, list):
        values.sort()  # the caller's own list: sorted in place, no copy
        return summarize_sorted(values)
    return summarize_sorted(sorted(values))
