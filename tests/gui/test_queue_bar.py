"""The queue bar on real widgets and a real profile."""

from clerk_app.domain.queue import PriorityReason, TicketState
from clerk_app.services import queue as qsvc
from clerk_app.ui.main_window import MainWindow


def test_call_recall_skip_and_priority(qtbot, ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    for _ in range(3):
        qsvc.take_ticket(ctx, clerk)
    window = MainWindow(ctx, clerk)
    qtbot.addWidget(window)
    bar = window.queue
    qtbot.waitUntil(lambda: bar.waiting.text().startswith("等候 3 人"), timeout=5000)
    bar.take_priority(PriorityReason.MILITARY)
    qtbot.waitUntil(lambda: bar.waiting.text().startswith("等候 4 人"), timeout=5000)
    with qtbot.waitSignal(bar.called, timeout=5000) as called:
        bar.call_button.click()
    assert called.args[0].number == "Y001" and bar.current.text() == "当前：Y001（军人优先）"
    assert not bar.call_button.isEnabled() and bar.finish_button.isEnabled()
    bar.skip_button.click()
    qtbot.waitUntil(lambda: "重呼" in window.message_line.text(), timeout=5000)
    for _ in range(2):
        bar.recall_button.click()
    bar.skip_button.click()
    qtbot.waitUntil(lambda: bar.current.text() == "当前：—", timeout=5000)
    bar.call_button.click()
    qtbot.waitUntil(lambda: bar.current.text() == "当前：A001", timeout=5000)
    bar.finish_button.click()
    qtbot.waitUntil(lambda: bar.call_button.isEnabled(), timeout=5000)
    with ctx.store.read() as s:
        from sqlalchemy import select

        from clerk_app.store.queue_tables import TicketRow

        states = {n: st for n, st in s.execute(select(TicketRow.number, TicketRow.state))}
    assert states == {"A001": TicketState.DONE.value, "A002": "waiting", "A003": "waiting",
                      "Y001": TicketState.SKIPPED.value}


def test_closing_time_estimate_is_shown(qtbot, ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    clock.now = datetime(2026, 3, 2, 16, 40)
    for _ in range(4):
        qsvc.take_ticket(ctx, users["clerk"])
    window = MainWindow(ctx, users["clerk"])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "超过下班时间" in window.queue.waiting.text(), timeout=5000)
    assert window.queue.waiting.text().startswith("等候 4 人，预计约 32 分钟")
