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
        raise DomainError("evaluation.bad_device_level", stars=stars)
    return RatingLevel(6 - stars)


def parse_level(value: int | None) -> RatingLevel | None:
    if value is None:
        return None
    try:
        return RatingLevel(value)
    except ValueError:
        raise DomainError("evaluation.bad_level", value=value) from None


# 评价内容 (seed 001 §7.1): "工作纪律、仪容仪表、行为举止、服务态度、服务用语、服务效率、业务能力、
# 落实服务制度等方面" — the seed's list, in its order; the applicant names the aspects the level is about.
DIMENSIONS: tuple[str, ...] = ("工作纪律", "仪容仪表", "行为举止", "服务态度", "服务用语", "服务效率", "业务能力",
                               "落实服务制度")
DIMENSION_SEPARATOR = "、"


def parse_dimensions(values: list[str] | tuple[str, ...] | str) -> tuple[str, ...]:
    """The named aspects in the seed's order, each once; an aspect not in seed 001 §7.1 is refused."""
    items = [v.strip() for v in (values.split(DIMENSION_SEPARATOR) if isinstance(values, str) else values)]
    unknown = [v for v in items if v and v not in DIMENSIONS]
    if unknown:
        raise DomainError("evaluation.bad_dimension", value=unknown[0], allowed=DIMENSIONS)
    return tuple(d for d in DIMENSIONS if d in items)


def check_one_rating(already_rated: bool, *, level_given: bool) -> None:
    """One service, one rating (seed 001 §7.1; 003 §7.2.1.2 the applicant's own): once a case (or its
    joint bundle) has a level, no second level and no 'not rated' may be added to it."""
    if already_rated:
        raise DomainError("evaluation.already_rated" if level_given else "evaluation.already_rated_not_rated")
