"""A pause still running past 15 minutes reaches the supervisor's dashboard at once (seed 000
§25(四), seed 001 §4.2): the service with a fixed clock, then the real dashboard page."""

from __future__ import annotations

from datetime import date, datetime

from clerk_app.services import ledgers, statistics


def test_seed_000_25_4_running_pause_shows_once_past_15_minutes(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 3, 2, 10, 0)
    ledgers.start_pause(ctx, users["clerk"])
    clock.now = datetime(2026, 3, 2, 10, 15)
    assert ledgers.running_long_pauses(ctx, users["supervisor"]) == []
    clock.now = datetime(2026, 3, 2, 10, 16)
    [p] = ledgers.running_long_pauses(ctx, users["supervisor"])
    assert (p.clerk, p.window, p.minutes) == ("王小明", ctx.settings.window, 16)
    dash = statistics.build(ctx, users["supervisor"], "今日", date(2026, 3, 2), date(2026, 3, 3), clock.now,
                            clock.now.date())
    assert dash.running_long_pauses == 1 and ("正在暂停且已超 15 分钟（个窗口）", 1) in dash.summary().rows
    ledgers.end_pause(ctx, users["clerk"], reason="协助处理群众突发疾病")
    assert ledgers.running_long_pauses(ctx, users["supervisor"]) == []


def test_dashboard_alert_appears_while_the_pause_runs(qtbot, ctx, users, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.ui.manager.dashboard import DashboardPage
    from clerk_app.ui.tasks import TaskRunner

    clock.now = datetime(2026, 3, 2, 10, 0)
    ledgers.start_pause(ctx, users["clerk"])
    runner = TaskRunner()
    page = DashboardPage(ctx, users["supervisor"], runner)
    qtbot.addWidget(page)
    page._pause_timer.setInterval(50)  # the 30 s poll, shortened for the test
    page.resize(1200, 760)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.refresh()
    assert page.pause_alert.isHidden()
    clock.now = datetime(2026, 3, 2, 10, 17)  # no reload of the dashboard: the poll alone shows it
    qtbot.waitUntil(page.pause_alert.isVisible, timeout=5000)
    assert "01号窗口" in page.pause_alert.text() and "17 分钟" in page.pause_alert.text()
    page.grab().save(str(tmp_path / "dashboard_pause.png"))
    runner.shutdown()
