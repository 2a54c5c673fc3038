"""Re-authentication (unlock, sensitive actions) against real users, and the idle-lock clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from clerk_app.errors import PermissionDenied, UserError
from clerk_app.security.idle import IdleLock, LockReason
from clerk_app.services import reauth
from clerk_app.services.auth import login
from clerk_app.services.cases import open_case
from clerk_app.store.tables import AuditRow, UserRow


def _actions(ctx) -> list[str]:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return list(s.scalars(select(AuditRow.action).order_by(AuditRow.at, AuditRow.id)))


@pytest.fixture
def case_number(ctx, users, new_applicant) -> str:  # type: ignore[no-untyped-def]
    applicant = new_applicant()
    return open_case(ctx, users["clerk"], matter_code=ctx.catalogue.authorised()[0].code,
                     applicant_id=applicant.id).number


def test_unlock_with_the_right_password_is_audited(ctx, users):
    reauth.unlock(ctx, users["clerk"], "clerk1234")
    assert _actions(ctx)[-1] == "session.unlock"


def test_five_wrong_unlocks_lock_the_account_for_login_too(ctx, users):
    for _ in range(4):
        with pytest.raises(UserError, match="密码不正确"):
            reauth.unlock(ctx, users["clerk"], "wrong-pass")
    with pytest.raises(UserError, match="已锁定"):
        reauth.unlock(ctx, users["clerk"], "wrong-pass")
    with pytest.raises(UserError, match="已锁定"):
        login(ctx, "clerk", "clerk1234")
    with pytest.raises(UserError, match="已锁定"):
        reauth.unlock(ctx, users["clerk"], "clerk1234")
    assert _actions(ctx).count("session.unlock.failed") == 5


def test_a_disabled_account_cannot_unlock(ctx, users):
    with ctx.store.transaction() as s:
        s.get(UserRow, users["clerk"].user_id).active = False  # type: ignore[union-attr]
    with pytest.raises(UserError, match="已停用"):
        reauth.unlock(ctx, users["clerk"], "clerk1234")


def test_reveal_needs_a_fresh_password_of_the_same_user(ctx, users, clock, case_number):
    clerk = users["clerk"]
    with pytest.raises(PermissionDenied, match="重新输入密码"):
        reauth.reveal_applicant_id(ctx, clerk, case_number, None)
    elevation = reauth.reauthenticate(ctx, clerk, "clerk1234", "applicant.reveal_id")
    assert reauth.reveal_applicant_id(ctx, clerk, case_number, elevation) == "11010519491231002X"
    assert _actions(ctx)[-2:] == ["reauth.applicant.reveal_id", "applicant.reveal_id"]
    with pytest.raises(PermissionDenied):
        reauth.reveal_applicant_id(ctx, users["supervisor"], case_number, elevation)
    clock.now += reauth.ELEVATION_LIFETIME + timedelta(seconds=1)
    with pytest.raises(PermissionDenied, match="重新输入密码"):
        reauth.reveal_applicant_id(ctx, clerk, case_number, elevation)


def test_elevation_is_for_one_purpose_and_role(ctx, users, case_number):
    export = reauth.reauthenticate(ctx, users["supervisor"], "super1234", "export")
    with pytest.raises(PermissionDenied):
        reauth.reveal_applicant_id(ctx, users["supervisor"], case_number, export)
    with pytest.raises(PermissionDenied):
        reauth.reauthenticate(ctx, users["clerk"], "clerk1234", "export")
    with pytest.raises(PermissionDenied):
        reauth.reauthenticate(ctx, users["it"], "itit1234", "applicant.reveal_id")


def test_idle_lock_after_the_timeout_and_only_unlock_ends_it():
    t0 = datetime(2026, 3, 2, 9)
    lock = IdleLock(5, t0)
    lock.activity(t0 + timedelta(minutes=3))
    assert lock.check(t0 + timedelta(minutes=7, seconds=59)) is None
    assert lock.remaining(t0 + timedelta(minutes=7)) == timedelta(minutes=1)
    assert lock.check(t0 + timedelta(minutes=8)) is LockReason.IDLE
    lock.activity(t0 + timedelta(minutes=9))
    assert lock.locked
    lock.unlock(t0 + timedelta(minutes=10))
    assert lock.check(t0 + timedelta(minutes=14)) is None


def test_pause_locks_at_once():
    lock = IdleLock(5, datetime(2026, 3, 2, 9))
    lock.lock(LockReason.PAUSE)
    assert lock.check(datetime(2026, 3, 2, 9)) is LockReason.PAUSE and LockReason.PAUSE.label == "暂停服务"


@pytest.mark.parametrize("minutes", [0, 31, -5, True])
def test_idle_timeout_outside_the_range_is_refused(minutes):
    with pytest.raises(UserError, match="自动锁屏时间应在 1 到 30 分钟之间"):
        IdleLock(minutes, datetime(2026, 3, 2, 9))
