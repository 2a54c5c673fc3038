"""The output desk (出件): results handed over on site (identity checked by card), by post, or
electronically; results that cannot be delivered go back to the department."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.cases import Case, CaseState, DeliveryMode
from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services import cases as svc
from clerk_app.services.context import ServiceContext
from clerk_app.ui.labels import label
from clerk_app.ui.tasks import TaskRunner


class OutputDesk(QWidget):
    status_message = Signal(str)
    delivered = Signal(object)  # Case: the rating follows on the customer screen

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner,
                 read_id_card: Callable[[Callable[[dict[str, Any]], None], Callable[[str], None]], None] | None = None,
                 ) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner, self._read_id_card = ctx, actor, runner, read_id_card
        self.case: Case | None = None
        self.number = QLineEdit(objectName="outputCaseNumber", placeholderText=self.tr("输入或扫描办件编号，Enter 查询"))
        self.summary = QLabel(objectName="outputSummary")
        self.summary.setWordWrap(True)
        # Who may collect: the applicant's and the agent's names (masked) to compare with the person
        self.people = QLabel(objectName="outputPeople")
        self.people.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.modes = QButtonGroup(self)
        mode_row = QHBoxLayout()
        for i, mode in enumerate(DeliveryMode):
            rb = QRadioButton(label(mode), objectName=f"mode_{mode.value}")
            self.modes.addButton(rb, i)
            mode_row.addWidget(rb)
        self.modes.button(0).setChecked(True)
        self.receiver_id = QLineEdit(objectName="receiverId", maxLength=18,
                                     placeholderText=self.tr("刷领取人身份证（F2）或输入证件号码"))
        self.swipe = QPushButton(self.tr("读取领取人身份证（F2）"), objectName="swipeReceiver")
        self.swipe.setEnabled(read_id_card is not None)
        self.address = QLineEdit(objectName="postAddress", maxLength=200)
        self.tracking = QLineEdit(objectName="trackingNumber", maxLength=40)
        self.reason = QLineEdit(objectName="undeliverableReason", maxLength=200, placeholderText=self.tr("无法送达的原因"))
        self.deliver_button = QPushButton(self.tr("确认出件"), objectName="deliver")
        self.undeliverable_button = QPushButton(self.tr("无法送达，退回部门"), objectName="undeliverable")
        self.error = QLabel(objectName="outputError")
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("办件编号"), self.number)
        form.addRow("", self.summary)
        form.addRow("", self.people)
        form.addRow(self.tr("送达方式"), mode_row)
        receiver_row = QHBoxLayout()
        receiver_row.addWidget(self.receiver_id, 1)
        receiver_row.addWidget(self.swipe)
        form.addRow(self.tr("领取人证件"), receiver_row)
        form.addRow(self.tr("邮寄地址"), self.address)
        form.addRow(self.tr("邮件单号（EMS）"), self.tracking)
        form.addRow(self.tr("无法送达原因"), self.reason)
        form.addRow("", self.error)  # right under the fields it speaks about, not below the page
        buttons = QHBoxLayout()
        buttons.addWidget(self.deliver_button)
        buttons.addWidget(self.undeliverable_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        from clerk_app.ui.uncollected_panel import UncollectedPanel

        # seed 001 §5.1.3: results waiting too long, to remind the applicant (领取通知, SMS)
        self.uncollected = UncollectedPanel(ctx, actor, runner)
        self.uncollected.status_message.connect(self.status_message.emit)
        layout.addWidget(self.uncollected, 1)
        self.number.returnPressed.connect(self.lookup)
        self.receiver_id.returnPressed.connect(self._deliver)  # a card reader or scanner ends with Enter
        self.swipe.clicked.connect(self._swipe)
        self.deliver_button.clicked.connect(self._deliver)
        self.undeliverable_button.clicked.connect(self._undeliverable)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for w in (self.deliver_button, self.undeliverable_button):
            w.setEnabled(on)

    def focus_number(self) -> None:
        """F7: the cursor in the number field, its text selected, so a scanner's input replaces it."""
        self.number.setFocus()
        self.number.selectAll()

    def lookup(self) -> None:
        self._clear_error()
        number = self.number.text().strip().upper()
        if not number:
            self._fail(self.tr("请输入或扫描办件编号。"), self.number)
            return

        def work() -> tuple[Case, str, str]:
            from clerk_app.security.masking import mask_name

            case = svc.get_case(self.ctx, self.actor, number)
            applicant = svc.get_applicant(self.ctx, self.actor, case.applicant_id).name
            agent = svc.get_applicant(self.ctx, self.actor, case.agent_id).name if case.agent_id else ""
            return case, mask_name(applicant), mask_name(agent) if agent else ""
        self.runner.run(work, on_success=self._loaded, on_error=lambda m: self._fail(m, self.number))

    def _loaded(self, found: tuple[Case, str, str]) -> None:
        case, applicant, agent = found
        self.people.setText(arg(self.tr("申请人：%1　　授权代办人：%2"), applicant, agent) if agent
                            else arg(self.tr("申请人：%1（无代办人）"), applicant))
        self._found(case)
        if case.state is CaseState.RESULT_READY:
            self.receiver_id.setFocus()

    def _found(self, case: Case) -> None:
        self.case = case
        ready = case.state is CaseState.RESULT_READY
        note = ("" if ready or case.state is CaseState.DELIVERED else self.tr("（尚不能出件）"))
        self.summary.setText(arg(self.tr("%1　状态：%2"), case.matter_name, label(case.state)) + note)
        self._enable(ready)

    def _clear_error(self) -> None:
        self.error.clear()
        for w in (self.number, self.receiver_id, self.address, self.tracking, self.reason):
            w.setStyleSheet("")

    def _fail(self, message: str, field: QLineEdit | None = None) -> None:
        """The sentence under the fields; the field concerned framed in red and focused."""
        self._clear_error()
        self.error.setText(message)
        if field is not None:
            field.setStyleSheet("border: 2px solid #b00020;")
            field.setFocus()
        self.status_message.emit(message)

    def _swipe(self) -> None:
        if self._read_id_card is not None:
            self._read_id_card(lambda card: self.receiver_id.setText(card.get("id_number", "")), self._fail)

    def _deliver(self) -> None:
        if self.case is None:
            return
        mode = list(DeliveryMode)[self.modes.checkedId()]
        self._clear_error()
        if mode is DeliveryMode.ON_SITE and not self.receiver_id.text().strip():
            self._fail(self.tr("请刷领取人身份证（F2），或输入其证件号码。"), self.receiver_id)
            return
        field = {DeliveryMode.ON_SITE: self.receiver_id,
                 DeliveryMode.POST: self.tracking if self.address.text().strip() else self.address}.get(mode)
        self.runner.run(svc.deliver, self.ctx, self.actor, self.case.number, mode=mode,
                        receiver_id_number=self.receiver_id.text(), post_address=self.address.text(),
                        tracking_number=self.tracking.text(), on_success=self._done,
                        on_error=lambda m: self._fail(m, field))

    def _undeliverable(self) -> None:
        if self.case is None:
            return
        if not self.reason.text().strip():
            self._fail(self.tr("请写明无法送达的原因。"), self.reason)
            return
        self.runner.run(svc.mark_undeliverable, self.ctx, self.actor, self.case.number, reason=self.reason.text(),
                        on_success=self._found, on_error=lambda m: self._fail(m, self.reason))

    def _done(self, case: Case) -> None:
        self._clear_error()  # an earlier refusal is no longer true
        self._found(case)
        self.status_message.emit(arg(self.tr("已出件：%1（%2）"), case.number,
                                     label(case.delivery_mode) if case.delivery_mode else ""))
        self.delivered.emit(case)
        for w in (self.receiver_id, self.address, self.tracking, self.reason):
            w.clear()
