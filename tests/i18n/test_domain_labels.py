"""Domain labels in English mode: case states, decisions, material statuses and the services' errors
shown in English on real widgets; Chinese mode still shows Chinese."""

from __future__ import annotations

from clerk_app.domain.cases import IntakeDecision, MaterialStatus
from clerk_app.services import cases as svc
from clerk_app.ui.case_detail import CaseDetailDialog
from clerk_app.ui.case_list import CaseListPage
from clerk_app.ui.intake import IntakeWizard
from clerk_app.ui.tasks import TaskRunner

JIUZHU = "000119004000"  # 临时救助: no 告知承诺, so accepting needs only the materials


def _cases(ctx, users, new_applicant):  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    accepted = svc.open_case(ctx, clerk, matter_code=JIUZHU, applicant_id=new_applicant().id)
    for seq in (1, 2, 3, 4):
        svc.check_material(ctx, clerk, accepted.number, seq, MaterialStatus.SUBMITTED)
    svc.decide_intake(ctx, clerk, accepted.number, IntakeDecision.ACCEPT)
    received = svc.open_case(ctx, clerk, matter_code=JIUZHU, applicant_id=accepted.applicant_id)
    return accepted, received


def _list_states(qtbot, ctx, users) -> dict[str, str]:  # type: ignore[no-untyped-def]
    page = CaseListPage(ctx, users["clerk"], TaskRunner())
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=5000)
    assert page.filter.itemText(0) in ("全部", "All")
    return {page.table.item(i, 0).text(): page.table.item(i, 4).text() for i in range(2)} | {
        "filter": page.filter.itemText(0)}


def test_english_case_list_detail_and_errors(qtbot, ctx, users, new_applicant, language) -> None:  # type: ignore[no-untyped-def]
    language("en")
    accepted, received = _cases(ctx, users, new_applicant)
    assert _list_states(qtbot, ctx, users) == {accepted.number: "Accepted", received.number: "Received", "filter": "All"}

    runner = TaskRunner()
    detail = CaseDetailDialog(ctx, users["clerk"], runner, accepted.number)
    qtbot.addWidget(detail)
    qtbot.waitUntil(lambda: "Accepted" in detail.header.text(), timeout=5000)
    assert "(standard)" in detail.header.text()
    assert [detail.materials.item(0, j).text() for j in (1, 2)] == ["Required", "Received"]
    assert detail.timeline.item(1, 2).text() == "Accept"
    assert detail.timeline.item(1, 3).text() == "Received → Accepted"

    errors: list[str] = []
    runner.run(svc.archive, ctx, users["supervisor"], received.number, on_error=errors.append)
    qtbot.waitUntil(lambda: errors != [], timeout=5000)
    assert errors == [f"Case {received.number} is “Received”: “Archive” is not possible now."]

    wizard = IntakeWizard(ctx, users["clerk"], runner)
    qtbot.addWidget(wizard)
    wizard.cases_opened([svc.get_case(ctx, users["clerk"], received.number)])
    assert wizard.materials_step.combo(0).itemText(1) == "Received" and wizard.materials_step.materials.item(0, 2).text() == "Required"
    wizard.to_decision()
    qtbot.waitUntil(lambda: wizard.steps.currentIndex() == 3, timeout=5000)
    assert [b.text() for b in wizard.decision_step.decision_buttons] == [
        "Accept", "Accept with deferred materials", "Accept on commitment", "One-time notice", "Reject"]
    assert wizard.decision_step.decision_reasons[IntakeDecision.ACCEPT].text().startswith("Materials not checked yet: 临时救助申请书")
    assert wizard.decision_step.decision_reasons[IntakeDecision.ACCEPT_TELL_COMMIT].text() == \
        "The notify-and-commit procedure does not apply to the matter “临时救助”."


def test_chinese_mode_still_shows_chinese(qtbot, ctx, users, new_applicant, language) -> None:  # type: ignore[no-untyped-def]
    language("zh_CN")
    accepted, received = _cases(ctx, users, new_applicant)
    assert _list_states(qtbot, ctx, users) == {accepted.number: "已受理", received.number: "已接件", "filter": "全部"}
    runner = TaskRunner()
    detail = CaseDetailDialog(ctx, users["clerk"], runner, accepted.number)
    qtbot.addWidget(detail)
    qtbot.waitUntil(lambda: "已受理" in detail.header.text(), timeout=5000)
    assert detail.timeline.item(1, 3).text() == "已接件 → 已受理"
    errors: list[str] = []
    runner.run(svc.archive, ctx, users["supervisor"], received.number, on_error=errors.append)
    qtbot.waitUntil(lambda: errors != [], timeout=5000)
    assert errors == [f"办件 {received.number} 当前状态为“已接件”，不能执行“归档”。"]
