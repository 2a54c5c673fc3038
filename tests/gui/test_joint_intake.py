"""A joint application (联办件) through the intake wizard: two matters picked in one intake, the shared
material checked and captured once, each case decided, both found by search and linked in the detail."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from clerk_app.domain.cases import CaseState
from clerk_app.services import cases as svc
from clerk_app.ui.case_detail import CaseDetailDialog
from clerk_app.ui.case_list import CaseListPage
from clerk_app.ui.intake import IntakeWizard
from clerk_app.ui.tasks import TaskRunner


def confirm(qtbot, w) -> None:  # type: ignore[no-untyped-def]
    """A formal decision asks first: Enter on the confirmation issues it."""
    qtbot.waitUntil(lambda: w.decision_step.confirm_dialog is not None and w.decision_step.confirm_dialog.isVisible(), timeout=5000)
    qtbot.keyClick(w.decision_step.confirm_dialog.focusWidget() or w.decision_step.confirm_dialog, Qt.Key.Key_Return)

def _screens(qapp) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.app import create_qt_app

    create_qt_app()  # the bundled CJK font, so the saved screenshots show the Chinese text


def test_two_matters_in_one_intake_to_acceptance_and_found_by_search(qtbot, qapp, ctx, users, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _screens(qapp)
    clerk = users["clerk"]
    runner = TaskRunner()
    page_jpeg = (Path(__file__).parents[2] / "resources/demo/camera/01_application_form.jpg").read_bytes()
    # the camera's place: the capture dialog hands the wizard the still (tested in test_capture_dialog)
    w = IntakeWizard(ctx, clerk, runner, capture=lambda on_image, _on_error: on_image(page_jpeg))
    qtbot.addWidget(w)
    w.resize(1100, 700)
    w.show()
    qtbot.keyClicks(w.applicant_step.id_number, "11010519491231002x")
    w.applicant_step.name.setText("张三丰")
    qtbot.keyClicks(w.applicant_step.phone, "13800138000")
    qtbot.keyClick(w.applicant_step.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 1, timeout=5000)

    qtbot.keyClicks(w.matter_step.matter_search, "zdshbz")
    assert w.matter_step.matter_list.currentItem().text().startswith("最低生活保障审核确认")
    qtbot.keyClick(w.matter_step.matter_search, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)  # 加入联办
    assert w.matter_step.bundle_codes == ["000119001000"] and w.matter_step.matter_search.text() == ""
    assert "最低生活保障审核确认" in w.matter_step.bundle_label.text()
    qtbot.keyClicks(w.matter_step.matter_search, "lsjz")
    w.grab().save(str(tmp_path / "joint_matters.png"))
    qtbot.keyClick(w.matter_step.matter_search, Qt.Key.Key_Return)  # the highlighted 临时救助 joins; both are received
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2, timeout=5000)
    assert [c.matter_name for c in w.cases] == ["最低生活保障审核确认", "临时救助"]
    a, b = w.cases
    assert a.bundle_id == b.bundle_id is not None

    # 5 + 4 materials, 家庭经济状况核对授权书 once
    assert w.materials_step.materials.rowCount() == 8
    shared_row = next(i for i, r in enumerate(w.materials_step.rows) if r.shared)
    assert "2 个事项共用" in w.materials_step.materials.item(shared_row, 0).text()
    w.materials_step.materials.setCurrentCell(0, 0)
    for key in ("1", "1", "1", "1", "4", "1", "1", "1"):  # 低保 1-4 in, 5 n/a; 救助 1-3 in, (授权书 is row 3)
        qtbot.keyClick(w.materials_step.materials, key)

    def all_checked() -> bool:
        return all(m.status.value != "unchecked" for n in (a.number, b.number)
                   for m in svc.get_case(ctx, clerk, n).materials)
    qtbot.waitUntil(all_checked, timeout=5000)
    w.materials_step.capture_row(shared_row)
    qtbot.waitUntil(lambda: w.materials_step.materials.cellWidget(shared_row, 5).text() == "已拍照 ✔", timeout=5000)
    attached = {m.attachment for n in (a.number, b.number) for m in svc.get_case(ctx, clerk, n).materials
                if m.name == "家庭经济状况核对授权书"}
    assert len(attached) == 1 and None not in attached  # captured once, on both cases
    w.grab().save(str(tmp_path / "joint_materials.png"))

    # F3 opens the application form of the highlighted material's matter
    w.materials_step.materials.setCurrentCell(len(w.materials_step.rows) - 1, 0)  # 导致困难的相关证明, a 临时救助 material
    w.materials_step.open_form()
    assert w.materials_step.form_dialog.windowTitle() == "临时救助申请书"
    w.materials_step.form_dialog.reject()

    w.materials_step.materials_next.click()
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 3 and w.decision_step.bundle_step.isVisible(), timeout=5000)
    assert "第 1/2 件" in w.decision_step.bundle_step.text() and "最低生活保障审核确认" in w.decision_step.bundle_step.text()
    w.decision_step.tell_commit_no.click()  # 低保 allows 告知承诺: the offer is recorded first
    qtbot.waitUntil(lambda: w.decision_step.decision_buttons[0].isEnabled(), timeout=5000)
    w.decision_step.decision_buttons[0].click()
    confirm(qtbot, w)
    qtbot.waitUntil(lambda: "第 2/2 件" in w.decision_step.bundle_step.text(), timeout=5000)
    assert "临时救助" in w.decision_step.bundle_step.text()
    qtbot.waitUntil(lambda: w.decision_step.decision_buttons[0].isEnabled(), timeout=5000)
    w.grab().save(str(tmp_path / "joint_decision.png"))
    w.decision_step.decision_buttons[0].click()
    confirm(qtbot, w)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 4, timeout=5000)
    assert a.number in w.done_step.done_summary.text() and b.number in w.done_step.done_summary.text()
    assert w.done_step.done_summary.text().count("已受理") == 2
    w.grab().save(str(tmp_path / "joint_done.png"))
    for n in (a.number, b.number):
        assert svc.get_case(ctx, clerk, n).state is CaseState.ACCEPTED

    page = CaseListPage(ctx, clerk, runner)
    qtbot.addWidget(page)
    page.resize(1300, 400)
    page.show()
    page.search.setText("张三丰")
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=5000)
    rows = {page.table.item(i, 0).text(): page.table.item(i, 7).text() for i in range(2)}
    assert rows == {a.number: f"联办：{b.number}", b.number: f"联办：{a.number}"}
    page.grab().save(str(tmp_path / "joint_search.png"))

    detail = CaseDetailDialog(ctx, clerk, runner, a.number)
    qtbot.addWidget(detail)
    qtbot.waitUntil(lambda: b.number in detail.linked_label.text(), timeout=5000)
    assert "临时救助" in detail.linked_label.text() and "已受理" in detail.linked_label.text()
    other = detail.open_linked(b.number)
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: a.number in other.linked_label.text(), timeout=5000)
    detail.grab().save(str(tmp_path / "joint_detail.png"))
