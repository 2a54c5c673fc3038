"""The running app takes what the center distributed without a restart: the queue bar shows the day's
appointments (a count; the masked list on click, audited), and the catalogue, authorised list and
holiday schedule are swapped into the live context by the sync client's callback."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from test_distribution_items import APPOINTMENTS_CSV, HOLIDAYS_2027, OTHER, PERMIT, _catalogue_file
from test_distribution_users import center_cli

from clerk_app.domain.roles import Role
from clerk_app.services import auth
from clerk_app.services.catalogue_search import MatterIndex
from clerk_app.services.distribution import refresh_after_distribution


def test_queue_bar_shows_the_windows_appointments_and_lists_them_masked(qtbot, center, counter_factory, clock,
                                                                        tmp_path, monkeypatch, capsys) -> None:
    from PySide6.QtWidgets import QMenu

    from clerk_app.ui.main_window import MainWindow

    a = counter_factory("a", clock=clock)
    a.ctx.clock = clock
    f = tmp_path / "appointments.csv"
    f.write_text(APPOINTMENTS_CSV, encoding="utf-8")
    assert center_cli(center, "appointments", "import", str(f), "--center", "DEMO", monkeypatch=monkeypatch,
                      capsys=capsys)[0] == 0
    a.sync_once()
    clerk = auth.create_user(a.ctx, None, username="ca", display_name="甲", role=Role.CLERK, password="clerk1234")
    window = MainWindow(a.ctx, clerk)
    qtbot.addWidget(window)
    button = window.queue.appointments_button
    qtbot.waitUntil(lambda: button.isVisibleTo(window) and button.text() == "预约 2", timeout=5000)
    button.click()
    qtbot.waitUntil(lambda: window.queue.findChild(QMenu, "appointmentList") is not None, timeout=5000)
    menu = window.queue.findChild(QMenu, "appointmentList")
    lines = [act.text() for act in menu.actions() if act.text()]  # the section title, then one line each
    assert lines[0] == "今日预约"
    assert lines[1].startswith("09:00-09:30  张*丰  138****8000")
    assert "张三丰" not in " ".join(lines) and "13800138000" not in " ".join(lines)
    menu.close()
    with a.store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log WHERE action = 'appointments.list'")).scalar() == 1


def test_the_live_context_takes_the_new_catalogue_and_holidays_at_once(center, counter_factory, tmp_path,
                                                                       monkeypatch, capsys) -> None:
    a = counter_factory("a")
    a.on_distributed = lambda kinds: refresh_after_distribution(a.ctx, kinds)
    before = a.ctx.catalogue
    assert a.ctx.calendar.is_working_day(date(2027, 1, 4))  # weekends only so far
    holidays = tmp_path / "2027.toml"
    holidays.write_text(HOLIDAYS_2027, encoding="utf-8")
    for argv in (("catalogue", "import", str(_catalogue_file(tmp_path, "中心-2027.02"))),
                 ("authorise", "--center", "DEMO", "--window", "01", PERMIT, OTHER),
                 ("holidays", "import", str(holidays))):
        rc, _out, err = center_cli(center, *argv, monkeypatch=monkeypatch, capsys=capsys)
        assert rc == 0, err
    a.sync_once()
    assert a.ctx.catalogue is not before and a.ctx.catalogue.version == "中心-2027.02"
    assert {m.code for m in MatterIndex(a.ctx.catalogue).search("")} == {PERMIT, OTHER}
    assert not a.ctx.calendar.is_working_day(date(2027, 1, 4))


def test_an_open_session_is_locked_when_the_sync_brings_the_clerks_revocation(qtbot, center, counter_factory,
                                                                             monkeypatch, capsys) -> None:
    from clerk_app.app import _start_sync
    from clerk_app.services.reauth import unlock
    from clerk_app.ui.main_window import MainWindow

    a = counter_factory("a")
    assert center_cli(center, "user", "add", "wangxm", "--name", "王小明", "--role", "clerk", "--password-stdin",
                      stdin="wang12345\n", monkeypatch=monkeypatch, capsys=capsys)[0] == 0
    a.sync_once()
    clerk = auth.login(a.ctx, "wangxm", "wang12345")
    window = MainWindow(a.ctx, clerk)
    qtbot.addWidget(window)
    runner = _start_sync(a.ctx, window)
    assert runner is not None
    try:
        qtbot.waitUntil(lambda: runner.rounds >= 1, timeout=10000)
        assert window.lock_overlay.isHidden()
        assert center_cli(center, "user", "disable", "wangxm", monkeypatch=monkeypatch, capsys=capsys)[0] == 0
        runner.trigger()
        qtbot.waitUntil(lambda: not window.lock_overlay.isHidden(), timeout=10000)
        window.lock_overlay.password.setText("wang12345")
        window.lock_overlay.button.click()
        assert not window.lock_overlay.isHidden() and "停用" in window.lock_overlay.error.text()
    finally:
        runner.stop()
    import pytest

    from clerk_app.errors import UserError
    with pytest.raises(UserError, match="停用"):
        unlock(a.ctx, clerk, "wang12345")
