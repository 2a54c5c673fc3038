"""The customer-facing evaluator (second monitor, or a panel of the main window on a single one).

Public API: ``CustomerScreen(QWidget)`` with ``ask(case_no, timeout_ms=0)``, ``finish()``,
``pause()``, ``resume()``, ``idle()``, ``set_compact(bool)``, ``ask_survey()``; signals ``rated(case_no,
level, dimensions)`` (5 非常满意 … 1 非常不满意; the aspects of seed 001 §7.1 the applicant named),
``not_rated(case_no)`` (the applicant left without pressing: recorded as such, never 满意) and
``surveyed(visit, departments, levels)`` (the 满意度调查表 of seed 003 App. E, ``ui/survey_screen.py``).

A question stays open until it is answered or the counter moves on (``finish``/the next ``ask``):
no timer runs out while the clerk prints. After the level the applicant may name the aspects it is
about; the level counts even if they walk away then. The screen never repeats the level back: on a
single monitor the clerk sees this panel too (the rating is the applicant's own, seed 003 §7.2.1.2).
Sized for elderly applicants: 40 px+ text, buttons at least 160 x 140 px (compact panel: 56 px high).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QStackedLayout, QVBoxLayout, QWidget

from clerk_app.devices.evaluator.protocol import LEVELS
from clerk_app.domain.evaluation import DIMENSIONS
from clerk_app.domain.survey import DEFAULT_FORM
from clerk_app.i18n import arg
from clerk_app.ui.survey_screen import SurveyPanel

# The national rating levels (LEVELS, device protocol) declared again for lupdate, which reads only
# the UI; tests/i18n checks that the two tables never drift apart.
LEVEL_TEXTS: dict[int, str] = {
    5: QT_TRANSLATE_NOOP("CustomerScreen", "非常满意"),
    4: QT_TRANSLATE_NOOP("CustomerScreen", "满意"),
    3: QT_TRANSLATE_NOOP("CustomerScreen", "基本满意"),
    2: QT_TRANSLATE_NOOP("CustomerScreen", "不满意"),
    1: QT_TRANSLATE_NOOP("CustomerScreen", "非常不满意"),
}
# 评价内容, seed 001 §7.1 (domain.evaluation.DIMENSIONS, same order), declared again for lupdate.
DIMENSION_TEXTS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("CustomerScreen", "工作纪律"),
    QT_TRANSLATE_NOOP("CustomerScreen", "仪容仪表"),
    QT_TRANSLATE_NOOP("CustomerScreen", "行为举止"),
    QT_TRANSLATE_NOOP("CustomerScreen", "服务态度"),
    QT_TRANSLATE_NOOP("CustomerScreen", "服务用语"),
    QT_TRANSLATE_NOOP("CustomerScreen", "服务效率"),
    QT_TRANSLATE_NOOP("CustomerScreen", "业务能力"),
    QT_TRANSLATE_NOOP("CustomerScreen", "落实服务制度"),
)


def level_text(level: int) -> str:
    """A translation may break the label over two lines to fit the button at 36 px."""
    return QCoreApplication.translate("CustomerScreen", LEVEL_TEXTS.get(level, LEVELS[level]))


COLOURS = {5: "#1b8a3a", 4: "#4caf50", 3: "#f0a30a", 2: "#e4572e", 1: "#b71c1c"}


class CustomerScreen(QWidget):
    rated = Signal(str, int, list)
    not_rated = Signal(str)
    surveyed = Signal(str, list, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerScreen")
        self.setWindowTitle(self.tr("服务评价"))
        # an opaque surface of its own: readable in a dock as on a second monitor
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#customerScreen, #customerScreen QWidget { background: #f7f9fc; }")
        self._case_no: str | None = None
        self._level: int | None = None
        self._compact = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._stack = QStackedLayout(self)

        rating_page = QWidget()
        col = QVBoxLayout(rating_page)
        self._column = col
        self.prompt = QLabel(self.tr("请您对本次服务进行评价"), objectName="customerPrompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.case_label = QLabel("")
        self.case_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Seed 000 §26: the window, the clerk and the 工号 are shown to the applicant.
        self.counter_label = QLabel("", objectName="customerCounter")
        self.counter_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(self.counter_label)
        col.addWidget(self.prompt)
        col.addWidget(self.case_label)
        self.levels_row = QWidget()
        grid = QGridLayout(self.levels_row)
        self.buttons: dict[int, QPushButton] = {}
        for i, level in enumerate(LEVELS):
            label = level_text(level)
            b = QPushButton(label, objectName=f"level{level}")
            b.setAccessibleName(arg(self.tr("评价：%1"), label.replace("\n", " ")))
            b.clicked.connect(lambda _=False, lv=level: self._press(lv))
            grid.addWidget(b, 0, i)
            self.buttons[level] = b
        col.addWidget(self.levels_row)
        self.aspects_row = QWidget()
        agrid = QGridLayout(self.aspects_row)
        self.aspects: dict[str, QPushButton] = {}
        for i, (name, text) in enumerate(zip(DIMENSIONS, DIMENSION_TEXTS, strict=True)):
            b = QPushButton(QCoreApplication.translate("CustomerScreen", text), objectName=f"aspect{i}")
            b.setCheckable(True)
            agrid.addWidget(b, i // 4, i % 4)
            self.aspects[name] = b
        self.submit = QPushButton(self.tr("提交评价"), objectName="submitRating")
        self.submit.clicked.connect(self.finish)
        agrid.addWidget(self.submit, 2, 0, 1, 4)
        self.aspects_row.setVisible(False)
        col.addWidget(self.aspects_row)
        self.thanks = QLabel("")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(self.thanks)
        self._stack.addWidget(rating_page)

        self.paused_label = QLabel(self.tr("暂停服务"))
        self.paused_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack.addWidget(self.paused_label)
        self.survey = SurveyPanel(DEFAULT_FORM)
        self._stack.addWidget(self.survey)
        self._style()
        self._connect_signals()
        self.idle()

    def set_counter(self, window: str, clerk_name: str, staff_no: str) -> None:
        """Who serves here: shown above the rating buttons and on the 暂停服务 screen."""
        self.counter_label.setText(arg(self.tr("%1号窗口　服务人员：%2　工号：%3"), window, clerk_name, staff_no))
        self.paused_label.setText(arg(self.tr("%1号窗口\n暂停服务"), window))

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self._time_out)
        self.survey.answered.connect(self._surveyed)
        self.survey.closed.connect(lambda: self._stack.setCurrentIndex(0))

    def ask_survey(self) -> bool:
        """Opens the 满意度调查表 (seed 003 §7.2.3.4.2); False while a rating question is still open (the
        rating comes first) or the service is paused."""
        if self._case_no is not None or self.paused:
            return False
        self.thanks.setText("")
        self._stack.setCurrentWidget(self.survey)
        self.survey.start()
        return True

    @property
    def survey_open(self) -> bool:
        return self.survey.is_open

    def _surveyed(self, visit: str, departments: list, levels: list) -> None:  # type: ignore[type-arg]
        self.thanks.setText(self.tr("感谢您参加满意度调查！"))
        self.surveyed.emit(visit, departments, levels)

    def set_compact(self, on: bool) -> None:
        """The single-monitor panel: the same questions in a strip along the main window's bottom."""
        self._compact = on
        self.survey.set_compact(on)
        self._style()

    def _style(self) -> None:
        c = self._compact
        self._column.setContentsMargins(*((6, 2, 6, 2) if c else (11, 11, 11, 11)))
        self._column.setSpacing(2 if c else 6)
        self.prompt.setStyleSheet(f"font-size: {22 if c else 44}px; font-weight: bold; color: #1a1a1a;")
        self.case_label.setStyleSheet(f"font-size: {16 if c else 24}px; color: #333;")
        self.counter_label.setStyleSheet(f"font-size: {18 if c else 28}px; font-weight: bold; color: #1b4f9c;")
        self.thanks.setStyleSheet(f"font-size: {20 if c else 36}px; color: #1b6b30;")
        self.paused_label.setStyleSheet(f"font-size: {40 if c else 96}px; font-weight: bold; color: #b71c1c;"
                                        " background: #fff4f4;")
        for level, b in self.buttons.items():
            b.setMinimumSize(120 if c else 160, 48 if c else 140)
            b.setStyleSheet(
                f"QPushButton {{ font-size: {22 if c else 36}px; font-weight: bold; color: white;"
                f" background: {COLOURS[level]}; border-radius: 12px; padding: 8px; }}"
                " QPushButton:disabled { background: #c8ccd2; color: #f0f0f0; }")
        for b in (*self.aspects.values(), self.submit):
            b.setMinimumSize(110 if c else 200, 40 if c else 80)
            b.setStyleSheet(
                f"QPushButton {{ font-size: {18 if c else 30}px; color: #1a1a1a; background: #e3e8f0;"
                " border: 2px solid #8a94a6; border-radius: 10px; padding: 6px; }"
                " QPushButton:checked { background: #1b4f9c; color: white; border-color: #1b4f9c; }")
        self.submit.setStyleSheet(self.submit.styleSheet().replace("#e3e8f0", "#1b8a3a").replace(
            "color: #1a1a1a", "color: white"))

    @property
    def paused(self) -> bool:
        return self._stack.currentWidget() is self.paused_label

    @property
    def waiting_case(self) -> str | None:
        return self._case_no

    def _enable(self, on: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(on)

    def _show_levels(self, on: bool) -> None:
        self.levels_row.setVisible(on)
        self.aspects_row.setVisible(not on)

    @Slot()
    def idle(self) -> None:
        self._case_no, self._level = None, None
        self._timer.stop()
        self._enable(False)
        self._show_levels(True)
        self.case_label.setText("")
        self.prompt.setText(self.tr("欢迎办理业务"))

    @Slot(str, int)
    def ask(self, case_no: str, timeout_ms: int = 0) -> None:
        """Opens the question; ``timeout_ms`` 0 (the counter's use) keeps it until answered or finished."""
        if self._case_no and self._case_no != case_no:
            self.finish()  # a new case must not inherit the old question
        self.survey.end()  # a survey left half-way keeps the rows answered
        self._case_no, self._level = case_no, None
        self._stack.setCurrentIndex(0)
        self._show_levels(True)
        self.prompt.setText(self.tr("请您对本次服务进行评价"))
        self.case_label.setText(arg(self.tr("办件编号：%1"), case_no))
        self.thanks.setText("")
        self._enable(True)
        if timeout_ms > 0:
            self._timer.start(timeout_ms)

    def _press(self, level: int) -> None:
        if self._case_no is None:
            return
        self._level = level
        self._timer.stop()
        for b in self.aspects.values():
            b.setChecked(False)
        self._show_levels(False)
        self.prompt.setText(self.tr("您的评价主要涉及哪些方面？（可多选，也可直接提交）"))

    @Slot()
    def finish(self) -> None:
        """Ends the open question: a level given counts (with the aspects chosen so far), otherwise
        the case is recorded as not rated."""
        if self._case_no is None:
            return
        case, level = self._case_no, self._level
        chosen = [name for name, b in self.aspects.items() if b.isChecked()]
        self.idle()
        if level is None:
            self.not_rated.emit(case)
            return
        self.thanks.setText(self.tr("感谢您的评价！"))
        self.rated.emit(case, level, chosen)

    @Slot()
    def _time_out(self) -> None:
        self.finish()

    @Slot()
    def pause(self) -> None:
        """The clerk is away: show 暂停服务; a pending question ends (a level given still counts)."""
        self.finish()
        self.survey.end()
        self._stack.setCurrentWidget(self.paused_label)

    @Slot()
    def resume(self) -> None:
        self._stack.setCurrentIndex(0)
