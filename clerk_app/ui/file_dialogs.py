"""Where file dialogs start (issue 15): the user's Documents folder (or home), never the process's
working folder, which on a counter is the program's own install directory.

Public API: ``start_in(file_name="")``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def start_in(file_name: str = "") -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    if not Path(folder).is_dir():
        folder = str(Path.home())
    return str(Path(folder) / file_name) if file_name else folder
