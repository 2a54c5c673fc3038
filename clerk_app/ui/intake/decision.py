"""Step ④ of the intake: the decision. What may be decided, and why not, comes from the services
(``services.cases.intake_options``); a formal decision issues numbered notices, so it is confirmed
first (Enter) or left with Esc."""

from __future__ import annotations

from asyncio import Future
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from clerk_app.documents.templates import KINDS
from clerk_app.domain.cases import AcceptMode, Case, CaseState, IntakeDecision, formal_notices
from clerk_app.i18n import arg
from clerk_app.security.masking import mask_id_number, mask_name
from clerk_app.services import cases as svc
from clerk_app.ui.intake.dialogs import DecisionConfirmDialog
from clerk_app.ui.labels import label, message
from clerk_app.ui.tasks import TaskFailed, answer

if TYPE_CHECKING:
    from clerk_app.ui.intake.wizard import IntakeWizard

ERROR_FRAME = "border: 2px solid #b00020;"
OUTCOMES = {IntakeDecision.ACCEPT: (CaseState.ACCEPTED, AcceptMode.NORMAL),
            IntakeDecision.ACCEPT_RONGQUE: (CaseState.ACCEPTED, AcceptMode.RONGQUE),
            IntakeDecision.ACCEPT_TELL_COMMIT: (CaseState.ACCEPTED, AcceptMode.TELL_COMMIT),
            IntakeDecision.ONE_TIME_NOTICE: (CaseState.PENDING_SUPPLEMENT, None),
            IntakeDecision.REJECT: (CaseState.REJECTED, None)}


class DecisionStep(QWidget):
    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__()
        self.wizard = wizard
        self.confirm_dialog: DecisionConfirmDialog | None = None
        layout = QVBoxLayout(self)
        self.tell_commit_box = QGroupBox(self.tr("告知承诺（本事项适用，须向申请人告知并记录其选择）"))
        tc = QHBoxLayout(self.tell_commit_box)
        self.tell_commit_yes = QPushButton(self.tr("已告知：申请人选择告知承诺（Y）"), objectName="tellCommitYes")
        self.tell_commit_no = QPushButton(self.tr("已告知：申请人不选择（N）"), objectName="tellCommitNo")
        # One key for the applicant's answer while the offer has the focus (the confirmation that follows
        # a decision costs one key; this gives it back). Scoped to the two buttons: never in a text field.
        for button in (self.tell_commit_yes, self.tell_commit_no):
            QShortcut(QKeySequence("Y"), button, activated=lambda: self._record_offer(True),
                      context=Qt.ShortcutContext.WidgetShortcut)
            QShortcut(QKeySequence("N"), button, activated=lambda: self._record_offer(False),
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.tell_commit_state = QLabel()
        tc.addWidget(self.tell_commit_yes)
        tc.addWidget(self.tell_commit_no)
        tc.addWidget(self.tell_commit_state, 1)
        self.bundle_step = QLabel(objectName="bundleStep")
        self.bundle_step.setStyleSheet("color: #1b4f9c; font-weight: bold;")
        self.bundle_step.setVisible(False)
        layout.addWidget(self.bundle_step)
        self.decision_buttons: list[QPushButton] = []
        self.decision_reasons: dict[IntakeDecision, QLabel] = {}
        grid = QFormLayout()
        for d in IntakeDecision:
            b = QPushButton(label(d), objectName=f"decide_{d.value}")
            b.clicked.connect(lambda _c=False, dec=d: self.decide(dec))
            why = QLabel()
            why.setStyleSheet("color: #5f6b7a;")
            why.setWordWrap(True)
            self.decision_buttons.append(b)
            self.decision_reasons[d] = why
            grid.addRow(b, why)
        self.rongque_due = QDateEdit(calendarPopup=True, objectName="rongqueDue", displayFormat="yyyy-MM-dd")
        self.reject_reason = QLineEdit(objectName="rejectReason", maxLength=300, placeholderText=self.tr("不予受理的理由"))
        self.reject_basis = QLineEdit(objectName="rejectBasis", maxLength=300, placeholderText=self.tr("法律依据，如《行政许可法》第三十二条"))
        extra = QFormLayout()
        extra.addRow(self.tr("容缺材料补交期限"), self.rongque_due)
        extra.addRow(self.tr("不予受理理由"), self.reject_reason)
        extra.addRow(self.tr("法律依据"), self.reject_basis)
        self.decision_error = QLabel(objectName="decisionError")
        self.decision_error.setStyleSheet("color: #b00020; font-weight: bold;")
        extra.addRow("", self.decision_error)
        layout.addWidget(self.tell_commit_box)
        layout.addLayout(grid)
        layout.addLayout(extra)
        layout.addStretch(1)
        self.tell_commit_yes.clicked.connect(lambda: self._record_offer(True))
        self.tell_commit_no.clicked.connect(lambda: self._record_offer(False))

    def clear(self) -> None:
        self.reject_reason.clear()
        self.reject_basis.clear()

    def show_choices(self, choices: svc.IntakeChoices) -> None:
        """The options as the services give them: enabled, or disabled with the reason under them."""
        w = self.wizard
        case = w.case
        assert case is not None
        matter = w.ctx.catalogue.by_code(case.matter_code)
        options = choices.options
        self.bundle_step.setVisible(len(w.cases) > 1)
        self.bundle_step.setText(arg(self.tr("联办件第 %1/%2 件：%3（%4）——每个事项分别作受理决定。"),
                                     w.decision_index + 1, len(w.cases), matter.name, case.number))
        self.tell_commit_box.setVisible(choices.tell_commit_offerable or choices.tell_commit_offered)
        self.tell_commit_state.setText(self.tr("已记录") if choices.tell_commit_offered else self.tr("尚未告知"))
        offer_pending = choices.tell_commit_offer_pending
        for button, d in zip(self.decision_buttons, IntakeDecision, strict=True):
            why = options[d]
            button.setEnabled(why is None)
            self.decision_reasons[d].setText("" if why is None else message(why))
        # the proposal comes from the working calendar (holidays and 调休 included), never a holiday
        self.rongque_due.setDate(QDate(choices.rongque_due))
        w.go(3)
        # The 告知承诺 offer is only spoken where it is offered; otherwise the phrase that fits the
        # decision the checklist leads to.
        step = ("tell_commit" if choices.tell_commit_offerable
                else "accepted" if options[IntakeDecision.ACCEPT] is None else "incomplete")
        w.say(step)
        enabled = [b for b in self.decision_buttons if b.isEnabled()]
        (self.tell_commit_yes if offer_pending else enabled[0]).setFocus()

    @asyncSlot()
    async def _record_offer(self, chose: bool) -> None:
        """The applicant's answer to the 告知承诺 offer is stored; the options follow from it."""
        w = self.wizard
        assert w.case is not None
        number = w.case.number

        def work() -> tuple[Case, svc.IntakeChoices]:
            case = svc.record_tell_commit_offer(w.ctx, w.actor, number, applicant_chose=chose)
            return case, svc.intake_choices(w.ctx, w.actor, number)
        try:
            w.case, choices = await w.runner.call(work)
        except TaskFailed as exc:
            w.fail(exc.message)
            return
        self.show_choices(choices)

    def _field_error(self, field: QLineEdit | None, text: str) -> None:
        """An error shown under the decision's fields, the field concerned framed in red and focused."""
        for f in (self.reject_reason, self.reject_basis):
            f.setStyleSheet(ERROR_FRAME if f is field else "")
        self.decision_error.setText(text)
        if field is not None:
            field.setFocus()

    def decide(self, decision: IntakeDecision) -> None:
        """A formal decision issues numbered notices: it is confirmed first (Enter), or Esc goes back
        to the same button with nothing written. A missing reason is said at once, next to its field."""
        w = self.wizard
        case = w.case
        assert case is not None
        if w.dialog_open():
            return
        self._field_error(None, "")
        if decision is IntakeDecision.REJECT:
            for field, text in ((self.reject_reason, self.tr("请填写不予受理的理由。")),
                                (self.reject_basis, self.tr("请填写不予受理的法律依据。"))):
                if not field.text().strip():
                    self._field_error(field, text)
                    return
        state, mode = OUTCOMES[decision]
        # The case as the decision would leave it (an acceptance has its time), asked of the one notice rule.
        after = replace(case, state=state, accept_mode=mode,
                        accepted_at=(case.accepted_at or w.ctx.now()) if mode is not None else case.accepted_at)
        notices = [KINDS.get(k, k) for k in formal_notices(after)]
        who = w.applicant
        applicant = arg(self.tr("%1（%2）"), mask_name(who.name), mask_id_number(who.id_number)) if who else "—"
        if w.agent is not None:
            applicant += arg(self.tr("，代办人 %1"), mask_name(w.agent.name))
        details: list[str] = []
        if decision is IntakeDecision.ACCEPT_RONGQUE:
            details.append(arg(self.tr("容缺材料补交期限：%1"), self.rongque_due.date().toString("yyyy-MM-dd")))
        if decision is IntakeDecision.REJECT:
            details.append(arg(self.tr("理由：%1"), self.reject_reason.text().strip()))
            details.append(arg(self.tr("法律依据：%1"), self.reject_basis.text().strip()))
        self.confirm_dialog = DecisionConfirmDialog(
            label(decision), arg(self.tr("办件 %1　%2"), case.number, case.matter_name), applicant, notices, details, w)
        self._issue_if_confirmed(case, decision, answer(self.confirm_dialog))

    @asyncSlot()
    async def _issue_if_confirmed(self, case: Case, decision: IntakeDecision, reply: Future[int]) -> None:
        """Confirmed: the decision issued and the wizard moves on; Esc: back on the same button."""
        w = self.wizard
        confirmed = await reply == QDialog.DialogCode.Accepted
        w.back_from_dialog()
        if not confirmed:
            self.decision_buttons[list(IntakeDecision).index(decision)].setFocus()
            return
        rongque_due: date | None = self.rongque_due.date().toPython() if decision is IntakeDecision.ACCEPT_RONGQUE else None
        try:
            decided = await w.runner.call(svc.decide_intake, w.ctx, w.actor, case.number, decision,
                                          reason=self.reject_reason.text(), legal_basis=self.reject_basis.text(),
                                          rongque_due=rongque_due)
        except TaskFailed as exc:
            w.fail(exc.message)
            return
        w.decided(decided)
