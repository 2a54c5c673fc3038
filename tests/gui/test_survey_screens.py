"""The 满意度调查表 (seed 003 §7.2.3.4.2, App. E) on screen: answered by the applicant on the customer screen
one question at a time, and a paper form entered by the clerk on 其他业务 — real widgets, real key presses,
a real SQLite store. Screenshots in zh and en at 1200x760 and 1920x1080 go to tmp_path."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from clerk_app.domain.survey import DEFAULT_FORM
from clerk_app.store.tables import SurveyResponseRow
from clerk_app.ui.customer_screen import CustomerScreen
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.survey_screen import FORM_TEXTS


def _key(qtbot, widget, key=Qt.Key.Key_Space) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)
    qtbot.keyClick(widget, key)


def _responses(ctx) -> list:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return list(s.execute(select(SurveyResponseRow.channel, SurveyResponseRow.visit, SurveyResponseRow.departments,
                                     SurveyResponseRow.levels, SurveyResponseRow.comment)).all())


def _window(qtbot, ctx, users):  # type: ignore[no-untyped-def]
    customer = CustomerScreen()
    window = MainWindow(ctx, users["clerk"], customer_screen=customer)
    qtbot.addWidget(window)
    window.dock_customer_panel()
    window.resize(1200, 760)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window, customer


def _survey_tab(qtbot, window):  # type: ignore[no-untyped-def]
    """F8 (其他业务), then its survey tab, as the clerk opens it."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8)  # the shortcut acts on the focused widget
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.ledgers, timeout=3000)
    page = window.ledgers
    page.setCurrentIndex(page.count() - 1)
    qtbot.waitUntil(page.survey.isVisible, timeout=3000)
    return page.survey


def test_form_texts_for_translation_are_the_domains() -> None:
    form = DEFAULT_FORM
    domain = (form.visit_question, *form.visit_options, form.department_question, *form.departments, *form.rows,
              "满意", "比较满意", "不太满意", "很不满意")
    assert domain == FORM_TEXTS


def test_seed_003_app_e_applicant_answers_the_survey_on_the_customer_screen(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    window, customer = _window(qtbot, ctx, users)
    _survey_tab(qtbot, window)
    customer.ask("C-1")  # a rating question still open: the survey waits for it
    _key(qtbot, window.survey_button)
    qtbot.waitUntil(lambda: "完成服务评价" in window.message_line.label.text(), timeout=3000)
    assert not customer.survey_open
    customer.finish()
    _key(qtbot, window.survey_button)
    qtbot.waitUntil(lambda: customer.survey_open, timeout=3000)
    panel = customer.survey
    # docked on one monitor: the progress rides in the question, to keep the panel's height
    assert panel.question.text() == "（1/9）您最近办理政务业务是什么时候？" and not panel.progress.isVisible()
    _key(qtbot, panel.buttons[1])  # 一周内
    assert panel.question.text().startswith("（2/9）您办理的政务业务涉及哪个部门？")
    _key(qtbot, panel.buttons[2])  # 市场监管
    _key(qtbot, panel.buttons[0])  # 税务分局
    _key(qtbot, panel.next_button)
    for level in (1, 2, 1, None, 3, 1, 2):
        assert "您对“" in panel.question.text()
        _key(qtbot, panel.skip_button if level is None else panel.buttons[level - 1])
    qtbot.waitUntil(lambda: len(_responses(ctx)) == 1, timeout=5000)
    assert _responses(ctx) == [("screen", "一周内", "税务分局、市场监管", "1210312", "")]
    assert not customer.survey_open and customer.thanks.text() == "感谢您参加满意度调查！"
    qtbot.waitUntil(lambda: "满意度调查表" in window.message_line.label.text(), timeout=3000)
    assert "比较满意" not in window.message_line.label.text()  # the answers are the applicant's own


def test_survey_left_half_way_keeps_the_rows_answered_and_an_empty_one_records_nothing(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    window, customer = _window(qtbot, ctx, users)
    _survey_tab(qtbot, window)
    _key(qtbot, window.survey_button)
    qtbot.waitUntil(lambda: customer.survey_open, timeout=3000)
    _key(qtbot, customer.survey.skip_button)  # no visit answer
    _key(qtbot, customer.survey.next_button)  # no department
    window.queue.called.emit(object())  # the next ticket: nothing answered, nothing recorded
    assert not customer.survey_open
    _key(qtbot, window.survey_button)
    qtbot.waitUntil(lambda: customer.survey_open, timeout=3000)
    _key(qtbot, customer.survey.buttons[0])
    _key(qtbot, customer.survey.next_button)
    _key(qtbot, customer.survey.buttons[3])  # 很不满意 on the first row, then the applicant leaves
    window.queue.called.emit(object())
    qtbot.waitUntil(lambda: len(_responses(ctx)) == 1, timeout=5000)
    assert _responses(ctx) == [("screen", "今天", "", "4000000", "")]


def test_seed_003_app_e_clerk_enters_a_paper_survey(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    window, _customer = _window(qtbot, ctx, users)
    form = _survey_tab(qtbot, window)
    _key(qtbot, form.submit)  # an empty form is refused with one sentence, nothing stored
    qtbot.waitUntil(lambda: "全部未填" in form.result.text(), timeout=5000)
    assert _responses(ctx) == []
    _key(qtbot, form.visit, Qt.Key.Key_Down)
    _key(qtbot, form.visit, Qt.Key.Key_Down)  # 一周内
    _key(qtbot, form.departments["公安"])
    for combo, presses in zip(form.levels, (1, 2, 0, 4, 1, 1, 3), strict=True):
        for _ in range(presses):
            _key(qtbot, combo, Qt.Key.Key_Down)
    form.comment.setFocus()
    qtbot.keyClicks(form.comment, "Clear signs, thanks")  # Chinese comes through the IME, not keys
    _key(qtbot, form.submit)
    qtbot.waitUntil(lambda: len(_responses(ctx)) == 1, timeout=5000)
    assert _responses(ctx) == [("paper", "一周内", "公安", "1204113", "Clear signs, thanks")]
    qtbot.waitUntil(lambda: form.result.text() == "已录入一份满意度调查表。", timeout=3000)
    assert form.visit.currentIndex() == 0 and not form.departments["公安"].isChecked()
    assert all(c.currentIndex() == 0 for c in form.levels) and form.comment.toPlainText() == ""


def test_survey_on_its_own_monitor_shows_the_progress_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    customer = CustomerScreen()
    qtbot.addWidget(customer)
    customer.resize(1920, 1080)
    customer.show()
    assert customer.ask_survey()
    panel = customer.survey
    assert panel.progress.isVisible() and "第 1 / 9 题" in panel.progress.text()
    assert panel.question.text() == "您最近办理政务业务是什么时候？"
    assert all(b.height() >= 100 and b.width() >= 200 for b in panel.buttons)  # sized for elderly applicants
    customer.pause()  # the clerk steps away: the survey ends, nothing answered, nothing emitted
    assert customer.paused and not customer.survey_open
