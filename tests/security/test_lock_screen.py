"""The lock overlay with a real user's password, driven by a settable clock."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from clerk_app.security.idle import IdleLock
from clerk_app.services import reauth
from clerk_app.ui.lock_screen import IdleGuard, LockOverlay


def _window(qtbot, ctx, users, clock):  # type: ignore[no-untyped-def]
    window = QMainWindow()
    window.setCentralWidget(QLabel("110105********002X 张*丰"))
    window.resize(800, 600)
    qtbot.addWidget(window)
    window.show()
    overlay = LockOverlay(window, "王小明", lambda pw: reauth.unlock(ctx, users["clerk"], pw))
    guard = IdleGuard(overlay, IdleLock(5, clock()), clock, poll_ms=20)
    return window, overlay, guard


def test_idle_timeout_covers_the_window_and_wrong_password_keeps_it(qtbot, ctx, users, clock):
    window, overlay, guard = _window(qtbot, ctx, users, clock)
    qtbot.wait(60)
    assert not overlay.isVisible()
    clock.now += timedelta(minutes=5)
    with qtbot.waitSignal(guard.locked, timeout=2000) as blocker:
        pass
    assert blocker.args == ["idle"]
    assert overlay.isVisible() and overlay.geometry() == window.rect()
    assert overlay.title.text() == "暂停服务"
    qtbot.keyClicks(overlay.password, "wrong-pass")
    qtbot.keyClick(overlay.password, Qt.Key.Key_Return)
    assert overlay.isVisible() and overlay.error.text() == "密码不正确。"
    with qtbot.waitSignal(overlay.unlocked, timeout=2000):
        qtbot.keyClicks(overlay.password, "clerk1234")
        qtbot.mouseClick(overlay.button, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible() and not guard.lock.locked


def test_pause_locks_at_once_and_input_keeps_the_session_alive(qtbot, ctx, users, clock):
    window, overlay, guard = _window(qtbot, ctx, users, clock)
    clock.now += timedelta(minutes=4)
    qtbot.keyClick(window, Qt.Key.Key_A)
    clock.now += timedelta(minutes=4)
    qtbot.wait(80)
    assert not overlay.isVisible()
    guard.pause()
    assert overlay.isVisible() and overlay.reason.text() == ""
