"""The issue 5 benchmark target: a typical acceptance in at most 12 keyboard actions, counted here.

One action is one key press (F2, Enter, 1, Ctrl+Enter, Tab, Space …) or one typed entry (the
pinyin initials of the matter). The card comes from the simulated reader over a real pty; every key
goes to whatever widget has the focus, as on a counter — nothing is clicked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.devices.manager import DeviceManager
from clerk_app.domain.cases import CaseState
from clerk_app.services import cases as svc
from clerk_app.settings import Settings
from clerk_app.ui.main_window import MainWindow

TARGET_ACTIONS = 12


@pytest.fixture
def devices(tmp_path: Path):  # type: ignore[no-untyped-def]
    manager = DeviceManager(Settings().devices, queue_dir=tmp_path / "queue")
    yield manager
    manager.close()


def test_typical_acceptance_within_twelve_keyboard_actions(qtbot, ctx, users, devices) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, users["clerk"], devices=devices)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)  # shortcuts and focus act on the active window, as on the counter
    w = window.intake
    w.applicant_step.id_number.setFocus()
    actions = 0

    def focused():  # type: ignore[no-untyped-def]
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)  # focus lands via events
        return QApplication.focusWidget()

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        nonlocal actions
        actions += 1
        qtbot.keyClick(focused(), key, modifier)

    def type_text(text: str) -> None:
        nonlocal actions
        actions += 1
        qtbot.keyClicks(focused(), text)

    press(Qt.Key.Key_F2)  # swipe: name, number and address filled, focus on the phone
    qtbot.waitUntil(lambda: w.applicant_step.name.text() != "" and QApplication.focusWidget() is w.applicant_step.phone, timeout=15000)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 1, timeout=5000)
    type_text("gtgsh")  # 个体工商户设立登记
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2, timeout=5000)
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_4):  # three in, the optional one n/a
        press(key)
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 3, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.decision_step.tell_commit_yes, timeout=5000)  # 告知承诺 offered first
    press(Qt.Key.Key_N)  # 已告知：申请人不选择
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.decision_step.decision_buttons[0] and w.decision_step.decision_buttons[0].isEnabled(),
                    timeout=5000)
    press(Qt.Key.Key_Space)  # 受理
    qtbot.waitUntil(lambda: w.decision_step.confirm_dialog is not None and w.decision_step.confirm_dialog.isVisible()
                    and QApplication.focusWidget() is w.decision_step.confirm_dialog.confirm, timeout=5000)
    press(Qt.Key.Key_Return)  # the confirmation names the decision, the notices and the applicant
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 4, timeout=5000)
    assert svc.get_case(ctx, users["clerk"], w.case.number).state is CaseState.ACCEPTED
    print(f"typical acceptance: {actions} keyboard actions (target <= {TARGET_ACTIONS})")
    assert actions <= TARGET_ACTIONS
