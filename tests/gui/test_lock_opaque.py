"""The lock (暂停服务 by F12, idle lock) grabbed as an image: nothing of the page beneath shows, the
texts stand out from the surface, keys do not reach the page, the customer screen says 暂停服务."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage

from clerk_app.services.demo import seed
from clerk_app.ui.customer_screen import CustomerScreen
from clerk_app.ui.lock_screen import LOCK_BACKGROUND
from clerk_app.ui.main_window import MainWindow


def _region(image: QImage, rect: QRect) -> list[int]:
    return [image.pixel(x, y) for y in range(rect.top(), rect.bottom(), 3) for x in range(rect.left(), rect.right(), 3)]


def _luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def _best_contrast(image: QImage, background: QColor) -> float:
    """The contrast (WCAG) of the most contrasting pixel against the surface: the text's colour."""
    bg = _luminance(background)
    best = 1.0
    for y in range(image.height()):
        for x in range(image.width()):
            lum = _luminance(QColor(image.pixel(x, y)))
            hi, lo = max(lum, bg), min(lum, bg)
            best = max(best, (hi + 0.05) / (lo + 0.05))
    return best


def test_pause_lock_hides_the_case_list_and_takes_the_keys(qtbot, ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    seed(ctx, 40, seed=3)
    customer = CustomerScreen()
    qtbot.addWidget(customer)
    window = MainWindow(ctx, users["clerk"], customer_screen=customer)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.tabs.setCurrentWidget(window.cases)
    qtbot.waitUntil(lambda: window.cases.table.rowCount() == 40, timeout=5000)
    table = window.cases.table
    rect = QRect(table.mapTo(window, QPoint(0, 0)), table.size())
    before = window.grab().toImage()

    detail = window.open_case(window.cases.table.item(0, 0).text())  # a case's detail open in its own window
    qtbot.waitUntil(detail.isVisible, timeout=3000)
    window.activateWindow()  # back at the counter's window, as the clerk clicks it
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window.cases.search, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: window.lock_overlay.isVisible() and window.paused, timeout=5000)
    locked = window.grab().toImage()
    assert _region(locked, rect) != _region(before, rect)
    # Whatever the page shows, the locked window looks the same: change the page, grab again.
    table.setRowCount(0)
    window.cases.search.setText("zzz")
    assert _region(window.grab().toImage(), rect) == _region(locked, rect)
    surface = QColor(LOCK_BACKGROUND).rgb()
    pixels = _region(locked, rect)
    assert sum(p == surface for p in pixels) / len(pixels) > 0.6  # the rest is the lock's own texts
    overlay = window.lock_overlay
    assert overlay.geometry() == window.rect()
    assert overlay.title.text() == "暂停服务" and "01号窗口" in overlay.window_label.text()
    for label in (overlay.title, overlay.window_label, overlay.who):
        assert _best_contrast(label.grab().toImage(), QColor(LOCK_BACKGROUND)) >= 7, label.objectName()
    assert customer.paused and not detail.isVisible()  # no window of the counter shows a case while locked

    # Keys go to the lock, not to the page underneath: F5 does not switch tabs.
    qtbot.keyClick(overlay.password, Qt.Key.Key_F5)
    assert window.tabs.currentWidget() is window.cases
    qtbot.keyClicks(overlay.password, "wrong-password")
    qtbot.keyClick(overlay.password, Qt.Key.Key_Return)
    assert overlay.isVisible() and overlay.error.text() == "密码不正确。"
    assert _best_contrast(overlay.error.grab().toImage(), QColor(LOCK_BACKGROUND)) >= 7
    clock.now += timedelta(minutes=2)
    qtbot.keyClicks(overlay.password, "clerk1234")
    qtbot.keyClick(overlay.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.paused, timeout=5000)
    assert not overlay.isVisible() and window.tabs.isEnabled() and not customer.paused and detail.isVisible()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window.cases.search, Qt.Key.Key_F5)
    assert window.tabs.currentWidget() is window.intake


def test_idle_lock_follows_the_window_size_and_pauses_the_customer_screen(qtbot, ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    customer = CustomerScreen()
    qtbot.addWidget(customer)
    window = MainWindow(ctx, users["clerk"], customer_screen=customer)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    clock.now += timedelta(minutes=ctx.settings.idle_lock_minutes)
    window.idle_guard.poll()
    assert window.lock_overlay.isVisible() and customer.paused
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.lock_overlay.geometry() == window.rect(), timeout=3000)
    window.lock_overlay.password.setText("clerk1234")
    qtbot.keyClick(window.lock_overlay.password, Qt.Key.Key_Return)
    assert not window.lock_overlay.isVisible() and not customer.paused
