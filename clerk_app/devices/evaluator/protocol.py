"""Ratings and the keypad line protocol (ours; no public vendor protocol exists, docs/devices.md D).

Public API: ``LEVELS`` (5 -> 非常满意 … 1 -> 非常不满意), ``Rating`` (``level`` None = not rated),
``encode_line``, ``parse_line``.

Lines are ASCII, ``\\r\\n`` terminated, 9600 8N1. Host -> keypad: ``HELLO``, ``ASK <case>``,
``CANCEL``, ``PAUSE``, ``RESUME``. Keypad -> host: ``OK <model> <fw>`` (to HELLO), ``OK``,
``RATE <case> <1-5>``, ``ERR <reason>``. A case number is 1-40 characters of ``[A-Za-z0-9-]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEVELS: dict[int, str] = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
NOT_RATED_LABEL = "未评价"
CASE_RE = re.compile(r"^[A-Za-z0-9-]{1,40}$")


@dataclass(frozen=True)
class Rating:
    """One case's rating; ``level`` None means the applicant did not rate (never a default 满意)."""

    case_no: str
    level: int | None
    source: str  # "keypad" | "screen"

    @property
    def label(self) -> str:
        return LEVELS[self.level] if self.level is not None else NOT_RATED_LABEL

    @property
    def rated(self) -> bool:
        return self.level is not None


def encode_line(*parts: str) -> bytes:
    return (" ".join(parts) + "\r\n").encode("ascii")


def parse_line(line: bytes) -> list[str]:
    return line.decode("ascii", errors="replace").strip().split()


def check_case_no(case_no: str) -> str:
    if not CASE_RE.match(case_no):
        raise ValueError(f"case number not sendable to the keypad: {case_no!r}")
    return case_no
