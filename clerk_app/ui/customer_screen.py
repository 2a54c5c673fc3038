"""The customer-facing evaluator window (second monitor): five large rating buttons, 暂停服务 state.

Public API: ``CustomerScreen(QWidget)`` with ``ask(case_no, timeout_ms=0)``, ``pause()``,
``resume()``, ``idle()``; signals ``rated(case_no, level)`` (5 非常满意 … 1 非常不满意) and
``not_rated(case_no)`` (the applicant left without pressing: recorded as such, never 满意).
Sized for elderly applicants: 40 px+ text, buttons at least 160 x 140 px.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QStackedLayout, QVBoxLayout, QWidget

from clerk_app.devices.evaluator.protocol import LEVELS
from clerk_app.i18n import arg

# The national rating levels (LEVELS, device protocol) declared again for lupdate, which reads only
# the UI; tests/i18n checks that the two tables never drift apart.
LEVEL_TEXTS: dict[int, str] = {
    5: QT_TRANSLATE_NOOP("CustomerScreen", "非常满意"),
    4: QT_TRANSLATE_NOOP("CustomerScreen", "满意"),
    3: QT_TRANSLATE_NOOP("CustomerScreen", "基本满意"),
    2: QT_TRANSLATE_NOOP("CustomerScreen", "不满意"),
    1: QT_TRANSLATE_NOOP("CustomerScreen", "非常不满意"),
}


def level_text(level: int) -> str:
    """A translation may break the label over two lines to fit the button at 36 px."""
    return QCoreApplication.translate("CustomerScreen", LEVEL_TEXTS.get(level, LEVELS[level]))

COLOURS = {5: "#1b8a3a", 4: "#4caf50", 3: "#f0a30a", 2: "#e4572e", 1: "#b71c1c"}


class CustomerScreen(QWidget):
    rated = Signal(str, int)
    not_rated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("服务评价"))
        self.setStyleSheet("QWidget { background: #f7f9fc; }")
        self._case_no: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._stack = QStackedLayout(self)

        rating_page = QWidget()
        col = QVBoxLayout(rating_page)
        self.prompt = QLabel(self.tr("请您对本次服务进行评价"))
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setStyleSheet("font-size: 44px; font-weight: bold; color: #1a1a1a;")
        self.case_label = QLabel("")
        self.case_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.case_label.setStyleSheet("font-size: 24px; color: #555;")
        # Seed 000 §26: the window, the clerk and the 工号 are shown to the applicant.
        self.counter_label = QLabel("", objectName="customerCounter")
        self.counter_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.counter_label.setStyleSheet("font-size: 28px; font-weight: bold; color: #1b4f9c;")
        col.addWidget(self.counter_label)
        col.addWidget(self.prompt)
        col.addWidget(self.case_label)
        grid = QGridLayout()
        self.buttons: dict[int, QPushButton] = {}
        for i, level in enumerate(LEVELS):
            label = level_text(level)
            b = QPushButton(label)
            b.setMinimumSize(160, 140)
            b.setStyleSheet(
                f"QPushButton {{ font-size: 36px; font-weight: bold; color: white; background: {COLOURS[level]};"
                " border-radius: 16px; padding: 12px; }"
                " QPushButton:disabled { background: #c8ccd2; color: #f0f0f0; }"
            )
            b.setAccessibleName(arg(self.tr("评价：%1"), label.replace("\n", " ")))
            b.clicked.connect(lambda _=False, lv=level: self._press(lv))
            grid.addWidget(b, 0, i)
            self.buttons[level] = b
        col.addLayout(grid)
        self.thanks = QLabel("")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks.setStyleSheet("font-size: 36px; color: #1b8a3a;")
        col.addWidget(self.thanks)
        self._stack.addWidget(rating_page)

        self.paused_label = QLabel(self.tr("暂停服务"))
        self.paused_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_label.setStyleSheet("font-size: 96px; font-weight: bold; color: #b71c1c; background: #fff4f4;")
        self._stack.addWidget(self.paused_label)
        self._connect_signals()
        self.idle()

    def set_counter(self, window: str, clerk_name: str, staff_no: str) -> None:
        """Who serves here: shown above the rating buttons and on the 暂停服务 screen."""
        self.counter_label.setText(arg(self.tr("%1号窗口　服务人员：%2　工号：%3"), window, clerk_name, staff_no))
        self.paused_label.setText(arg(self.tr("%1号窗口\n暂停服务"), window))

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self._time_out)

    @property
    def paused(self) -> bool:
        return self._stack.currentWidget() is self.paused_label

    @property
    def waiting_case(self) -> str | None:
        return self._case_no

    def _enable(self, on: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(on)

    @Slot()
    def idle(self) -> None:
        self._case_no = None
        self._timer.stop()
        self._enable(False)
        self.case_label.setText("")
        self.prompt.setText(self.tr("欢迎办理业务"))

    @Slot(str, int)
    def ask(self, case_no: str, timeout_ms: int = 0) -> None:
        if self._case_no and self._case_no != case_no:
            self.not_rated.emit(self._case_no)  # a new case must not inherit the old question
        self._case_no = case_no
        self._stack.setCurrentIndex(0)
        self.prompt.setText(self.tr("请您对本次服务进行评价"))
        self.case_label.setText(arg(self.tr("办件编号：%1"), case_no))
        self.thanks.setText("")
        self._enable(True)
        if timeout_ms > 0:
            self._timer.start(timeout_ms)

    def _press(self, level: int) -> None:
        if self._case_no is None:
            return
        case = self._case_no
        self.idle()
        self.thanks.setText(arg(self.tr("您的评价：%1。感谢您的评价！"), level_text(level).replace("\n", " ")))
        self.rated.emit(case, level)

    @Slot()
    def _time_out(self) -> None:
        if self._case_no is not None:
            case = self._case_no
            self.idle()
            self.not_rated.emit(case)

    @Slot()
    def pause(self) -> None:
        """The clerk is away: show 暂停服务; a pending question ends as not rated."""
        self._time_out()
        self._stack.setCurrentWidget(self.paused_label)

    @Slot()
    def resume(self) -> None:
        self._stack.setCurrentIndex(0)
