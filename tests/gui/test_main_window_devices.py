"""The main window with the simulated devices: real bytes through the same adapters as on a counter."""

from pathlib import Path

import pytest
from sqlalchemy import select

from clerk_app.devices.manager import DeviceManager
from clerk_app.settings import Settings
from clerk_app.store.tables import RatingRow
from clerk_app.ui.customer_screen import CustomerScreen
from clerk_app.ui.device_panel import ShiftCheckDialog
from clerk_app.ui.main_window import MainWindow


@pytest.fixture
def devices(tmp_path: Path):  # type: ignore[no-untyped-def]
    manager = DeviceManager(Settings().devices, queue_dir=tmp_path / "queue")
    yield manager
    manager.close()


def test_shift_check_lists_every_device(qtbot, ctx, users, devices) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, users["clerk"], devices=devices)
    qtbot.addWidget(window)
    dialog = ShiftCheckDialog(devices, window.runner, window)
    qtbot.waitUntil(lambda: len(dialog.results) == 4, timeout=15000)
    assert dialog.summary.text() == "全部设备就绪。"
    assert dialog.rows.text().count("✔") == 4 and "身份证阅读器" in dialog.rows.text()
    qtbot.waitUntil(lambda: "1b7f3b" in window.device_indicators.labels["printer"].styleSheet(), timeout=5000)


def test_card_swipe_fills_the_applicant(qtbot, ctx, users, devices) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, users["clerk"], devices=devices)
    qtbot.addWidget(window)
    wizard = window.intake
    assert wizard.applicant_step.read_card.isEnabled()
    wizard.applicant_step.read_card.click()
    qtbot.waitUntil(lambda: wizard.applicant_step.id_number.text() != "", timeout=15000)
    assert wizard.applicant_step.id_number.text() == "11010519491231002X"
    assert wizard.applicant_step.name.text() == "张丽华" and "建国路" in wizard.applicant_step.address.text()
    assert "有效" in wizard.applicant_step.id_hint.text()


def test_rating_on_the_customer_screen_is_recorded_with_the_national_code(qtbot, ctx, users, devices, new_applicant) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.services import cases as svc

    customer = CustomerScreen()
    qtbot.addWidget(customer)
    window = MainWindow(ctx, users["clerk"], devices=devices, customer_screen=customer)
    qtbot.addWidget(window)
    case = svc.open_case(ctx, users["clerk"], matter_code="000131127004", applicant_id=new_applicant().id)
    window.intake.case_finished.emit(case)
    assert customer.waiting_case is None  # asked once the documents are printed, not at the decision
    window.intake.documents_printed.emit(case.number)
    assert customer.waiting_case == case.number
    customer.rated.emit(case.number, 5, ["服务效率"])  # the pad's 5 stars = 非常满意
    other = svc.open_case(ctx, users["clerk"], matter_code="000131127004", applicant_id=new_applicant().id)
    customer.not_rated.emit(other.number)

    def levels() -> list:
        with ctx.store.read() as s:
            return list(s.execute(select(RatingRow.level, RatingRow.channel)).all())
    qtbot.waitUntil(lambda: len(levels()) == 2, timeout=5000)
    assert sorted(levels(), key=lambda r: str(r[0])) == [(1, "customer_screen"), (None, "customer_screen")]


def test_material_photographed_on_the_document_camera(qtbot, ctx, users, devices, new_applicant) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.services import cases as svc

    window = MainWindow(ctx, users["clerk"], devices=devices)
    qtbot.addWidget(window)
    wizard = window.intake
    case = svc.open_case(ctx, users["clerk"], matter_code="000131127004", applicant_id=new_applicant().id)
    wizard.cases_opened([case])
    button = wizard.materials_step.materials.cellWidget(0, 5)
    assert button.text() == "拍照"
    button.click()
    dialog = window.capture_dialog
    qtbot.waitUntil(lambda: dialog.frames >= 1, timeout=15000)  # the live preview, then the still
    assert "摄像头" in wizard.phrase.text()
    dialog.take.click()
    qtbot.waitUntil(lambda: button.text() == "已拍照 ✔", timeout=15000)
    from clerk_app.store import attachments

    stored = svc.get_case(ctx, users["clerk"], case.number).materials[0].attachment
    assert stored is not None
    assert (ctx.paths.attachments / stored[:2] / stored).read_bytes()[:3] != b"\xff\xd8\xff"  # encrypted at rest
    assert attachments.get(ctx.paths.attachments, stored)[:3] == b"\xff\xd8\xff"


def test_notices_and_receipt_after_acceptance(qtbot, ctx, users, devices, new_applicant, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from clerk_app.domain.cases import IntakeDecision, MaterialStatus
    from clerk_app.services import cases as svc

    clerk = users["clerk"]
    case = svc.open_case(ctx, clerk, matter_code="000131127004", applicant_id=new_applicant().id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=True)
    for seq in (1, 2, 3):
        svc.check_material(ctx, clerk, case.number, seq, MaterialStatus.SUBMITTED)
    case = svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT_TELL_COMMIT)
    window = MainWindow(ctx, clerk, devices=devices)
    qtbot.addWidget(window)
    wizard = window.intake
    printed: list[bytes] = []
    wizard.print_pdf = printed.append
    wizard.decided(case)
    wizard.done_step.print_notices_button.click()
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=30000)
    texts = []
    for i, pdf in enumerate(printed):
        (tmp_path / f"{i}.pdf").write_bytes(pdf)
        texts.append(subprocess.run(["pdftotext", str(tmp_path / f"{i}.pdf"), "-"], capture_output=True, text=True,
                                    check=True).stdout)
    assert "受理通知书" in texts[0] and case.number in texts[0]
    assert "告知承诺" in texts[1]
    kept = list(ctx.paths.documents.rglob("*.pdf*"))
    assert len(kept) == 2 and all(not p.read_bytes().startswith(b"%PDF") for p in kept)  # encrypted copies
    wizard.done_step.print_receipt_button.click()
    qtbot.waitUntil(lambda: "受理回执已打印" in window.message_line.text(), timeout=15000)


def test_card_reader_missing_is_one_sentence_and_the_form_stays(qtbot, ctx, users, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The read is awaited (TaskRunner.wait): a reader that is not there ends in one sentence on the
    wizard, with what was typed kept."""
    from dataclasses import replace

    devices = DeviceManager(replace(Settings().devices, id_reader=str(tmp_path / 'ttyUSB-absent')),
                            queue_dir=tmp_path / "queue")
    try:
        window = MainWindow(ctx, users["clerk"], devices=devices)
        qtbot.addWidget(window)
        wizard = window.intake
        wizard.applicant_step.phone.setText("13800138000")
        wizard.applicant_step.read_card.click()
        qtbot.waitUntil(lambda: wizard.error.text() != "", timeout=20000)
        assert "无法打开设备端口" in wizard.error.text() and "Traceback" not in wizard.error.text()
        assert wizard.applicant_step.id_number.text() == "" and wizard.applicant_step.phone.text() == "13800138000"
    finally:
        devices.close()
