"""Waiting (取号→叫号) and handling (叫号→办结) times from the queue tickets: a small set worked out by
hand, a generated set against plain Python, the queue services end to end, and the dashboard page."""

from __future__ import annotations

import math
import random
import statistics as pystats
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from clerk_app.domain.ids import uuid7
from clerk_app.domain.periods import Period
from clerk_app.domain.timing import summarize
from clerk_app.services import queue, statistics
from clerk_app.services.waiting import NO_CASE, waiting_times
from clerk_app.store.queue_tables import TicketRow
from clerk_app.store.tables import ApplicantRow, CaseRow

MON, TUE = date(2026, 3, 16), date(2026, 3, 17)


def _at(day: date, minutes: float) -> datetime:
    return datetime.combine(day, time(9)) + timedelta(minutes=minutes)


def _ticket(day: date, window: str, issued: float, wait: float | None, handle: float | None,
            state: str = "done") -> dict:
    called = _at(day, issued + wait) if wait is not None else None
    return dict(id=uuid7(), day=day, number=f"A{random.randrange(1000):03d}", kind="normal", window=window,
                state=state, reason="", issued_at=_at(day, issued), called_at=called,
                finished_at=called + timedelta(minutes=handle) if called and handle is not None else None, recalls=0)


def _case(ctx, applicant_id: str, window: str, at: datetime, matter) -> dict:  # type: ignore[no-untyped-def]
    return dict(id=uuid7(), number=f"W-{uuid7()[-8:]}", matter_code=matter.code, matter_name=matter.name,
                department=matter.department, applicant_id=applicant_id, window=window, clerk_id="x",
                channel="window", state="received", accept_mode=None, received_at=at, accepted_at=None,
                due_date=None, due_provisional=False, commitment="none", tell_commit_offered=False, updated_at=at)


def _insert(ctx, tickets: list[dict], cases: list[dict]) -> None:  # type: ignore[no-untyped-def]
    with ctx.store.transaction() as s:
        if cases:
            s.execute(insert(ApplicantRow), [dict(id="app", kind="person", name="张三", id_number="11010519491231002X",
                                                  phone="", address="", created_at=_at(MON, 0), updated_at=_at(MON, 0))])
            s.execute(insert(CaseRow), cases)
        s.execute(insert(TicketRow), tickets)


def test_hand_computed_example(ctx, users) -> None:  # type: ignore[no-untyped-def]
    a, b = ctx.catalogue.matters[0], ctx.catalogue.matters[1]
    mon = [_ticket(MON, "01", i * 10, wait, handle)
           for i, (wait, handle) in enumerate([(2, 5), (4, 10), (6, 5), (8, 20), (30, 10)])]
    tue = [_ticket(TUE, "02", 0, 1, 12), _ticket(TUE, "02", 5, 3, 18)]
    skipped = _ticket(MON, "01", 100, 50, 1, state="skipped")
    waiting = _ticket(TUE, "02", 200, None, None, state="waiting")
    cases = [_case(ctx, "app", "01", mon[0]["called_at"] + timedelta(minutes=3), b),  # ticket 1: A, received first
             _case(ctx, "app", "01", mon[0]["called_at"] + timedelta(minutes=1), a),
             _case(ctx, "app", "01", mon[1]["finished_at"], a),  # at the very end of ticket 2: still A
             _case(ctx, "app", "02", mon[2]["called_at"] + timedelta(minutes=1), b),  # another window: not ticket 3
             _case(ctx, "app", "01", mon[3]["called_at"], b)]  # ticket 4: B
    _insert(ctx, [*mon, *tue, skipped, waiting], cases)
    w = waiting_times(ctx, users["supervisor"], MON, TUE + timedelta(days=1))
    # All 7 served: waits 1 2 3 4 6 8 30 → mean 54/7, median 4, P90 = 7th (⌈6.3⌉) = 30;
    # handling 5 5 10 10 12 18 20 → mean 80/7, median 10, P90 = 20.
    assert (w.waiting.count, w.waiting.mean, w.waiting.median, w.waiting.p90) == (7, pytest.approx(54 / 7), 4, 30)
    assert (w.handling.mean, w.handling.median, w.handling.p90) == (pytest.approx(80 / 7), 10, 20)
    day = {r.key: r for r in w.by_day}
    # Monday: waits 2 4 6 8 30 → 10, 6, 5th (⌈4.5⌉) = 30; handling 5 10 5 20 10 → 10, 10, 20.
    assert (day["2026-03-16"].waiting.mean, day["2026-03-16"].waiting.median, day["2026-03-16"].waiting.p90) == (
        pytest.approx(10), pytest.approx(6), pytest.approx(30))
    assert (day["2026-03-16"].handling.mean, day["2026-03-16"].handling.p90) == (pytest.approx(10), pytest.approx(20))
    # Tuesday: waits 1 3 → 2, 2, 2nd (⌈1.8⌉) = 3; handling 12 18 → 15, 15, 18.
    assert (day["2026-03-17"].waiting.mean, day["2026-03-17"].waiting.p90, day["2026-03-17"].handling.median) == (
        pytest.approx(2), pytest.approx(3), pytest.approx(15))
    assert [r.key for r in w.by_window] == ["01", "02"] and [r.waiting.count for r in w.by_window] == [5, 2]
    matter = {r.key: r for r in w.by_matter}
    assert set(matter) == {a.name, b.name, NO_CASE}
    assert (matter[a.name].waiting.count, matter[a.name].waiting.mean, matter[a.name].waiting.p90) == (
        2, pytest.approx(3), pytest.approx(4))  # tickets 1 and 2: waits 2 and 4
    assert (matter[b.name].waiting.count, matter[b.name].waiting.mean, matter[b.name].handling.mean) == (
        1, pytest.approx(8), pytest.approx(20))  # ticket 4 only
    assert matter[NO_CASE].waiting.count == 4 and w.by_matter[-1].key == NO_CASE  # tickets 3, 5 and Tuesday's
    assert sum(r.waiting.count for r in w.by_matter) == w.waiting.count
    table = w.table("day")
    assert table.rows[0] == ("2026-03-16", 5, "10.0", "6.0", "30.0", "10.0", "10.0", "20.0")


def _expected(values: list[float]) -> tuple[int, float, float, float]:
    ordered = sorted(values)
    return len(ordered), sum(ordered) / len(ordered), pystats.median(ordered), ordered[math.ceil(0.9 * len(ordered)) - 1]


def test_generated_tickets_against_plain_python(ctx, users) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(17)
    tickets = []
    for _ in range(600):
        day = MON + timedelta(days=rng.randrange(0, 12))
        tickets.append(_ticket(day, rng.choice(("01", "02", "03")), rng.randrange(0, 480),
                               rng.randrange(0, 9000) / 60, rng.randrange(60, 3600) / 60,
                               state=rng.choice(("done", "done", "done", "skipped"))))
    _insert(ctx, tickets, [])
    first, end = date(2026, 3, 18), date(2026, 3, 25)
    w = waiting_times(ctx, users["supervisor"], first, end)
    served = [t for t in tickets if t["state"] == "done" and first <= t["day"] < end]
    waits = defaultdict(list)
    for t in served:
        waits[t["window"]].append((t["called_at"] - t["issued_at"]).total_seconds() / 60)
    for row in w.by_window:
        n, mean, median, p90 = _expected(waits[row.key])
        assert (row.waiting.count, row.waiting.mean, row.waiting.median, row.waiting.p90) == (
            n, pytest.approx(mean, abs=1e-4), pytest.approx(median, abs=1e-4), pytest.approx(p90, abs=1e-4))
    handling = [(t["finished_at"] - t["called_at"]).total_seconds() / 60 for t in served]
    n, mean, median, p90 = _expected(handling)
    assert (w.handling.count, w.handling.mean, w.handling.median, w.handling.p90) == (
        n, pytest.approx(mean, abs=1e-4), pytest.approx(median, abs=1e-4), pytest.approx(p90, abs=1e-4))
    assert [r.key for r in w.by_day] == sorted({t["day"].isoformat() for t in served})
    assert summarize([]).count == 0 and summarize([]).p90 is None


def test_queue_services_feed_the_dashboard(qtbot, ctx, users, clock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.services.demo import seed
    from clerk_app.ui.manager.view import ManagerView
    from clerk_app.ui.tasks import TaskRunner

    clock.now = datetime(2026, 3, 20, 9, 0)
    seed(ctx, 200, seed=5)
    clerk = users["clerk"]
    for _ in range(3):
        queue.take_ticket(ctx, clerk)
    for wait, handle in ((12, 8), (3, 20), (5, 4)):  # each called `wait` minutes after the previous finish
        clock.now += timedelta(minutes=wait)
        queue.call_next(ctx, clerk)
        clock.now += timedelta(minutes=handle)
        queue.finish(ctx, clerk)
    # Issued 09:00; called 09:12 (done 09:20), 09:23 (done 09:43), 09:48 → waits 12, 23, 48; handling 8, 20, 4.
    assert statistics.dashboard(ctx, users["supervisor"], Period.DAY).waiting is None  # loaded apart, after it
    today = date(2026, 3, 20)
    d = statistics.build(ctx, users["supervisor"], "今日", today, today + timedelta(days=1), clock.now, today)
    assert d.waiting is not None
    assert (d.waiting.waiting.mean, d.waiting.waiting.median, d.waiting.waiting.p90) == (
        pytest.approx(83 / 3), pytest.approx(23), pytest.approx(48))
    assert (d.waiting.handling.mean, d.waiting.handling.median) == (pytest.approx(32 / 3), pytest.approx(8))
    assert ("等候分钟（取号→叫号）平均/中位/P90", "27.7 / 23.0 / 48.0") in d.summary().rows
    assert ("办理分钟（叫号→办结）平均/中位/P90", "10.7 / 8.0 / 20.0") in d.summary().rows

    runner = TaskRunner()
    v = ManagerView(ctx, users["supervisor"], runner)
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    page = v.dashboard
    page.period.setCurrentIndex(0)  # today
    with qtbot.waitSignal(page.waiting_loaded, timeout=10000):
        v.refresh()
    page.lower.setCurrentIndex(1)
    assert page.summary.item(6, 1).text() == "27.7 / 23.0 / 48.0"
    assert page.waiting.item(0, 0).text() == "2026-03-20" and page.waiting.item(0, 2).text() == "27.7"
    assert page.waiting_chart.items == [("2026-03-20", pytest.approx(83 / 3), "27.7")]
    page.dimension.setCurrentIndex(2)  # by window
    assert page.waiting.item(0, 0).text() == ctx.settings.window and page.waiting.item(0, 1).text() == "3"
    assert "等候与办理用时（按事项，分钟）" not in [t.title for t in page.tables()]  # loaded on demand
    with qtbot.waitSignal(page.waiting_loaded, timeout=10000):
        page.dimension.setCurrentIndex(1)  # by matter: the seeded cases this window received while serving
    with ctx.store.read() as s:
        spans = [(t.called_at, t.finished_at) for t in s.scalars(select(TicketRow))]
        received = [(c.received_at, c.matter_name) for c in s.scalars(select(CaseRow).where(
            CaseRow.window == ctx.settings.window))]
    firsts = [min(((at, m) for at, m in received if lo <= at <= hi), default=(None, NO_CASE))[1] for lo, hi in spans]
    expected = {m: firsts.count(m) for m in firsts}
    shown = {page.waiting.item(r, 0).text(): int(page.waiting.item(r, 1).text()) for r in range(page.waiting.rowCount())}
    assert shown == expected
    titles = [t.title for t in page.tables()]
    assert "等候与办理用时（按事项，分钟）" in titles
    v.grab().save(str(tmp_path / "manager_waiting.png"))
    runner.shutdown()
