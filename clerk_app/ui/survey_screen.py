"""The 满意度调查表 on the customer screen (seed 003 §7.2.3.4.2, App. E): one question at a time, large
buttons for elderly applicants, answered by touch or keypad.

Public API: ``SurveyPanel(QWidget)`` with ``start()``, ``end()``, ``is_open``; signal
``answered(visit, departments, levels)`` — the answers as the domain takes them (``levels`` one entry per
row, None where skipped) — and ``closed`` when it ends either way. The form is ``services.survey.survey_form``; its texts are declared again here
for lupdate (tests check they never drift from the domain's).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clerk_app.domain.survey import SurveyForm, SurveyLevel
from clerk_app.i18n import arg

CONTEXT = "SurveyPanel"
# domain/survey.py DEFAULT_FORM, word for word, for lupdate.
FORM_TEXTS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("SurveyPanel", "您最近办理政务业务是什么时候？"),
    QT_TRANSLATE_NOOP("SurveyPanel", "今天"), QT_TRANSLATE_NOOP("SurveyPanel", "一周内"),
    QT_TRANSLATE_NOOP("SurveyPanel", "一个月内"), QT_TRANSLATE_NOOP("SurveyPanel", "三个月内"),
    QT_TRANSLATE_NOOP("SurveyPanel", "更早"),
    QT_TRANSLATE_NOOP("SurveyPanel", "您办理的政务业务涉及哪个部门？"),
    QT_TRANSLATE_NOOP("SurveyPanel", "税务分局"), QT_TRANSLATE_NOOP("SurveyPanel", "公安"),
    QT_TRANSLATE_NOOP("SurveyPanel", "市场监管"), QT_TRANSLATE_NOOP("SurveyPanel", "公共服务办"),
    QT_TRANSLATE_NOOP("SurveyPanel", "住建"), QT_TRANSLATE_NOOP("SurveyPanel", "卫健分局"),
    QT_TRANSLATE_NOOP("SurveyPanel", "农业"), QT_TRANSLATE_NOOP("SurveyPanel", "交通"),
    QT_TRANSLATE_NOOP("SurveyPanel", "人社分局"), QT_TRANSLATE_NOOP("SurveyPanel", "其他"),
    QT_TRANSLATE_NOOP("SurveyPanel", "服务环境（大厅环境、设施设备）"), QT_TRANSLATE_NOOP("SurveyPanel", "服务态度"),
    QT_TRANSLATE_NOOP("SurveyPanel", "办事效率（等候和办理时间）"),
    QT_TRANSLATE_NOOP("SurveyPanel", "办事指引（办事指南、一次性告知清楚）"), QT_TRANSLATE_NOOP("SurveyPanel", "工作纪律"),
    QT_TRANSLATE_NOOP("SurveyPanel", "办事便利（网上办、预约办、就近办）"), QT_TRANSLATE_NOOP("SurveyPanel", "总体满意度"),
    QT_TRANSLATE_NOOP("SurveyPanel", "满意"), QT_TRANSLATE_NOOP("SurveyPanel", "比较满意"),
    QT_TRANSLATE_NOOP("SurveyPanel", "不太满意"), QT_TRANSLATE_NOOP("SurveyPanel", "很不满意"),
)
LEVEL_COLOURS = {1: "#1b8a3a", 2: "#4caf50", 3: "#e4572e", 4: "#b71c1c"}


def form_text(text: str) -> str:
    """A form text in the UI language (the stored answer stays the domain's Chinese)."""
    return QCoreApplication.translate(CONTEXT, text)


class SurveyPanel(QWidget):
    answered = Signal(str, list, list)
    closed = Signal()

    def __init__(self, form: SurveyForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self._compact = False
        self._step = -1
        self._visit = ""
        self._departments: list[str] = []
        self._levels: list[int | None] = []
        col = QVBoxLayout(self)
        self._column = col
        self.progress = QLabel("", objectName="surveyProgress")
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question = QLabel("", objectName="surveyQuestion")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setWordWrap(True)
        self.choices = QWidget(objectName="surveyChoices")
        self._grid = QGridLayout(self.choices)
        self.next_button = QPushButton(self.tr("下一题"), objectName="surveyNext")
        self.next_button.clicked.connect(self._next)
        self.skip_button = QPushButton(self.tr("跳过此题"), objectName="surveySkip")
        self.skip_button.clicked.connect(lambda: self._answer(None))
        self.thanks = QLabel("", objectName="surveyThanks")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(self.progress)
        col.addWidget(self.question)
        col.addWidget(self.choices, 1)  # the choices, then 下一题 / 跳过此题 in the same grid
        col.addWidget(self.thanks)
        self.buttons: list[QPushButton] = []

    @property
    def steps(self) -> int:
        return 2 + len(self.form.rows)

    @property
    def is_open(self) -> bool:
        return self._step >= 0

    def set_compact(self, on: bool) -> None:
        self._compact = on
        if self.is_open:
            self._show()

    @Slot()
    def start(self) -> None:
        self._step, self._visit, self._departments, self._levels = 0, "", [], []
        self.thanks.setText("")
        self._show()

    @Slot()
    def end(self) -> None:
        """Ends the survey: answers given so far count when a row was answered (the domain's rule for a
        response); otherwise nothing is recorded."""
        if not self.is_open:
            return
        levels = self._levels + [None] * (len(self.form.rows) - len(self._levels))
        self._step = -1
        self._clear()
        self.question.setText("")
        self.progress.setText("")
        if any(x is not None for x in levels):
            self.answered.emit(self._visit, list(self._departments), levels)
        self.closed.emit()

    def _clear(self) -> None:
        for b in self.buttons:
            self._grid.removeWidget(b)
            b.hide()  # gone at once; deleted once the click that got here has returned
            b.deleteLater()
        self.buttons = []
        for b in (self.next_button, self.skip_button):
            self._grid.removeWidget(b)
            b.setVisible(False)

    def _button(self, text: str, name: str, colour: str | None, *, checkable: bool = False) -> QPushButton:
        c = self._compact
        b = QPushButton(text, objectName=name)
        b.setCheckable(checkable)
        b.setMinimumSize(100 if c else 200, 40 if c else 100)
        fg, bg = ("white", colour) if colour else ("#1a1a1a", "#e3e8f0")
        b.setStyleSheet(f"QPushButton {{ font-size: {18 if c else 28}px; font-weight: bold; color: {fg};"
                        f" background: {bg}; border: 2px solid #8a94a6; border-radius: 12px; padding: 6px; }}"
                        " QPushButton:checked { background: #1b4f9c; color: white; border-color: #1b4f9c; }")
        self.buttons.append(b)
        return b

    def _show(self) -> None:
        self._clear()
        c = self._compact
        # The docked panel on one monitor keeps the rating panel's height: no progress line, one or two rows.
        self._column.setContentsMargins(*((6, 2, 6, 2) if c else (11, 11, 11, 11)))
        self._column.setSpacing(2 if c else 6)
        self._grid.setContentsMargins(*((0, 0, 0, 0) if c else (11, 11, 11, 11)))
        self._grid.setSpacing(4 if c else 8)
        self.progress.setVisible(not c)
        self.question.setStyleSheet(f"font-size: {22 if c else 44}px; font-weight: bold; color: #1a1a1a;")
        self.progress.setStyleSheet(f"font-size: {16 if c else 24}px; color: #333;")
        self.thanks.setStyleSheet(f"font-size: {20 if c else 36}px; color: #1b6b30;")
        for b in (self.next_button, self.skip_button):
            b.setMinimumSize(100 if c else 200, 40 if c else 80)
            b.setStyleSheet(f"font-size: {18 if c else 30}px;")
        self.progress.setText(arg(self.tr("满意度调查　第 %1 / %2 题"), self._step + 1, self.steps))
        per_row = 6 if c else 4
        for col in range(6):  # equal columns: a long department name does not squeeze its neighbours
            self._grid.setColumnStretch(col, 1 if col < per_row else 0)
        if self._step == 0:
            self.question.setText(form_text(self.form.visit_question))
            for i, option in enumerate(self.form.visit_options):
                b = self._button(form_text(option), f"visit{i}", None)
                b.clicked.connect(lambda _=False, o=option: self._choose_visit(o))
                self._grid.addWidget(b, i // per_row, i % per_row)
            self._place(self.skip_button, len(self.form.visit_options), per_row)
        elif self._step == 1:
            self.question.setText(form_text(self.form.department_question) + self.tr("（可多选）"))
            for i, dept in enumerate(self.form.departments):
                b = self._button(form_text(dept), f"department{i}", None, checkable=True)
                b.setChecked(dept in self._departments)
                self._grid.addWidget(b, i // per_row, i % per_row)
            self._place(self.next_button, len(self.form.departments), per_row)
        else:
            row = self._step - 2
            self.question.setText(arg(self.tr("您对“%1”是否满意？"), form_text(self.form.rows[row])))
            for i, level in enumerate(SurveyLevel):
                b = self._button(form_text(level.label), f"surveyLevel{int(level)}", LEVEL_COLOURS[int(level)])
                b.clicked.connect(lambda _=False, lv=int(level): self._answer(lv))
                self._grid.addWidget(b, 0, i)
            self._place(self.skip_button, len(SurveyLevel), len(SurveyLevel) + 1 if c else len(SurveyLevel))
        if c:
            self.question.setText(arg(self.tr("（%1/%2）%3"), self._step + 1, self.steps, self.question.text()))
        for b in self.buttons:
            b.show()  # at once: a layout shows new children only on its next pass, and focus needs them shown
        if self.buttons:
            self.buttons[0].setFocus()

    def _place(self, button: QPushButton, after: int, per_row: int) -> None:
        """下一题 / 跳过此题 after ``after`` choices: in the next cell on the docked panel, on a row of its
        own across the grid on the customer's monitor."""
        if self._compact:
            self._grid.addWidget(button, after // per_row, after % per_row)
        else:
            self._grid.addWidget(button, (after + per_row - 1) // per_row, 0, 1, per_row)
        button.setVisible(True)

    def _choose_visit(self, option: str) -> None:
        self._visit = option
        self._advance()

    def _next(self) -> None:
        if self._step == 1:
            self._departments = [d for d, b in zip(self.form.departments, self.buttons, strict=True) if b.isChecked()]
        self._advance()

    def _answer(self, level: int | None) -> None:
        if self._step == 0:
            self._visit = ""
        elif self._step >= 2:
            self._levels.append(level)
        self._advance()

    def _advance(self) -> None:
        self._step += 1
        if self._step >= self.steps:
            self.end()
            return
        self._show()
