"""Real widgets offscreen, driven with qtbot."""

from PySide6.QtCore import Qt

from clerk_app.services.auth import login
from clerk_app.services.demo import seed
from clerk_app.ui.login import LoginDialog
from clerk_app.ui.main_window import MainWindow


def test_login_refuses_then_accepts(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(lambda u, p: login(ctx, u, p), ctx.settings.center_name, ctx.settings.window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "clerk")
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "用户名或密码不正确。" and dialog.password.text() == ""
    assert dialog.actor is None
    qtbot.keyClicks(dialog.password, "clerk1234")
    with qtbot.waitSignal(dialog.logged_in, timeout=3000) as blocker:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert blocker.args[0].username == "clerk" and dialog.result() == LoginDialog.DialogCode.Accepted


def test_lockout_after_five_failures(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(lambda u, p: login(ctx, u, p), "中心", "01")
    qtbot.addWidget(dialog)
    dialog.username.setText("clerk")
    for _ in range(5):
        dialog.password.setText("bad-password")
        dialog.submit.click()
    assert "锁定" in dialog.error.text()
    dialog.password.setText("clerk1234")
    dialog.submit.click()
    assert "锁定" in dialog.error.text() and dialog.actor is None


def test_main_window_lists_searches_and_filters(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    seed(ctx, 60, seed=7)
    window = MainWindow(ctx, users["clerk"])
    qtbot.addWidget(window)
    assert window.table.rowCount() == 60
    assert "件" in window.message.text()
    first_number = window.table.item(0, 0).text()
    masked = window.table.item(0, 3).text()
    assert "********" in masked
    qtbot.keyClicks(window.search, first_number)
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=3000)
    assert window.table.item(0, 0).text() == first_number
    window.search.clear()
    index = window.filter.findText("待取件")
    window.filter.setCurrentIndex(index)
    qtbot.waitUntil(lambda: window.table.rowCount() < 60, timeout=3000)
    states = {window.table.item(i, 4).text() for i in range(window.table.rowCount())}
    assert states <= {"待出件"}
