"""Hybrid logical clock stamps as the center accepts them.

The counter writes ``<ms:13>-<counter:05>-<node>`` (clerk_app/store/outbox.py ``hlc_stamps``): ASCII
digits of fixed width, so two well-formed stamps compare correctly as strings. Anything else — ``9``,
``9-00000-x``, Arabic-Indic digits (``int()`` and ``\\d`` accept them), ``99999-…`` — is refused before
it can be compared, and a stamp further ahead of the center's clock than ``MAX_FUTURE_MS`` is clamped,
so a counter with a wrong clock (or a forged stamp) cannot win every later edit.
"""

from __future__ import annotations

import re
from typing import TypeGuard

HLC = re.compile(r"^[0-9]{13}-[0-9]{5}-[0-9A-Za-z_]{1,32}$", re.ASCII)
MAX_FUTURE_MS = 5 * 60 * 1000
ZERO = "0000000000000-00000-"


class BadStamp(ValueError):
    pass


def is_stamp(stamp: object) -> TypeGuard[str]:
    return isinstance(stamp, str) and HLC.match(stamp) is not None


def accept(stamp: str, now_ms: int) -> str:
    """The stamp as the center stores it; raises ``BadStamp`` for anything not in the exact format."""
    if not is_stamp(stamp):
        raise BadStamp("bad stamp format")
    limit = now_ms + MAX_FUTURE_MS
    if int(stamp[:13]) > limit:
        return f"{limit:013d}" + stamp[13:]
    return stamp


def order(stamp: object) -> str:
    """The sort key of a stored stamp: a malformed one (stored before stamps were checked) sorts first,
    so an honest later edit always beats it."""
    return stamp if is_stamp(stamp) else ZERO


def newest(stamps: object) -> str:
    """The newest well-formed stamp of a record's per-field stamps ("" if none)."""
    if not isinstance(stamps, dict) or not stamps:
        return ""
    try:
        top = max(stamps.values())
    except TypeError:
        top = None
    if is_stamp(top):  # the usual case: every stamp was checked on the way in
        return top
    good = [s for s in stamps.values() if is_stamp(s)]
    return max(good) if good else ""
