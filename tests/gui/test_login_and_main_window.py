"""Real widgets offscreen, driven with qtbot."""

from PySide6.QtCore import Qt

from clerk_app.services.auth import login
from clerk_app.services.demo import seed
from clerk_app.services.search import CaseFilter, search_cases
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
    page = window.cases
    qtbot.waitUntil(lambda: page.table.rowCount() == 60, timeout=5000)
    assert page.message.text() == "共 60 件"
    first_number = page.table.item(0, 0).text()
    masked = page.table.item(0, 3).text()
    assert "********" in masked
    qtbot.keyClicks(page.search, first_number)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=3000)
    assert page.table.item(0, 0).text() == first_number
    page.search.clear()
    page.filter.setCurrentIndex(page.filter.findText("待取件"))
    expected = [s.number for s in search_cases(ctx, users["clerk"], flt=CaseFilter.AWAITING_PICKUP)]
    assert 0 < len(expected) < 60

    def shown() -> list[str]:
        return [page.table.item(i, 0).text() for i in range(page.table.rowCount())]
    qtbot.waitUntil(lambda: shown() == expected, timeout=3000)
    assert {page.table.item(i, 4).text() for i in range(page.table.rowCount())} == {"待出件"}


def _failed_logins(ctx) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from clerk_app.store.tables import AuditRow

    with ctx.store.read() as s:
        return s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "login.failed"))


def test_enter_once_on_a_wrong_password_counts_one_attempt(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(lambda u, p: login(ctx, u, p), ctx.settings.center_name, ctx.settings.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.username.setFocus()
    qtbot.keyClicks(dialog.username, "clerk")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)  # Enter after the name moves on, it does not submit
    assert dialog.focusWidget() is dialog.password and _failed_logins(ctx) == 0 and dialog.error.text() == ""
    for attempt in range(1, 5):
        qtbot.keyClicks(dialog.password, "wrong-password")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert _failed_logins(ctx) == attempt
        assert dialog.error.text() == "用户名或密码不正确。"
    # four wrong tries are not a lockout: the right password still gets in
    qtbot.keyClicks(dialog.password, "clerk1234")
    with qtbot.waitSignal(dialog.logged_in, timeout=3000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_messages_fit_stay_and_the_window_remembers_its_geometry(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.domain.queue import PriorityReason

    window = MainWindow(ctx, users["clerk"])
    qtbot.addWidget(window)
    assert not window._geometry_file().exists()
    window.show_restored()
    assert window.isMaximized()  # the first time on this counter
    window.showNormal()
    window.setGeometry(40, 50, 1200, 760)  # the default size: the message line must fit there
    window.queue.take_priority(PriorityReason.MILITARY)
    line = window.message_line
    qtbot.waitUntil(lambda: "已登记优先服务" in line.text(), timeout=5000)
    # the whole sentence is shown on one line as wide as the page, not cut to four characters
    assert line.label.text().endswith(line.text()) and "下一个叫号即为此号" in line.label.text()
    assert line.width() >= 1100 and line.label.fontMetrics().horizontalAdvance(line.label.text()) < line.label.width()
    qtbot.wait(200)
    assert line.isVisible()  # it stays until the next message
    screen = window.screen().availableGeometry()
    size = (screen.width() - 10, screen.height() - 90)  # restoring fits the window to the screen
    window.setGeometry(30, 40, *size)
    left = (window.width(), window.height())  # what the clerk left (never below the window's minimum)
    window.close()
    assert window._geometry_file().exists()
    again = MainWindow(ctx, users["clerk"])
    qtbot.addWidget(again)
    again.show_restored()
    # as left: the same height; the same width where the screen allows (offscreen screens are 800 px wide)
    assert not again.isMaximized() and again.height() == left[1] == size[1]
    assert min(left[0], max(screen.width(), again.minimumSizeHint().width())) - 30 <= again.width() <= left[0]


def test_applicant_error_frames_the_field_it_concerns(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, users["clerk"])
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    w = window.intake
    qtbot.keyClicks(w.applicant_step.id_number, "440308199901101513")
    w.applicant_step.name.setText("李四")
    qtbot.keyClick(w.applicant_step.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.error.text() != "", timeout=5000)
    assert "#b00020" in w.applicant_step.id_number.styleSheet() and "校验位" in w.applicant_step.id_hint.text()
    assert w.applicant_step.name.styleSheet() == ""
    # the message is near the field: within 120 px of it, not at the bottom of the page
    field_y = w.applicant_step.id_number.mapTo(w, w.applicant_step.id_number.rect().topLeft()).y()
    hint_y = w.applicant_step.id_hint.mapTo(w, w.applicant_step.id_hint.rect().topLeft()).y()
    assert 0 < hint_y - field_y < 120
    assert "校验位" in window.message_line.text()
