"""The lock overlay: covers the whole main window (no citizen data shows through), says 暂停服务,
and unlocks only with the logged-in clerk's password. ``IdleGuard`` feeds user input into the
Qt-free ``IdleLock`` and raises the overlay on idle timeout or pause.

Public API: ``LockOverlay``, ``IdleGuard``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from clerk_app.errors import UserError
from clerk_app.i18n import arg
from clerk_app.security.idle import IdleLock, LockReason
from clerk_app.ui.labels import message

_INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                           QEvent.Type.Wheel, QEvent.Type.TouchBegin})


REASONS = {LockReason.IDLE: QT_TRANSLATE_NOOP("LockOverlay", "长时间无操作，已自动锁屏"),
           LockReason.PAUSE: QT_TRANSLATE_NOOP("LockOverlay", "暂停服务"),
           LockReason.MANUAL: QT_TRANSLATE_NOOP("LockOverlay", "已锁屏")}
# Colours chosen for contrast on the opaque slate surface (WCAG AAA ≥ 7:1 for the text).
LOCK_BACKGROUND = "#14202e"
LOCK_TEXT = "#ffffff"
LOCK_ACCENT = "#ffd54f"   # the window number and the title: read from across the hall
LOCK_ERROR = "#ffcc80"    # a wrong password: amber on slate, not pale pink


class LockOverlay(QWidget):
    """``verify(password)`` raises ``UserError`` on a wrong password (services.reauth.unlock).

    Paints its own opaque background (no stylesheet background, no translucency, no compositor) and,
    while shown, disables every sibling widget and shortcut of the window: the work underneath
    neither shows nor takes keys. It follows the window's size through an event filter."""

    unlocked = Signal()

    def __init__(self, parent: QWidget, display_name: str, verify: Callable[[str], None],
                 window_number: str = "") -> None:
        super().__init__(parent)
        self._verify = verify
        self._disabled: list[QObject] = []
        self._hidden: list[QWidget] = []
        self.setObjectName("lockOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, False)
        self.setAutoFillBackground(True)
        palette = self.palette()
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            palette.setColor(role, QColor(LOCK_BACKGROUND))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            palette.setColor(role, QColor(LOCK_TEXT))
        self.setPalette(palette)
        self.setStyleSheet(f"QLabel {{ color: {LOCK_TEXT}; background: transparent; }}"
                           f"QLabel#lockWindow, QLabel#lockTitle {{ color: {LOCK_ACCENT}; }}"
                           f"QLabel#lockError {{ color: {LOCK_ERROR}; font-size: 18px; font-weight: bold; }}"
                           "QLineEdit { background: white; color: black; font-size: 18px; padding: 4px; }"
                           "QPushButton { font-size: 18px; padding: 6px 24px; }")
        self.window_label = QLabel(arg(self.tr("%1号窗口"), window_number) if window_number else "",
                                   objectName="lockWindow")
        self.window_label.setStyleSheet("font-size: 36px; font-weight: bold;")
        self.window_label.setVisible(bool(window_number))
        self.title = QLabel(self.tr("暂停服务"), objectName="lockTitle")
        self.title.setStyleSheet("font-size: 64px; font-weight: bold;")
        self.reason = QLabel("", objectName="lockReason")
        self.reason.setStyleSheet("font-size: 20px;")
        self.who = QLabel(arg(self.tr("%1，请输入密码解锁（Enter）"), display_name), objectName="lockHint")
        self.who.setStyleSheet("font-size: 20px;")
        self.password = QLineEdit(objectName="lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.password.setMinimumWidth(320)
        self.button = QPushButton(self.tr("解锁"), objectName="unlock")
        self.error = QLabel("", objectName="lockError")
        self.error.setWordWrap(True)
        self.error.setFixedWidth(640)  # a word-wrapped label laid out empty would stay 0 px wide
        for w in (self.window_label, self.title, self.reason, self.who, self.error):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for w in (self.window_label, self.title, self.reason, self.who, self.password, self.button, self.error):
            layout.addWidget(w, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.button.clicked.connect(self._try_unlock)
        self.password.returnPressed.connect(self._try_unlock)
        parent.installEventFilter(self)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        # Opaque whatever the style or platform does with palettes: fill every pixel ourselves.
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(LOCK_BACKGROUND))
        painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parentWidget() and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.setGeometry(self.parentWidget().rect())
        return False

    def show_locked(self, reason: LockReason) -> None:
        self.reason.setText("" if reason is LockReason.PAUSE else QCoreApplication.translate("LockOverlay", REASONS[reason]))
        self.error.clear()
        self.password.clear()
        self._shield(True)
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.activateWindow()
        self.password.setFocus()

    def _shield(self, on: bool) -> None:
        """Disables what lies underneath (widgets and the window's shortcuts) while locked."""
        parent = self.parentWidget()
        if on and not self._disabled:
            mine = set(self.findChildren(QShortcut))
            siblings: list[QObject] = [w for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                                       if w is not self and w.isEnabled()]
            siblings += [sc for sc in parent.findChildren(QShortcut) if sc.isEnabled() and sc not in mine]
            for obj in siblings:
                obj.setEnabled(False)  # type: ignore[attr-defined]
            self._disabled = siblings
            # Dialogs of this window (a case's detail, a form) are windows of their own, which the overlay
            # does not cover: they are hidden while locked and come back after.
            self._hidden = [w for w in parent.findChildren(QWidget) if w.isWindow() and w.isVisible() and w is not self]
            for w in self._hidden:
                w.hide()
        elif not on:
            for obj in self._disabled:
                obj.setEnabled(True)  # type: ignore[attr-defined]
            for w in getattr(self, "_hidden", []):
                w.show()
            parent.activateWindow()  # the keys go back to the counter, where the clerk unlocked
            self._disabled, self._hidden = [], []

    @Slot()
    def _try_unlock(self) -> None:
        try:
            self._verify(self.password.text())
        except UserError as exc:
            self.error.setText(message(exc.message))
            self.password.clear()
            self.password.setFocus()
            return
        self.password.clear()
        self._shield(False)
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
