"""Document numbers (文号) such as ``演政服〔2026〕第03-000123号``, allocated without a server.

Rule: one counter per center, window and year, and the window number is printed inside the
number. Each window only ever draws from its own counter, so two counters of one center can never
hand out the same number, even when both are offline; the year restarts every counter at 1.
The center must give each counter a distinct window number (it already does for case numbers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from clerk_app.errors import UserError

MAX_SEQUENCE = 999_999


class SequenceSource(Protocol):
    def next_value(self, key: str) -> int:
        """The next value of counter ``key`` (1 for a new key); never the same value twice."""
        ...


@dataclass
class MemorySequence:
    """A counter kept in memory: demos and tests."""

    values: dict[str, int] = field(default_factory=dict)

    def next_value(self, key: str) -> int:
        self.values[key] = self.values.get(key, 0) + 1
        return self.values[key]


class StoreSequence:
    """Adapter over a counter function such as ``clerk_app.store.sequences.next_value(session, key)``.

    ``call`` runs one increment, e.g. ``lambda key: next_value(session, key)`` inside the caller's
    transaction, so the number is committed together with the document record.
    """

    def __init__(self, call: Callable[[str], Any]) -> None:
        self._call = call

    def next_value(self, key: str) -> int:
        return int(self._call(key))


def sequence_key(center_code: str, window: str, year: int) -> str:
    return f"docno:{center_code}:{window}:{year}"


def format_number(prefix: str, year: int, window: str, value: int) -> str:
    return f"{prefix}〔{year}〕第{window}-{value:06d}号"


def allocate(source: SequenceSource, *, center_code: str, window: str, year: int, prefix: str = "") -> str:
    if not window or not window.isalnum():
        raise UserError("document.bad_window", window=window)
    if not center_code or not center_code.isalnum():
        raise UserError("document.bad_center_code", center_code=center_code)
    value = source.next_value(sequence_key(center_code, window, year))
    if not 1 <= value <= MAX_SEQUENCE:
        raise UserError("document.numbers_used_up", window=window, year=year, limit=MAX_SEQUENCE)
    return format_number(prefix, year, window, value)
