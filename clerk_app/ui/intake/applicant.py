"""Step ① of the intake: who applies (and who acts for them), and the intakes left unfinished.

The ID number is checked as it is typed; the applicant (with an agent and a delegation) is registered
by the services when the clerk presses Enter, and the wizard moves on to the matter.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from clerk_app.domain.applicants import Applicant, ApplicantKind, Delegation
from clerk_app.i18n import arg
from clerk_app.services import cases as svc
from clerk_app.services import intakes
from clerk_app.ui.labels import message
from clerk_app.ui.tasks import TaskFailed

if TYPE_CHECKING:
    from clerk_app.ui.intake.wizard import IntakeWizard

ReadIdCard = Callable[[], Awaitable[dict[str, Any]]]  # the card read, or TaskFailed
ERROR_FRAME = "border: 2px solid #b00020;"


class ApplicantStep(QWidget):
    def __init__(self, wizard: IntakeWizard, read_id_card: ReadIdCard | None) -> None:
        super().__init__()
        self.wizard = wizard
        self._read_id_card = read_id_card
        self.card: dict[str, Any] = {}  # the last card read, for the application form's prefill
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("自然人"), ApplicantKind.PERSON)
        self.kind.addItem(self.tr("法人或其他组织"), ApplicantKind.ENTITY)
        self.id_number = QLineEdit(objectName="idNumber", maxLength=18, placeholderText=self.tr("刷身份证（F2）或输入证件号码"))
        self.id_hint = QLabel(objectName="idHint")
        self.name = QLineEdit(objectName="applicantName", maxLength=100)
        self.phone = QLineEdit(objectName="applicantPhone", maxLength=20)
        self.address = QLineEdit(objectName="applicantAddress", maxLength=200)
        self.read_card = QPushButton(self.tr("读取身份证（F2）"), objectName="readCard")
        self.read_card.setEnabled(self._read_id_card is not None)
        self.is_agent = QCheckBox(self.tr("代办人办理（须签订代办委托协议）"), objectName="isAgent")
        self.agent_box = QGroupBox(self.tr("代办人"))
        agent_form = QFormLayout(self.agent_box)
        self.agent_id_number = QLineEdit(objectName="agentIdNumber", maxLength=18)
        self.agent_name = QLineEdit(objectName="agentName", maxLength=100)
        self.delegation_scope = QLineEdit(objectName="delegationScope", maxLength=200)
        self.delegation_valid_to = QDateEdit(calendarPopup=True, objectName="delegationValidTo",
                                             displayFormat="yyyy-MM-dd")
        self.delegation_valid_to.setDate(QDate.currentDate().addMonths(1))
        self.delegation_ack = QCheckBox(self.tr("委托人已确认责任条款"), objectName="delegationAck")
        agent_form.addRow(self.tr("代办人证件号码"), self.agent_id_number)
        agent_form.addRow(self.tr("代办人姓名"), self.agent_name)
        agent_form.addRow(self.tr("委托事项范围"), self.delegation_scope)
        agent_form.addRow(self.tr("委托期限至"), self.delegation_valid_to)
        agent_form.addRow("", self.delegation_ack)
        self.agent_box.setVisible(False)
        self.applicant_next = QPushButton(self.tr("下一步（Enter）"), objectName="applicantNext")
        id_row = QHBoxLayout()
        id_row.addWidget(self.id_number, 1)
        id_row.addWidget(self.read_card)
        form.addRow(self.tr("申请人类型"), self.kind)
        form.addRow(self.tr("证件号码"), id_row)
        form.addRow("", self.id_hint)
        form.addRow(self.tr("姓名/名称"), self.name)
        form.addRow(self.tr("联系电话"), self.phone)
        form.addRow(self.tr("地址"), self.address)
        form.addRow("", self.is_agent)
        form.addRow(self.agent_box)
        form.addRow("", self.applicant_next)
        form.addRow(self._build_unfinished())
        self.id_number.textChanged.connect(self._validate_id_live)
        self.is_agent.toggled.connect(self.agent_box.setVisible)
        self.read_card.clicked.connect(self._on_read_card)
        QShortcut(QKeySequence("F2"), self, activated=self._on_read_card,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.applicant_next.clicked.connect(self.submit)
        for w in (self.id_number, self.name, self.phone, self.address):
            w.returnPressed.connect(self.submit)

    def _build_unfinished(self) -> QGroupBox:
        self.unfinished_box = QGroupBox(objectName="unfinishedBox")
        box = QVBoxLayout(self.unfinished_box)
        self.unfinished = QListWidget(objectName="unfinishedIntakes")
        self.unfinished.setMaximumHeight(120)
        self.resume_button = QPushButton(self.tr("继续办理（Enter）"), objectName="resumeIntake")
        self.withdraw_unfinished = QPushButton(self.tr("撤回……"), objectName="withdrawUnfinished")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.withdraw_unfinished)
        box.addWidget(self.unfinished)
        box.addLayout(buttons)
        self.unfinished_box.setVisible(False)
        self.unfinished.itemActivated.connect(lambda _i: self.resume_selected())
        self.resume_button.clicked.connect(self.resume_selected)
        self.withdraw_unfinished.clicked.connect(self.withdraw_selected)
        return self.unfinished_box

    def fields(self) -> tuple[QLineEdit, ...]:
        return (self.id_number, self.name, self.phone, self.address, self.agent_id_number, self.agent_name,
                self.delegation_scope)

    def clear(self) -> None:
        for f in self.fields():
            f.clear()
        self.is_agent.setChecked(False)

    def show_applicant(self, applicant: Applicant, agent: Applicant | None) -> None:
        """A resumed intake's people, as they were registered."""
        self.kind.setCurrentIndex(max(0, self.kind.findData(applicant.kind)))
        self.id_number.setText(applicant.id_number)
        self.name.setText(applicant.name)
        self.phone.setText(applicant.phone)
        self.address.setText(applicant.address)
        if agent is not None:
            self.is_agent.setChecked(True)
            self.agent_id_number.setText(agent.id_number)
            self.agent_name.setText(agent.name)

    # -- errors: the field an error speaks about is framed and focused --------------------------------
    def _field_of(self, text: str) -> QLineEdit | None:
        """The field an error speaks about (the services name it in their sentence)."""
        name, about_agent = intakes.field_of(text)
        agent = about_agent and self.is_agent.isChecked()
        fields = {"id_number": self.agent_id_number if agent else self.id_number, "delegation_scope": self.delegation_scope,
                  "name": self.agent_name if agent else self.name, "phone": self.phone, "address": self.address}
        return fields.get(name) if name else None

    def mark_field(self, field: QLineEdit | None) -> None:
        for f in self.fields():
            f.setStyleSheet(ERROR_FRAME if f is field else "")

    def show_error(self, text: str) -> None:
        """The field the error concerns is framed and focused; an ID-number error also sits under the number."""
        field = self._field_of(text)
        self.mark_field(field)
        if field is not None:
            field.setFocus()
            if field is self.id_number:
                self.id_hint.setStyleSheet("color: #b00020; font-weight: bold;")
                self.id_hint.setText(text)

    # -- the ID card and the number -----------------------------------------------------------------
    @Slot(str)
    def _validate_id_live(self, text: str) -> None:
        """Validated at once: the clerk sees a wrong digit before the applicant leaves the counter."""
        if ApplicantKind(self.kind.currentData()) is not ApplicantKind.PERSON or len(text) < 15:
            self.id_hint.setText("")
            return
        from clerk_app.domain.id_numbers import validate_id_number
        from clerk_app.errors import DomainError

        try:
            info = validate_id_number(text, today=self.wizard.ctx.now().date())
        except DomainError as exc:
            self.id_hint.setStyleSheet("color: #b00020;")
            self.id_hint.setText(message(exc.message))  # the domain speaks Chinese
        else:
            self.id_hint.setStyleSheet("color: #1b7f3b;")
            self.id_hint.setText(arg(self.tr("证件号码有效（%1 出生）"), f"{info.birth_date:%Y-%m-%d}"))

    @asyncSlot()
    async def _on_read_card(self) -> None:
        """F2: the card read from the reader fills the form."""
        w = self.wizard
        if self._read_id_card is None:
            w.fail(self.tr("未配置身份证读卡器：请手工输入证件号码。"))
            return
        w.status_message.emit(self.tr("请将身份证放在读卡器上……"))
        try:
            card = await self._read_id_card()
        except TaskFailed as exc:
            w.fail(exc.message)
            return
        self.fill_from_card(card)

    def fill_from_card(self, card: dict[str, Any]) -> None:
        self.card = dict(card)
        self.kind.setCurrentIndex(0)
        self.id_number.setText(card.get("id_number", ""))
        self.name.setText(card.get("name", ""))
        self.address.setText(card.get("address", ""))
        self.phone.setFocus()

    @asyncSlot()
    async def submit(self) -> None:
        """Enter: the applicant (and an agent with the delegation) registered, then the matter step."""
        w = self.wizard
        kind = ApplicantKind(self.kind.currentData())
        delegation = None
        if self.is_agent.isChecked():
            valid_to = self.delegation_valid_to.date().toPython()
            delegation = Delegation(agent_id="", scope=self.delegation_scope.text(), valid_to=valid_to,
                                    liabilities_acknowledged=self.delegation_ack.isChecked())

        try:
            applicant, agent = await w.runner.call(
                svc.register_intake_people, w.ctx, w.actor, kind=kind, name=self.name.text(),
                id_number=self.id_number.text(), phone=self.phone.text(), address=self.address.text(),
                delegation=delegation, agent_name=self.agent_name.text(), agent_id_number=self.agent_id_number.text())
        except TaskFailed as exc:
            w.fail(exc.message)
            return
        w.applicant_done(applicant, agent, delegation)

    # -- unfinished intakes: resume or withdraw ------------------------------------------------------
    @asyncSlot()
    async def refresh_unfinished(self) -> None:
        w = self.wizard
        try:
            items: list[intakes.UnfinishedIntake] = await w.runner.call(intakes.unfinished_intakes, w.ctx, w.actor)
        except TaskFailed as exc:
            w.fail(exc.message)
            return
        mine = {c.number for c in self.wizard.cases}
        items = [i for i in items if not mine & set(i.numbers)]
        self.unfinished.clear()
        for i in items:
            state = self.tr("暂存") if i.parked else self.tr("未完成")
            item = QListWidgetItem(arg(self.tr("%1　%2　%3　%4（%5 接件）"), state, i.applicant_masked, "、".join(i.matters),
                                       "、".join(i.numbers), f"{i.received_at:%m-%d %H:%M}"))
            item.setData(Qt.ItemDataRole.UserRole, list(i.numbers))
            self.unfinished.addItem(item)
        self.unfinished_box.setTitle(arg(self.tr("未完成的接件（%1）：选中后 Enter 继续办理"), len(items)))
        self.unfinished_box.setVisible(bool(items))

    @asyncSlot()
    async def resume_selected(self) -> None:
        item = self.unfinished.currentItem()
        if item is None:
            return
        w = self.wizard
        try:
            cases, applicant, agent = await w.runner.call(intakes.resume_intake, w.ctx, w.actor,
                                                          item.data(Qt.ItemDataRole.UserRole)[0])
        except TaskFailed as exc:
            w.fail(exc.message)
            return
        w.resumed(cases, applicant, agent)

    def withdraw_selected(self) -> None:
        item = self.unfinished.currentItem()
        if item is not None:
            self.wizard.way_out.ask_withdraw(numbers=list(item.data(Qt.ItemDataRole.UserRole)))
