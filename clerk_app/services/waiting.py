"""Waiting and handling times at the counter from the queue tickets (取号 → 叫号 → 办结): mean, median
and 90th percentile per day, matter and window, for the dashboard.

Waiting is called_at − issued_at, handling finished_at − called_at, in minutes, over the tickets served
(state done) whose day lies in the period; skipped and transferred tickets are left out. Tickets carry
no matter: a ticket counts for the matter of the first case its window received while it was being
served (called → finished), or for "未办件" when none was received (a consultation, a lost applicant);
so the rows by matter add up to the people served, as those by day and by window do.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import String, and_, cast, func, literal, select
from sqlalchemy.orm import Session

from clerk_app.domain import queue as q
from clerk_app.domain.roles import Actor
from clerk_app.domain.timing import TimeSummary, summarize
from clerk_app.services.context import ServiceContext
from clerk_app.services.report_tables import Table
from clerk_app.store.queue_tables import TicketRow
from clerk_app.store.tables import CaseRow

NO_CASE = "未办件（咨询等）"
DIMENSIONS = {"day": "按日期", "matter": "按事项", "window": "按窗口"}


@dataclass(frozen=True)
class WaitingRow:
    key: str
    waiting: TimeSummary
    handling: TimeSummary


@dataclass(frozen=True)
class WaitingStats:
    waiting: TimeSummary
    handling: TimeSummary
    by_day: tuple[WaitingRow, ...]
    by_matter: tuple[WaitingRow, ...]
    by_window: tuple[WaitingRow, ...]
    matters_included: bool = True

    def rows(self, dimension: str) -> tuple[WaitingRow, ...]:
        return {"day": self.by_day, "matter": self.by_matter, "window": self.by_window}[dimension]

    def table(self, dimension: str) -> Table:
        header = {"day": "日期", "matter": "事项", "window": "窗口"}[dimension]
        rows = [(r.key, r.waiting.count, *_minutes(r.waiting), *_minutes(r.handling)) for r in self.rows(dimension)]
        return Table(f"等候与办理用时（{DIMENSIONS[dimension]}，分钟）",
                     (header, "服务人次", "平均等候", "中位等候", "P90 等候", "平均办理", "中位办理", "P90 办理"), rows,
                     note="等候：取号→叫号；办理：叫号→办结；P90 为最近秩第 90 百分位。")

    def tables(self) -> list[Table]:
        return [self.table(d) for d in DIMENSIONS if d != "matter" or self.matters_included]


def _minutes(s: TimeSummary) -> tuple[str, str, str]:
    return tuple("—" if v is None else f"{v:.1f}" for v in (s.mean, s.median, s.p90))  # type: ignore[return-value]


def collect(s: Session, first: dt.date, end: dt.date, *, by_matter: bool = True) -> WaitingStats:
    """Inside the caller's read session. The minutes are computed by SQLite (no datetimes are parsed);
    ``by_matter=False`` leaves out the matter of each ticket, the one costly part (a lookup per ticket),
    which the dashboard loads only when that view is chosen."""
    served = and_(TicketRow.day >= first, TicketRow.day < end, TicketRow.state == q.TicketState.DONE.value,
                  TicketRow.called_at.is_not(None), TicketRow.finished_at.is_not(None))
    # The first case the window received while serving the ticket: an indexed range read on received_at
    # stopped at the first row (a join would pick the window index and scan the window's every case).
    matter = (select(CaseRow.matter_name).where(CaseRow.received_at >= TicketRow.called_at,
                                                CaseRow.received_at <= TicketRow.finished_at,
                                                CaseRow.window == TicketRow.window)
              .order_by(CaseRow.received_at).limit(1).correlate(TicketRow).scalar_subquery())
    # julianday arithmetic is off by ~1e-6 minutes; a ten-thousandth of a minute is far below a second.
    wait = func.round((func.julianday(TicketRow.called_at) - func.julianday(TicketRow.issued_at)) * 1440, 4)
    handle = func.round((func.julianday(TicketRow.finished_at) - func.julianday(TicketRow.called_at)) * 1440, 4)
    # Core rows (the session's connection), not ORM rows: a month of a busy center is ~70,000 of them.
    result = s.connection().execute(select(
        func.substr(cast(TicketRow.day, String), 1, 10), TicketRow.window,
        func.coalesce(matter, NO_CASE) if by_matter else literal(NO_CASE), wait, handle).where(served))
    # One dict lookup per ticket (its day, window and matter together), then whole lists are merged
    # into the three groupings (list.extend runs in C) and each list is sorted once.
    cells: defaultdict[tuple[str, str, str], tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for day, window, name, w, h in result:
        cell = cells[(day, window, name)]
        cell[0].append(w)
        cell[1].append(h)
    groups: tuple[defaultdict[str, tuple[list[float], list[float]]], ...] = tuple(
        defaultdict(lambda: ([], [])) for _ in range(4))
    for keys, (ws, hs) in cells.items():
        for g, key in zip(groups, (*keys, ""), strict=True):
            g[key][0].extend(ws)
            g[key][1].extend(hs)
    waits, handles = groups[3][""]

    def fold(g: dict[str, tuple[list[float], list[float]]]) -> dict[str, WaitingRow]:
        return {k: WaitingRow(k, summarize(w), summarize(h)) for k, (w, h) in g.items()}
    by_day, by_window, by_name = fold(groups[0]), fold(groups[1]), fold(groups[2]) if by_matter else {}
    matter_rows = sorted(by_name.values(), key=lambda r: (r.key == NO_CASE, -r.waiting.count, r.key))
    return WaitingStats(summarize(waits), summarize(handles), tuple(by_day[k] for k in sorted(by_day)),
                        tuple(matter_rows), tuple(by_window[k] for k in sorted(by_window)),
                        matters_included=by_matter)


def waiting_times(ctx: ServiceContext, actor: Actor, first: dt.date, end: dt.date, *,
                  by_matter: bool = True) -> WaitingStats:
    """Days ``first`` (included) to ``end`` (excluded)."""
    actor.require("manager.view")
    with ctx.store.read() as s:
        return collect(s, first, end, by_matter=by_matter)
