"""Users and roles from the center: created, disabled and re-enabled at the center or on a counter's
Users page, they reach every counter at its next sync; a revoked clerk cannot log in anywhere, and an
open session cannot be unlocked. Offline login is limited on enrolled counters."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from clerk_app.domain.roles import Role
from clerk_app.errors import UserError
from clerk_app.services import auth
from clerk_app.services.bootstrap import open_context
from clerk_app.services.reauth import unlock


def center_cli(center: Any, *argv: str, stdin: str = "", monkeypatch: pytest.MonkeyPatch | None = None,
               capsys: pytest.CaptureFixture[str] | None = None) -> tuple[int, str, str]:
    """``clerk-center --db URL admin …`` against the running center's own database."""
    from sync.server import cli

    assert monkeypatch is not None and capsys is not None
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    url = center.engine.url.render_as_string(hide_password=False)
    capsys.readouterr()
    rc = cli.main(["--db", url, "admin", *argv])
    out, err = capsys.readouterr()
    return rc, out, err


def login_error(ctx: Any, username: str, password: str) -> UserError:
    with pytest.raises(UserError) as info:
        auth.login(ctx, username, password)
    return info.value


def test_a_clerk_revoked_at_the_center_cannot_log_in_on_any_counter_after_its_next_sync(
        center, counter_factory, monkeypatch, capsys) -> None:
    a, b = counter_factory("a"), counter_factory("b", window="02")
    rc, out, err = center_cli(center, "user", "add", "wangxm", "--name", "王小明", "--role", "clerk",
                              "--password-stdin", stdin="wang12345\n", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    assert "已创建用户 wangxm" in out
    for c in (a, b):
        c.sync_once()
        actor = auth.login(c.ctx, "wangxm", "wang12345")
        assert actor.role is Role.CLERK and actor.display_name == "王小明"
    # Only the scrypt verifier travels, never the password.
    with center.engine.connect() as conn:
        stored = conn.execute(text("SELECT data FROM records WHERE entity = 'users'")).scalar_one()
    assert "wang12345" not in stored and json.loads(stored)["password_hash"].startswith("scrypt$")
    session_on_b = auth.login(b.ctx, "wangxm", "wang12345")

    rc, out, err = center_cli(center, "user", "disable", "wangxm", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    # Before its next sync a counter still lets the clerk in (it cannot know yet) ...
    auth.login(a.ctx, "wangxm", "wang12345")
    for c in (a, b):
        c.sync_once()
        e = login_error(c.ctx, "wangxm", "wang12345")
        assert e.code == "auth.disabled" and "停用" in e.message
    # ... and the session already open on B is locked at its next unlock.
    with pytest.raises(UserError, match="停用"):
        unlock(b.ctx, session_on_b, "wang12345")

    rc, _out, err = center_cli(center, "user", "enable", "wangxm", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    rc, _out, err = center_cli(center, "user", "role", "wangxm", "supervisor", monkeypatch=monkeypatch,
                               capsys=capsys)
    assert rc == 0, err
    rc, _out, err = center_cli(center, "user", "reset-password", "wangxm", "--password-stdin",
                               stdin="new-pass-99\n", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    a.sync_once()
    assert login_error(a.ctx, "wangxm", "wang12345").code == "auth.login_failed"
    assert auth.login(a.ctx, "wangxm", "new-pass-99").role is Role.SUPERVISOR


def test_users_page_changes_on_one_counter_reach_the_others(center, counter_factory) -> None:
    a, b = counter_factory("a"), counter_factory("b", window="02")
    admin = auth.create_user(a.ctx, None, username="admin1", display_name="管理员", role=Role.ADMIN,
                             password="admin-pass-1")
    auth.create_user(a.ctx, admin, username="lisi", display_name="李四", role=Role.CLERK, password="lisi-pass-1")
    a.sync_once()
    b.sync_once()
    assert auth.login(b.ctx, "lisi", "lisi-pass-1").username == "lisi"

    auth.set_active(a.ctx, admin, "lisi", False)
    with pytest.raises(UserError, match="停用"):  # at once on the counter where it was done
        auth.login(a.ctx, "lisi", "lisi-pass-1")
    a.sync_once()
    b.sync_once()
    assert login_error(b.ctx, "lisi", "lisi-pass-1").code == "auth.disabled"

    auth.set_active(a.ctx, admin, "lisi", True)
    auth.set_role(a.ctx, admin, "lisi", Role.SUPERVISOR)
    a.sync_once()
    b.sync_once()
    assert auth.login(b.ctx, "lisi", "lisi-pass-1").role is Role.SUPERVISOR


def test_a_lockout_stays_on_its_counter_and_a_user_name_made_on_two_counters_becomes_the_centers(
        center, counter_factory) -> None:
    a, b = counter_factory("a"), counter_factory("b", window="02")
    auth.create_user(a.ctx, None, username="zhao", display_name="赵一", role=Role.CLERK, password="first-pass-1")
    auth.create_user(b.ctx, None, username="zhao", display_name="赵二", role=Role.CLERK, password="second-pass")
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(UserError):
            auth.login(a.ctx, "zhao", "wrong-password")
    with a.store.engine.connect() as conn:
        pending = conn.execute(text("SELECT data FROM sync_outbox WHERE entity = 'users'")).scalars().all()
    assert pending and all("locked_until" not in d and "failed_attempts" not in d for d in pending)
    a.sync_once()
    b.sync_once()
    a.sync_once()
    # B's own "zhao" met the center's (A's, first): B adopts it and keeps its local id.
    assert auth.login(b.ctx, "zhao", "first-pass-1").display_name == "赵一"
    assert center.scalar("SELECT count(*) FROM records WHERE entity = 'users'") == 1
    with pytest.raises(UserError, match="锁定"):  # the lockout on A did not travel
        auth.login(a.ctx, "zhao", "first-pass-1")
    # An edit on B of the adopted user (B's local id) reaches the center's record and counter A.
    admin_b = auth.create_user(b.ctx, None, username="adm-b", display_name="管理员", role=Role.ADMIN,
                               password="admin-pass-b")
    auth.set_active(b.ctx, admin_b, "zhao", False)
    b.sync_once()
    a.sync_once()
    assert center.scalar("SELECT count(*) FROM records WHERE entity = 'users' AND data LIKE '%\"active\": false%'") == 1
    assert a.status().quarantined == 0 and b.status().quarantined == 0
    with a.store.engine.connect() as conn:
        assert conn.execute(text("SELECT active FROM users WHERE username = 'zhao'")).scalar() == 0


def _stamp_last_sync(client: Any, when: datetime) -> None:
    with client.store.engine.begin() as conn:
        conn.execute(text("UPDATE sync_state SET value = :v WHERE key = 'last_sync'"),
                     {"v": when.isoformat(timespec="seconds")})


def test_offline_login_is_refused_after_the_configured_days_except_for_it(center, counter_factory, clock,
                                                                          tmp_path) -> None:
    from clerk_app.paths import ProfilePaths

    c = counter_factory("a")
    c.ctx.clock = clock
    auth.create_user(c.ctx, None, username="clerk1", display_name="王一", role=Role.CLERK, password="clerk-pass")
    auth.create_user(c.ctx, None, username="it1", display_name="赵运维", role=Role.IT, password="itit-pass")
    c.sync_once()
    _stamp_last_sync(c, clock.now)
    clock.now += timedelta(days=7)
    assert auth.login(c.ctx, "clerk1", "clerk-pass").username == "clerk1"  # exactly the limit: still allowed
    clock.now += timedelta(minutes=1)
    e = login_error(c.ctx, "clerk1", "clerk-pass")
    assert e.code == "auth.offline_too_long"
    assert "7 天未与中心服务器同步" in e.message and "联系信息技术人员" in e.message
    assert auth.login(c.ctx, "it1", "itit-pass").role is Role.IT  # IT signs in to repair the connection
    # A successful sync lifts it.
    c.clock = clock
    c.sync_once()
    assert auth.login(c.ctx, "clerk1", "clerk-pass").username == "clerk1"
    # The limit is a setting.
    (c.ctx.paths.root / "settings.toml").write_text('window = "01"\noffline_login_days = 30\n', encoding="utf-8")
    from clerk_app.settings import load_settings

    c.ctx.settings = load_settings(c.ctx.paths.root / "settings.toml")
    clock.now += timedelta(days=20)
    assert auth.login(c.ctx, "clerk1", "clerk-pass").username == "clerk1"
    clock.now += timedelta(days=11)
    assert login_error(c.ctx, "clerk1", "clerk-pass").code == "auth.offline_too_long"

    # A counter never enrolled (demo, standalone) is not affected, however old its clock says.
    standalone = open_context(ProfilePaths(tmp_path / "standalone").ensure(), clock=clock)
    try:
        auth.create_user(standalone, None, username="solo", display_name="单机", role=Role.CLERK,
                         password="solo-pass-1")
        clock.now += timedelta(days=365)
        assert auth.login(standalone, "solo", "solo-pass-1").username == "solo"
    finally:
        standalone.store.close()


def test_center_user_commands_refuse_bad_input_in_chinese(center, monkeypatch, capsys) -> None:
    rc, _out, err = center_cli(center, "user", "--center", "DEMO", "add", "x y", "--name", "甲", "--role", "clerk", "--password-stdin",
                               stdin="long-enough\n", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and "用户名" in err
    rc, _out, err = center_cli(center, "user", "--center", "DEMO", "add", "ok", "--name", "甲", "--role", "clerk", "--password-stdin",
                               stdin="short\n", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and "至少需要 8 个字符" in err
    rc, _out, err = center_cli(center, "user", "--center", "DEMO", "disable", "nobody", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and "没有用户“nobody”" in err
    assert center.scalar("SELECT count(*) FROM records WHERE entity = 'users'") == 0


def test_a_malformed_user_from_the_center_is_quarantined_and_the_others_apply(center, counter_factory, caplog,
                                                                             monkeypatch, capsys) -> None:
    import logging

    from sync.server.apply import _Effects, _record_changes, _write_record
    from sync.server.db import writer

    a = counter_factory("a")
    bad = {"id": "u-bad", "username": "boss", "display_name": "坏记录", "role": "boss",
           "password_hash": auth.hash_password("boss-pass-1"), "active": True, "created_at": "2026-03-01T09:00:00"}
    with writer(center.engine) as conn:  # as a bug or a tampered database would
        _write_record(conn, "users", "u-bad", bad, {}, exists=False, origin="center", owner=("DEMO", ""))
        _record_changes(conn, _Effects(items=[("users", "u-bad", "insert", bad)]), "center")
    rc, _out, err = center_cli(center, "user", "add", "good", "--name", "好记录", "--role", "clerk",
                               "--password-stdin", stdin="good-pass-1\n", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    with caplog.at_level(logging.WARNING, logger="clerk.sync"):
        status = a.sync_once()
    assert status.quarantined == 1
    assert any("kind=users key=u-bad" in r.getMessage() and "角色" in r.getMessage() for r in caplog.records)
    assert login_error(a.ctx, "boss", "boss-pass-1").code == "auth.login_failed"  # no such account here
    assert auth.login(a.ctx, "good", "good-pass-1").username == "good"
    with a.store.engine.connect() as conn:
        kept = conn.execute(text("SELECT data FROM dist_quarantine WHERE kind = 'users'")).scalar_one()
    assert "boss" in kept and "scrypt$" not in kept  # kept for IT, without the verifier


def test_users_made_before_the_upgrade_are_queued_once_without_their_lockout(tmp_path) -> None:
    from clerk_app.store.db import make_engine, migrate

    engine = make_engine(tmp_path / "old.sqlite3")
    migrate(engine, "0003_sync")
    with engine.begin() as c:
        c.execute(text("INSERT INTO users VALUES ('u1', 'old', '老用户', 'clerk', :h, 1, 3, :t, :t)"),
                  {"h": auth.hash_password("old-pass-1"), "t": datetime(2026, 1, 5, 9)})
    migrate(engine)
    with engine.connect() as c:
        rows = c.execute(text("SELECT entity, entity_id, op, data FROM sync_outbox")).all()
    assert [(r.entity, r.entity_id, r.op) for r in rows] == [("users", "u1", "insert")]
    data = json.loads(rows[0].data)
    assert data["username"] == "old" and data["password_hash"].startswith("scrypt$")
    assert "failed_attempts" not in data and "locked_until" not in data
    engine.dispose()
