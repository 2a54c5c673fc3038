"""好差评: the five levels (国办发〔2019〕51号; seed 001 §7.1). 'Not rated' is explicit, never a default."""

from __future__ import annotations

from enum import IntEnum

from clerk_app.errors import DomainError


class RatingLevel(IntEnum):
    VERY_SATISFIED = 1
    SATISFIED = 2
    BASICALLY_SATISFIED = 3
    DISSATISFIED = 4
    VERY_DISSATISFIED = 5

    @property
    def label(self) -> str:
        return ("非常满意", "满意", "基本满意", "不满意", "非常不满意")[self.value - 1]

    @property
    def is_bad(self) -> bool:
        """不满意 and 非常不满意 are bad reviews; every real-name one must be followed up (seed 001 §7.2)."""
        return self >= RatingLevel.DISSATISFIED


def from_keypad(stars: int) -> RatingLevel:
    """Evaluator pads count 5 for 非常满意; GB/T 39046 codes it 1. Converted once, here."""
    if not 1 <= stars <= 5:
        raise DomainError(f"评价器返回的等级 {stars} 无效：应为 1 到 5。")
    return RatingLevel(6 - stars)


def parse_level(value: int | None) -> RatingLevel | None:
    if value is None:
        return None
    try:
        return RatingLevel(value)
    except ValueError:
        raise DomainError(f"评价等级 {value} 无效：应为 1（非常满意）到 5（非常不满意）。") from None
