"""File dialogs (issue 15 item 13): they start in the user's Documents folder (or home), never the
process's working folder, which on a counter is the program's own install directory; and they are
Qt's own dialog, never the desktop's native one, so that every word of them is in the UI language
(Qt's qtbase translations, installed by clerk_app.i18n) — a native GTK/DDE dialog speaks the
desktop's language and left the export dialog half English, half Chinese.

Public API: ``start_in(file_name="")``, ``file_dialog(...)``, ``open_file_name(...)``,
``save_file_name(...)``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def start_in(file_name: str = "") -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    if not Path(folder).is_dir():
        folder = str(Path.home())
    return str(Path(folder) / file_name) if file_name else folder


def file_dialog(parent: QWidget | None, title: str, file_filter: str, *, save: bool,
                file_name: str = "") -> QFileDialog:
    """The dialog, not yet shown: Qt's own, in the Documents folder, ``file_name`` proposed."""
    dialog = QFileDialog(parent, title, start_in(), file_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        if file_name:
            dialog.selectFile(file_name)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    # After the modes, which reset the button texts.
    # Qt's Chinese catalogue lacks its "&Look in:"; the five labels are ours so none is left in English.
    labels = QFileDialog.DialogLabel
    dialog.setLabelText(labels.LookIn, QCoreApplication.translate("FileDialog", "查找范围："))
    dialog.setLabelText(labels.FileName, QCoreApplication.translate("FileDialog", "文件名："))
    dialog.setLabelText(labels.FileType, QCoreApplication.translate("FileDialog", "文件类型："))
    dialog.setLabelText(labels.Accept, QCoreApplication.translate("FileDialog", "保存") if save else QCoreApplication.translate("FileDialog", "打开"))
    dialog.setLabelText(labels.Reject, QCoreApplication.translate("FileDialog", "取消"))
    return dialog


def _run(dialog: QFileDialog) -> str:
    try:
        if dialog.exec() == QFileDialog.DialogCode.Accepted and dialog.selectedFiles():
            return dialog.selectedFiles()[0]
        return ""
    finally:
        dialog.deleteLater()


def open_file_name(parent: QWidget | None, title: str, file_filter: str) -> str:
    """The chosen existing file, or "" when cancelled."""
    return _run(file_dialog(parent, title, file_filter, save=False))


def save_file_name(parent: QWidget | None, title: str, file_filter: str, file_name: str = "") -> str:
    """The file to write, or "" when cancelled (Qt's dialog asks before overwriting)."""
    return _run(file_dialog(parent, title, file_filter, save=True, file_name=file_name))
