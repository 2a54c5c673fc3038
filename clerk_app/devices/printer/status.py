"""DLE EOT real-time status (n = 1, 2, 4) decoded into what the clerk must do.

Public API: ``status_request(n)``, ``PrinterStatus`` (``from_replies``, ``condition``,
``message``, ``printable``), ``PrinterCondition``. Bit meanings: docs/devices.md B; every
reply has bit1 = bit4 = 1 and bit0 = bit7 = 0, so "all OK" is 0x12.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from clerk_app.messages import Text

DLE_EOT = b"\x10\x04"
FIXED_MASK, FIXED_BITS = 0x93, 0x12


def status_request(n: int) -> bytes:
    return DLE_EOT + bytes([n])


def valid_reply(b: int) -> bool:
    return b & FIXED_MASK == FIXED_BITS


class PrinterCondition(enum.Enum):
    READY = "ready"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    ERROR = "error"


MESSAGES: dict[PrinterCondition, Text] = {c: Text(f"printer.condition_{c.value}") for c in PrinterCondition}


@dataclass(frozen=True)
class PrinterStatus:
    offline: bool = False
    cover_open: bool = False
    paper_out: bool = False
    paper_near_end: bool = False
    error: bool = False

    @classmethod
    def from_replies(cls, printer: int, offline_cause: int, paper: int) -> PrinterStatus:
        for b in (printer, offline_cause, paper):
            if not valid_reply(b):
                raise ValueError(f"not a DLE EOT reply: {b:#04x}")
        return cls(
            offline=bool(printer & 0x08),
            cover_open=bool(offline_cause & 0x04),
            paper_out=bool(offline_cause & 0x20) or paper & 0x60 == 0x60,
            paper_near_end=paper & 0x0C == 0x0C,
            error=bool(offline_cause & 0x40),
        )

    @property
    def condition(self) -> PrinterCondition:
        # the most specific cause first: an open cover or no paper also makes the printer offline
        if self.cover_open:
            return PrinterCondition.COVER_OPEN
        if self.paper_out:
            return PrinterCondition.PAPER_OUT
        if self.error:
            return PrinterCondition.ERROR
        if self.offline:
            return PrinterCondition.OFFLINE
        if self.paper_near_end:
            return PrinterCondition.PAPER_NEAR_END
        return PrinterCondition.READY

    @property
    def printable(self) -> bool:
        return self.condition in (PrinterCondition.READY, PrinterCondition.PAPER_NEAR_END)

    @property
    def message(self) -> str:
        return MESSAGES[self.condition]
