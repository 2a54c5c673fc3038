"""The output desk lists results not collected after N working days and gives their 领取通知 and SMS
(seed 001 §5.1.3); driven with real key presses on the real widgets, read back from the real PDF."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt

from clerk_app.domain.cases import IntakeDecision, MaterialStatus
from clerk_app.services import cases as svc
from clerk_app.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from pdftools import flat_text  # noqa: E402


def _key(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=2000)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_output_desk_lists_uncollected_and_prints_the_reminder(qtbot, ctx, users, new_applicant, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    clock.now = datetime(2026, 9, 29, 15, 0)
    case = svc.open_case(ctx, clerk, matter_code="000131127004", applicant_id=new_applicant().id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    for seq in (1, 2, 3):
        svc.check_material(ctx, clerk, case.number, seq, MaterialStatus.SUBMITTED)
    svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT)
    svc.transfer(ctx, clerk, case.number, receiver="陈科员")
    svc.record_decision(ctx, clerk, case.number, approved=True)
    svc.mark_result_ready(ctx, clerk, case.number)
    clock.now = datetime(2026, 10, 13, 9, 0)
    window = MainWindow(ctx, clerk)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    panel = window.output.uncollected
    printed: list[bytes] = []
    panel.print_pdf = printed.append
    from PySide6.QtWidgets import QApplication

    window.intake.applicant_step.id_number.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    with qtbot.waitSignal(panel.loaded, timeout=5000):  # F7 on whatever has the focus, as the clerk presses it
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F7)
    assert window.tabs.currentWidget() is window.output
    assert panel.table.rowCount() == 1 and panel.table.item(0, 0).text() == case.number
    assert "超过 5 个工作日：1 件" in panel.title.text()
    panel.table.selectRow(0)
    _key(qtbot, panel.sms_button)
    qtbot.waitUntil(lambda: case.number in panel.sms.text(), timeout=5000)
    _key(qtbot, panel.print_button)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=10000)
    assert "办理结果自2026年9月29日15:00起可以领取" in flat_text(printed[0], tmp_path)
    window.grab().save(str(tmp_path / "output_desk_uncollected.png"))
