"""Users, passwords and login. scrypt is memory-hard and in the standard library."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from clerk_app.domain.ids import uuid7
from clerk_app.domain.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from clerk_app.domain.roles import Actor, Role
from clerk_app.errors import UserError
from clerk_app.services.context import ServiceContext
from clerk_app.store import audit
from clerk_app.store.tables import UserRow

MAX_FAILURES = 5
LOCKOUT_MINUTES = 15
LOCKOUT = timedelta(minutes=LOCKOUT_MINUTES)


def _actor(row: UserRow, window: str) -> Actor:
    return Actor(user_id=row.id, username=row.username, display_name=row.display_name, role=Role(row.role),
                 window=window)


def create_user(ctx: ServiceContext, actor: Actor | None, *, username: str, display_name: str, role: Role,
                password: str) -> Actor:
    """``actor`` None is the bootstrap path (first admin, demo users) used only by setup code."""
    if actor is not None:
        actor.require("user.manage")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("auth.password_too_short", min_length=MIN_PASSWORD_LENGTH)
    now = ctx.now()
    with ctx.store.transaction() as s:
        if s.scalars(select(UserRow).where(UserRow.username == username)).first():
            raise UserError("auth.username_taken", username=username)
        row = UserRow(id=uuid7(), username=username, display_name=display_name, role=role.value,
                      password_hash=hash_password(password), active=True, failed_attempts=0, created_at=now)
        s.add(row)
        audit.append(s, at=now, actor=actor.username if actor else "setup", action="user.create", entity="user",
                     entity_id=row.id, detail=f"{username} {role.value}")
    return _actor(row, ctx.settings.window)


def login(ctx: ServiceContext, username: str, password: str) -> Actor:
    now = ctx.now()
    with ctx.store.transaction() as s:
        row = s.scalars(select(UserRow).where(UserRow.username == username.strip())).first()
        if row is None:
            verify_password(password, hash_password("timing-equaliser"))
            raise UserError("auth.login_failed")
        if not row.active:
            raise UserError("auth.disabled")
        if row.locked_until and row.locked_until > now:
            minutes = int((row.locked_until - now).total_seconds() // 60) + 1
            raise UserError("auth.locked_minutes", minutes=minutes)
        if not verify_password(password, row.password_hash):
            row.failed_attempts += 1
            if row.failed_attempts >= MAX_FAILURES:
                row.locked_until = now + LOCKOUT
                row.failed_attempts = 0
                audit.append(s, at=now, actor=username, action="user.locked", entity="user", entity_id=row.id)
                s.commit()
                raise UserError("auth.locked_now", failures=MAX_FAILURES, minutes=LOCKOUT_MINUTES)
            audit.append(s, at=now, actor=username, action="login.failed", entity="user", entity_id=row.id)
            s.commit()
            raise UserError("auth.login_failed")
        row.failed_attempts = 0
        row.locked_until = None
        try:
            offline_login_check(ctx, Role(row.role))
        except UserError:
            audit.append(s, at=now, actor=row.username, action="login.offline_refused", entity="user",
                         entity_id=row.id)
            s.commit()
            raise
        audit.append(s, at=now, actor=row.username, action="login", entity="user", entity_id=row.id)
        return _actor(row, ctx.settings.window)


def is_active(ctx: ServiceContext, user_id: str) -> bool:
    """Whether the account may still be used (the app re-checks it after each sync)."""
    with ctx.store.read() as s:
        row = s.get(UserRow, user_id)
        return bool(row is not None and row.active)


def offline_login_check(ctx: ServiceContext, role: Role) -> None:
    """A counter enrolled with a center that has not synced for too long refuses logins (a clerk revoked at
    the center must not keep working on a PC kept offline); see services/distribution.py."""
    from clerk_app.services.distribution import offline_login_check as check

    check(ctx, role)


def list_users(ctx: ServiceContext) -> list[tuple[str, str, str, bool]]:
    with ctx.store.read() as s:
        return [(u.username, u.display_name, u.role, u.active) for u in s.scalars(select(UserRow).order_by(UserRow.username))]


@dataclass(frozen=True)
class UserInfo:
    id: str
    username: str
    display_name: str
    role: Role
    active: bool
    locked: bool


def users(ctx: ServiceContext, actor: Actor) -> list[UserInfo]:
    actor.require("user.manage")
    now = ctx.now()
    with ctx.store.read() as s:
        return [UserInfo(u.id, u.username, u.display_name, Role(u.role), u.active,
                         bool(u.locked_until and u.locked_until > now))
                for u in s.scalars(select(UserRow).order_by(UserRow.username))]


def _change(ctx: ServiceContext, actor: Actor, username: str, action: str, detail: str, change) -> None:  # type: ignore[no-untyped-def]
    actor.require("user.manage")
    now = ctx.now()
    with ctx.store.transaction() as s:
        row = s.scalars(select(UserRow).where(UserRow.username == username)).first()
        if row is None:
            raise UserError("auth.no_such_user", username=username)
        if row.id == actor.user_id and action in ("user.disable", "user.role"):
            raise UserError("auth.not_on_self")
        change(row)
        audit.append(s, at=now, actor=actor.username, action=action, entity="user", entity_id=row.id, detail=detail)


def set_active(ctx: ServiceContext, actor: Actor, username: str, active: bool) -> None:
    """Disabling revokes at once on this PC (login and unlock refuse it); the center propagates it."""
    def apply(row: UserRow) -> None:
        row.active = active
    _change(ctx, actor, username, "user.enable" if active else "user.disable", username, apply)


def set_role(ctx: ServiceContext, actor: Actor, username: str, role: Role) -> None:
    def apply(row: UserRow) -> None:
        row.role = role.value
    _change(ctx, actor, username, "user.role", role.value, apply)


def reset_password(ctx: ServiceContext, actor: Actor, username: str, new_password: str) -> None:
    actor.require("user.manage")
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise UserError("auth.password_too_short", min_length=MIN_PASSWORD_LENGTH)

    def apply(row: UserRow) -> None:
        row.password_hash, row.failed_attempts, row.locked_until = hash_password(new_password), 0, None
    _change(ctx, actor, username, "user.reset_password", username, apply)
