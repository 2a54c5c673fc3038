"""The counter (its queue bar), the manager view's pages and its export dialog (issue 15 item 13) saved as PNGs at 1200×760 and
1920×1080, in Chinese and English; each picture is checked painted, and no text of a page is cut:
every label and button has at least the width its text needs, every table header its text's width.
CLERK_SCREENSHOT_DIR keeps the pictures for a person to look at."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QTableWidget

from clerk_app.domain.roles import Role
from clerk_app.services.auth import create_user
from clerk_app.services.demo import seed
from clerk_app.ui.main_window import MainWindow

from .test_changed_screens import SIZES, _save, shots, ui_language  # noqa: F401 - fixtures


def _cut_texts(root) -> list[str]:  # type: ignore[no-untyped-def]
    cut = []
    for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if not w.isVisibleTo(root) or not w.text() or (isinstance(w, QLabel) and w.wordWrap()):
            continue
        if w.width() < w.minimumSizeHint().width():
            cut.append(f"{w.objectName() or type(w).__name__} {w.text()!r}: {w.width()} < {w.minimumSizeHint().width()}")
    for table in root.findChildren(QTableWidget):
        if not table.isVisibleTo(root):
            continue
        header = table.horizontalHeader()
        for c in range(table.columnCount()):
            item = table.horizontalHeaderItem(c)
            if item is None or header.isSectionHidden(c) or c == table.columnCount() - 1:
                continue  # the last section stretches
            need = header.fontMetrics().horizontalAdvance(item.text())
            if header.sectionSize(c) < need:
                cut.append(f"{table.objectName()} header {item.text()!r}: {header.sectionSize(c)} < {need}")
    return cut


def test_manager_pages_and_export_dialog(qtbot, ctx, users, shots, ui_language) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    if ui_language == "zh_CN":  # as the app does: Qt's own Chinese (the file dialog's file list, buttons)
        from clerk_app import i18n

        i18n.install(QApplication.instance(), "zh_CN")
    admin = create_user(ctx, None, username="admin2", display_name="周管理", role=Role.ADMIN, password="admin1234")
    seed(ctx, 40, seed=2)
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    window.show()
    for width, height in SIZES:  # the counter's queue bar (shorter English words, a wrapping count)
        window.resize(width, height)
        qtbot.wait(20)
        _save(window, shots, f"counter-{ui_language}-{width}x{height}")
        assert window.width() == width  # the window's minimum fits the screen: nothing cut on the right
    window.show_manager()
    qtbot.waitUntil(lambda: window.manager.isVisible(), timeout=10000)
    tabs = window.manager.tabs
    cut: list[str] = []
    for width, height in SIZES:
        window.resize(width, height)
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            qtbot.wait(20)
            qtbot.waitUntil(lambda: window.manager.runner._pending == 0, timeout=15000)
            qtbot.wait(20)
            _save(window, shots, f"manager-{index}-{ui_language}-{width}x{height}")
            cut += [f"{width}x{height} {tabs.tabText(index)}: {c}" for c in _cut_texts(window.manager)]

        def grab_dialog(size: tuple[int, int] = (width, height)) -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QFileDialog):
                QTimer.singleShot(50, grab_dialog)
                return
            _save(dialog, shots, f"export-dialog-{ui_language}-{size[0]}x{size[1]}")
            dialog.reject()

        QTimer.singleShot(50, grab_dialog)
        window.manager.export_page_button.click()
    assert not cut, "\n".join(cut)
