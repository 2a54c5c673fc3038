"""Issue 15 item 9 — ratings get lost: asked once the documents are printed, kept open until the next
ticket, a docked always-visible panel on one monitor, and closing the main window ends everything
(asking first while an intake is open). Real widgets, real key presses, a real SQLite store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from clerk_app.services import cases as svc
from clerk_app.store.tables import RatingRow
from clerk_app.ui.customer_screen import CustomerScreen
from clerk_app.ui.main_window import MainWindow

MATTER = "000131127004"


def _window(qtbot, ctx, users, *, docked: bool = True):  # type: ignore[no-untyped-def]
    customer = CustomerScreen()
    window = MainWindow(ctx, users["clerk"], customer_screen=customer)
    qtbot.addWidget(window)
    if docked:
        window.dock_customer_panel()
    window.resize(1200, 760)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window, customer


def _key(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=2000)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def _ratings(ctx) -> list:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return list(s.execute(select(RatingRow.level, RatingRow.dimensions)).all())


def test_rating_opens_after_printing_and_survives_until_the_next_ticket(qtbot, ctx, users, new_applicant, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window, customer = _window(qtbot, ctx, users)
    assert customer.isVisible() and customer.window() is window  # docked: in view with the main window
    case = svc.open_case(ctx, users["clerk"], matter_code=MATTER, applicant_id=new_applicant().id)
    window.intake.case_finished.emit(case)
    assert customer.waiting_case is None
    window.intake.documents_printed.emit(case.number)
    assert customer.waiting_case == case.number
    qtbot.wait(200)  # the clerk prints, staples, explains: the question stays
    assert customer.waiting_case == case.number
    _key(qtbot, customer.buttons[2])          # 不满意 on the pad scale
    _key(qtbot, customer.aspects["服务效率"])
    _key(qtbot, customer.submit)
    qtbot.waitUntil(lambda: len(_ratings(ctx)) == 1, timeout=5000)
    assert _ratings(ctx) == [(4, "服务效率")]
    # the clerk's status line says a rating was recorded, never which
    qtbot.waitUntil(lambda: "评价" in window.message_line.label.text(), timeout=3000)
    assert "不满意" not in window.message_line.label.text()
    window.grab().save(str(tmp_path / "rating_panel.png"))


def test_next_ticket_ends_an_unanswered_question_as_not_rated(qtbot, ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    window, customer = _window(qtbot, ctx, users)
    case = svc.open_case(ctx, users["clerk"], matter_code=MATTER, applicant_id=new_applicant().id)
    window.intake.case_finished.emit(case)
    window.intake.documents_printed.emit(case.number)
    window.queue.called.emit(object())
    qtbot.waitUntil(lambda: len(_ratings(ctx)) == 1, timeout=5000)
    assert _ratings(ctx) == [(None, "")] and customer.waiting_case is None


def test_closing_with_an_open_intake_asks_then_closes_the_customer_screen(qtbot, ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    window, customer = _window(qtbot, ctx, users, docked=False)
    customer.show()  # two monitors: a window of its own
    window.intake.applicant = new_applicant()
    window.intake.go(1)
    window.close()
    box = window.findChild(QMessageBox, "confirmClose")
    qtbot.waitUntil(box.isVisible, timeout=2000)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the default is to keep working
    assert window.isVisible() and customer.isVisible()
    window.close()
    box = window.findChild(QMessageBox, "confirmClose")
    qtbot.waitUntil(box.isVisible, timeout=2000)
    _key(qtbot, box.button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    assert not customer.isVisible()
