"""The intake wizard driven from the keyboard, on real widgets and a real SQLite profile."""

from PySide6.QtCore import Qt

from clerk_app.domain.cases import CaseState, IntakeDecision
from clerk_app.services import cases as svc
from clerk_app.ui.intake import IntakeWizard
from clerk_app.ui.tasks import TaskRunner


def make(qtbot, ctx, users):  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    wizard = IntakeWizard(ctx, users["clerk"], runner)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def confirm(qtbot, w) -> None:  # type: ignore[no-untyped-def]
    """A formal decision asks first: Enter on the confirmation (its focused button) issues it."""
    qtbot.waitUntil(lambda: w.decision_step.confirm_dialog is not None and w.decision_step.confirm_dialog.isVisible(), timeout=5000)
    qtbot.keyClick(w.decision_step.confirm_dialog.focusWidget() or w.decision_step.confirm_dialog, Qt.Key.Key_Return)


def _applicant(qtbot, w) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(w.applicant_step.id_number, "11010519491231002x")
    assert "有效" in w.applicant_step.id_hint.text()
    w.applicant_step.name.setText("张三丰")  # QTest types ASCII only; an IME delivers the name as one commit
    qtbot.keyClicks(w.applicant_step.phone, "13800138000")
    qtbot.keyClick(w.applicant_step.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 1, timeout=5000)


def test_keyboard_intake_to_acceptance(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, ctx, users)
    assert "身份证" in w.phrase.text()
    _applicant(qtbot, w)
    qtbot.keyClicks(w.matter_step.matter_search, "gtgsh")
    assert w.matter_step.matter_list.currentItem().text().startswith("个体工商户设立登记")
    qtbot.keyClick(w.matter_step.matter_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2, timeout=5000)
    assert w.case is not None and w.case.state is CaseState.RECEIVED
    assert w.materials_step.materials.rowCount() == 4
    w.materials_step.materials.setCurrentCell(0, 0)
    for key in ("1", "1", "1", "4"):
        qtbot.keyClick(w.materials_step.materials, key)
    qtbot.waitUntil(lambda: all(m.status.value != "unchecked" for m in svc.get_case(ctx, users["clerk"], w.case.number).materials),
                    timeout=5000)
    w.materials_step.materials_next.click()
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 3, timeout=5000)
    accept = w.decision_step.decision_buttons[0]
    assert not accept.isEnabled() and "告知承诺" in list(w.decision_step.decision_reasons.values())[0].text()
    assert "告知承诺制" in w.phrase.text()  # this matter allows it: the clerk offers it
    w.decision_step.tell_commit_no.click()
    qtbot.waitUntil(lambda: accept.isEnabled(), timeout=5000)
    assert not w.decision_step.decision_buttons[1].isEnabled()  # 容缺: nothing is missing
    assert "无需一次性告知" in list(w.decision_step.decision_reasons.values())[3].text()
    accept.click()
    confirm(qtbot, w)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 4, timeout=5000)
    stored = svc.get_case(ctx, users["clerk"], w.case.number)
    assert stored.state is CaseState.ACCEPTED
    assert w.case.number in w.done_step.done_summary.text() and "承诺办结日期" in w.done_step.done_summary.text()
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert w.steps.currentIndex() == 0 and w.applicant_step.id_number.text() == ""


def test_bad_id_number_is_refused_and_nothing_is_written(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, ctx, users)
    qtbot.keyClicks(w.applicant_step.id_number, "440308199901101513")
    assert "校验位不对" in w.applicant_step.id_hint.text()
    w.applicant_step.name.setText("李四")
    w.applicant_step.applicant_next.click()
    qtbot.waitUntil(lambda: w.error.text() != "", timeout=5000)
    assert "校验位不对" in w.error.text() and w.steps.currentIndex() == 0
    from clerk_app.services.search import search_cases

    assert search_cases(ctx, users["clerk"], "李四") == []


def test_missing_main_material_allows_only_notice_or_rejection(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, ctx, users)
    _applicant(qtbot, w)
    qtbot.keyClicks(w.matter_step.matter_search, "gtgsh")
    qtbot.keyClick(w.matter_step.matter_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2, timeout=5000)
    w.materials_step.materials.setCurrentCell(0, 0)
    for key in ("2", "1", "2", "4"):
        qtbot.keyClick(w.materials_step.materials, key)
    qtbot.waitUntil(lambda: sum(m.status.value == "missing" for m in svc.get_case(ctx, users["clerk"], w.case.number).materials) == 2,
                    timeout=5000)
    w.materials_step.materials_next.click()
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 3, timeout=5000)
    w.decision_step.tell_commit_no.click()
    qtbot.waitUntil(lambda: w.decision_step.tell_commit_state.text() == "已记录", timeout=5000)
    enabled = [b.text() for b in w.decision_step.decision_buttons if b.isEnabled()]
    # the applicant said no: 告知承诺受理 is not offered again (seed 001 §5.3.6), and the step says why
    assert enabled == ["一次性告知", "不予受理"]
    assert "不采用告知承诺" in w.decision_step.decision_reasons[IntakeDecision.ACCEPT_TELL_COMMIT].text()
    w.decision_step.decision_buttons[3].click()
    confirm(qtbot, w)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 4, timeout=5000)
    assert svc.get_case(ctx, users["clerk"], w.case.number).state is CaseState.PENDING_SUPPLEMENT


def test_application_form_prefilled_validated_saved_and_printed(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.services.forms import form_values

    w = make(qtbot, ctx, users)
    printed: list[bytes] = []
    w.print_pdf = printed.append
    w.applicant_step.address.setText("北京市海淀区中关村大街1号")
    _applicant(qtbot, w)
    qtbot.keyClicks(w.matter_step.matter_search, "gtgsh")
    qtbot.keyClick(w.matter_step.matter_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2, timeout=5000)
    assert w.materials_step.form_button.isVisibleTo(w)
    w.materials_step.form_button.click()
    dialog = w.materials_step.form_dialog
    assert dialog.inputs["operator_name"].text() == "张三丰"
    assert dialog.inputs["operator_id"].text() == "11010519491231002x"
    assert dialog.inputs["premises"].text() == "北京市海淀区中关村大街1号"
    dialog.submit()  # required fields still empty
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=5000)
    assert "请填写" in dialog.error.text() and dialog.isVisible()
    dialog.inputs["operator_phone"].setText("13800138000")
    dialog.inputs["composition"].setCurrentText("个人经营")
    dialog.inputs["business_scope"].setPlainText("日用百货零售")
    dialog.submit()
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=10000)
    assert not dialog.isVisible() and printed[0].startswith(b"%PDF")
    assert form_values(ctx, users["clerk"], w.case.number)["operator_id"] == "11010519491231002X"


def test_decision_phrase_offers_tell_commit_only_where_the_matter_allows_it(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, ctx, users)
    _applicant(qtbot, w)
    qtbot.keyClicks(w.matter_step.matter_search, "000137015000")  # 城乡居民基本养老保险参保登记: no 告知承诺
    assert w.matter_step.matter_list.currentItem().text().startswith("城乡居民基本养老保险参保登记")
    qtbot.keyClick(w.matter_step.matter_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2, timeout=5000)
    w.materials_step.materials.setCurrentCell(0, 0)
    for _ in range(w.materials_step.materials.rowCount()):
        qtbot.keyClick(w.materials_step.materials, "1")
    qtbot.waitUntil(lambda: all(m.status.value == "submitted" for m in svc.get_case(ctx, users["clerk"], w.case.number).materials),
                    timeout=5000)
    w.materials_step.materials_next.click()
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 3, timeout=5000)
    assert not w.decision_step.tell_commit_box.isVisible()
    assert "告知承诺" not in w.phrase.text() and "当场办结" in w.phrase.text()  # 即办件: the promised time, said
