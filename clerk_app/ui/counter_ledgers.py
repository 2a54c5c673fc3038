"""Other counter work (issue 5): 咨询登记, 帮办代办, 办不成事 intake, the emergency register and the paper
满意度调查表 (seed 003 §7.2.3.4.2, App. E), as five small forms. Each submits through the TaskRunner; the service's sentence is shown when it refuses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.complaints import Category, Handling
from clerk_app.domain.ledgers import AssistKind, ConsultChannel, EmergencyKind, PriorityGroup
from clerk_app.domain.roles import Actor
from clerk_app.domain.survey import SurveyLevel
from clerk_app.i18n import arg
from clerk_app.services import complaints, ledgers, survey
from clerk_app.services.context import ServiceContext
from clerk_app.ui.report_labels import report_text
from clerk_app.ui.tasks import TaskRunner


def _combo(name: str, values: list[str], accessible: str) -> QComboBox:
    c = QComboBox(objectName=name)
    c.addItems(values)
    c.setAccessibleName(accessible)
    return c


def _line(name: str, accessible: str, placeholder: str = "") -> QLineEdit:
    e = QLineEdit(objectName=name)
    e.setAccessibleName(accessible)
    e.setPlaceholderText(placeholder)
    return e


def _text(name: str, accessible: str) -> QPlainTextEdit:
    t = QPlainTextEdit(objectName=name)
    t.setAccessibleName(accessible)
    t.setMaximumHeight(80)
    return t


class _Form(QWidget):
    submitted = Signal(str)

    def __init__(self, runner: TaskRunner, button: str) -> None:
        super().__init__()
        self.runner = runner
        self.form = QFormLayout()
        self.result = QLabel("", objectName="result")
        self.result.setWordWrap(True)
        self.submit = QPushButton(button, objectName="submit")
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.submit)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.submit.clicked.connect(self.send)

    def call(self) -> tuple[Callable[..., Any], dict[str, Any], str]:
        raise NotImplementedError

    def clear(self) -> None:
        for w in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            w.clear()

    def send(self) -> None:
        fn, kwargs, done = self.call()
        self.submit.setEnabled(False)
        self.runner.run(fn, **kwargs, on_success=lambda _r: self._ok(done), on_error=self._error)

    def _ok(self, message: str) -> None:
        self.submit.setEnabled(True)
        self.clear()
        self.result.setStyleSheet("color:#1f6f3f;")
        self.result.setText(message)
        self.submitted.emit(message)

    def _error(self, message: str) -> None:
        self.submit.setEnabled(True)
        self.result.setStyleSheet("color:#b00020;")
        self.result.setText(message)


class ConsultationForm(_Form):
    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__(runner, self.tr("登记咨询"))
        self.ctx, self.actor = ctx, actor
        self.channel = _combo("channel", [c.value for c in ConsultChannel], self.tr("咨询方式"))
        self.question = _text("question", self.tr("咨询问题"))
        self.answer = _text("answer", self.tr("答复内容"))
        self.callback = QCheckBox(self.tr("当场无法答复，需回电"), objectName="callback")
        self.name = _line("contactName", self.tr("联系人"))
        self.phone = _line("contactPhone", self.tr("联系电话"))
        self.form.addRow(self.tr("咨询方式"), self.channel)
        self.form.addRow(self.tr("问题"), self.question)
        self.form.addRow(self.tr("答复（一次性告知）"), self.answer)
        self.form.addRow("", self.callback)
        self.form.addRow(self.tr("联系人"), self.name)
        self.form.addRow(self.tr("联系电话"), self.phone)
        self.form.addRow(self.tr("首问负责人"), QLabel(actor.display_name))

    def call(self):  # type: ignore[no-untyped-def]
        return (ledgers.record_consultation,
                dict(ctx=self.ctx, actor=self.actor, channel=self.channel.currentText(),
                     question=self.question.toPlainText(), answer=self.answer.toPlainText(),
                     callback_needed=self.callback.isChecked(), contact_name=self.name.text(),
                     contact_phone=self.phone.text()),
                self.tr("已登记咨询。") + (self.tr("请在下一个工作日内回电。") if self.callback.isChecked() else ""))


class AssistanceForm(_Form):
    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__(runner, self.tr("登记帮办代办"))
        self.ctx, self.actor = ctx, actor
        self.kind = _combo("kind", [k.value for k in AssistKind], self.tr("服务类型"))
        self.group = _combo("group", [g.value for g in PriorityGroup], self.tr("服务对象"))
        self.person = _line("person", self.tr("姓名"))
        self.matter = _line("matter", self.tr("所办事项"))
        self.case_number = _line("caseNumber", self.tr("办件编号"), self.tr("可选"))
        self.note = _line("note", self.tr("备注"))
        for label, w in ((self.tr("服务类型（免费）"), self.kind), (self.tr("服务对象"), self.group),
                         (self.tr("姓名"), self.person), (self.tr("所办事项"), self.matter),
                         (self.tr("办件编号"), self.case_number), (self.tr("备注"), self.note)):
            self.form.addRow(label, w)

    def call(self):  # type: ignore[no-untyped-def]
        return (ledgers.record_assistance,
                dict(ctx=self.ctx, actor=self.actor, kind=self.kind.currentText(), group=self.group.currentText(),
                     person_name=self.person.text(), matter=self.matter.text(), case_number=self.case_number.text(),
                     note=self.note.text()), self.tr("已登记帮办代办。"))


class ComplaintIntakeForm(_Form):
    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__(runner, self.tr("登记办不成事 / 投诉建议"))
        self.ctx, self.actor = ctx, actor
        self.category = _combo("category", [c.value for c in Category], self.tr("类别"))
        self.handling = QComboBox(objectName="handling")
        self.handling.setAccessibleName(self.tr("处理方式"))
        for h in Handling:
            self.handling.addItem(report_text(h.label_for(ctx.settings.complaint_resolve_working_days)), h.value)
        self.content = _text("content", self.tr("反映的问题"))
        self.answer = _text("answer", self.tr("当场解决情况或告知的办理途径"))
        self.name = _line("complainant", self.tr("反映人姓名"), self.tr("保密，仅带班负责人可见"))
        self.phone = _line("complainantPhone", self.tr("反映人电话"), self.tr("保密，仅带班负责人可见"))
        self.case_number = _line("caseNumber", self.tr("相关办件编号"), self.tr("可选"))
        for label, w in ((self.tr("类别"), self.category), (self.tr("处理方式"), self.handling),
                         (self.tr("反映的问题"), self.content), (self.tr("解决情况 / 办理途径"), self.answer),
                         (self.tr("反映人"), self.name), (self.tr("联系电话"), self.phone),
                         (self.tr("相关办件"), self.case_number)):
            self.form.addRow(label, w)

    def call(self):  # type: ignore[no-untyped-def]
        handling = Handling(self.handling.currentData())
        text = self.answer.toPlainText()
        return (complaints.take_complaint,
                dict(ctx=self.ctx, actor=self.actor, category=self.category.currentText(), handling=handling,
                     content=self.content.toPlainText(), answer=text if handling is Handling.ON_SPOT else "",
                     where_to_go=text if handling is Handling.REFER else "", complainant_name=self.name.text(),
                     complainant_phone=self.phone.text(), case_number=self.case_number.text()),
                self.tr("已登记。") + (
                    arg(self.tr("复杂问题须在 %1 个工作日内办结或答复。"), self.ctx.settings.complaint_resolve_working_days)
                    if handling is Handling.COMPLEX else
                    self.tr("须于今日转至主管部门，并告知申请人承办部门和承办人。") if handling is Handling.TRANSFER else ""))


class EmergencyForm(_Form):
    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__(runner, self.tr("登记突发事件"))
        self.ctx, self.actor = ctx, actor
        self.kind = _combo("kind", [k.value for k in EmergencyKind], self.tr("事件类型"))
        self.description = _text("description", self.tr("经过与处置"))
        self.persons = _text("persons", self.tr("未办结人员"))
        self.persons.setPlaceholderText(self.tr("每行一人：姓名，电话，所办事项（下次优先办理）"))
        self.form.addRow(self.tr("事件类型"), self.kind)
        self.form.addRow(self.tr("经过与处置"), self.description)
        self.form.addRow(self.tr("未办结人员"), self.persons)

    def people(self) -> list[tuple[str, str, str]]:
        """One person a line: 姓名，电话，事项 — or 姓名，事项 when there is no phone."""
        out = []
        for line in self.persons.toPlainText().splitlines():
            parts = [p.strip() for p in line.replace(",", "，").split("，")]
            if not any(parts):
                continue
            if len(parts) >= 3:
                out.append((parts[0], parts[1], "，".join(parts[2:])))
            else:
                out.append((parts[0], "", parts[1] if len(parts) == 2 else ""))
        return out

    def call(self):  # type: ignore[no-untyped-def]
        people = self.people()
        return (ledgers.register_emergency,
                dict(ctx=self.ctx, actor=self.actor, kind=self.kind.currentText(),
                     description=self.description.toPlainText(), persons=people),
                self.tr("已登记突发事件；%n 人列入下次优先办理名单。", "", len(people)))


class SurveyPaperForm(_Form):
    """A paper 满意度调查表 entered as it was filled: each answer as ticked, blanks left blank."""

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        from clerk_app.ui.survey_screen import form_text

        super().__init__(runner, self.tr("录入调查表"))
        self.ctx, self.actor = ctx, actor
        form = survey.survey_form(ctx)
        self.survey_form = form
        # The applicant fills it in on the customer screen (main_window.ask_survey); or a paper form below.
        self.screen_button = QPushButton(self.tr("请申请人在客户屏上填写"), objectName="askSurvey")
        self.form.addRow(self.tr("客户屏"), self.screen_button)
        self.visit = QComboBox(objectName="visit")
        self.visit.setAccessibleName(form_text(form.visit_question))
        self.visit.addItem(self.tr("未填"), "")
        for option in form.visit_options:
            self.visit.addItem(form_text(option), option)
        self.form.addRow(form_text(form.visit_question), self.visit)
        box = QWidget(objectName="departments")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.departments: dict[str, QCheckBox] = {}
        for i, dept in enumerate(form.departments):
            c = QCheckBox(form_text(dept), objectName=f"department{i}")
            grid.addWidget(c, i // 5, i % 5)
            self.departments[dept] = c
        self.form.addRow(form_text(form.department_question), box)
        self.levels: list[QComboBox] = []
        for i, row in enumerate(form.rows):
            combo = QComboBox(objectName=f"row{i}")
            combo.setAccessibleName(form_text(row))
            combo.addItem(self.tr("未填"), 0)
            for level in SurveyLevel:
                combo.addItem(form_text(level.label), int(level))
            self.levels.append(combo)
            self.form.addRow(form_text(row), combo)
        self.comment = _text("comment", self.tr("意见和建议"))
        self.form.addRow(self.tr("意见和建议"), self.comment)

    def clear(self) -> None:
        super().clear()
        self.visit.setCurrentIndex(0)
        for c in self.departments.values():
            c.setChecked(False)
        for combo in self.levels:
            combo.setCurrentIndex(0)

    def call(self):  # type: ignore[no-untyped-def]
        return (survey.record_survey,
                dict(ctx=self.ctx, actor=self.actor, channel="paper", visit=self.visit.currentData(),
                     departments=[d for d, c in self.departments.items() if c.isChecked()],
                     levels=[combo.currentData() or None for combo in self.levels],
                     comment=self.comment.toPlainText()),
                self.tr("已录入一份满意度调查表。"))


def _scrolled(form: QWidget) -> QScrollArea:
    """The paper survey has eleven fields: it scrolls rather than stretch the main window past 760 px."""
    area = QScrollArea(objectName="surveyScroll")
    area.setWidget(form)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class CounterLedgersPage(QTabWidget):
    """The counter's 其他业务 page: five forms; ``status_message`` carries each outcome."""

    status_message = Signal(str)

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__(objectName="counterLedgers")
        self.consultation = ConsultationForm(ctx, actor, runner)
        self.assistance = AssistanceForm(ctx, actor, runner)
        self.complaint = ComplaintIntakeForm(ctx, actor, runner)
        self.emergency = EmergencyForm(ctx, actor, runner)
        self.survey = SurveyPaperForm(ctx, actor, runner)
        for form, title in ((self.consultation, self.tr("咨询登记")), (self.assistance, self.tr("帮办代办")),
                            (self.complaint, self.tr("办不成事")), (self.emergency, self.tr("应急登记")),
                            (self.survey, self.tr("满意度调查（纸质录入）"))):
            self.addTab(_scrolled(form) if form is self.survey else form, title)
            form.submitted.connect(self.status_message)
