"""Clock stops and extensions from the case detail (行政许可法 第45条, 第42条), driven by the keyboard."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from clerk_app.domain.cases import IntakeDecision, MaterialStatus
from clerk_app.services import cases as svc
from clerk_app.ui.case_detail import CaseDetailDialog
from clerk_app.ui.tasks import TaskRunner


def _press(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=2000)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_law_45_42_stop_resume_and_extend_from_the_detail(qtbot, ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    clerk, sup = users["clerk"], users["supervisor"]
    case = svc.open_case(ctx, clerk, matter_code="000132015000", applicant_id=new_applicant().id)
    for m in case.materials:
        svc.check_material(ctx, clerk, case.number, m.seq,
                           MaterialStatus.NOT_APPLICABLE if m.necessity.value == "非必要" else MaterialStatus.SUBMITTED)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT)  # due 03-09
    runner = TaskRunner()
    clock.now = datetime(2026, 3, 3, 9)
    detail = CaseDetailDialog(ctx, clerk, runner, case.number)
    qtbot.addWidget(detail)
    detail.show()
    qtbot.waitUntil(lambda: "承诺办结 2026-03-09" in detail.header.text(), timeout=5000)
    assert not detail.extend_button.isVisible()  # a clerk cannot approve an extension
    detail.ask_suspension = lambda: "现场核查"
    _press(qtbot, detail.suspend_button)
    qtbot.waitUntil(lambda: "暂停计时中：现场核查（自 2026-03-03）" in detail.header.text(), timeout=5000)
    assert detail.resume_button.isVisible() and not detail.suspend_button.isVisible()
    clock.now = datetime(2026, 3, 6, 9)
    _press(qtbot, detail.resume_button)
    qtbot.waitUntil(lambda: "承诺办结 2026-03-12" in detail.header.text(), timeout=5000)

    boss = CaseDetailDialog(ctx, sup, runner, case.number)
    qtbot.addWidget(boss)
    boss.show()
    qtbot.waitUntil(lambda: boss.extend_button.isVisible(), timeout=5000)
    boss.ask_extension = lambda: (2, "需补充现场核查")
    _press(qtbot, boss.extend_button)
    qtbot.waitUntil(lambda: "已延长 2 个工作日（李带班 批准）" in boss.header.text(), timeout=5000)
    assert "承诺办结 2026-03-16" in boss.header.text()
    assert svc.get_case(ctx, clerk, case.number).due_date == date(2026, 3, 16)


def test_wizard_proposes_the_rongque_date_from_the_working_calendar(qtbot, ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    """seed 001 §5.3.5 with 行政许可法 §82: from Thu 2026-09-24, five working days are 10-09 (中秋 and
    国庆 off); counting calendar days, the wizard used to propose 10-01, National Day."""
    from clerk_app.domain.cases import AcceptMode
    from clerk_app.ui.intake import IntakeWizard

    clock.now = datetime(2026, 9, 24, 10)
    w = IntakeWizard(ctx, users["clerk"], TaskRunner())
    qtbot.addWidget(w)
    w.show()
    qtbot.keyClicks(w.applicant_step.id_number, "11010519491231002x")
    w.applicant_step.name.setText("张三丰")
    qtbot.keyClicks(w.applicant_step.phone, "13800138000")
    qtbot.keyClick(w.applicant_step.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 1, timeout=5000)
    qtbot.keyClicks(w.matter_step.matter_search, "gtgsh")
    qtbot.keyClick(w.matter_step.matter_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2, timeout=5000)
    w.materials_step.materials.setCurrentCell(0, 0)
    for key in ("1", "1", "2", "4"):  # the 容缺 item (3) missing, the optional one not applicable
        qtbot.keyClick(w.materials_step.materials, key)
    qtbot.waitUntil(lambda: all(m.status.value != "unchecked"
                                for m in svc.get_case(ctx, users["clerk"], w.case.number).materials), timeout=5000)
    w.materials_step.materials_next.click()
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 3, timeout=5000)
    w.decision_step.tell_commit_no.click()
    rongque = w.decision_step.decision_buttons[1]
    qtbot.waitUntil(rongque.isEnabled, timeout=5000)
    assert w.decision_step.rongque_due.date().toPython() == date(2026, 10, 9)
    _press(qtbot, rongque)
    # a formal decision is confirmed first: Enter on the confirmation's focused button
    qtbot.waitUntil(lambda: w.decision_step.confirm_dialog is not None and w.decision_step.confirm_dialog.isVisible(), timeout=5000)
    assert "2026-10-09" in " ".join(lb.text() for lb in w.decision_step.confirm_dialog.findChildren(QLabel))
    qtbot.keyClick(w.decision_step.confirm_dialog.focusWidget() or w.decision_step.confirm_dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 4, timeout=5000)
    stored = svc.get_case(ctx, users["clerk"], w.case.number)
    assert (stored.accept_mode, stored.rongque_due) == (AcceptMode.RONGQUE, date(2026, 10, 9))


def test_case_at_intake_shows_its_notice_deadline_in_the_due_soon_list(qtbot, ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    """行政许可法 第32条: a case left at 已接件 is listed as 即将到期 with its 一次性告知 deadline."""
    from clerk_app.services.search import CaseFilter
    from clerk_app.ui.case_list import CaseListPage

    case = svc.open_case(ctx, users["clerk"], matter_code="000132015000", applicant_id=new_applicant().id)
    clock.now = datetime(2026, 3, 5, 10)
    page = CaseListPage(ctx, users["clerk"], TaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.filter.setCurrentIndex(page.filter.findData(CaseFilter.DUE_SOON.value))
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
    assert page.table.item(0, 0).text() == case.number
    assert page.table.item(0, 6).text() == "告知期限 2026-03-09"


def test_supervisor_records_a_false_tell_commit_from_the_detail(qtbot, ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    """seed 001 §5.3.6 d: the supervisor, not the clerk, records a 告知承诺 found untrue."""
    from clerk_app.domain.cases import CommitmentStatus

    clerk, sup = users["clerk"], users["supervisor"]
    case = svc.open_case(ctx, clerk, matter_code="000132015000", applicant_id=new_applicant().id)
    for m in case.materials:
        svc.check_material(ctx, clerk, case.number, m.seq,
                           MaterialStatus.NOT_APPLICABLE if m.necessity.value == "非必要" else MaterialStatus.SUBMITTED)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=True)
    svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT_TELL_COMMIT)
    runner = TaskRunner()
    counter = CaseDetailDialog(ctx, clerk, runner, case.number)
    qtbot.addWidget(counter)
    counter.show()
    qtbot.waitUntil(lambda: "告知承诺受理" in counter.header.text(), timeout=5000)
    assert not counter.false_button.isVisible()
    boss = CaseDetailDialog(ctx, sup, runner, case.number)
    qtbot.addWidget(boss)
    boss.show()
    qtbot.waitUntil(boss.false_button.isVisible, timeout=5000)
    boss.ask_false_finding = lambda: "现场核查经营场所不存在"
    _press(qtbot, boss.false_button)
    qtbot.waitUntil(lambda: not boss.false_button.isVisible(), timeout=5000)
    assert svc.get_case(ctx, sup, case.number).commitment is CommitmentStatus.BROKEN
