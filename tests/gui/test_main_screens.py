"""Every main screen rendered offscreen and saved as a PNG (issue 5: look at them). Each is checked for
what makes it usable: painted (not one flat colour), its key controls visible, Chinese text drawn.
Set CLERK_SCREENSHOT_DIR to keep the pictures; by default they go to the test's tmp folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QWidget

from clerk_app.devices.manager import DeviceManager
from clerk_app.settings import Settings
from clerk_app.ui.customer_screen import CustomerScreen
from clerk_app.ui.login import LoginDialog
from clerk_app.ui.main_window import MainWindow


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CLERK_SCREENSHOT_DIR") or tmp_path / "screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _save(widget: QWidget, folder: Path, name: str) -> QImage:
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    image = QImage(str(path))
    assert not image.isNull() and image.width() >= 300 and image.height() >= 200, name
    # A painted screen has many colours (text anti-aliasing, frames); a blank or failed one has a few.
    step_x, step_y = max(1, image.width() // 120), max(1, image.height() // 80)
    colours = {image.pixel(x, y) for x in range(0, image.width(), step_x) for y in range(0, image.height(), step_y)}
    assert len(colours) > 12, f"{name} looks blank ({len(colours)} colours)"
    return image


@pytest.fixture
def app_font(qapp):  # type: ignore[no-untyped-def]
    """The bundled CJK font as the app sets it at start-up (without it offscreen Qt draws boxes)."""
    from PySide6.QtGui import QFontMetrics

    from clerk_app.app import create_qt_app

    before = qapp.font()
    create_qt_app()
    assert QFontMetrics(qapp.font()).inFontUcs4(ord("受")), qapp.font().family()
    yield
    qapp.setFont(before)


def _texts(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_every_main_screen_is_saved_as_a_png_and_painted(qtbot, app_font, ctx, users, tmp_path, shots) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.services.demo import seed

    seed(ctx, 60, seed=2)  # pictures with rows in them: cases due, ledgers, ratings
    login = LoginDialog(lambda _u, _p: users["clerk"], "演示区政务服务中心", "01")
    qtbot.addWidget(login)
    login.show()
    _save(login, shots, "01_login")

    devices = DeviceManager(Settings().devices, queue_dir=tmp_path / "queue")
    customer = CustomerScreen()
    qtbot.addWidget(customer)
    window = MainWindow(ctx, users["supervisor"], devices=devices, customer_screen=customer)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    try:
        pages = [(window.intake, "02_intake"), (window.cases, "03_case_list"), (window.output, "04_output_desk"),
                 (window.ledgers, "05_other_counter_work")]
        for page, name in pages:
            window.tabs.setCurrentWidget(page)
            qtbot.waitUntil(page.isVisible, timeout=5000)
            if page is window.cases:
                page.refresh()
                qtbot.waitUntil(lambda: window.cases.table.rowCount() > 0, timeout=10000)
            _save(window, shots, name)
        # The queue bar and the sync indicator are on every page.
        assert window.queue.isVisible()

        customer.resize(1024, 768)
        customer.show()
        _save(customer, shots, "06_customer_screen")

        window.show_manager()
        qtbot.waitUntil(lambda: window.manager is not None and window.manager.isVisible(), timeout=10000)
        qtbot.waitUntil(lambda: "正在统计" not in _texts(window.manager), timeout=20000)
        _save(window, shots, "07_manager_view")
    finally:
        devices.close()
    saved = sorted(p.name for p in shots.glob("*.png"))
    assert saved[:7] == ["01_login.png", "02_intake.png", "03_case_list.png", "04_output_desk.png",
                         "05_other_counter_work.png", "06_customer_screen.png", "07_manager_view.png"]
