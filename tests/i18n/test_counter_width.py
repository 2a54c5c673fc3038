"""The counter's main window fits the default 1200 px wide screen in English too (issue 15 item 13):
English words are longer than Chinese ones, and a window whose minimum is wider than the screen
cuts off its right edge (a previous build needed 1251 px)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabWidget

from clerk_app.services.demo import seed
from clerk_app.ui.main_window import MainWindow


@pytest.fixture
def app_font(qapp):  # type: ignore[no-untyped-def]
    """The font the app starts with (the bundled WenQuanYi at 11 pt): widths depend on it."""
    from clerk_app.app import create_qt_app

    before = qapp.font()
    create_qt_app()
    yield
    qapp.setFont(before)


@pytest.mark.parametrize("code", ["en", "zh_CN"])
@pytest.mark.parametrize("who", ["clerk", "supervisor"])
def test_main_window_needs_at_most_1200_px(code, who, qtbot, ctx, users, language, app_font) -> None:  # type: ignore[no-untyped-def]
    language(code)
    seed(ctx, 40, seed=2)  # with data: a page's figures and sentences are longest then
    window = MainWindow(ctx, users[who])
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    widths = {"counter": window.minimumSizeHint().width()}
    # Every tab of the counter (case list, intake, output desk, ledgers …) at its own minimum.
    for tabs in window.counter_view.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            qtbot.wait(10)
            widths[f"{tabs.objectName()}:{tabs.tabText(i)}"] = window.minimumSizeHint().width()
    if who == "supervisor":
        window.show_manager()
        qtbot.waitUntil(lambda: window.manager.isVisible(), timeout=10000)
        tabs = window.manager.tabs
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            qtbot.wait(20)
            qtbot.waitUntil(lambda: window.manager.runner._pending == 0, timeout=15000)
            qtbot.wait(20)
            widths[f"manager:{tabs.tabText(i)}"] = window.minimumSizeHint().width()
    assert len(widths) > 3, widths  # the walk saw the counter's tabs
    assert max(widths.values()) <= 1200, widths
    assert window.width() <= 1200
