"""Staff performance and the quarterly ranking (季度排名, 服务之星 seed 000 §28).

The score is shown on screen exactly as ``formula()`` says: the text and the computation read the same
``ScoreRules``. The weights are the matter's complexity, derived from its promised time limit because
the catalogue carries no other measure of effort.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from clerk_app.domain.labels import FilledLabel
from clerk_app.domain.matters import LimitUnit, TimeLimit


@dataclass(frozen=True)
class ScoreRules:
    """The score's coefficients and the complexity bands (promised working days → weight)."""

    volume: float = 50.0          # × weighted cases ÷ the period's highest
    good: float = 30.0            # × good-rating share
    on_time: float = 20.0         # × closed-on-time share
    bad_penalty: float = 2.0      # − per bad rating
    immediate_weight: float = 1.0  # 即办件, or no time limit
    short_days: int = 5           # promised within this many working days ...
    short_weight: float = 1.2
    medium_days: int = 15         # ... more, up to this many ...
    medium_weight: float = 1.5
    long_weight: float = 2.0      # ... more than that


RULES = ScoreRules()
FORMULA_TEMPLATE = (
    "得分 = {volume} × 加权办件量 ÷ 本季最高加权办件量 + {good} × 好评率 + {on_time} × 按时办结率 − {bad_penalty} × "
    "差评数（最低 0 分）。\n加权办件量 = Σ 事项复杂度权重：即办件 {immediate_weight}；承诺时限 ≤{short_days} 个工作日 "
    "{short_weight}；{medium_from}–{medium_days} 个工作日 {medium_weight}；{medium_days} 个工作日以上 {long_weight}。\n"
    "好评率 = （非常满意＋满意＋基本满意）÷ 已评价数，无评价记 0；按时办结率 = 1 − 逾期件数 ÷ 有办结期限的件数，无期限件记 1。\n"
    "差评回访核实为误评或恶意的评价不计入。")


def formula(rules: ScoreRules = RULES) -> FilledLabel:
    """How the score is computed, in the words shown under the ranking, with ``rules``' numbers."""
    return FilledLabel(
        FORMULA_TEMPLATE, volume=f"{rules.volume:g}", good=f"{rules.good:g}", on_time=f"{rules.on_time:g}",
        bad_penalty=f"{rules.bad_penalty:g}", immediate_weight=repr(rules.immediate_weight),
        short_days=rules.short_days, short_weight=repr(rules.short_weight), medium_from=rules.short_days + 1,
        medium_days=rules.medium_days, medium_weight=repr(rules.medium_weight), long_weight=repr(rules.long_weight))


def complexity_weight(limit: TimeLimit, rules: ScoreRules = RULES) -> float:
    if limit.unit in (LimitUnit.IMMEDIATE, LimitUnit.NONE) or limit.value == 0:
        return rules.immediate_weight
    days = limit.value if limit.unit is LimitUnit.WORKING_DAYS else limit.value * 5 / 7
    if days <= rules.short_days:
        return rules.short_weight
    if days <= rules.medium_days:
        return rules.medium_weight
    return rules.long_weight


@dataclass(frozen=True)
class ClerkFigures:
    clerk_id: str
    name: str
    cases: int
    weighted_cases: float
    rated: int
    good: int            # 非常满意 + 满意 + 基本满意
    bad: int             # 不满意 + 非常不满意
    with_due: int
    overdue: int
    avg_handling_days: float | None


@dataclass(frozen=True)
class Ranked:
    rank: int
    figures: ClerkFigures
    good_rate: float
    on_time_rate: float
    score: float


def score(f: ClerkFigures, max_weighted: float, rules: ScoreRules = RULES) -> tuple[float, float, float]:
    good_rate = f.good / f.rated if f.rated else 0.0
    on_time = 1 - f.overdue / f.with_due if f.with_due else 1.0
    volume = f.weighted_cases / max_weighted if max_weighted else 0.0
    raw = rules.volume * volume + rules.good * good_rate + rules.on_time * on_time - rules.bad_penalty * f.bad
    return max(0.0, round(raw, 2)), good_rate, on_time


def rank(figures: Iterable[ClerkFigures], rules: ScoreRules = RULES) -> list[Ranked]:
    """Highest score first; equal scores share a rank (1, 1, 3) and are listed by name."""
    items = list(figures)
    top = max((f.weighted_cases for f in items), default=0.0)
    scored = sorted(((score(f, top, rules), f) for f in items), key=lambda t: (-t[0][0], t[1].name))
    out: list[Ranked] = []
    for i, ((s, good, on_time), f) in enumerate(scored):
        r = out[-1].rank if out and out[-1].score == s else i + 1
        out.append(Ranked(r, f, good, on_time, s))
    return out
