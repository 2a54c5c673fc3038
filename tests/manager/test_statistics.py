"""Dashboard figures and the ranking on randomly generated rows, each compared with the same figure
computed by plain Python over the generated list."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import insert

from clerk_app.domain.ids import uuid7
from clerk_app.domain.matters import LimitUnit
from clerk_app.domain.periods import Period
from clerk_app.services import performance, statistics, supervision
from clerk_app.store.tables import ApplicantRow, CaseEventRow, CaseRow, RatingRow

TODAY = date(2026, 3, 18)  # a Wednesday: the week is 03-16..03-22


@pytest.fixture
def data(ctx, users, clock):  # type: ignore[no-untyped-def]
    clock.now = datetime.combine(TODAY, time(16, 0))
    rng = random.Random(7)
    matters = ctx.catalogue.authorised()
    clerks = [users["clerk"].user_id, users["supervisor"].user_id]
    app = dict(id=uuid7(), kind="person", name="张三", id_number="11010519491231002X", phone="", address="",
               created_at=clock.now, updated_at=clock.now)
    cases, events, ratings = [], [], []
    for i in range(240):
        m = rng.choice(matters)
        received = datetime.combine(TODAY - timedelta(days=rng.randrange(0, 40)), time(9)) + timedelta(
            minutes=rng.randrange(0, 400))
        decision = rng.choice(("accept", "accept", "accept", "notify_supplement", "reject", None))
        accepted = received + timedelta(minutes=rng.randrange(5, 30)) if decision == "accept" else None
        decided = accepted + timedelta(hours=rng.randrange(1, 24 * 20)) if accepted and rng.random() < 0.5 else None
        if decided and decided > datetime.combine(TODAY, time(15)):
            decided = None
        due = (TODAY + timedelta(days=rng.randrange(-6, 8))) if accepted else None
        state = ("decided" if decided else "transferred") if accepted else {
            "notify_supplement": "pending_supplement", "reject": "rejected", None: "received"}[decision]
        case = dict(id=uuid7(), number=f"T-{i:04d}", matter_code=m.code, matter_name=m.name, department=m.department,
                    applicant_id=app["id"], window="01", clerk_id=rng.choice(clerks),
                    channel=rng.choice(("window", "window", "online")), state=state, accept_mode=None,
                    received_at=received, accepted_at=accepted, due_date=due, due_provisional=False,
                    commitment="none", tell_commit_offered=False, updated_at=received)
        cases.append(case)
        if decision:
            events.append(dict(id=uuid7(), case_id=case["id"], at=accepted or received, actor="x", action=decision,
                               from_state="received", to_state=state))
        if decided:
            events.append(dict(id=uuid7(), case_id=case["id"], at=decided, actor="x", action="decide",
                               from_state="transferred", to_state="decided"))
        if rng.random() < 0.7:
            ratings.append(dict(id=uuid7(), case_id=case["id"], level=rng.choice((1, 1, 2, 3, 4, 5, None)),
                                channel="evaluator", real_name=True, clerk_id=case["clerk_id"], comment="",
                                at=received))
    with ctx.store.transaction() as s:
        s.execute(insert(ApplicantRow), [app])
        s.execute(insert(CaseRow), cases)
        s.execute(insert(CaseEventRow), events)
        s.execute(insert(RatingRow), ratings)
    return cases, events, ratings


def _in(t: datetime | None, first: date, end: date) -> bool:
    return t is not None and first <= t.date() < end


@pytest.mark.parametrize("period", [Period.DAY, Period.WEEK, Period.MONTH])
def test_dashboard_matches_hand_computation(ctx, users, data, period) -> None:  # type: ignore[no-untyped-def]
    cases, events, ratings = data
    dash = statistics.dashboard(ctx, users["supervisor"], period)
    first, end = {Period.DAY: (TODAY, TODAY + timedelta(1)), Period.WEEK: (date(2026, 3, 16), date(2026, 3, 23)),
                  Period.MONTH: (date(2026, 3, 1), date(2026, 4, 1))}[period]
    assert (dash.first, dash.end) == (first, end)
    mine = [c for c in cases if _in(c["received_at"], first, end)]
    assert dash.received == len(mine)
    assert dict(dash.by_department.rows) == Counter(c["department"] for c in mine)
    assert dict(dash.by_channel.rows) == {{"window": "窗口", "online": "网上"}[k]: n
                                          for k, n in Counter(c["channel"] for c in mine).items()}
    names = {users["clerk"].user_id: "王小明", users["supervisor"].user_id: "李带班"}
    assert dict(dash.by_clerk.rows) == {names[k]: n for k, n in Counter(c["clerk_id"] for c in mine).items()}
    ev = Counter(e["action"] for e in events if _in(e["at"], first, end))
    assert dash.decisions == {"受理": ev["accept"], "一次性告知": ev["notify_supplement"], "不予受理": ev["reject"]}
    intake = [(c["accepted_at"] - c["received_at"]).total_seconds() / 60 for c in cases
              if _in(c["accepted_at"], first, end)]
    assert dash.avg_intake_minutes == pytest.approx(sum(intake) / len(intake), abs=0.01)
    by_id = {c["id"]: c for c in cases}
    handled = [(e["at"] - by_id[e["case_id"]]["accepted_at"]).total_seconds() / 86400 for e in events
               if e["action"] == "decide" and _in(e["at"], first, end)]
    if handled:
        assert dash.avg_handling_days == pytest.approx(sum(handled) / len(handled), abs=1e-4)
    else:
        assert dash.avg_handling_days is None
    rs = [r for r in ratings if _in(r["at"], first, end)]
    assert dash.ratings == Counter(r["level"] for r in rs)
    given = sum(1 for r in rs if r["level"] is not None)
    assert dash.participation == (pytest.approx(given / len(mine)) if mine else None)


def test_due_lists_and_urge(ctx, users, data) -> None:  # type: ignore[no-untyped-def]
    cases, _, _ = data
    horizon = ctx.calendar.add_working_days(TODAY, ctx.settings.due_soon_working_days)[0]
    assert horizon == date(2026, 3, 20)
    running = [c for c in cases if c["state"] == "transferred"]
    _, overdue, soon = supervision.due_cases(ctx, users["supervisor"], TODAY)
    assert overdue == sum(1 for c in running if c["due_date"] < TODAY)
    assert soon == sum(1 for c in running if TODAY <= c["due_date"] <= horizon)
    first = supervision.due_cases(ctx, users["supervisor"], TODAY)[0][0]
    assert supervision.urge(ctx, users["supervisor"], first.number, "请于今日办结") == 1
    assert supervision.urge(ctx, users["supervisor"], first.number) == 2
    assert supervision.due_cases(ctx, users["supervisor"], TODAY)[0][0].urges == 2


def _weight(limit) -> float:  # type: ignore[no-untyped-def]
    """The complexity table written out again by hand, from FORMULA's text."""
    if limit.unit in (LimitUnit.IMMEDIATE, LimitUnit.NONE) or limit.value == 0:
        return 1.0
    days = limit.value if limit.unit is LimitUnit.WORKING_DAYS else limit.value * 5 / 7
    return 1.2 if days <= 5 else 1.5 if days <= 15 else 2.0


def test_quarterly_ranking_matches_formula(ctx, users, data) -> None:  # type: ignore[no-untyped-def]
    cases, events, ratings = data
    first, end = date(2026, 1, 1), date(2026, 4, 1)
    limits = {m.code: m.promise_limit for m in ctx.catalogue.matters}
    decided = {e["case_id"]: e["at"] for e in events if e["action"] == "decide"}
    expected = {}
    for uid in (users["clerk"].user_id, users["supervisor"].user_id):
        mine = [c for c in cases if c["clerk_id"] == uid and _in(c["received_at"], first, end)]
        weighted = sum(_weight(limits[c["matter_code"]]) for c in mine)
        with_due = [c for c in mine if c["due_date"]]
        overdue = sum(1 for c in with_due if (c["id"] in decided and decided[c["id"]].date() > c["due_date"])
                      or (c["id"] not in decided and c["state"] == "transferred" and c["due_date"] < TODAY))
        rs = [r["level"] for r in ratings if r["clerk_id"] == uid and _in(r["at"], first, end) and r["level"]]
        expected[uid] = (len(mine), weighted, len(rs), sum(1 for v in rs if v <= 3), sum(1 for v in rs if v >= 4),
                         len(with_due), overdue)
    top = max(v[1] for v in expected.values())
    ranked = performance.ranking(ctx, users["supervisor"], first, end, TODAY)
    assert len(ranked) == 2
    for r in ranked:
        n, weighted, rated, good, bad, with_due, overdue = expected[r.figures.clerk_id]
        assert (r.figures.cases, r.figures.rated, r.figures.good, r.figures.bad, r.figures.with_due,
                r.figures.overdue) == (n, rated, good, bad, with_due, overdue)
        assert r.figures.weighted_cases == pytest.approx(weighted, abs=0.01)
        score = 50 * weighted / top + 30 * good / rated + 20 * (1 - overdue / with_due) - 2 * bad
        assert r.score == pytest.approx(max(0.0, score), abs=0.02)
    assert ranked[0].score >= ranked[1].score and ranked[0].rank == 1
