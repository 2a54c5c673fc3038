"""Installing a UI language on the real widgets, offscreen: English shows English, Chinese stays as it
is, an unknown code is refused."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from clerk_app import i18n
from clerk_app.errors import UserError
from clerk_app.ui.main_window import MainWindow

CJK = re.compile(r"[\u3400-\u9fff]")


def _window(qtbot, ctx, users, who: str = "clerk") -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, users[who])
    qtbot.addWidget(window)
    return window


def _tabs(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def _queue_buttons(window: MainWindow) -> list[str]:
    q = window.queue
    return [b.text() for b in (q.call_button, q.recall_button, q.skip_button, q.finish_button, q.transfer_button,
                               q.priority_button, window.pause_button, window.manager_button)]


def test_english_main_window_shows_english_tabs_and_queue_buttons(qtbot, ctx, users, language) -> None:  # type: ignore[no-untyped-def]
    language("en")
    window = _window(qtbot, ctx, users)
    assert _tabs(window) == ["Intake (F5)", "Cases (F6)", "Output (F7)", "Other services (F8)"]
    assert _queue_buttons(window) == ["Call next (F9)", "Recall (F10)", "Skip", "Finish", "Transfer",
                                      "Priority", "Pause (F12)", "Manager"]
    assert window.windowTitle() == f"Clerk Workbench — {ctx.settings.center_name}"
    headers = [window.cases.table.horizontalHeaderItem(i).text() for i in range(window.cases.table.columnCount())]
    assert headers == ["Case number", "Matter", "Applicant", "ID number", "State", "Received at", "Due date",
                       "Joint application"]
    qtbot.waitUntil(lambda: window.queue.waiting.text() != "", timeout=5000)
    assert window.queue.waiting.text() == "0 waiting, ~0 min"
    assert window.queue.current.text() == "Current: —"
    assert not CJK.search(window.intake.header.text())
    assert window.intake.phrase.text().startswith("Service phrase: ")  # the phrase itself stays Chinese


def test_english_plural_forms_follow_the_count(qtbot, ctx, users, language) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.services.demo import seed

    language("en")
    window = _window(qtbot, ctx, users)
    qtbot.waitUntil(lambda: window.cases.message.text() != "", timeout=5000)
    assert window.cases.message.text() == "0 cases"
    seed(ctx, 1, seed=3)
    window.cases.refresh()
    qtbot.waitUntil(lambda: window.cases.message.text() == "1 case", timeout=5000)


def test_english_manager_view_and_customer_screen(qtbot, ctx, users, language) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.devices.evaluator.protocol import LEVELS
    from clerk_app.ui.customer_screen import CustomerScreen

    language("en")
    window = _window(qtbot, ctx, users, "supervisor")
    window.show_manager()
    manager = window.manager
    assert [manager.tabs.tabText(i) for i in range(manager.tabs.count())] == [
        "Overview", "Ratings", "Unresolved requests and complaints", "Service ledgers", "Staff performance",
        "Catalogue and authorisations", "Holiday schedule"]
    assert manager.back_button.text() == "Back to counter"
    screen = CustomerScreen()
    qtbot.addWidget(screen)
    assert [screen.buttons[level].text() for level in LEVELS] == [
        "Very\nsatisfied", "Satisfied", "Fairly\nsatisfied", "Dissatisfied", "Very\ndissatisfied"]
    assert screen.prompt.text() == "Welcome"
    screen.resize(1280, 720)  # the smallest customer monitor (tests/gui)
    screen.show()
    qtbot.waitExposed(screen)
    for b in screen.buttons.values():  # each English line fits its button at the elderly-sized 36 px
        widest = max(b.fontMetrics().horizontalAdvance(line) for line in b.text().splitlines())
        assert b.fontMetrics().height() >= 36 and widest <= b.width() - 24, b.text()
    screen.ask("C-1")
    screen.buttons[3].click()
    assert screen.submit.text() == "Submit rating" and screen.aspects["服务效率"].text() == "Efficiency"
    screen.submit.click()
    assert screen.thanks.text() == "Thank you for your rating!"  # the level is not repeated back


def test_rating_texts_of_the_ui_match_the_device_protocol() -> None:
    from clerk_app.devices.evaluator.protocol import LEVELS
    from clerk_app.ui.customer_screen import LEVEL_TEXTS

    assert LEVEL_TEXTS == LEVELS


def test_chinese_installs_qt_texts_and_leaves_ours_as_written(qtbot, ctx, users, language) -> None:  # type: ignore[no-untyped-def]
    installed = language("zh_CN")
    assert len(installed) == 1  # Qt's qtbase_zh_CN only: our source texts are the Chinese
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QLocale().name() == "zh_CN"
    window = _window(qtbot, ctx, users)
    assert _tabs(window) == ["受理（F5）", "办件查询（F6）", "出件（F7）", "其他业务（F8）"]
    assert window.queue.call_button.text() == "叫号（F9）"


def test_switching_back_from_english_restores_chinese(qtbot, ctx, users, language) -> None:  # type: ignore[no-untyped-def]
    language("en")
    language("zh_CN")
    assert QCoreApplication.translate("MainWindow", "受理（F5）") == "受理（F5）"
    assert _tabs(_window(qtbot, ctx, users))[0] == "受理（F5）"


def test_unknown_language_is_refused_in_one_chinese_sentence(qapp: QApplication, language) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as refused:
        language("xx")
    message = refused.value.message
    assert "“xx”" in message and CJK.search(message) and message.endswith("。") and message.count("。") == 1
    assert refused.value.code == "i18n.unknown_language"
    assert QCoreApplication.translate("MainWindow", "受理（F5）") == "受理（F5）"  # nothing was installed


def test_refusal_keeps_the_language_already_installed(qapp: QApplication, language) -> None:  # type: ignore[no-untyped-def]
    language("en")
    with pytest.raises(UserError):
        language("fr")
    assert QCoreApplication.translate("MainWindow", "受理（F5）") == "Intake (F5)"


@pytest.mark.parametrize(("text", "values", "expected"), [
    ("%1（%2）", ("王小明", "窗口人员"), "王小明（窗口人员）"),
    ("Ticket %2 at window %1", ("03", "A001"), "Ticket A001 at window 03"),  # translators may reorder
    ("%1 · %2", ("C:/报表%2.xlsx", "x"), "C:/报表%2.xlsx · x"),  # a value is never substituted again
    ("%1 of 100%", (5,), "5 of 100%"),
    ("%1 and %2", ("only",), "only and %2"),
])
def test_arg_replaces_placeholders_like_qstring_arg(text: str, values: tuple, expected: str) -> None:  # type: ignore[type-arg]
    assert i18n.arg(text, *values) == expected
