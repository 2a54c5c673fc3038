"""The sync indicator in English and Chinese when the center cannot be reached: the sync client's
own (Chinese) error, shown in the UI language, with the real background runner and a real port
that nobody listens on."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sync_helpers import write_applicants

from clerk_app import i18n
from clerk_app.app import create_qt_app
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.sync_panel import SyncIndicator
from sync.client import SyncClient, SyncRunner

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def language(qapp: QApplication) -> Iterator[Callable[[str], object]]:
    create_qt_app()  # the bundled CJK font, so that a Chinese leftover would show in the screenshot
    yield lambda code: i18n.install(qapp, code)
    i18n.uninstall(qapp)


def _closed_port() -> int:
    """A port that was free a moment ago: connecting to it is refused, as with a center that is down."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _unreachable(counter_factory) -> SyncClient:  # type: ignore[no-untyped-def]
    client = counter_factory("a")  # enrolled with the real center, then the center's address goes dead
    client._set(server=f"http://127.0.0.1:{_closed_port()}")
    client.close()
    client._access = None  # so the next round starts with a token request to the dead address
    write_applicants(client.store, 2)
    return client


def _indicator_after_a_failed_round(qtbot, client: SyncClient) -> SyncIndicator:  # type: ignore[no-untyped-def]
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.show()
    runner = SyncRunner(client, interval_s=30, on_status=indicator.relay.changed.emit)
    runner.start()
    try:
        qtbot.waitUntil(lambda: "ConnectError" in indicator.text(), timeout=20000)
    finally:
        runner.stop()
    return indicator


def test_unreachable_center_in_english(qtbot, ctx, users, counter_factory, language, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    language("en")
    indicator = _indicator_after_a_failed_round(qtbot, _unreachable(counter_factory))
    assert indicator.text() == "Sync: 4 waiting to upload　Center unreachable (ConnectError); retrying, local data is safe."
    assert not CJK.search(indicator.text() + indicator.toolTip())
    assert "9a6700" in indicator.styleSheet()
    # Where the clerk sees it: the status bar of a laptop-sized window, next to the other indicators.
    window = MainWindow(ctx, users["clerk"])
    qtbot.addWidget(window)
    window.statusBar().addPermanentWidget(indicator)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: indicator.isVisible(), timeout=5000)
    assert indicator.width() >= indicator.sizeHint().width() and window.width() <= 1366  # nothing cut off
    window.statusBar().grab().save(str(tmp_path / "sync_indicator_en.png"))


def test_unreachable_center_in_chinese(qtbot, counter_factory, language) -> None:  # type: ignore[no-untyped-def]
    language("zh_CN")
    indicator = _indicator_after_a_failed_round(qtbot, _unreachable(counter_factory))
    assert indicator.text() == "同步：待上传 4 条　与中心服务器通信中断（ConnectError），稍后自动重试，本机数据不受影响。"
