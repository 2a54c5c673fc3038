"""The status bar's sync indicator fed by the real background runner against the real center."""

from sync_helpers import write_applicants

from clerk_app.ui.sync_panel import SyncIndicator
from sync.client import SyncRunner, SyncStatus


def test_indicator_follows_the_background_runner(qtbot, counter_factory) -> None:  # type: ignore[no-untyped-def]
    client = counter_factory("a")
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    assert "未连接中心" in indicator.text()
    runner = SyncRunner(client, interval_s=30, on_status=indicator.relay.changed.emit)
    runner.start()
    try:
        write_applicants(client.store, 3)  # each commit wakes the runner
        qtbot.waitUntil(lambda: "待上传 0 条" in indicator.text() and "最近" in indicator.text(), timeout=20000)
        assert "1b7f3b" in indicator.styleSheet()
    finally:
        runner.stop()


def test_alarm_conflicts_and_errors_are_shown_in_red(qtbot) -> None:  # type: ignore[no-untyped-def]
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.show_status(SyncStatus(pending=4, oldest_pending_age_s=90000, last_sync="2026-03-01T09:00:00",
                                     conflicts=1, quarantined=0, last_error=None, enrolled=True, stopped=False,
                                     alarm=True))
    text = indicator.text()
    assert text.startswith("⚠ 有数据超过 24 小时未上传") and "待上传 4 条" in text and "冲突 1 件" in text
    assert "b00020" in indicator.styleSheet()
    indicator.show_status(SyncStatus(pending=2, oldest_pending_age_s=5, last_sync=None, conflicts=0, quarantined=0,
                                     last_error="无法连接中心服务器", enrolled=True, stopped=False, alarm=False))
    assert "无法连接中心服务器" in indicator.text() and "9a6700" in indicator.styleSheet()


def test_quarantined_pulls_are_shown_with_their_reason(qtbot) -> None:  # type: ignore[no-untyped-def]
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.show_status(SyncStatus(pending=0, oldest_pending_age_s=None, last_sync="2026-03-01T09:00:00",
                                     conflicts=0, quarantined=2, last_error=None, enrolled=True, stopped=False,
                                     alarm=False, quarantine_reason="applicants：字段 phone 应为文本，实际为列表"))
    text = indicator.text()
    assert "2 条待核查" in text and "字段 phone 应为文本" in text and "b00020" in indicator.styleSheet()
