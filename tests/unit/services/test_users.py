"""User administration: revoking a clerk who left works at once; every change is audited."""

import pytest
from sqlalchemy import select

from clerk_app.domain.roles import Role
from clerk_app.errors import PermissionDenied, UserError
from clerk_app.services import auth
from clerk_app.store.tables import AuditRow


@pytest.fixture
def admin(ctx):  # type: ignore[no-untyped-def]
    return auth.create_user(ctx, None, username="admin", display_name="张管理", role=Role.ADMIN, password="admin1234")


def test_disable_reenable_role_and_reset(ctx, users, admin) -> None:  # type: ignore[no-untyped-def]
    auth.set_active(ctx, admin, "clerk", False)
    with pytest.raises(UserError, match="已停用"):
        auth.login(ctx, "clerk", "clerk1234")
    auth.set_active(ctx, admin, "clerk", True)
    for _ in range(5):
        with pytest.raises(UserError):
            auth.login(ctx, "clerk", "wrong-pass")
    assert next(u for u in auth.users(ctx, admin) if u.username == "clerk").locked
    auth.reset_password(ctx, admin, "clerk", "newpass123")
    assert auth.login(ctx, "clerk", "newpass123").username == "clerk"  # the lock is lifted too
    auth.set_role(ctx, admin, "clerk", Role.SUPERVISOR)
    assert auth.login(ctx, "clerk", "newpass123").role is Role.SUPERVISOR
    with ctx.store.read() as s:
        actions = list(s.scalars(select(AuditRow.action).where(AuditRow.actor == "admin")))
    assert actions == ["user.disable", "user.enable", "user.reset_password", "user.role"]


def test_only_admins_and_never_on_themselves(ctx, users, admin) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        auth.set_active(ctx, users["supervisor"], "clerk", False)
    with pytest.raises(PermissionDenied):
        auth.users(ctx, users["supervisor"])
    with pytest.raises(UserError, match="不能停用自己的账号"):
        auth.set_active(ctx, admin, "admin", False)
    with pytest.raises(UserError, match="至少需要 8 个字符"):
        auth.reset_password(ctx, admin, "clerk", "short")
    with pytest.raises(UserError, match="不存在"):
        auth.set_role(ctx, admin, "nobody", Role.CLERK)
