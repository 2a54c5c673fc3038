"""暂停服务 from one key, the lock, the 15-minute rule; the supervisor's switch to the manager view."""

from datetime import timedelta

from sqlalchemy import select

from clerk_app.store.ledger_tables import PauseRow
from clerk_app.ui.customer_screen import CustomerScreen
from clerk_app.ui.main_window import MainWindow


def test_long_pause_needs_a_reason_and_is_flagged(qtbot, ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    customer = CustomerScreen()
    qtbot.addWidget(customer)
    window = MainWindow(ctx, users["clerk"], customer_screen=customer)
    qtbot.addWidget(window)
    window.show()
    asked: list[str] = []
    window.ask_pause_reason = lambda: (asked.append("asked"), "" if len(asked) == 1 else "接待上级检查")[1]
    window.pause_button.click()
    qtbot.waitUntil(lambda: window.lock_overlay.isVisible(), timeout=5000)
    assert customer.paused and window.lock_overlay.title.text() == "暂停服务"
    clock.now += timedelta(minutes=20)
    window.lock_overlay.password.setText("wrong-password")
    window.lock_overlay._try_unlock()
    assert window.lock_overlay.isVisible() and window.lock_overlay.error.text()
    window.lock_overlay.password.setText("clerk1234")
    window.lock_overlay._try_unlock()
    qtbot.waitUntil(lambda: not window.paused, timeout=5000)
    assert asked == ["asked", "asked"]  # an empty reason is asked again
    assert not customer.paused and "带班负责人" in window.message_line.text()
    with ctx.store.read() as s:
        row = s.scalars(select(PauseRow)).one()
    assert (row.reason, row.flagged, row.ended_at - row.started_at) == ("接待上级检查", True, timedelta(minutes=20))


def test_short_pause_needs_no_reason(qtbot, ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, users["clerk"])
    qtbot.addWidget(window)
    window.show()
    window.ask_pause_reason = lambda: (_ for _ in ()).throw(AssertionError("no reason needed"))
    window.pause_service()
    qtbot.waitUntil(lambda: window.lock_overlay.isVisible(), timeout=5000)
    clock.now += timedelta(minutes=5)
    window.lock_overlay.password.setText("clerk1234")
    window.lock_overlay._try_unlock()
    qtbot.waitUntil(lambda: not window.paused, timeout=5000)
    with ctx.store.read() as s:
        row = s.scalars(select(PauseRow)).one()
    assert row.flagged is False and row.ended_at is not None


def test_only_supervisors_switch_to_the_manager_view(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    clerk_window = MainWindow(ctx, users["clerk"])
    qtbot.addWidget(clerk_window)
    assert not clerk_window.manager_button.isVisibleTo(clerk_window)
    window = MainWindow(ctx, users["supervisor"])
    qtbot.addWidget(window)
    assert window.manager_button.isVisibleTo(window)
    window.manager_button.click()
    assert window.stack.currentWidget() is window.manager
    window.manager.back_button.click()
    assert window.stack.currentWidget() is window.counter_view
