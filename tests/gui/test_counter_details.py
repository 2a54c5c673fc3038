"""The small things people see (issue 15 item 12): queue buttons that stay put, material forms
shown whole, a readable case detail, the customer screen naming window, clerk and 工号."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from clerk_app.domain.queue import PriorityReason, Ticket, TicketKind
from clerk_app.services import cases as svc
from clerk_app.ui.case_detail import CaseDetailDialog
from clerk_app.ui.customer_screen import CustomerScreen
from clerk_app.ui.main_window import MainWindow


def test_queue_buttons_stay_put_and_customer_screen_names_the_counter(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    customer = CustomerScreen()
    qtbot.addWidget(customer)
    window = MainWindow(ctx, users["clerk"], customer_screen=customer)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    bar = window.queue
    before = bar.call_button.mapTo(window, bar.call_button.rect().topLeft())
    longest = max(PriorityReason, key=lambda r: len(r.value))
    ticket = Ticket(id="t1", number="Y012", kind=TicketKind.PRIORITY, window="01", issued_at=datetime(2026, 3, 2, 9),
                    reason=longest.value)
    bar._show(ticket)
    qtbot.wait(50)
    assert bar.call_button.mapTo(window, bar.call_button.rect().topLeft()) == before
    assert bar.current.fontMetrics().horizontalAdvance(bar.current.text()) <= bar.current.width()
    assert customer.counter_label.text() == "01号窗口　服务人员：王小明　工号：clerk"
    customer.pause()
    assert "01号窗口" in customer.paused_label.text() and "暂停服务" in customer.paused_label.text()


def test_material_forms_whole_and_case_detail_readable(qtbot, ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, users["clerk"])
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    w = window.intake
    qtbot.keyClicks(w.applicant_step.id_number, "11010519491231002x")
    w.applicant_step.name.setText("张三丰")
    qtbot.keyClick(w.applicant_step.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 1, timeout=5000)
    qtbot.keyClicks(w.matter_step.matter_search, "gtgsh")
    qtbot.keyClick(w.matter_step.matter_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2, timeout=5000)
    metrics = w.materials_step.materials.fontMetrics()
    for row in range(w.materials_step.materials.rowCount()):
        text = w.materials_step.materials.item(row, 1).text()
        assert metrics.horizontalAdvance(text) <= w.materials_step.materials.columnWidth(1), text
    detail = CaseDetailDialog(ctx, users["clerk"], window.runner, w.case.number, window)
    qtbot.addWidget(detail)
    detail.show()
    qtbot.waitUntil(lambda: detail.timeline.rowCount() >= 1, timeout=5000)
    assert detail.isSizeGripEnabled() and detail.width() > 900 - 200  # as large as the screen allows
    for col in (0, 3):
        text = detail.timeline.item(0, col).text()
        assert detail.timeline.fontMetrics().horizontalAdvance(text) <= detail.timeline.columnWidth(col), text
    assert svc.get_case(ctx, users["clerk"], w.case.number) is not None
