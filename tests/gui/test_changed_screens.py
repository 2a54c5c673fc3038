"""Screens changed for issue 15 saved as PNGs at 1200×760 and 1920×1080, in Chinese and English:
the lock, the wizard's way back and its parked list, the decision confirmation, the output desk.
Each picture is checked painted; CLERK_SCREENSHOT_DIR keeps them for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from clerk_app.ui.customer_screen import CustomerScreen
from clerk_app.ui.main_window import MainWindow

SIZES = ((1200, 760), (1920, 1080))


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CLERK_SCREENSHOT_DIR") or tmp_path / "screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(params=["zh_CN", "en"])
def ui_language(request, qapp):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale

    from clerk_app import i18n
    from clerk_app.app import create_qt_app

    before, locale = qapp.font(), QLocale()
    create_qt_app()  # the bundled CJK font, as at start-up
    if request.param != "zh_CN":
        i18n.install(qapp, request.param)
    yield request.param
    i18n.uninstall(qapp)
    QLocale.setDefault(locale)
    qapp.setFont(before)


def _save(widget: QWidget, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    # zlib level 1 (Qt's quality 85): the same pixels in a slightly larger file, saved and read back in ~2/3 of
    # the CPU of the default level; ~90 screens a run.
    assert widget.grab().save(str(path), "PNG", 85)
    image = QImage(str(path))
    step_x, step_y = max(1, image.width() // 120), max(1, image.height() // 80)
    colours = {image.pixel(x, y) for x in range(0, image.width(), step_x) for y in range(0, image.height(), step_y)}
    assert len(colours) > 6, f"{name} looks blank"


def test_lock_screens(qtbot, ctx, users, shots, ui_language) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.services.demo import seed

    seed(ctx, 30, seed=4)
    customer = CustomerScreen()
    qtbot.addWidget(customer)
    window = MainWindow(ctx, users["clerk"], customer_screen=customer)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.cases)
    qtbot.waitUntil(lambda: window.cases.table.rowCount() == 30, timeout=5000)
    window.pause_service()
    qtbot.waitUntil(window.lock_overlay.isVisible, timeout=5000)
    qtbot.keyClicks(window.lock_overlay.password, "wrong")
    qtbot.keyClick(window.lock_overlay.password, Qt.Key.Key_Return)
    for w, h in SIZES:
        window.resize(w, h)
        qtbot.waitUntil(lambda: window.lock_overlay.geometry() == window.rect(), timeout=3000)
        _save(window, shots, f"15_lock_{w}x{h}_{ui_language}")
    customer.resize(1024, 768)
    _save(customer, shots, f"15_customer_paused_{ui_language}")


def _sizes(qtbot, window, folder: Path, name: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    for w, h in SIZES:
        window.resize(w, h)
        qtbot.wait(30)
        _save(window, folder, f"{name}_{w}x{h}_{lang}")


def test_intake_way_back_confirmation_and_parked_list(qtbot, ctx, users, shots, ui_language, new_applicant) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.services import cases as svc
    from clerk_app.services.intakes import park_intake

    parked = svc.open_case(ctx, users["clerk"], matter_code="000119004000", applicant_id=new_applicant().id)
    park_intake(ctx, users["clerk"], [parked.number])
    customer = CustomerScreen()
    qtbot.addWidget(customer)
    window = MainWindow(ctx, users["clerk"], customer_screen=customer)
    qtbot.addWidget(window)
    window.show()
    w = window.intake
    w.applicant_step.refresh_unfinished()
    qtbot.waitUntil(lambda: w.applicant_step.unfinished.count() == 1, timeout=5000)
    window.show_message(w.tr("已暂存 %1：在“① 申请人”页的未完成接件中可继续办理。").replace("%1", parked.number))
    _sizes(qtbot, window, shots, "15_intake_applicant_unfinished", ui_language)
    qtbot.keyClicks(w.applicant_step.id_number, "440308199901101513")  # a wrong check digit: the error at the field
    w.applicant_step.name.setText("李四")
    qtbot.keyClick(w.applicant_step.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.error.text() != "", timeout=5000)
    _sizes(qtbot, window, shots, "15_intake_field_error", ui_language)
    w.applicant_step.unfinished.setCurrentRow(0)
    qtbot.keyClick(w.applicant_step.unfinished, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2, timeout=5000)
    _sizes(qtbot, window, shots, "15_intake_materials_way_back", ui_language)
    w.materials_step.materials.setFocus()
    for _ in range(w.materials_step.materials.rowCount()):
        qtbot.keyClick(w.materials_step.materials, "1")
    w.to_decision()
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 3 and w.decision_step.decision_buttons[0].isEnabled(), timeout=5000)
    w.decision_step.decision_buttons[0].click()
    qtbot.waitUntil(lambda: w.decision_step.confirm_dialog is not None and w.decision_step.confirm_dialog.isVisible(), timeout=5000)
    _save(w.decision_step.confirm_dialog, shots, f"15_decision_confirm_{ui_language}")
    _sizes(qtbot, window, shots, "15_intake_decision", ui_language)
    w.decision_step.confirm_dialog.reject()
    w.settle_before_next(lambda: None)
    qtbot.waitUntil(lambda: w.way_out.open_dialog is not None and w.way_out.open_dialog.isVisible(), timeout=5000)
    _save(w.way_out.open_dialog, shots, f"15_open_intake_question_{ui_language}")
    w.way_out.open_dialog.reject()
    w.way_out.ask_withdraw()
    qtbot.waitUntil(lambda: w.way_out.withdraw_dialog is not None and w.way_out.withdraw_dialog.isVisible(), timeout=5000)
    w.way_out.withdraw_dialog._submit()
    _save(w.way_out.withdraw_dialog, shots, f"15_withdraw_{ui_language}")
    w.way_out.withdraw_dialog.reject()
    customer.resize(1024, 768)
    customer.show()
    _save(customer, shots, f"15_customer_counter_{ui_language}")


def test_output_desk_search_pages_and_print_queue(qtbot, ctx, users, shots, ui_language, tmp_path, new_applicant) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.devices.printer.queue import PrintQueue
    from clerk_app.domain.cases import IntakeDecision, MaterialStatus
    from clerk_app.services import cases as svc
    from clerk_app.services.demo import seed
    from clerk_app.ui.case_detail import CaseDetailDialog
    from clerk_app.ui.print_queue import PrintQueueDialog

    seed(ctx, 205, seed=9)
    clerk = users["clerk"]
    case = svc.open_case(ctx, clerk, matter_code="000131127004", applicant_id=new_applicant().id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    for seq in (1, 2, 3):
        svc.check_material(ctx, clerk, case.number, seq, MaterialStatus.SUBMITTED)
    svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT)
    svc.transfer(ctx, clerk, case.number)
    svc.record_decision(ctx, clerk, case.number, approved=True)
    svc.mark_result_ready(ctx, clerk, case.number)
    window = MainWindow(ctx, clerk)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.cases)
    window.cases.refresh()
    qtbot.waitUntil(lambda: window.cases.table.rowCount() == 200, timeout=10000)
    _sizes(qtbot, window, shots, "15_case_list_pages", ui_language)
    desk = window.output
    window.tabs.setCurrentWidget(desk)
    desk.number.setText(case.number)
    desk.lookup()
    qtbot.waitUntil(lambda: desk.deliver_button.isEnabled(), timeout=5000)
    desk._deliver()  # no ID swiped: the sentence under the field
    _sizes(qtbot, window, shots, "15_output_desk_empty_id", ui_language)
    desk.receiver_id.setText("11010519491231002X")
    with qtbot.waitSignal(desk.delivered, timeout=5000):
        desk._deliver()
    _sizes(qtbot, window, shots, "15_output_desk_delivered", ui_language)
    detail = CaseDetailDialog(ctx, clerk, window.runner, case.number, window)
    qtbot.addWidget(detail)
    detail.show()
    qtbot.waitUntil(lambda: detail.timeline.rowCount() >= 5, timeout=5000)
    _save(detail, shots, f"15_case_detail_{ui_language}")

    class Down:  # a printer that is not there: the job waits in the queue
        def __call__(self):  # type: ignore[no-untyped-def]
            from clerk_app.devices.printer.adapter import EscPosPrinter
            from clerk_app.devices.transports import TcpTransport

            return EscPosPrinter(TcpTransport("tcp://127.0.0.1:9"))
    queue = PrintQueue(tmp_path / "q", Down())
    queue.submit(b"x", "受理回执")
    dialog = PrintQueueDialog(queue, window.runner, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    _save(dialog, shots, f"15_print_queue_{ui_language}")


def test_manager_view_screens(qtbot, ctx, users, shots, ui_language) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.services.demo import seed

    seed(ctx, 60, seed=2)
    window = MainWindow(ctx, users["supervisor"])
    qtbot.addWidget(window)
    window.show()
    window.show_manager()
    qtbot.waitUntil(lambda: window.manager is not None and window.manager.isVisible(), timeout=10000)
    dashboard = window.manager.dashboard
    # its last load (the waiting times, queued after the figures on the one writer thread) is shown
    qtbot.waitUntil(lambda: dashboard.data is not None and dashboard.data.waiting is not None, timeout=15000)
    _sizes(qtbot, window, shots, "15_manager_view", ui_language)
