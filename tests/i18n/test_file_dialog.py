"""The export dialog (issue 15 item 13): Qt's own dialog, every word of it in the UI language (Qt's
qtbase translations for Chinese), starting in the user's Documents folder, not the working folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QListView, QTreeView

from clerk_app.ui.main_window import MainWindow

from .test_manager_walk import CJK, visible_texts

# The words of Qt's file dialog as it says them in English (labels, buttons, tool tips).
QT_ENGLISH = ("Look in", "File name", "Files of type", "Cancel", "Save", "Back", "Forward", "Parent Directory",
              "Create New Folder", "List View", "Detail View", "Name", "Size", "Type", "Date Modified", "Computer")


def _export_dialog(qtbot, window) -> dict:  # type: ignore[no-untyped-def]
    seen: dict = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, look)
            return
        seen["native"] = not dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        seen["folder"] = Path(dialog.directory().absolutePath())
        texts = [text for _, text in visible_texts(dialog) if text]
        # The file list's column heads and the sidebar's places (Qt's models) too.
        for view in dialog.findChildren(QAbstractItemView):
            if not view.isVisibleTo(dialog):
                continue
            model = view.model()
            header = view.header() if hasattr(view, "header") else None
            if header is not None and not header.isHidden():
                texts += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
                          if not header.isSectionHidden(c)]
            if isinstance(view, QListView) and not isinstance(view.parent(), QTreeView):
                texts += [str(model.index(r, 0, view.rootIndex()).data()) for r in range(model.rowCount(view.rootIndex()))]
        seen["texts"] = texts
        dialog.reject()

    QTimer.singleShot(50, look)
    button = window.manager.export_page_button
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)  # the dialog is modal: this returns once it is closed
    return seen


@pytest.mark.parametrize("code", ["en", "zh_CN"])
def test_export_dialog_is_in_one_language_and_starts_in_documents(code, qtbot, ctx, users, language,  # type: ignore[no-untyped-def]
                                                                   tmp_path, monkeypatch) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    work = tmp_path / "program"
    work.mkdir()
    monkeypatch.chdir(work)
    language(code)
    window = MainWindow(ctx, users["supervisor"])
    qtbot.addWidget(window)
    window.show()
    window.show_manager()
    qtbot.waitUntil(lambda: window.manager.isVisible(), timeout=10000)
    seen = _export_dialog(qtbot, window)
    assert seen and not seen["native"]
    assert seen["folder"] == home / "Documents"
    texts = seen["texts"]
    assert texts
    if code == "en":
        assert not [t for t in texts if CJK.search(t)], texts
    else:
        english = [t for t in texts if any(re.search(rf"\b{w}\b", t) for w in QT_ENGLISH)]
        assert not english, english
        assert any("文件名" in t for t in texts), texts
        assert any("名称" in t for t in texts) and any("修改日期" in t for t in texts), texts  # qtbase_zh_CN
