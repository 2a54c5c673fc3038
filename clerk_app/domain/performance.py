"""Staff performance and the quarterly ranking (季度排名, 服务之星 seed 000 §28).

The score is shown on screen exactly as ``FORMULA`` says; the weights are the matter's complexity,
derived from its promised time limit because the catalogue carries no other measure of effort.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from clerk_app.domain.matters import LimitUnit, TimeLimit

W_VOLUME, W_GOOD, W_ON_TIME, BAD_PENALTY = 50.0, 30.0, 20.0, 2.0
FORMULA = ("得分 = 50 × 加权办件量 ÷ 本季最高加权办件量 + 30 × 好评率 + 20 × 按时办结率 − 2 × 差评数（最低 0 分）。\n"
           "加权办件量 = Σ 事项复杂度权重：即办件 1.0；承诺时限 ≤5 个工作日 1.2；6–15 个工作日 1.5；"
           "15 个工作日以上 2.0。\n好评率 = （非常满意＋满意＋基本满意）÷ 已评价数，无评价记 0；"
           "按时办结率 = 1 − 逾期件数 ÷ 有办结期限的件数，无期限件记 1。\n"
           "差评回访核实为误评或恶意的评价不计入。")


def complexity_weight(limit: TimeLimit) -> float:
    if limit.unit in (LimitUnit.IMMEDIATE, LimitUnit.NONE) or limit.value == 0:
        return 1.0
    days = limit.value if limit.unit is LimitUnit.WORKING_DAYS else limit.value * 5 / 7
    if days <= 5:
        return 1.2
    if days <= 15:
        return 1.5
    return 2.0


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


def score(f: ClerkFigures, max_weighted: float) -> tuple[float, float, float]:
    good_rate = f.good / f.rated if f.rated else 0.0
    on_time = 1 - f.overdue / f.with_due if f.with_due else 1.0
    volume = f.weighted_cases / max_weighted if max_weighted else 0.0
    raw = W_VOLUME * volume + W_GOOD * good_rate + W_ON_TIME * on_time - BAD_PENALTY * f.bad
    return max(0.0, round(raw, 2)), good_rate, on_time


def rank(figures: Iterable[ClerkFigures]) -> list[Ranked]:
    """Highest score first; equal scores share a rank (1, 1, 3) and are listed by name."""
    items = list(figures)
    top = max((f.weighted_cases for f in items), default=0.0)
    scored = sorted(((score(f, top), f) for f in items), key=lambda t: (-t[0][0], t[1].name))
    out: list[Ranked] = []
    for i, ((s, good, on_time), f) in enumerate(scored):
        r = out[-1].rank if out and out[-1].score == s else i + 1
        out.append(Ranked(r, f, good, on_time, s))
    return out
