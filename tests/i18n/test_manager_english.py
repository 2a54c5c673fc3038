"""English mode in the manager view (issue 15 item 13): periods, indicator names, decisions, rating
levels, states and the role in English; data (department names) as it is."""

from __future__ import annotations

from clerk_app.services.demo import seed
from clerk_app.ui.main_window import MainWindow


def test_dashboard_speaks_english(qtbot, ctx, users, language) -> None:  # type: ignore[no-untyped-def]
    language("en")
    seed(ctx, 40, seed=2)
    window = MainWindow(ctx, users["supervisor"])
    qtbot.addWidget(window)
    window.show()
    window.show_manager()
    qtbot.waitUntil(lambda: window.manager.isVisible(), timeout=10000)
    from clerk_app.ui.manager.dashboard import DashboardPage

    page = window.manager.findChild(DashboardPage)
    qtbot.waitUntil(lambda: page.summary.rowCount() > 5, timeout=15000)
    assert page.period.currentText() == "This month"
    assert page.summary.horizontalHeaderItem(0).text() == "Indicator"
    names = [page.summary.item(r, 0).text() for r in range(page.summary.rowCount())]
    assert names[:2] == ["Cases received", "Accepted (share)"] and "Rating participation" in names
    states = {page.due.item(r, 4).text() for r in range(page.due.rowCount())}
    assert states and not any("\u4e00" <= ch <= "\u9fff" for s in states for ch in s), states
