"""Per-clerk figures for a period and the ranking by ``clerk_app.domain.performance.formula()``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import and_, case, func, or_, select

from clerk_app.domain.cases import Action, CaseState
from clerk_app.domain.deadline_policy import running_deadline
from clerk_app.domain.followups import DISCOUNTED
from clerk_app.domain.matters import TimeLimit
from clerk_app.domain.performance import ClerkFigures, Ranked, complexity_weight, formula, rank
from clerk_app.domain.periods import percent
from clerk_app.domain.roles import Actor, Role
from clerk_app.services.context import ServiceContext
from clerk_app.services.report_tables import Table
from clerk_app.store.ledger_tables import RatingFollowupRow
from clerk_app.store.tables import CaseEventRow, CaseRow, RatingRow, UserRow


def clerk_figures(ctx: ServiceContext, actor: Actor, first: dt.date, end: dt.date,
                  today: dt.date | None = None) -> list[ClerkFigures]:
    """Cases received in [first, end) per clerk; overdue = decided after the due day, or a running
    clock (``domain.deadline_policy``) past its deadline on the earlier of today and the period's last day."""
    actor.require("manager.view")
    lo, hi = dt.datetime.combine(first, dt.time()), dt.datetime.combine(end, dt.time())
    as_of = min(today or ctx.now().date(), end - dt.timedelta(days=1))
    limits: dict[str, TimeLimit] = {m.code: m.promise_limit for m in ctx.catalogue.matters}
    in_period = and_(CaseRow.received_at >= lo, CaseRow.received_at < hi)
    with ctx.store.read() as s:
        users = s.execute(select(UserRow.id, UserRow.display_name)
                          .where(UserRow.role.in_((Role.CLERK.value, Role.SUPERVISOR.value)))).all()
        # Cases of the period, and decisions since its start (a case is decided after it is received):
        # two plain scans folded in Python beat SQLite's plans for the grouped join on a year of events.
        cases = s.execute(select(CaseRow.id, CaseRow.clerk_id, CaseRow.matter_code, CaseRow.state,
                                 CaseRow.due_date, CaseRow.accepted_at, CaseRow.notice_due,
                                 CaseRow.clock_paused).where(in_period)).all()
        decided = dict(s.execute(select(CaseEventRow.case_id, CaseEventRow.at)
                                 .where(CaseEventRow.action == Action.DECIDE.value, CaseEventRow.at >= lo)).all())
        ratings = {c: (r, g, b) for c, r, g, b in s.execute(
            select(RatingRow.clerk_id, func.count(RatingRow.level), func.sum(case((RatingRow.level <= 3, 1), else_=0)),
                   func.sum(case((RatingRow.level >= 4, 1), else_=0)))
            .outerjoin(RatingFollowupRow, RatingFollowupRow.rating_id == RatingRow.id)
            .where(RatingRow.at >= lo, RatingRow.at < hi,  # 误评/恶意 once verified: not the clerk's record
                   or_(RatingFollowupRow.verification.is_(None), RatingFollowupRow.verification.not_in(DISCOUNTED)))
            .group_by(RatingRow.clerk_id)).all()}
    counts: dict[str, int] = defaultdict(int)
    weighted: dict[str, float] = defaultdict(float)
    dues: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    spans: dict[str, list[float]] = defaultdict(list)
    weights = {code: complexity_weight(limit) for code, limit in limits.items()}
    for cid, clerk, code, state, due, accepted, notice_due, paused in cases:
        counts[clerk] += 1
        weighted[clerk] += weights.get(code, 1.0)
        at = decided.get(cid)
        # still running: the one deadline policy (domain.deadline_policy), as the 催办 and dashboard count
        running = running_deadline(CaseState(state), due, notice_due, bool(paused)) if at is None else None
        if due is not None or running is not None:
            dues[clerk][0] += 1
            if (at is not None and due is not None and at.date() > due) or (running is not None and running < as_of):
                dues[clerk][1] += 1
        if at is not None and accepted is not None:
            spans[clerk].append((at - accepted).total_seconds() / 86400)
    names = dict(users)
    out = []
    for uid in sorted(set(counts) | set(ratings)):
        rated, good, bad = ratings.get(uid, (0, 0, 0))
        with_due, overdue = dues.get(uid, (0, 0))
        h = sum(spans[uid]) / len(spans[uid]) if spans.get(uid) else None
        out.append(ClerkFigures(uid, names.get(uid, uid), counts.get(uid, 0), round(weighted.get(uid, 0.0), 2),
                                int(rated or 0), int(good or 0), int(bad or 0), int(with_due or 0), int(overdue or 0),
                                float(h) if h is not None else None))
    return out


def ranking(ctx: ServiceContext, actor: Actor, first: dt.date, end: dt.date, today: dt.date | None = None) -> list[Ranked]:
    return rank(clerk_figures(ctx, actor, first, end, today))


def ranking_table(ranked: list[Ranked], title: str) -> Table:
    rows = [(r.rank, r.figures.name, r.figures.cases, r.figures.weighted_cases,
             "—" if r.figures.avg_handling_days is None else f"{r.figures.avg_handling_days:.1f}",
             r.figures.rated, percent(r.good_rate if r.figures.rated else None), r.figures.bad,
             r.figures.overdue, percent(r.on_time_rate), f"{r.score:.2f}") for r in ranked]
    return Table(title, ("排名", "姓名", "办件量", "加权办件量", "平均办理天数", "评价数", "好评率", "差评数",
                         "逾期件数", "按时办结率", "得分"), rows, note=formula())
