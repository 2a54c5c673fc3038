"""The retention purge runs by itself: at start-up and then every interval (a day in the app), on its own
thread, as the system actor, logged and audited. The clock fixture moves the days; the real sync outbox
says what the center acknowledged."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text

from clerk_app.services.cases import open_case, withdraw
from clerk_app.services.retention import RetentionScheduler
from clerk_app.store.tables import AuditRow, CaseRow


def _closed_case(ctx, users, new_applicant, clock, when: datetime, id_number: str) -> str:  # type: ignore[no-untyped-def]
    clock.now = when
    applicant = new_applicant(id_number=id_number)
    case = open_case(ctx, users["clerk"], matter_code=ctx.catalogue.authorised()[0].code, applicant_id=applicant.id)
    withdraw(ctx, users["clerk"], case.number, reason="申请人撤回")
    return case.id


def _ack(ctx, case_id: str) -> None:  # type: ignore[no-untyped-def]
    """The center acknowledged every change of the case, its events and its applicant."""
    with ctx.store.engine.begin() as conn:
        applicant = conn.execute(text("SELECT applicant_id FROM cases WHERE id = :c"), {"c": case_id}).scalar()
        conn.execute(text("UPDATE sync_outbox SET status = 'acked', acked_at = '2026-01-01T00:00:00' "
                          "WHERE entity_id = :c OR entity_id = :a OR entity_id IN "
                          "(SELECT id FROM case_events WHERE case_id = :c) OR entity_id IN "
                          "(SELECT id FROM case_materials WHERE case_id = :c)"), {"c": case_id, "a": applicant})


def _remaining(ctx, ids: list[str]) -> set[str]:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return set(s.scalars(select(CaseRow.id).where(CaseRow.id.in_(ids))))


def _wait(predicate, timeout: float = 20) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "the scheduler did not run"
        time.sleep(0.02)


def test_scheduler_purges_at_start_and_again_each_interval(ctx, users, new_applicant, clock, caplog) -> None:  # type: ignore[no-untyped-def]
    day0 = datetime(2026, 1, 5, 10, 0)
    acked_91 = _closed_case(ctx, users, new_applicant, clock, day0, "11010519491231002X")
    waiting_91 = _closed_case(ctx, users, new_applicant, clock, day0, "110105194912310038")
    acked_89 = _closed_case(ctx, users, new_applicant, clock, day0 + timedelta(days=2), "110105194912310054")
    _ack(ctx, acked_91)
    _ack(ctx, acked_89)
    clock.now = day0 + timedelta(days=91, hours=1)
    scheduler = RetentionScheduler(ctx, interval=timedelta(seconds=0.2))
    assert scheduler.retention_days == 90  # the settings' default
    caplog.set_level(logging.INFO, logger="clerk_app.security")
    scheduler.start()
    try:
        _wait(lambda: len(scheduler.runs) >= 1)
        assert _remaining(ctx, [acked_91, waiting_91, acked_89]) == {waiting_91, acked_89}
        assert (scheduler.runs[0].cases, scheduler.runs[0].waiting_for_server) == (1, 1)
        clock.now = day0 + timedelta(days=93, hours=1)  # the next day's run: the other acked case is now due
        _wait(lambda: acked_89 not in _remaining(ctx, [acked_89]))
        assert _remaining(ctx, [acked_91, waiting_91, acked_89]) == {waiting_91}  # never before the center confirms
    finally:
        scheduler.stop()
    assert scheduler._thread is not None and not scheduler._thread.is_alive()
    purges = [r for r in caplog.records if "retention purge" in r.getMessage()]
    assert purges and {r.threadName for r in purges} == {"retention"}  # off the GUI (main) thread
    assert "1 closed cases" in purges[0].getMessage()
    with ctx.store.read() as s:
        audited = list(s.execute(select(AuditRow.actor, AuditRow.detail).where(AuditRow.action == "retention.purge")))
    assert audited[0] == ("system", "1 cases, 1 applicants, 1 waiting; 90 days")
    assert len(audited) == len(scheduler.runs)


def test_a_failing_run_is_logged_and_the_scheduler_keeps_going(ctx, users, clock, caplog) -> None:  # type: ignore[no-untyped-def]
    scheduler = RetentionScheduler(ctx, retention_days=90)
    scheduler.retention_days = 0  # refused by the purge (UserError): logged, not raised
    caplog.set_level(logging.INFO, logger="clerk_app.security")
    assert scheduler.run_once() is None
    assert any("retention purge failed" in r.getMessage() for r in caplog.records)
    scheduler.retention_days = 90
    assert scheduler.run_once() is not None


@pytest.mark.parametrize("days", [30, 365])
def test_the_period_comes_from_the_settings(ctx, days) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    ctx.settings = replace(ctx.settings, retention_days=days)
    assert RetentionScheduler(ctx).retention_days == days
