"""A sync pull that brings cases refreshes the views at once, as a local action does: the round's
committed changes (``Changes.CASES``) reach the task runner's ``changes_applied`` and the case list and
the 催办 count reload — not at the next local action or the 10-minute timer."""

from __future__ import annotations

from clerk_app.domain.applicants import ApplicantKind
from clerk_app.domain.cases import IntakeDecision, MaterialStatus
from clerk_app.domain.roles import Role
from clerk_app.services import auth
from clerk_app.services import cases as svc
from clerk_app.services.changes import Changes

MATTER = "000131127004"  # 个体工商户设立登记: promised in 1 working day, so due soon at once


def test_a_pull_refreshes_the_case_list_and_the_reminder_count(qtbot, center, counter_factory) -> None:
    from clerk_app.app import _start_sync
    from clerk_app.ui.main_window import MainWindow

    a, b = counter_factory("a"), counter_factory("b", window="02")
    clerk_a = auth.create_user(a.ctx, None, username="ca", display_name="甲", role=Role.CLERK, password="clerk1234")
    clerk_b = auth.create_user(b.ctx, None, username="cb", display_name="乙", role=Role.CLERK, password="clerk1234")
    window = MainWindow(b.ctx, clerk_b)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "0 件即将到期" in window.reminders.text(), timeout=10000)
    assert window.cases.table.rowCount() == 0

    applicant = svc.register_applicant(a.ctx, clerk_a, kind=ApplicantKind.PERSON, name="张三丰",
                                       id_number="11010519491231002X", phone="13800138000", address="北京市")
    case = svc.open_case(a.ctx, clerk_a, matter_code=MATTER, applicant_id=applicant.id)
    for seq in (1, 2, 3, 4):
        svc.check_material(a.ctx, clerk_a, case.number, seq,
                           MaterialStatus.NOT_APPLICABLE if seq == 4 else MaterialStatus.SUBMITTED)
    svc.record_tell_commit_offer(a.ctx, clerk_a, case.number, applicant_chose=False)
    svc.decide_intake(a.ctx, clerk_a, case.number, IntakeDecision.ACCEPT)
    a.sync_once()  # pushed to the center

    seen: list[Changes] = []
    window.runner.changes_applied.connect(seen.append)
    runner = _start_sync(b.ctx, window)
    assert runner is not None
    try:
        qtbot.waitUntil(lambda: window.cases.table.rowCount() == 1, timeout=15000)
        assert window.cases.table.item(0, 0).text() == case.number
        qtbot.waitUntil(lambda: "1 件即将到期" in window.reminders.text(), timeout=10000)
        assert any(c & Changes.CASES and c & Changes.APPLICANTS for c in seen)
    finally:
        runner.stop()
