"""Retention purge over seeded data with the real sync outbox deciding what the center confirmed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from clerk_app.errors import PermissionDenied, UserError
from clerk_app.services.demo import seed
from clerk_app.services.retention import CLOSED, purge_closed_cases
from clerk_app.store import audit
from clerk_app.store.tables import ApplicantRow, CaseEventRow, CaseRow


def _count(ctx, stmt) -> int:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return int(s.scalar(stmt) or 0)


def _unused_applicants(ctx) -> int:  # type: ignore[no-untyped-def]
    return _count(ctx, select(func.count()).select_from(ApplicantRow)
                  .where(ApplicantRow.id.not_in(select(CaseRow.applicant_id))))


def _closed(ctx) -> int:  # type: ignore[no-untyped-def]
    return _count(ctx, select(func.count()).select_from(CaseRow).where(CaseRow.state.in_(CLOSED)))


def _ack_all(ctx, keep_case: str | None = None) -> None:  # type: ignore[no-untyped-def]
    with ctx.store.engine.begin() as conn:
        conn.execute(text("UPDATE sync_outbox SET status = 'acked', acked_at = '2026-03-03T00:00:00'"))
        if keep_case:
            conn.execute(text("UPDATE sync_outbox SET status = 'pending', acked_at = NULL WHERE entity_id = :c"),
                         {"c": keep_case})


def test_nothing_is_purged_before_the_center_confirms(ctx, users, clock):
    seed(ctx, 60, seed=3)
    closed = _closed(ctx)
    assert closed > 0
    clock.now += timedelta(days=200)
    result = purge_closed_cases(ctx, users["supervisor"])
    assert (result.cases, result.waiting_for_server) == (0, closed)
    assert _closed(ctx) == closed


def test_confirmed_old_closed_cases_go_with_their_history_and_people(ctx, users, clock):
    seed(ctx, 60, seed=3)
    with ctx.store.read() as s:
        closed_ids = list(s.scalars(select(CaseRow.id).where(CaseRow.state.in_(CLOSED)).order_by(CaseRow.id)))
        open_before = s.scalar(select(func.count()).select_from(CaseRow).where(CaseRow.state.not_in(CLOSED)))
    kept = closed_ids[0]
    unused_before = _unused_applicants(ctx)  # the demo pool has people without cases
    _ack_all(ctx, keep_case=kept)
    assert purge_closed_cases(ctx, users["supervisor"], retention_days=90).cases == 0  # not old enough yet
    clock.now += timedelta(days=200)
    result = purge_closed_cases(ctx, users["supervisor"], retention_days=90)
    assert result.cases == len(closed_ids) - 1 and result.waiting_for_server == 1
    with ctx.store.read() as s:
        assert list(s.scalars(select(CaseRow.id).where(CaseRow.state.in_(CLOSED)))) == [kept]
        assert s.scalar(select(func.count()).select_from(CaseRow)) == open_before + 1
        orphans = s.scalar(select(func.count()).select_from(CaseEventRow)
                           .where(CaseEventRow.case_id.not_in(select(CaseRow.id))))
        pending_deletes = s.execute(text("SELECT count(*) FROM sync_outbox WHERE op = 'delete'")).scalar()
        assert audit.verify(s).ok
    assert orphans == 0 and result.applicants > 0
    assert _unused_applicants(ctx) == unused_before  # everyone left without a case was removed
    assert pending_deletes == 0  # the center keeps its copy: the purge is not synced


def test_purge_needs_the_archive_permission_and_a_sane_period(ctx, users):
    with pytest.raises(PermissionDenied):
        purge_closed_cases(ctx, users["clerk"])
    with pytest.raises(UserError, match="本地保留天数应在 1 到 3650 天之间"):
        purge_closed_cases(ctx, users["supervisor"], retention_days=0)
