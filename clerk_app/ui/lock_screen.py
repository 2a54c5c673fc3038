"""The lock overlay: covers the whole main window (no citizen data shows through), says 暂停服务,
and unlocks only with the logged-in clerk's password. ``IdleGuard`` feeds user input into the
Qt-free ``IdleLock`` and raises the overlay on idle timeout or pause.

Public API: ``LockOverlay``, ``IdleGuard``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from clerk_app.errors import UserError
from clerk_app.i18n import arg
from clerk_app.security.idle import IdleLock, LockReason

_INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                           QEvent.Type.Wheel, QEvent.Type.TouchBegin})


class LockOverlay(QWidget):
    """``verify(password)`` raises ``UserError`` on a wrong password (services.reauth.unlock)."""

    unlocked = Signal()

    def __init__(self, parent: QWidget, display_name: str, verify: Callable[[str], None]) -> None:
        super().__init__(parent)
        self._verify = verify
        self.setObjectName("lockOverlay")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockOverlay { background: #1f2d3d; } QLabel { color: white; }")
        self.title = QLabel(self.tr("暂停服务"))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 40px; font-weight: bold;")
        self.reason = QLabel("")
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel(arg(self.tr("%1，请输入密码解锁"), display_name))
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.password.setMaximumWidth(280)
        self.button = QPushButton(self.tr("解锁"))
        self.error = QLabel("")
        self.error.setStyleSheet("color: #ffb4b4;")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for w in (self.title, self.reason, self.who, self.password, self.button, self.error):
            layout.addWidget(w, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.button.clicked.connect(self._try_unlock)
        self.password.returnPressed.connect(self._try_unlock)
        self.hide()

    def show_locked(self, reason: LockReason) -> None:
        self.reason.setText("" if reason is LockReason.PAUSE else reason.label)
        self.error.clear()
        self.password.clear()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.password.setFocus()

    @Slot()
    def _try_unlock(self) -> None:
        try:
            self._verify(self.password.text())
        except UserError as exc:
            self.error.setText(exc.message)
            self.password.clear()
            return
        self.password.clear()
        self.hide()
        self.unlocked.emit()


class IdleGuard(QObject):
    """Counts input anywhere in the application as activity; polls the lock once a second."""

    locked = Signal(str)

    def __init__(self, overlay: LockOverlay, lock: IdleLock, clock: Callable[[], datetime],
                 poll_ms: int = 1000) -> None:
        super().__init__(overlay)
        self.overlay, self.lock, self.clock = overlay, lock, clock
        overlay.unlocked.connect(self._on_unlocked)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.poll)
        self._timer.start(poll_ms)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _INPUT_EVENTS:
            self.lock.activity(self.clock())
        return False

    @Slot()
    def poll(self) -> None:
        if self.overlay.isVisible():
            return
        reason = self.lock.check(self.clock())
        if reason is not None:
            self._show(reason)

    def pause(self) -> None:
        """暂停服务: lock at once (the pause ledger entry is the caller's business)."""
        self.lock.lock(LockReason.PAUSE)
        self._show(LockReason.PAUSE)

    def _show(self, reason: LockReason) -> None:
        self.overlay.show_locked(reason)
        self.locked.emit(reason.value)

    @Slot()
    def _on_unlocked(self) -> None:
        self.lock.unlock(self.clock())
