"""The complaint ledger page: the first call (seed 000 §34) recorded with real key presses."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from clerk_app.domain.complaints import Handling
from clerk_app.services import complaints


def test_first_call_is_recorded_from_the_ledger_page(qtbot, ctx, users, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.ui.manager.complaints_page import ComplaintsPage
    from clerk_app.ui.tasks import TaskRunner

    clock.now = datetime(2026, 3, 2, 10, 0)
    cid = complaints.take_complaint(ctx, users["clerk"], category="投诉", content="排队两小时无人受理",
                                    handling=Handling.COMPLEX, complainant_name="李四")
    runner = TaskRunner()
    page = ComplaintsPage(ctx, users["supervisor"], runner)
    qtbot.addWidget(page)
    runner.changes_applied.connect(lambda _w: page.refresh())
    page.resize(1200, 760)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    with qtbot.waitSignal(page.loaded):
        page.refresh()
    assert "投诉超时未回访 0 件" in page.counts.text()
    page.table.selectRow(0)
    assert page.first_call_button.isEnabled()
    page.note.setFocus()
    page.note.insert("已电话联系李四核实")  # Chinese arrives through the input method, not as key codes
    page.first_call_button.setFocus()
    qtbot.waitUntil(page.first_call_button.hasFocus)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(page.first_call_button, Qt.Key.Key_Space)
    item = complaints.list_complaints(ctx, users["supervisor"])[0]
    assert item.id == cid and item.first_called_at == datetime(2026, 3, 2, 10, 0)
    page.table.selectRow(0)
    assert not page.first_call_button.isEnabled()  # recorded once
    page.grab().save(str(tmp_path / "complaints_page.png"))
    runner.shutdown()
