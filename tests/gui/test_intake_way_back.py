"""The intake wizard's way back and way out (issue 15), walked the hurried way with real keys: a
wrong mark fixed after going back, an early Ctrl+Enter, a confirmation left with Esc, an intake parked
by F9 for the next ticket, listed, resumed, and withdrawn with a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from sqlalchemy import select

from clerk_app.domain.cases import CaseState, MaterialStatus
from clerk_app.services import cases as svc
from clerk_app.services import queue as qsvc
from clerk_app.services.intakes import unfinished_intakes
from clerk_app.store.tables import AuditRow, CaseRow
from clerk_app.ui.intake import IntakeWizard
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.tasks import TaskRunner

JIUZHU = "000119004000"  # 临时救助: four materials, no 告知承诺


def _key(qtbot, w, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key pressed where the clerk's focus is (the wizard's focused widget)."""
    qtbot.keyClick(w.focusWidget() or w, key, modifier)


def _ready(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """Shown and holding the keys (activation is asynchronous on some platforms)."""
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isActiveWindow(), timeout=3000)


def _to_materials(qtbot, w) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(w.applicant_step.id_number, "11010519491231002x")
    w.applicant_step.name.setText("张三丰")  # QTest types ASCII only; an IME delivers the name as one commit
    qtbot.keyClicks(w.applicant_step.phone, "13800138000")
    qtbot.keyClick(w.applicant_step.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 1, timeout=5000)
    qtbot.keyClicks(w.matter_step.matter_search, JIUZHU)
    qtbot.keyClick(w.matter_step.matter_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2, timeout=5000)


def _statuses(ctx, users, number: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.status.value for m in svc.get_case(ctx, users["clerk"], number).materials]


def _wizard(qtbot, ctx, users) -> IntakeWizard:  # type: ignore[no-untyped-def]
    w = IntakeWizard(ctx, users["clerk"], TaskRunner())
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def test_hurried_path_wrong_mark_back_fix_and_early_ctrl_enter(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    w = _wizard(qtbot, ctx, users)
    _to_materials(qtbot, w)
    number = w.case.number
    # Early Ctrl+Enter: nothing checked yet; only 不予受理 / 一次性告知 can be chosen.
    w.materials_step.materials.setFocus()
    _key(qtbot, w, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 3, timeout=5000)
    assert not w.decision_step.decision_buttons[0].isEnabled()
    reject = w.decision_step.decision_buttons[4]
    assert reject.isEnabled()
    reject.setFocus()
    _key(qtbot, w, Qt.Key.Key_Space)  # 不予受理 without a reason: refused next to the field
    assert "理由" in w.decision_step.decision_error.text() and "#b00020" in w.decision_step.reject_reason.styleSheet()
    assert w.focusWidget() is w.decision_step.reject_reason and w.decision_step.confirm_dialog is None
    qtbot.keyClicks(w.decision_step.reject_reason, "materials incomplete")
    qtbot.keyClicks(w.decision_step.reject_basis, "art. 32")
    reject.setFocus()
    _key(qtbot, w, Qt.Key.Key_Space)
    dialog = w.decision_step.confirm_dialog
    _ready(qtbot, dialog)
    assert "不予受理" in dialog.decision.text() and "不予受理通知书" in dialog.notices.text()
    assert dialog.applicant.text() == "申请人：张*丰（110105********002X）"
    assert number in dialog.case_line.text() and "art. 32" in dialog.details.text()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)  # Esc: back, nothing issued
    qtbot.waitUntil(lambda: not dialog.isVisible() and w.isActiveWindow(), timeout=3000)
    assert svc.get_case(ctx, users["clerk"], number).state is CaseState.RECEIVED and w.steps.currentIndex() == 3

    # Esc on the decision step goes back to the materials; a wrong mark, then back again and fixed.
    _key(qtbot, w, Qt.Key.Key_Escape)
    assert w.steps.currentIndex() == 2
    w.materials_step.materials.setFocus()
    w.materials_step.materials.setCurrentCell(0, 0)
    for key in ("2", "1", "1", "1"):  # the first is a slip: 缺少 instead of 已收
        qtbot.keyClick(w.materials_step.materials, key)
    qtbot.waitUntil(lambda: _statuses(ctx, users, number) == ["missing", "submitted", "submitted", "submitted"],
                    timeout=5000)
    _key(qtbot, w, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 3, timeout=5000)
    assert not w.decision_step.decision_buttons[0].isEnabled()  # 受理 needs the first material
    _key(qtbot, w, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # Alt+← is back too
    assert w.steps.currentIndex() == 2
    w.materials_step.materials.setFocus()
    w.materials_step.materials.setCurrentCell(0, 0)
    qtbot.keyClick(w.materials_step.materials, "1")
    qtbot.waitUntil(lambda: _statuses(ctx, users, number)[0] == "submitted", timeout=5000)

    # Clicking an earlier step: the matter step; Enter on the same matter keeps the same case.
    qtbot.mouseClick(w.step_buttons[1], Qt.MouseButton.LeftButton)
    assert w.steps.currentIndex() == 1
    qtbot.keyClick(w.matter_step.matter_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2, timeout=5000)
    assert w.case.number == number
    assert w.materials_step.combo(0).currentData() == MaterialStatus.SUBMITTED.value
    w.materials_step.materials.setFocus()
    _key(qtbot, w, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 3 and w.decision_step.decision_buttons[0].isEnabled(), timeout=5000)
    assert w.focusWidget() is w.decision_step.decision_buttons[0]
    _key(qtbot, w, Qt.Key.Key_Space)
    dialog = w.decision_step.confirm_dialog
    _ready(qtbot, dialog)
    assert dialog.decision.text() == "作出决定：受理" and "受理通知书" in dialog.notices.text()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 4, timeout=5000)
    assert svc.get_case(ctx, users["clerk"], number).state is CaseState.ACCEPTED
    # After a formal decision there is no way back.
    _key(qtbot, w, Qt.Key.Key_Escape)
    assert w.steps.currentIndex() == 4 and not any(b.isEnabled() for b in w.step_buttons[:4])
    with ctx.store.read() as s:
        assert s.scalars(select(CaseRow.number)).all() == [number]  # one case, whatever the detours


def test_changed_matter_after_receiving_withdraws_the_first_case(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    w = _wizard(qtbot, ctx, users)
    _to_materials(qtbot, w)
    first = w.case.number
    _key(qtbot, w, Qt.Key.Key_Escape)
    assert w.steps.currentIndex() == 1
    w.matter_step.matter_search.clear()
    qtbot.keyClicks(w.matter_step.matter_search, "gtgsh")
    qtbot.keyClick(w.matter_step.matter_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2 and w.case.number != first, timeout=5000)
    old = svc.get_case(ctx, users["clerk"], first)
    assert old.state is CaseState.WITHDRAWN and "重新接件" in old.history[-1].reason
    assert w.case.matter_name.startswith("个体工商户设立登记")


def test_f9_parks_the_open_intake_lists_it_resumes_and_withdraws(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    qsvc.take_ticket(ctx, clerk)
    window = MainWindow(ctx, clerk)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    w = window.intake
    _to_materials(qtbot, w)
    number = w.case.number
    w.materials_step.materials.setFocus()
    w.materials_step.materials.setCurrentCell(0, 0)
    qtbot.keyClick(w.materials_step.materials, "1")
    qtbot.waitUntil(lambda: _statuses(ctx, users, number)[0] == "submitted", timeout=5000)

    # F9 mid-intake asks; Esc stays with the open intake and calls nobody.
    _key(qtbot, w, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.way_out.open_dialog is not None, timeout=3000)
    _ready(qtbot, w.way_out.open_dialog)
    assert number in w.way_out.open_dialog.findChild(type(w.header)).text()
    qtbot.keyClick(w.way_out.open_dialog.focusWidget() or w.way_out.open_dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not w.way_out.open_dialog.isVisible() and window.isActiveWindow(), timeout=3000)
    assert w.steps.currentIndex() == 2 and window.queue.ticket is None

    # F9 again, Enter: parked, the wizard is clear for the next person, and the ticket is called.
    _key(qtbot, w, Qt.Key.Key_F9)
    _ready(qtbot, w.way_out.open_dialog)
    qtbot.keyClick(w.way_out.open_dialog.focusWidget() or w.way_out.open_dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.queue.ticket is not None, timeout=5000)
    assert w.steps.currentIndex() == 0 and w.case is None and w.applicant_step.id_number.text() == ""
    assert svc.get_case(ctx, clerk, number).state is CaseState.RECEIVED
    with ctx.store.read() as s:
        assert s.scalars(select(AuditRow.action).where(AuditRow.action == "intake.parked")).all() == ["intake.parked"]
    qtbot.waitUntil(lambda: w.applicant_step.unfinished.count() == 1 and w.applicant_step.unfinished_box.isVisible(), timeout=5000)
    assert "暂存" in w.applicant_step.unfinished.item(0).text() and "张*丰" in w.applicant_step.unfinished.item(0).text()
    assert "11010519491231002" not in w.applicant_step.unfinished.item(0).text()  # masked: a stranger may see the screen

    # Resume with Enter on the list: the same case, its checks kept, on the materials step.
    w.applicant_step.unfinished.setFocus()
    w.applicant_step.unfinished.setCurrentRow(0)
    qtbot.keyClick(w.applicant_step.unfinished, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2 and w.case is not None, timeout=5000)
    assert w.case.number == number and w.applicant_step.name.text() == "张三丰"
    combo = w.materials_step.materials.cellWidget(0, 3)
    assert isinstance(combo, QComboBox) and combo.currentText() == "已收"
    assert [i.parked for i in unfinished_intakes(ctx, clerk)] == [False]

    # Withdraw with a reason: an empty one is refused next to the field.
    qtbot.mouseClick(w.way_out.withdraw_button, Qt.MouseButton.LeftButton)
    dialog = w.way_out.withdraw_dialog
    _ready(qtbot, dialog)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text() == "请写明撤回原因。"
    qtbot.keyClicks(dialog.reason, "applicant left")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 0 and w.case is None, timeout=5000)
    withdrawn = svc.get_case(ctx, clerk, number)
    assert withdrawn.state is CaseState.WITHDRAWN and withdrawn.history[-1].reason == "applicant left"
    assert unfinished_intakes(ctx, clerk) == []


def test_service_phrases_carry_the_case_values_and_follow_the_outcome(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    w = _wizard(qtbot, ctx, users)
    _to_materials(qtbot, w)
    assert "XX" not in w.phrase.text() and "临时救助申请书" in w.phrase.text()
    w.materials_step.materials.setFocus()
    w.materials_step.materials.setCurrentCell(0, 0)
    for key in ("2", "1", "1", "1"):
        qtbot.keyClick(w.materials_step.materials, key)
    qtbot.waitUntil(lambda: _statuses(ctx, users, w.case.number)[0] == "missing", timeout=5000)
    _key(qtbot, w, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 3, timeout=5000)
    missing = w.case.materials[0].name
    assert "补齐" + missing in w.phrase.text() and "XX" not in w.phrase.text()
    qtbot.keyClicks(w.decision_step.reject_reason, "not eligible")
    qtbot.keyClicks(w.decision_step.reject_basis, "art. 32")
    w.decision_step.decision_buttons[4].setFocus()
    _key(qtbot, w, Qt.Key.Key_Space)
    _ready(qtbot, w.decision_step.confirm_dialog)
    qtbot.keyClick(w.decision_step.confirm_dialog.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 4, timeout=5000)
    assert "不予受理" in w.phrase.text() and "资料已收到" not in w.phrase.text()


def test_acceptance_phrase_names_the_promised_time() -> None:
    from clerk_app.domain.matters import LimitUnit, TimeLimit
    from clerk_app.services.phrases import load_phrases, phrase_for

    assert phrase_for("accepted", {"limit": "在5个工作日之内"}).startswith("您好，您的资料已收到，按规定我们将在5个工作日之内办结")
    assert "当场办结" in phrase_for("accepted", {"limit": "当场"})
    assert "XX" not in phrase_for("consult") and "演示区政务服务中心" in phrase_for("consult", {"center": "演示区政务服务中心"})
    assert all("XX" not in t for texts in load_phrases().values() for t in texts)
    from clerk_app.services.phrases import limit_words

    assert limit_words(TimeLimit(5, LimitUnit("工作日"))) == "在5个工作日之内"
