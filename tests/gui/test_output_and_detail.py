"""Output desk, case detail and reminders on real widgets and a real profile."""



from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from clerk_app.domain.cases import CaseState, IntakeDecision, MaterialStatus
from clerk_app.services import cases as svc
from clerk_app.services.search import CaseFilter
from clerk_app.store.tables import AuditRow
from clerk_app.ui.main_window import MainWindow


def ready_case(ctx, clerk, applicant_id):  # type: ignore[no-untyped-def]
    case = svc.open_case(ctx, clerk, matter_code="000131127004", applicant_id=applicant_id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    for seq in (1, 2, 3):
        svc.check_material(ctx, clerk, case.number, seq, MaterialStatus.SUBMITTED)
    svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT)
    svc.transfer(ctx, clerk, case.number)
    svc.record_decision(ctx, clerk, case.number, approved=True)
    return svc.mark_result_ready(ctx, clerk, case.number)


def test_pickup_checks_the_receiver_then_delivers(qtbot, ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    case = ready_case(ctx, users["clerk"], new_applicant().id)
    window = MainWindow(ctx, users["clerk"])
    qtbot.addWidget(window)
    desk = window.output
    qtbot.keyClicks(desk.number, case.number.lower())
    desk.lookup()
    qtbot.waitUntil(lambda: desk.deliver_button.isEnabled(), timeout=5000)
    desk.receiver_id.setText("440524188001010014")
    desk.deliver_button.click()
    qtbot.waitUntil(lambda: desk.error.text() != "", timeout=5000)
    assert "不符" in desk.error.text()
    assert svc.get_case(ctx, users["clerk"], case.number).state is CaseState.RESULT_READY
    desk.receiver_id.setText("11010519491231002X")
    with qtbot.waitSignal(desk.delivered, timeout=5000):
        desk.deliver_button.click()
    assert svc.get_case(ctx, users["clerk"], case.number).state is CaseState.DELIVERED
    assert not desk.deliver_button.isEnabled()


def test_post_needs_address_and_tracking_number(qtbot, ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    case = ready_case(ctx, users["clerk"], new_applicant().id)
    window = MainWindow(ctx, users["clerk"])
    qtbot.addWidget(window)
    desk = window.output
    desk.number.setText(case.number)
    desk.lookup()
    qtbot.waitUntil(lambda: desk.deliver_button.isEnabled(), timeout=5000)
    desk.modes.button(1).setChecked(True)
    desk.address.setText("北京市海淀区中关村大街1号")
    desk.deliver_button.click()
    qtbot.waitUntil(lambda: "邮件单号" in desk.error.text(), timeout=5000)
    desk.tracking.setText("EA123456789CN")
    with qtbot.waitSignal(desk.delivered, timeout=5000):
        desk.deliver_button.click()
    stored = svc.get_case(ctx, users["clerk"], case.number)
    assert stored.history[-1].data == {"mode": "post", "address": "北京市海淀区中关村大街1号", "tracking": "EA123456789CN"}


def test_case_detail_timeline_reveal_and_next_step(qtbot, ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    case = svc.open_case(ctx, clerk, matter_code="000131127004", applicant_id=new_applicant().id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    for seq in (1, 2, 3):
        svc.check_material(ctx, clerk, case.number, seq, MaterialStatus.SUBMITTED)
    svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT)
    window = MainWindow(ctx, clerk)
    qtbot.addWidget(window)
    dialog = window.open_case(case.number)
    qtbot.waitUntil(lambda: dialog.timeline.rowCount() == 2, timeout=5000)
    assert dialog.timeline.item(0, 2).text() == "接件"
    assert dialog.timeline.item(1, 1).text() == "王小明" and dialog.timeline.item(1, 3).text() == "已接件 → 已受理"
    assert dialog.id_label.text() == "110105********002X"
    assert dialog.phone_label.text() == "138****8000"
    transfer: QPushButton = dialog.step_buttons[next(a for a in dialog.step_buttons if a.value == "transfer")]
    assert transfer.isVisibleTo(dialog)
    dialog.ask_password = lambda: "wrong-password"
    dialog.reveal.click()
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=5000)
    assert dialog.id_label.text() == "110105********002X"
    dialog.ask_password = lambda: "clerk1234"
    dialog.reveal.click()
    qtbot.waitUntil(lambda: dialog.id_label.text() == "11010519491231002X", timeout=5000)
    with ctx.store.read() as s:
        assert s.scalars(select(AuditRow.actor).where(AuditRow.action == "applicant.reveal_id")).all() == ["clerk"]
    dialog.ask_text = lambda _title, _label: ("陈科员", True)  # the department's receiver (seed 001 §5.1.4)
    transfer.click()
    qtbot.waitUntil(lambda: dialog.timeline.rowCount() == 3, timeout=5000)
    assert svc.get_case(ctx, clerk, case.number).history[-1].data["receiver"] == "陈科员"
    assert svc.get_case(ctx, users["clerk"], case.number).state is CaseState.TRANSFERRED
    assert not transfer.isVisibleTo(dialog)


def test_reminders_count_due_soon_and_overdue(qtbot, ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    clerk = users["clerk"]
    for _ in range(2):
        case = svc.open_case(ctx, clerk, matter_code="000131127004", applicant_id=new_applicant().id)
        svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
        for seq in (1, 2, 3):
            svc.check_material(ctx, clerk, case.number, seq, MaterialStatus.SUBMITTED)
        svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT)  # due Tue 2026-03-03
    clock.now = datetime(2026, 3, 5, 9)
    svc.open_case(ctx, clerk, matter_code="000131127004", applicant_id=new_applicant().id)
    window = MainWindow(ctx, clerk)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "已超期" in window.reminders.text(), timeout=5000)
    assert window.reminders.text() == "催办：0 件即将到期，2 件已超期"
    clock.now = datetime(2026, 3, 2, 9)
    window.refresh_reminders()
    qtbot.waitUntil(lambda: window.reminders.text() == "催办：2 件即将到期，0 件已超期", timeout=5000)
    window.reminders.click()
    assert window.tabs.currentWidget() is window.cases
    assert window.cases.filter.currentData() == CaseFilter.DUE_SOON.value


def test_output_desk_by_keys_f7_scanner_masked_names_and_truthful_messages(qtbot, ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    case = ready_case(ctx, users["clerk"], new_applicant().id)
    window = MainWindow(ctx, users["clerk"])
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    desk = window.output

    def key(k, text: str = "") -> None:  # type: ignore[no-untyped-def]
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
        if text:
            qtbot.keyClicks(QApplication.focusWidget(), text)
        else:
            qtbot.keyClick(QApplication.focusWidget(), k)

    key(Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.number, timeout=3000)
    key(None, case.number)  # the scanner types into the focused field and ends with Enter
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.deliver_button.isEnabled(), timeout=5000)
    assert desk.people.text() == "申请人：张*丰（无代办人）" and "三" not in desk.people.text()
    assert QApplication.focusWidget() is desk.receiver_id
    key(Qt.Key.Key_Return)  # nothing swiped yet
    assert desk.error.text() == "请刷领取人身份证（F2），或输入其证件号码。"
    assert "#b00020" in desk.receiver_id.styleSheet()
    key(None, "440524188001010014")
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "不符" in desk.error.text(), timeout=5000)
    desk.receiver_id.clear()
    key(None, "11010519491231002X")
    with qtbot.waitSignal(desk.delivered, timeout=5000):
        key(Qt.Key.Key_Return)
    assert desk.error.text() == "" and desk.receiver_id.styleSheet() == ""
    assert "已出件" in desk.summary.text() and "尚不能出件" not in desk.summary.text()
    assert svc.get_case(ctx, users["clerk"], case.number).state is CaseState.DELIVERED
    # F7 again: the old number selected, a new scan replaces it
    window.tabs.setCurrentWidget(window.intake)
    key(Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.number, timeout=3000)
    assert desk.number.selectedText() == case.number
