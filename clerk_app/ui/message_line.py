"""The message line (issue 15): one line across the top of the counter page, wide enough for a whole
sentence, where the last message stays — with the time it was said — until the next one replaces it
or the clerk dismisses it (Esc on the line's button). The status bar is left to the permanent
indicators, where messages were cut to four or five characters.

Public API: ``MessageLine.show_message(text)``, ``clear()``, ``text()``.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from clerk_app.i18n import arg


class MessageLine(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("messageLine")
        self.setStyleSheet("#messageLine { background: #eef4fb; border: 1px solid #b6cde8; border-radius: 3px; }"
                           "QLabel { color: #0b2a4a; font-size: 14px; }")
        self.label = QLabel(objectName="messageText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QPushButton(self.tr("知道了"), objectName="dismissMessage")
        self.dismiss.setFlat(True)
        self.dismiss.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never steals the clerk's typing
        self.dismiss.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 3, 4, 3)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss)
        self._text = ""
        self.setVisible(False)

    def show_message(self, text: str, at: datetime | None = None) -> None:
        self._text = text
        when = (at or datetime.now()).strftime("%H:%M")
        self.label.setText(arg(self.tr("%1　%2"), when, text))
        self.setVisible(bool(text))

    def clear(self) -> None:
        self._text = ""
        self.label.clear()
        self.setVisible(False)

    def text(self) -> str:
        return self._text
