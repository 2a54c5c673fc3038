"""Printing feedback that tells the truth (issue 15): a cancelled preview is not reported as issued,
a reprint is the same document with the same 文号 (marked 补打 as center.toml asks) and spends no
number; failed receipt jobs are listed to retry or discard."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from clerk_app.domain.cases import IntakeDecision, MaterialStatus
from clerk_app.services import cases as svc
from clerk_app.store.tables import AuditRow
from clerk_app.ui.main_window import MainWindow

NUMBER = re.compile(r"演政服〔\d{4}〕第[0-9-]+号")


def _text(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_cancelled_print_is_not_counted_and_reprint_keeps_the_number(qtbot, ctx, users, new_applicant, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    case = svc.open_case(ctx, clerk, matter_code="000131127004", applicant_id=new_applicant().id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=True)
    for seq in (1, 2, 3):
        svc.check_material(ctx, clerk, case.number, seq, MaterialStatus.SUBMITTED)
    case = svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT_TELL_COMMIT)
    window = MainWindow(ctx, clerk)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    w = window.intake
    shown: list[bytes] = []
    answer = {"printed": False}  # the clerk closes both previews without printing

    def preview(pdf: bytes) -> bool:
        shown.append(pdf)
        return answer["printed"]
    w.print_pdf = preview
    w.decided(case)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.done_step.new_case_button, timeout=3000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(shown) == 2 and w.done_step.last_print_message != "", timeout=30000)
    assert "已出具文书" not in w.done_step.last_print_message and "打印已取消" in w.done_step.last_print_message
    first = [_text(pdf, tmp_path, f"first{i}") for i, pdf in enumerate(shown)]
    numbers = [NUMBER.search(t).group(0) for t in first]  # type: ignore[union-attr]
    assert len(set(numbers)) == 2 and all("补打" not in t for t in first)

    answer["printed"] = True
    w.done_step.last_print_message = ""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(shown) == 4 and w.done_step.last_print_message != "", timeout=30000)
    again = [_text(pdf, tmp_path, f"again{i}") for i, pdf in enumerate(shown[2:])]
    assert [NUMBER.search(t).group(0) for t in again] == numbers  # type: ignore[union-attr]
    assert all("补打" in t for t in again)
    assert "补打" in w.done_step.last_print_message and numbers[0] in w.done_step.last_print_message
    kept = list(ctx.paths.documents.rglob("*.pdf*"))
    assert len(kept) == 2  # no new number, no new copy in the case file
    with ctx.store.read() as s:
        issued = s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "document.issued"))
        reprinted = s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "document.reprinted"))
    assert (issued, reprinted) == (2, 2)


def test_print_queue_dialog_retries_and_discards_failed_receipts(qtbot, ctx, users, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.devices.manager import DeviceManager
    from clerk_app.devices.printer.adapter import EscPosPrinter
    from clerk_app.devices.printer.queue import PrintQueue
    from clerk_app.devices.printer.simulator import start_tcp_printer
    from clerk_app.devices.transports import TcpTransport

    host, sim = start_tcp_printer()
    from clerk_app.settings import Settings

    devices = DeviceManager(Settings().devices, queue_dir=tmp_path / "unused")
    try:
        devices.print_queue = PrintQueue(tmp_path / "q", lambda: EscPosPrinter(TcpTransport(host.url)))
        sim.paper_out = True
        devices.print_queue.submit(b"RECEIPT-1\n", "受理回执")
        devices.print_queue.submit(b"RECEIPT-2\n", "受理回执")
        window = MainWindow(ctx, users["clerk"], devices=devices)
        qtbot.addWidget(window)
        window.show()
        button = window.print_queue_button
        qtbot.waitUntil(lambda: button.isVisible() and "2 张" in button.text(), timeout=5000)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        dialog = window.print_queue_dialog
        qtbot.waitUntil(lambda: dialog.isVisible() and dialog.table.rowCount() == 2, timeout=5000)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # still out of paper: the job stays, the reason shows
        qtbot.waitUntil(lambda: "缺纸" in dialog.state.text() and dialog.table.item(0, 2).text() == "2", timeout=10000)
        assert dialog.table.rowCount() == 2
        dialog.table.setCurrentCell(1, 0)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
        sim.paper_out = False
        dialog.table.setCurrentCell(0, 0)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=10000)
        assert bytes(sim.printed) == b"RECEIPT-1\n" and "已打印 1 张" in dialog.state.text()
        assert not button.isVisible()
    finally:
        devices.close()
        host.close()
