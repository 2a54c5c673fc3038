"""ID-number and device messages in English mode, on real widgets with the real device simulators
and a device that is not plugged in; Chinese mode still shows Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from clerk_app.app import create_qt_app
from clerk_app.devices.manager import DeviceManager
from clerk_app.settings import Settings
from clerk_app.ui.device_panel import ShiftCheckDialog
from clerk_app.ui.intake import IntakeWizard
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.tasks import TaskRunner

CJK = re.compile(r"[\u4e00-\u9fff]")
WRONG_CHECK_DIGIT = "110105194912310021"  # 11010519491231002X with the check digit mistyped
NO_PORT = "/dev/ttyNOSUCH0"  # the ID card reader's cable pulled: its serial port is gone


@pytest.fixture
def unplugged(tmp_path: Path) -> Iterator[DeviceManager]:
    """Reader unplugged, printer out of paper (the simulator's flag), no camera; the rating pad is fine."""
    create_qt_app()  # the bundled CJK font, so that a Chinese leftover would show in the screenshots
    manager = DeviceManager(Settings(id_reader=NO_PORT, printer="sim:paper_out", camera="file:").devices,
                            queue_dir=tmp_path / "queue")
    yield manager
    manager.close()


def _wizard(qtbot, ctx, users) -> IntakeWizard:  # type: ignore[no-untyped-def]
    wizard = IntakeWizard(ctx, users["clerk"], TaskRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_english_id_number_check_in_the_intake(qtbot, ctx, users, language) -> None:  # type: ignore[no-untyped-def]
    language("en")
    w = _wizard(qtbot, ctx, users)
    qtbot.keyClicks(w.applicant_step.id_number, WRONG_CHECK_DIGIT)
    assert w.applicant_step.id_hint.text() == ("Resident ID number: wrong check digit: the first 17 digits give “X”, not “1”. "
                                "Check the number for typos.")
    w.applicant_step.id_number.clear()
    qtbot.keyClicks(w.applicant_step.id_number, "11010519491231002Y")
    assert w.applicant_step.id_hint.text() == "Character 18 of the ID number (“Y”) is wrong: the last one may only be a digit or X."
    w.applicant_step.id_number.clear()
    qtbot.keyClicks(w.applicant_step.id_number, "110105194913310021")  # month 13
    assert w.applicant_step.id_hint.text() == ("Resident ID number: the birth date does not exist (digits 7–14, “19491331”): "
                                "check the number.")
    # The same check when the applicant is registered (through the service and the task runner).
    w.applicant_step.id_number.clear()
    qtbot.keyClicks(w.applicant_step.id_number, "1101051949123100")
    w.applicant_step.name.setText("张三丰")
    qtbot.keyClick(w.applicant_step.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.error.text() != "", timeout=5000)
    assert w.error.text() == ("An ID number has 18 characters (old ID cards 15); this one has 16: "
                              "check for missing or extra digits.")
    assert w.steps.currentIndex() == 0


def test_chinese_id_number_check_in_the_intake(qtbot, ctx, users, language) -> None:  # type: ignore[no-untyped-def]
    language("zh_CN")
    w = _wizard(qtbot, ctx, users)
    qtbot.keyClicks(w.applicant_step.id_number, WRONG_CHECK_DIGIT)
    assert w.applicant_step.id_hint.text() == "居民身份证号码校验位不对：按前 17 位应为“X”，实际是“1”。请核对号码是否抄错。"


def _shift_check(qtbot, ctx, users, manager: DeviceManager) -> tuple[MainWindow, ShiftCheckDialog]:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, users["clerk"], devices=manager)
    qtbot.addWidget(window)
    dialog = ShiftCheckDialog(manager, window.runner, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.results) == 4, timeout=15000)
    qtbot.waitUntil(lambda: "b00020" in window.device_indicators.labels["printer"].styleSheet(), timeout=5000)
    return window, dialog


def test_english_shift_check_and_status_dots(qtbot, ctx, users, unplugged, language, tmp_path) -> None:  # type: ignore[no-untyped-def]
    language("en")
    window, dialog = _shift_check(qtbot, ctx, users, unplugged)
    assert dialog.windowTitle() == "Start-of-shift device check"
    assert dialog.summary.text() == "3 devices need attention:"
    rows = dialog.rows.text().splitlines()
    assert rows[0] == (f"✘ ID card reader: Cannot open device port {NO_PORT}: check that the device is powered "
                       "and its cable plugged in, or check the port in the settings.")
    assert rows[1] == "✘ Receipt printer: Printer out of paper: load a new roll, close the cover, then click “Reprint”."
    assert rows[2] == "✘ Document camera: No document camera at this counter: use “Import file” to add material images."
    assert rows[3].startswith("✔ Rating pad: Ready (")
    assert not CJK.search(dialog.rows.text() + dialog.summary.text())

    dots = window.device_indicators.labels
    assert [dots[k].text() for k in ("id_reader", "printer", "camera", "evaluator")] == [
        "● ID card reader", "● Receipt printer", "● Document camera", "● Rating pad"]
    qtbot.waitUntil(lambda: dots["id_reader"].toolTip().startswith("Cannot open device port"), timeout=5000)
    assert dots["printer"].toolTip() == rows[1].removeprefix("✘ Receipt printer: ")
    assert not CJK.search("".join(d.toolTip() for d in dots.values()))
    dialog.grab().save(str(tmp_path / "shift_check_en.png"))
    window.statusBar().grab().save(str(tmp_path / "status_bar_en.png"))


def test_chinese_shift_check_and_status_dots(qtbot, ctx, users, unplugged, language) -> None:  # type: ignore[no-untyped-def]
    language("zh_CN")
    window, dialog = _shift_check(qtbot, ctx, users, unplugged)
    assert dialog.summary.text() == "有 3 台设备需要处理："
    rows = dialog.rows.text().splitlines()
    assert rows[0] == f"✘ 身份证阅读器：无法打开设备端口 {NO_PORT}：请检查设备电源和数据线是否插好，或在设置中核对端口。"
    assert rows[1] == "✘ 小票打印机：打印机缺纸：请装入新纸卷并合上盖子，然后点“重新打印”。"
    assert window.device_indicators.labels["camera"].text() == "● 高拍仪"
    assert window.device_indicators.labels["printer"].toolTip() == "打印机缺纸：请装入新纸卷并合上盖子，然后点“重新打印”。"
