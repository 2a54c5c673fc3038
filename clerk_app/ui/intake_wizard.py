"""The intake wizard, keyboard-first: applicant → matter → materials → decision → done.

Every step calls a service through the TaskRunner; what may be decided, and why not, comes from
``services.cases.intake_options`` — this widget only shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.applicants import Applicant, ApplicantKind, Delegation
from clerk_app.domain.cases import (
    AcceptMode,
    Case,
    CaseState,
    IntakeDecision,
    MaterialStatus,
    SharedMaterial,
    formal_notices,
    shared_materials,
)
from clerk_app.domain.matters import Necessity
from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services import bundles, intakes
from clerk_app.services import cases as svc
from clerk_app.services.context import ServiceContext
from clerk_app.services.phrases import limit_words, listed, outcome_step, phrase_for
from clerk_app.ui.file_dialogs import start_in
from clerk_app.ui.intake_dialogs import (
    DecisionConfirmDialog,
    OpenIntakeChoice,
    OpenIntakeDialog,
    WithdrawDialog,
)
from clerk_app.ui.labels import label, message
from clerk_app.ui.tasks import TaskRunner

STEP_TITLES = (QT_TRANSLATE_NOOP("IntakeWizard", "① 申请人"), QT_TRANSLATE_NOOP("IntakeWizard", "② 办理事项"),
               QT_TRANSLATE_NOOP("IntakeWizard", "③ 材料核验"), QT_TRANSLATE_NOOP("IntakeWizard", "④ 受理决定"),
               QT_TRANSLATE_NOOP("IntakeWizard", "⑤ 完成"))
STEP_PHRASES = ("identity", "matter", "materials", "tell_commit", "accepted")
STATUS_CHOICES = (MaterialStatus.UNCHECKED, MaterialStatus.SUBMITTED, MaterialStatus.MISSING,
                  MaterialStatus.DEFECTIVE, MaterialStatus.NOT_APPLICABLE)


class IntakeWizard(QWidget):
    case_finished = Signal(object)  # Case
    documents_printed = Signal(str)  # the (first) case number: the applicant holds the papers, may now rate
    status_message = Signal(str)

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner,
                 read_id_card: Callable[[Callable[[dict[str, Any]], None], Callable[[str], None]], None] | None = None,
                 capture: Callable[[Callable[[bytes], None], Callable[[str], None]], None] | None = None,
                 print_receipt: Callable[[bytes, Callable[[str], None]], None] | None = None,
                 ) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self._read_id_card = read_id_card
        self._capture = capture
        self._print_receipt = print_receipt
        self.print_pdf: Callable[[bytes], bool] = self._print_with_preview
        self.last_print_message = ""
        self.applicant: Applicant | None = None
        self.agent: Applicant | None = None
        self._card: dict[str, Any] = {}  # the last card read, for the application form's prefill
        self.case: Case | None = None  # the case being decided (the first of a bundle before that)
        self.cases: list[Case] = []  # every case of this intake: one, or a joint application's (联办件)
        self.rows: list[SharedMaterial] = []  # the checklist, a shared material once
        self.bundle_codes: list[str] = []  # matters picked for a joint application
        self._decision_index = 0
        self._matter_index = None
        self._delegation: Delegation | None = None
        self._stale = False  # the applicant was changed after the cases were received: receive anew
        self.confirm_dialog: DecisionConfirmDialog | None = None
        self.withdraw_dialog: WithdrawDialog | None = None
        self.open_dialog: OpenIntakeDialog | None = None
        self.steps = QStackedWidget()
        self.header = QLabel()
        self.header.setObjectName("intakeHeader")
        self.header.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.phrase = QLabel()
        self.phrase.setObjectName("phrase")
        self.phrase.setWordWrap(True)
        self.phrase.setStyleSheet("color: #5f6b7a; font-style: italic;")
        self.error = QLabel()
        self.error.setObjectName("intakeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.header.setVisible(False)  # the step bar below shows the same; kept as the steps' text
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(self._build_step_bar())
        layout.addWidget(self.phrase)
        layout.addWidget(self.error)  # above the page, not ~550 px below the field it speaks about
        layout.addWidget(self.steps, 1)
        layout.addLayout(self._build_way_out())
        self.steps.addWidget(self._build_applicant_step())
        self.steps.addWidget(self._build_matter_step())
        self.steps.addWidget(self._build_materials_step())
        self.steps.addWidget(self._build_decision_step())
        self.steps.addWidget(self._build_done_step())
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.restart)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys in ("Esc", "Alt+Left"):
            QShortcut(QKeySequence(keys), self, activated=self.go_back, context=scope)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=lambda: self.park(), context=scope)
        self._go(0)

    # -- navigation: every step can be revisited until a formal decision is issued -------------------
    def _build_step_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.step_buttons: list[QPushButton] = []
        for i, title in enumerate(STEP_TITLES):
            b = QPushButton(QCoreApplication.translate("IntakeWizard", title), objectName=f"step_{i}")
            b.setFlat(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays in the form; the steps answer clicks and keys
            b.clicked.connect(lambda _c=False, i=i: self.visit(i))
            self.step_buttons.append(b)
            bar.addWidget(b)
        bar.addStretch(1)
        return bar

    def _build_way_out(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← 上一步（Esc / Alt+←）"), objectName="stepBack")
        self.park_button = QPushButton(self.tr("暂存，稍后继续（Ctrl+S）"), objectName="parkIntake")
        self.withdraw_button = QPushButton(self.tr("撤回本次接件……"), objectName="withdrawIntake")
        self.back_button.clicked.connect(self.go_back)
        self.park_button.clicked.connect(lambda: self.park())
        self.withdraw_button.clicked.connect(lambda: self.ask_withdraw())
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.park_button)
        row.addWidget(self.withdraw_button)
        return row

    def has_open_intake(self) -> bool:
        """Cases received and not yet decided: what the next ticket must not silently leave behind."""
        return any(c.state is CaseState.RECEIVED for c in self.cases)

    def _decided_any(self) -> bool:
        return any(c.state is not CaseState.RECEIVED for c in self.cases)

    def can_visit(self, index: int) -> bool:
        """Earlier steps, while nothing of this intake has a formal decision (it cannot be taken back)."""
        current = self.steps.currentIndex()
        return index < current and current != 4 and not self._decided_any()

    @Slot()
    def go_back(self) -> None:
        if self.dialog_open():
            return
        self.visit(self.steps.currentIndex() - 1)

    def visit(self, index: int) -> None:
        if index < 0 or not self.can_visit(index):
            if self._decided_any() and self.steps.currentIndex() != 4:
                self._fail(self.tr("联办件中已有事项作出决定，不能再返回修改；请继续作出其余事项的决定。"))
            return
        if index == 1:
            self._refresh_matters()
        self._go(index)

    def _show_steps(self, index: int) -> None:
        for i, b in enumerate(self.step_buttons):
            b.setEnabled(i == index or self.can_visit(i))
            # a border in the style makes Qt paint the flat button's background: the current step stands out
            b.setStyleSheet("QPushButton { font-weight: bold; color: white; background: #1b4f9c; border: none;"
                            " border-radius: 3px; padding: 4px 10px; }" if i == index else
                            "QPushButton { border: none; padding: 4px 10px; color: #1b4f9c; }"
                            " QPushButton:disabled { color: #9aa5b1; }")
        open_intake = self.has_open_intake() and index != 4
        self.back_button.setVisible(index > 0 and self.can_visit(index - 1))
        self.park_button.setVisible(open_intake)
        self.withdraw_button.setVisible(open_intake)

    def _go(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        titles = [QCoreApplication.translate("IntakeWizard", t) for t in STEP_TITLES]
        self.header.setText("　".join(arg(self.tr("【%1】"), t) if i == index else t for i, t in enumerate(titles)))
        self._show_steps(index)
        if index == 0:
            self.refresh_unfinished()
        step = STEP_PHRASES[index]
        if index == 4 and self.case is not None:  # what is said at the end depends on what was decided
            step = outcome_step(self.case.state.value)
        self.say(step)
        self.error.clear()
        self._mark_field(None)
        focus = {0: self.id_number, 1: self.matter_search, 2: self.materials, 3: self.decision_buttons[0],
                 4: self.new_case_button}[index]
        focus.setFocus()

    def phrase_values(self) -> dict[str, str]:
        """The case's values for the service phrase: no "XX" read out to the applicant."""
        values = {"center": self.ctx.settings.center_name}
        case = self.case
        if case is None:
            return values
        matter = self.ctx.catalogue.by_code(case.matter_code)
        values["matter"] = case.matter_name
        values["materials"] = listed([m.name for m in matter.materials if m.necessity is not Necessity.OPTIONAL])
        values["missing"] = listed([m.name for m in case.materials
                                    if m.status in (MaterialStatus.MISSING, MaterialStatus.DEFECTIVE)])
        values["limit"] = limit_words(matter.promise_limit)
        return values

    def say(self, step: str) -> None:
        # The phrase itself stays Chinese in every UI language: the clerk says it to the applicant.
        self.phrase.setText(arg(self.tr("服务用语：%1"), phrase_for(step, self.phrase_values())))

    def _applicant_field(self, message: str) -> QLineEdit | None:
        """The applicant-step field an error speaks about (the services name it in their sentence)."""
        name, about_agent = intakes.field_of(message)
        agent = about_agent and self.is_agent.isChecked()
        fields = {"id_number": self.agent_id_number if agent else self.id_number, "delegation_scope": self.delegation_scope,
                  "name": self.agent_name if agent else self.name, "phone": self.phone, "address": self.address}
        return fields.get(name) if name else None

    def _mark_field(self, field: QLineEdit | None) -> None:
        for f in (self.id_number, self.name, self.phone, self.address, self.agent_id_number, self.agent_name,
                  self.delegation_scope):
            f.setStyleSheet("border: 2px solid #b00020;" if f is field else "")

    def _fail(self, message: str) -> None:
        """One sentence at the top of the page; on the applicant step the field it concerns is framed
        and focused, and an ID-number error also sits right under the number."""
        self.error.setText(message)
        self.status_message.emit(message)
        field = self._applicant_field(message) if self.steps.currentIndex() == 0 else None
        self._mark_field(field)
        if field is not None:
            field.setFocus()
            if field is self.id_number:
                self.id_hint.setStyleSheet("color: #b00020; font-weight: bold;")
                self.id_hint.setText(message)

    def _back_from_dialog(self) -> None:
        """Keys go to the wizard's window again (not every platform reactivates it after a dialog)."""
        self.window().activateWindow()

    def dialog_open(self) -> bool:
        return any(d is not None and d.isVisible() for d in (self.confirm_dialog, self.withdraw_dialog, self.open_dialog))

    # -- the way out: park (暂存) or withdraw (撤回) an intake without a decision ----------------------
    def _intake_name(self) -> str:
        return "、".join(c.number for c in self.cases)

    def park(self, then: Callable[[], None] | None = None) -> None:
        if not self.has_open_intake():
            return
        # a joint application part-decided: only the matters still without a decision wait
        numbers = [c.number for c in self.cases if c.state is CaseState.RECEIVED]

        def parked(_r: object) -> None:
            self.restart()
            self.status_message.emit(arg(self.tr("已暂存 %1：在“① 申请人”页的未完成接件中可继续办理。"), "、".join(numbers)))
            if then is not None:
                then()
        self.runner.run(intakes.park_intake, self.ctx, self.actor, numbers, on_success=parked, on_error=self._fail)

    def ask_withdraw(self, then: Callable[[], None] | None = None, numbers: list[str] | None = None) -> None:
        numbers = numbers or [c.number for c in self.cases if c.state is CaseState.RECEIVED]
        if not numbers:
            return
        dialog = self.withdraw_dialog = WithdrawDialog("、".join(numbers), self)

        def done(result: int) -> None:
            self._back_from_dialog()
            if result != QDialog.DialogCode.Accepted:
                return
            reason = dialog.reason.text()

            def withdrawn(_cases: object) -> None:
                if any(c.number in numbers for c in self.cases):
                    self.restart()
                else:
                    self.refresh_unfinished()
                self.status_message.emit(arg(self.tr("已撤回 %1。"), "、".join(numbers)))
                if then is not None:
                    then()
            self.runner.run(intakes.withdraw_intake, self.ctx, self.actor, numbers, reason, on_success=withdrawn,
                            on_error=self._fail)
        dialog.finished.connect(done)
        dialog.open()

    def settle_before_next(self, proceed: Callable[[], None]) -> None:
        """The next ticket (F9): an intake without a decision is parked, withdrawn, or the clerk stays."""
        if not self.has_open_intake():
            proceed()
            return
        dialog = self.open_dialog = OpenIntakeDialog(self._intake_name(), self)

        def done(result: int) -> None:
            self._back_from_dialog()
            if result != QDialog.DialogCode.Accepted:
                return
            if dialog.choice is OpenIntakeChoice.PARK:
                self.park(then=proceed)
            elif dialog.choice is OpenIntakeChoice.WITHDRAW:
                self.ask_withdraw(then=proceed)
        dialog.finished.connect(done)
        dialog.open()

    def refresh_unfinished(self) -> None:
        self.runner.run(intakes.unfinished_intakes, self.ctx, self.actor, on_success=self._show_unfinished,
                        on_error=self._fail)

    def _show_unfinished(self, items: list[intakes.UnfinishedIntake]) -> None:
        mine = {c.number for c in self.cases}
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

    def resume_selected(self) -> None:
        item = self.unfinished.currentItem()
        if item is None:
            return
        number = item.data(Qt.ItemDataRole.UserRole)[0]
        self.runner.run(intakes.resume_intake, self.ctx, self.actor, number, on_success=self._resumed,
                        on_error=self._fail)

    def withdraw_selected(self) -> None:
        item = self.unfinished.currentItem()
        if item is not None:
            self.ask_withdraw(numbers=list(item.data(Qt.ItemDataRole.UserRole)))

    def _resumed(self, result: tuple[list[Case], Applicant, Applicant | None]) -> None:
        cases, applicant, agent = result
        self.restart()
        self.applicant, self.agent, self._delegation = applicant, agent, None
        self.kind.setCurrentIndex(max(0, self.kind.findData(applicant.kind)))
        self.id_number.setText(applicant.id_number)
        self.name.setText(applicant.name)
        self.phone.setText(applicant.phone)
        self.address.setText(applicant.address)
        if agent is not None:
            self.is_agent.setChecked(True)
            self.agent_id_number.setText(agent.id_number)
            self.agent_name.setText(agent.name)
        self.bundle_codes = [c.matter_code for c in cases] if len(cases) > 1 else []
        self._show_bundle()
        self._cases_opened(cases)
        self.status_message.emit(arg(self.tr("继续办理 %1。"), "、".join(c.number for c in cases)))

    @Slot()
    def restart(self) -> None:
        self.applicant = self.agent = self.case = None
        self.cases, self.rows, self.bundle_codes = [], [], []
        self._show_bundle()
        for w in (self.id_number, self.name, self.phone, self.address, self.agent_id_number, self.agent_name,
                  self.delegation_scope, self.matter_search, self.reject_reason, self.reject_basis):
            w.clear()
        self.is_agent.setChecked(False)
        self._go(0)

    # -- step 1: applicant ----------------------------------------------------------------------
    def _build_applicant_step(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
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
        form.addRow(self.unfinished_box)
        self.unfinished.itemActivated.connect(lambda _i: self.resume_selected())
        self.resume_button.clicked.connect(self.resume_selected)
        self.withdraw_unfinished.clicked.connect(self.withdraw_selected)
        self.id_number.textChanged.connect(self._validate_id_live)
        self.is_agent.toggled.connect(self.agent_box.setVisible)
        self.read_card.clicked.connect(self._on_read_card)
        QShortcut(QKeySequence("F2"), page, activated=self._on_read_card,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.applicant_next.clicked.connect(self._submit_applicant)
        for w in (self.id_number, self.name, self.phone, self.address):
            w.returnPressed.connect(self._submit_applicant)
        return page

    @Slot(str)
    def _validate_id_live(self, text: str) -> None:
        """Validated at once: the clerk sees a wrong digit before the applicant leaves the counter."""
        if ApplicantKind(self.kind.currentData()) is not ApplicantKind.PERSON or len(text) < 15:
            self.id_hint.setText("")
            return
        from clerk_app.domain.id_numbers import validate_id_number
        from clerk_app.errors import DomainError

        try:
            info = validate_id_number(text, today=self.ctx.now().date())
        except DomainError as exc:
            self.id_hint.setStyleSheet("color: #b00020;")
            self.id_hint.setText(message(exc.message))  # the domain speaks Chinese
        else:
            self.id_hint.setStyleSheet("color: #1b7f3b;")
            self.id_hint.setText(arg(self.tr("证件号码有效（%1 出生）"), f"{info.birth_date:%Y-%m-%d}"))

    @Slot()
    def _on_read_card(self) -> None:
        if self._read_id_card is None:
            self._fail(self.tr("未配置身份证读卡器：请手工输入证件号码。"))
            return
        self.status_message.emit(self.tr("请将身份证放在读卡器上……"))
        self._read_id_card(self.fill_from_card, self._fail)

    def fill_from_card(self, card: dict[str, Any]) -> None:
        self._card = dict(card)
        self.kind.setCurrentIndex(0)
        self.id_number.setText(card.get("id_number", ""))
        self.name.setText(card.get("name", ""))
        self.address.setText(card.get("address", ""))
        self.phone.setFocus()

    @Slot()
    def _submit_applicant(self) -> None:
        kind = ApplicantKind(self.kind.currentData())
        delegation = None
        if self.is_agent.isChecked():
            valid_to = self.delegation_valid_to.date().toPython()
            delegation = Delegation(agent_id="", scope=self.delegation_scope.text(), valid_to=valid_to,
                                    liabilities_acknowledged=self.delegation_ack.isChecked())

        def work() -> tuple[Applicant, Applicant | None, Delegation | None]:
            applicant = svc.register_applicant(self.ctx, self.actor, kind=kind, name=self.name.text(),
                                               id_number=self.id_number.text(), phone=self.phone.text(),
                                               address=self.address.text())
            agent = None
            if delegation is not None:
                delegation.check(self.ctx.now().date())
                agent = svc.register_applicant(self.ctx, self.actor, kind=ApplicantKind.PERSON,
                                               name=self.agent_name.text(), id_number=self.agent_id_number.text())
            return applicant, agent, delegation

        self.runner.run(work, on_success=self._applicant_done, on_error=self._fail)

    def _applicant_done(self, result: tuple[Applicant, Applicant | None, Delegation | None]) -> None:
        applicant, agent, delegation = result
        if self.cases:  # back on this step after receiving: a different person means receiving anew
            first = self.cases[0]
            self._stale = self._stale or (applicant.id, agent.id if agent else None) != (first.applicant_id, first.agent_id)
        self.applicant, self.agent = applicant, agent
        self._delegation = delegation or self._delegation
        self.matter_search.clear()
        self._refresh_matters()
        self._go(1)

    # -- step 2: matter -------------------------------------------------------------------------
    def _build_matter_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.matter_search = QLineEdit(objectName="matterSearch",
                                       placeholderText=self.tr("输入事项名称、关键词或拼音首字母（如 gtgsh），↓ 选择，Enter 确认"))
        self.matter_list = QListWidget(objectName="matterList")
        self.matter_detail = QLabel(objectName="matterDetail")
        self.matter_detail.setWordWrap(True)
        self.bundle_label = QLabel(objectName="bundleMatters")
        self.bundle_label.setWordWrap(True)
        self.bundle_label.setStyleSheet("color: #1b4f9c;")
        self.add_to_bundle = QPushButton(self.tr("加入联办（Ctrl+J）"), objectName="addToBundle")
        self.clear_bundle = QPushButton(self.tr("清空联办事项"), objectName="clearBundle")
        bundle_row = QHBoxLayout()
        bundle_row.addWidget(self.bundle_label, 1)
        bundle_row.addWidget(self.add_to_bundle)
        bundle_row.addWidget(self.clear_bundle)
        layout.addWidget(self.matter_search)
        layout.addWidget(self.matter_list, 1)
        layout.addWidget(self.matter_detail)
        layout.addLayout(bundle_row)
        self.add_to_bundle.clicked.connect(self.add_current_to_bundle)
        self.clear_bundle.clicked.connect(self._clear_bundle)
        QShortcut(QKeySequence("Ctrl+J"), page, activated=self.add_current_to_bundle,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._show_bundle()
        self.matter_search.textChanged.connect(lambda _t: self._refresh_matters())
        self.matter_search.returnPressed.connect(self._choose_matter)
        self.matter_list.itemActivated.connect(lambda _i: self._choose_matter())
        self.matter_list.currentItemChanged.connect(self._show_matter)
        return page

    def _index(self):  # type: ignore[no-untyped-def]
        if self._matter_index is None or self._matter_index.catalogue is not self.ctx.catalogue:
            from clerk_app.services.catalogue_search import MatterIndex

            self._matter_index = MatterIndex(self.ctx.catalogue)
        return self._matter_index

    def _refresh_matters(self) -> None:
        self.matter_list.clear()
        for m in self._index().search(self.matter_search.text()):
            item = QListWidgetItem(arg(self.tr("%1　（%2，承诺时限 %3）"), m.name, m.department, m.promise_limit))
            item.setData(Qt.ItemDataRole.UserRole, m.code)
            self.matter_list.addItem(item)
        if self.matter_list.count():
            self.matter_list.setCurrentRow(0)
        if self.cases and not self.matter_search.text() and not self.bundle_codes:
            # back on this step: the matter already received stays highlighted (Enter keeps it)
            for row in range(self.matter_list.count()):
                if self.matter_list.item(row).data(Qt.ItemDataRole.UserRole) == self.cases[0].matter_code:
                    self.matter_list.setCurrentRow(row)
                    break

    def _show_matter(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None = None) -> None:
        if item is None:
            self.matter_detail.clear()
            return
        m = self.ctx.catalogue.by_code(item.data(Qt.ItemDataRole.UserRole))
        flags = [f for f, on in ((self.tr("可告知承诺"), m.tell_commit_eligible), (self.tr("可容缺受理"), m.rongque_allowed)) if on]
        if m.special_procedures:
            flags.append(arg(self.tr("特别程序：%1"), "、".join(m.special_procedures)))
        self.matter_detail.setText(arg(self.tr("受理条件：%1　收费：%2　%3"), m.accept_conditions or "—", m.fee,
                                       "　".join(flags)))

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.steps.currentIndex() == 1 and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            row = self.matter_list.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
            self.matter_list.setCurrentRow(max(0, min(row, self.matter_list.count() - 1)))
            return
        super().keyPressEvent(event)

    def _show_bundle(self) -> None:
        names = [self.ctx.catalogue.by_code(c).name for c in self.bundle_codes]
        self.bundle_label.setText(
            arg(self.tr("联办事项（%1 项）：%2。再选一项按 Ctrl+J 加入，Enter 一并接件。"), len(names), "、".join(names))
            if names else self.tr("同一申请人办多个事项（联办件）：选中事项后按 Ctrl+J 加入联办。"))
        self.clear_bundle.setVisible(bool(names))

    @Slot()
    def add_current_to_bundle(self) -> None:
        """Picks the highlighted matter for a joint application and clears the search for the next."""
        item = self.matter_list.currentItem()
        if item is None:
            self._fail(self.tr("没有匹配的事项：请换个关键词，或确认该事项已授权综合窗口受理。"))
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        if code not in self.bundle_codes:
            self.bundle_codes.append(code)
        self._show_bundle()
        self.matter_search.clear()
        self.matter_search.setFocus()

    def _clear_bundle(self) -> None:
        self.bundle_codes = []
        self._show_bundle()
        self.matter_search.setFocus()

    @Slot()
    def _choose_matter(self) -> None:
        """Enter: one matter opens one case; with matters picked for a joint application, the
        highlighted one (when something was typed) joins them and all are received together."""
        item = self.matter_list.currentItem()
        if self.applicant is None or (item is None and not self.bundle_codes):
            self._fail(self.tr("没有匹配的事项：请换个关键词，或确认该事项已授权综合窗口受理。"))
            return
        applicant_id = self.applicant.id
        agent_id = self.agent.id if self.agent else None
        delegation = self._delegation
        if self.bundle_codes and item is not None and self.matter_search.text().strip():
            self.add_current_to_bundle()
        codes = list(self.bundle_codes) or [item.data(Qt.ItemDataRole.UserRole)]  # type: ignore[union-attr]
        if self.cases and not self._stale and sorted(codes) == sorted(c.matter_code for c in self.cases):
            # back and forth without a change: the same cases with their checks, as stored
            numbers = [c.number for c in self.cases]
            self.runner.run(lambda: [svc.get_case(self.ctx, self.actor, n) for n in numbers],
                            on_success=self._cases_opened, on_error=self._fail)
            return
        # A changed matter or applicant after receiving: the first cases are withdrawn (their history says
        # why) and the intake is received anew; nothing official was issued for them.
        replaced = [c.number for c in self.cases if c.state is CaseState.RECEIVED]

        def work() -> list[Case]:
            if replaced:
                intakes.withdraw_intake(self.ctx, self.actor, replaced, intakes.REPLACED_REASON)
            if len(codes) > 1:
                return bundles.open_bundle(self.ctx, self.actor, codes, applicant_id, agent_id=agent_id,
                                           delegation=delegation)
            return [svc.open_case(self.ctx, self.actor, matter_code=codes[0], applicant_id=applicant_id,
                                  agent_id=agent_id, delegation=delegation)]
        self.runner.run(work, on_success=self._cases_opened, on_error=self._fail)

    def _case_opened(self, case: Case) -> None:
        self._cases_opened([case])

    def _cases_opened(self, cases: list[Case]) -> None:
        self.cases, self.case, self._decision_index = list(cases), cases[0], 0
        self._stale = False
        self._fill_materials()
        self._go(2)
        self.status_message.emit(arg(self.tr("已接件：%1"), "、".join(c.number for c in cases)))

    # -- step 3: materials ----------------------------------------------------------------------
    def _build_materials_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.materials = QTableWidget(0, 6, objectName="materials")
        self.materials.setHorizontalHeaderLabels([self.tr("材料名称"), self.tr("形式/份数"), self.tr("必要性"), self.tr("核验结果"),
                                                  self.tr("问题及补正要求"), self.tr("影像")])
        self.materials.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.materials.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3, 5):  # 形式/份数 "原件和复印件 ×1" and the rest shown whole, never clipped
            self.materials.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.materials.verticalHeader().setVisible(False)
        hint = QLabel(self.tr("快捷键：选中一行后按 1 已收、2 缺少、3 不符合要求、4 不适用，P 拍照；Ctrl+Enter 下一步"))
        hint.setStyleSheet("color: #5f6b7a;")
        buttons = QHBoxLayout()
        self.all_received = QPushButton(self.tr("全部必要材料已收"), objectName="allReceived")
        self.form_button = QPushButton(self.tr("填写申请表（F3）"), objectName="fillForm")
        QShortcut(QKeySequence("F3"), page, activated=self.open_form,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.materials_next = QPushButton(self.tr("下一步：受理决定"), objectName="materialsNext")
        buttons.addWidget(self.all_received)
        buttons.addWidget(self.form_button)
        buttons.addStretch(1)
        buttons.addWidget(self.materials_next)
        layout.addWidget(self.materials, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        self.all_received.clicked.connect(self._mark_all_received)
        self.form_button.clicked.connect(self.open_form)
        self.materials_next.clicked.connect(self._to_decision)
        # Scoped to this page: digits typed anywhere else (an ID number) must stay digits.
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+Return"), page, activated=self._to_decision, context=scope)
        for key, status in (("1", MaterialStatus.SUBMITTED), ("2", MaterialStatus.MISSING),
                            ("3", MaterialStatus.DEFECTIVE), ("4", MaterialStatus.NOT_APPLICABLE)):
            QShortcut(QKeySequence(key), self.materials, activated=lambda s=status: self._set_current_row(s),
                      context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("P"), self.materials, activated=lambda: self.capture_row(self.materials.currentRow()),
                  context=Qt.ShortcutContext.WidgetShortcut)
        return page

    def _fill_materials(self) -> None:
        assert self.case is not None
        from clerk_app.services.forms import form_for_matter

        self.form_button.setVisible(any(form_for_matter(c.matter_code) is not None for c in self.cases))
        self.rows = shared_materials(self.cases)
        by_number = {c.number: c for c in self.cases}
        joint = len(self.cases) > 1
        self.materials.setRowCount(len(self.rows))
        for row, line in enumerate(self.rows):
            number, seq = line.lines[0]
            spec = self.ctx.catalogue.by_code(by_number[number].matter_code).material(seq)
            name = f"{row + 1}. {line.name}" if joint else f"{seq}. {line.name}"
            if line.shared:
                name += arg(self.tr("（%1 个事项共用，拍一次即可）"), len(line.lines))
            elif joint:
                name += arg(self.tr("（%1）"), by_number[number].matter_name)
            name_item = QTableWidgetItem(name)
            name_item.setToolTip(name)  # a joint checklist's names are long; the column cuts them
            self.materials.setItem(row, 0, name_item)
            self.materials.setItem(row, 1, QTableWidgetItem(f"{spec.form.value} ×{spec.copies}"))
            self.materials.setItem(row, 2, QTableWidgetItem(label(line.necessity)))
            combo = QComboBox()
            for status in STATUS_CHOICES:
                combo.addItem(label(status), status)
            combo.setCurrentIndex(STATUS_CHOICES.index(line.status))
            combo.currentIndexChanged.connect(lambda _i, r=row: self._save_line(r))
            self.materials.setCellWidget(row, 3, combo)
            note = QLineEdit(line.note, maxLength=500)
            note.editingFinished.connect(lambda r=row: self._save_line(r))
            self.materials.setCellWidget(row, 4, note)
            shot = QPushButton(self.tr("已拍照 ✔") if line.attachment else (self.tr("拍照") if self._capture else self.tr("导入文件")))
            shot.clicked.connect(lambda _c=False, r=row: self.capture_row(r))
            self.materials.setCellWidget(row, 5, shot)
        self.materials.setCurrentCell(0, 0)

    def _form_case(self) -> Case | None:
        """In a joint application F3 opens the form of the highlighted material's matter."""
        row = self.materials.currentRow()
        if len(self.cases) > 1 and 0 <= row < len(self.rows):
            number = self.rows[row].lines[0][0]
            return next((c for c in self.cases if c.number == number), self.case)
        return self.case

    def _form(self):  # type: ignore[no-untyped-def]
        from clerk_app.services.forms import form_for_matter

        case = self._form_case()
        return form_for_matter(case.matter_code) if case is not None else None

    def open_form(self) -> None:
        """The matter's application form, prefilled from the card (or what was typed) and saved values."""
        from clerk_app.domain.forms import prefill
        from clerk_app.services.forms import form_values, save_form
        from clerk_app.ui.application_form import ApplicationFormDialog

        form, case = self._form(), self._form_case()
        if form is None or case is None:
            self._fail(self.tr("本事项没有录入式申请表，请使用纸质申请表。"))
            return
        number = self._form_number = case.number
        # The card's sex, nation and birth date count only while its number is still the one shown.
        swiped = self._card if self._card.get("id_number") == self.id_number.text() else {}
        card = {**swiped, "name": self.name.text(), "id_number": self.id_number.text(), "address": self.address.text(),
                "phone": self.phone.text(), "agent_name": self.agent.name if self.agent else "",
                "agent_id_number": self.agent.id_number if self.agent else ""}
        values = {**prefill(form, card), **form_values(self.ctx, self.actor, number)}
        dialog = ApplicationFormDialog(form, values, save=lambda v: self.runner.run(
            save_form, self.ctx, self.actor, number, v, on_success=lambda _v: self._form_saved(dialog),
            on_error=lambda m: dialog.failed(m)), parent=self)
        self.form_dialog = dialog
        dialog.open()

    def _form_saved(self, dialog) -> None:  # type: ignore[no-untyped-def]
        from clerk_app.documents.application_print import print_application

        dialog.saved()
        self.status_message.emit(self.tr("申请表已保存，正在生成打印件。"))
        self.runner.run(print_application, self.ctx, self.actor, self._form_number,
                        on_success=self.print_pdf, on_error=self._fail)

    def capture_row(self, row: int) -> None:
        """Photograph the material on the camera ("请您看一下这边的摄像头") or import a file without one."""
        if self.case is None or row < 0 or row >= len(self.rows):
            return
        lines = self.rows[row].lines  # a shared material: one capture, attached to every case that needs it

        def store(data: bytes) -> None:
            self.runner.run(bundles.attach_shared_capture, self.ctx, self.actor, lines, data,
                            on_success=lambda _d: self._captured(row), on_error=self._fail)
        if self._capture is not None:
            self.say("capture")
            self._capture(store, self._fail)
            return
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入材料影像"), start_in(),
                                              self.tr("图片或 PDF (*.jpg *.jpeg *.png *.pdf)"))
        if path:
            from pathlib import Path

            self.runner.run(Path(path).read_bytes, on_success=store, on_error=self._fail)

    def _captured(self, row: int) -> None:
        button = self.materials.cellWidget(row, 5)
        if isinstance(button, QPushButton):
            button.setText(self.tr("已拍照 ✔"))
        self.status_message.emit(self.tr("材料影像已保存。"))

    def _combo(self, row: int) -> QComboBox:
        return self.materials.cellWidget(row, 3)  # type: ignore[return-value]

    def _set_current_row(self, status: MaterialStatus) -> None:
        row = self.materials.currentRow()
        if row < 0:
            return
        self._combo(row).setCurrentIndex(STATUS_CHOICES.index(status))
        if row + 1 < self.materials.rowCount():
            self.materials.setCurrentCell(row + 1, 0)

    def _save_line(self, row: int) -> None:
        assert self.case is not None
        status = MaterialStatus(self._combo(row).currentData())
        note = self.materials.cellWidget(row, 4).text()  # type: ignore[union-attr]
        if status is MaterialStatus.UNCHECKED:
            return
        self.runner.run(bundles.check_shared_material, self.ctx, self.actor, self.rows[row].lines, status, note,
                        on_success=self._cases_updated, on_error=self._fail)

    def _cases_updated(self, changed: list[Case]) -> None:
        by_number = {c.number: c for c in changed}
        self.cases = [by_number.get(c.number, c) for c in self.cases]
        self.case = self.cases[self._decision_index]

    def _mark_all_received(self) -> None:
        assert self.case is not None
        for row, line in enumerate(self.rows):
            target = MaterialStatus.NOT_APPLICABLE if line.necessity is Necessity.OPTIONAL else MaterialStatus.SUBMITTED
            self._combo(row).setCurrentIndex(STATUS_CHOICES.index(target))

    @Slot()
    def _to_decision(self) -> None:
        if self.case is None:
            return
        number = self.case.number
        self.runner.run(svc.intake_options, self.ctx, self.actor, number, on_success=self._show_options, on_error=self._fail)

    # -- step 4: decision -----------------------------------------------------------------------
    def _build_decision_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
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
            b.clicked.connect(lambda _c=False, dec=d: self._decide(dec))
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
        return page

    def _show_options(self, options: dict[IntakeDecision, str | None]) -> None:
        assert self.case is not None
        matter = self.ctx.catalogue.by_code(self.case.matter_code)
        self.bundle_step.setVisible(len(self.cases) > 1)
        self.bundle_step.setText(arg(self.tr("联办件第 %1/%2 件：%3（%4）——每个事项分别作受理决定。"),
                                     self._decision_index + 1, len(self.cases), matter.name, self.case.number))
        self.tell_commit_box.setVisible(matter.tell_commit_eligible)
        self.tell_commit_state.setText(self.tr("已记录") if self.case.tell_commit_offered else self.tr("尚未告知"))
        offer_pending = matter.tell_commit_eligible and not self.case.tell_commit_offered
        for button, d in zip(self.decision_buttons, IntakeDecision, strict=True):
            why = options[d]
            if why is None and offer_pending and d is not IntakeDecision.REJECT:
                why = self.tr("请先告知申请人可选择告知承诺，并记录其选择。")
            button.setEnabled(why is None)
            self.decision_reasons[d].setText("" if why is None else message(why))
        # the proposal comes from the working calendar (holidays and 调休 included), never a holiday
        self.rongque_due.setDate(QDate(svc.default_rongque_due(self.ctx, self.case.matter_code)[0]))
        self._go(3)
        # The 告知承诺 offer is only spoken where the matter allows it; otherwise the phrase that fits the
        # decision the checklist leads to.
        step = ("tell_commit" if matter.tell_commit_eligible
                else "accepted" if options[IntakeDecision.ACCEPT] is None else "incomplete")
        self.say(step)
        enabled = [b for b in self.decision_buttons if b.isEnabled()]
        (self.tell_commit_yes if offer_pending else enabled[0]).setFocus()

    def _record_offer(self, chose: bool) -> None:
        assert self.case is not None
        number = self.case.number

        def work() -> dict[IntakeDecision, str | None]:
            self.case = svc.record_tell_commit_offer(self.ctx, self.actor, number, applicant_chose=chose)
            return svc.intake_options(self.ctx, self.actor, number)
        self.runner.run(work, on_success=self._show_options, on_error=self._fail)

    def _field_error(self, field: QLineEdit | None, text: str) -> None:
        """An error shown under the decision's fields, the field concerned framed in red and focused."""
        for f in (self.reject_reason, self.reject_basis):
            f.setStyleSheet("border: 2px solid #b00020;" if f is field else "")
        self.decision_error.setText(text)
        if field is not None:
            field.setFocus()

    def _decide(self, decision: IntakeDecision) -> None:
        """A formal decision issues numbered notices: it is confirmed first (Enter), or Esc goes back."""
        assert self.case is not None
        if self.dialog_open():
            return
        self._field_error(None, "")
        if decision is IntakeDecision.REJECT:
            for field, text in ((self.reject_reason, self.tr("请填写不予受理的理由。")),
                                (self.reject_basis, self.tr("请填写不予受理的法律依据。"))):
                if not field.text().strip():
                    self._field_error(field, text)
                    return
        case = self.case
        state, mode = {IntakeDecision.ACCEPT: (CaseState.ACCEPTED, AcceptMode.NORMAL),
                       IntakeDecision.ACCEPT_RONGQUE: (CaseState.ACCEPTED, AcceptMode.RONGQUE),
                       IntakeDecision.ACCEPT_TELL_COMMIT: (CaseState.ACCEPTED, AcceptMode.TELL_COMMIT),
                       IntakeDecision.ONE_TIME_NOTICE: (CaseState.PENDING_SUPPLEMENT, None),
                       IntakeDecision.REJECT: (CaseState.REJECTED, None)}[decision]
        from dataclasses import replace

        from clerk_app.documents.templates import KINDS
        from clerk_app.security.masking import mask_id_number, mask_name

        # The case as the decision would leave it (an acceptance has its time), asked of the one notice rule.
        after = replace(case, state=state, accept_mode=mode,
                        accepted_at=(case.accepted_at or self.ctx.now()) if mode is not None else case.accepted_at)
        notices = [KINDS.get(k, k) for k in formal_notices(after)]
        who = self.applicant
        applicant = arg(self.tr("%1（%2）"), mask_name(who.name), mask_id_number(who.id_number)) if who else "—"
        if self.agent is not None:
            applicant += arg(self.tr("，代办人 %1"), mask_name(self.agent.name))
        details: list[str] = []
        if decision is IntakeDecision.ACCEPT_RONGQUE:
            details.append(arg(self.tr("容缺材料补交期限：%1"), self.rongque_due.date().toString("yyyy-MM-dd")))
        if decision is IntakeDecision.REJECT:
            details.append(arg(self.tr("理由：%1"), self.reject_reason.text().strip()))
            details.append(arg(self.tr("法律依据：%1"), self.reject_basis.text().strip()))
        dialog = self.confirm_dialog = DecisionConfirmDialog(
            label(decision), arg(self.tr("办件 %1　%2"), case.number, case.matter_name), applicant, notices, details, self)

        def done(result: int) -> None:
            self._back_from_dialog()
            if result == QDialog.DialogCode.Accepted:
                self._issue(decision)
            else:  # Esc: back on the decision step, on the same button, nothing written
                self.decision_buttons[list(IntakeDecision).index(decision)].setFocus()
        dialog.finished.connect(done)
        dialog.open()

    def _issue(self, decision: IntakeDecision) -> None:
        assert self.case is not None
        rongque_due: date | None = self.rongque_due.date().toPython() if decision is IntakeDecision.ACCEPT_RONGQUE else None
        self.runner.run(svc.decide_intake, self.ctx, self.actor, self.case.number, decision,
                        reason=self.reject_reason.text(), legal_basis=self.reject_basis.text(),
                        rongque_due=rongque_due, on_success=self._decided, on_error=self._fail)

    def _decided(self, case: Case) -> None:
        self.case = case
        if self.cases:
            self.cases[self._decision_index] = case
        if self._decision_index + 1 < len(self.cases):
            # the next matter of the joint application: its own options, its own decision
            self._decision_index += 1
            self.case = self.cases[self._decision_index]
            self.reject_reason.clear()
            self.reject_basis.clear()
            self.status_message.emit(arg(self.tr("%1 已作决定，请继续下一件。"), case.number))
            self._to_decision()
            return
        if len(self.cases) > 1:
            self._bundle_done()
            return
        due = ""
        if case.due_date:
            due = arg(self.tr("承诺办结日期 %1"), f"{case.due_date:%Y-%m-%d}") + (
                self.tr("（暂定：该年度节假日安排尚未发布）") if case.due_provisional else "")
        rq = arg(self.tr("；容缺材料须于 %1 前补交"), f"{case.rongque_due:%Y-%m-%d}") if case.rongque_due else ""
        mode = arg(self.tr("（%1）"), label(case.accept_mode)) if case.accept_mode else ""
        self.done_summary.setText(arg(self.tr("办件编号 %1\n状态：%2%3\n%4"), case.number, label(case.state), mode,
                                      due + rq))
        self._go(4)
        self.case_finished.emit(case)

    def _bundle_done(self) -> None:
        lines = []
        for c in self.cases:
            mode = arg(self.tr("（%1）"), label(c.accept_mode)) if c.accept_mode else ""
            due = arg(self.tr("，承诺办结日期 %1"), f"{c.due_date:%Y-%m-%d}") if c.due_date else ""
            lines.append(arg(self.tr("%1　%2：%3%4%5"), c.number, c.matter_name, label(c.state), mode, due))
        self.done_summary.setText(arg(self.tr("联办件 %1 件\n%2"), len(self.cases), "\n".join(lines)))
        self._go(4)
        # one visit, one rating: the applicant rates the service once, recorded on the first case
        self.case_finished.emit(self.cases[0])

    # -- documents -------------------------------------------------------------------------------
    def print_notices(self) -> None:
        """Each formal notice the decision calls for, numbered once and kept (encrypted) in the case file;
        printing again (Ctrl+P) reprints the same documents with the same 文号 (补打), no new number."""
        if self.case is None:
            return
        from clerk_app.documents.issued import issue_once
        from clerk_app.domain.cases import formal_notices

        # 联办件: every case's own notices, printed together (docs/workbench.md says why not one combined)
        wanted = [(c.number, kind) for c in (self.cases or [self.case]) for kind in formal_notices(c)]
        self.status_message.emit(self.tr("正在生成文书……"))

        def work() -> list:  # type: ignore[type-arg]
            documents = [issue_once(self.ctx, self.actor, number, kind) for number, kind in wanted]
            if self.print_pdf == self._print_with_preview:  # rasterised here, not on the GUI thread
                from clerk_app.documents.printing import pdf_page_images

                self._pages = {id(d.pdf): pdf_page_images(d.pdf) for d in documents}
            return documents

        from PySide6.QtWidgets import QApplication

        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)  # feedback from the first moment

        def done(documents: list) -> None:  # type: ignore[type-arg]
            QApplication.restoreOverrideCursor()
            printed = sum(1 for d in documents if self.print_pdf(d.pdf))
            self._pages = {}
            numbers = "、".join(d.number for d in documents)
            reprint = any(d.reprint for d in documents)
            if printed == len(documents):
                text = (arg(self.tr("已补打文书 %1 份（文号不变：%2）。"), printed, numbers) if reprint else
                        arg(self.tr("已出具文书 %1 份（一式二份），副本已存入办件档案。"), str(printed)))
            elif printed == 0:
                text = arg(self.tr("打印已取消：文书已编号并存入办件档案（%1），按 Ctrl+P 可补打，不另取新号。"), numbers)
            else:
                text = arg(self.tr("已打印 %1 份，取消 %2 份；按 Ctrl+P 可补打，文号不变。"), printed, len(documents) - printed)
            self.last_print_message = text
            self.status_message.emit(text)
            # The documents exist (numbered, in the case file) even if a preview was cancelled: the
            # applicant can now rate the service (issue 15 item 9).
            self.documents_printed.emit(wanted[0][0] if wanted else "")

        def failed(message: str) -> None:
            QApplication.restoreOverrideCursor()
            self._fail(message)
        self.runner.run(work, on_success=done, on_error=failed)

    def _print_with_preview(self, pdf: bytes) -> bool:
        """True when the clerk printed; False when the preview was closed without printing."""
        from clerk_app.documents.printing import print_with_preview

        return print_with_preview(pdf, self, getattr(self, "_pages", {}).get(id(pdf)))

    def print_receipt(self) -> None:
        accepted = [c.number for c in (self.cases or ([self.case] if self.case else [])) if c.accept_mode]
        if not accepted:
            self._fail(self.tr("只有受理的办件才打印受理回执。"))
            return
        from clerk_app.documents.from_case import context_for_case
        from clerk_app.documents.receipts import receipt_escpos

        width = getattr(self.ctx.settings, "printer_width_mm", 80)

        def work() -> bytes:  # one receipt per accepted case, sent as one job
            return b"".join(receipt_escpos(context_for_case(self.ctx, self.actor, n, "acceptance"), width_mm=width)
                            for n in accepted)

        def send(data: bytes) -> None:
            if self._print_receipt is None:
                self._fail(self.tr("未配置小票打印机：请打印 A4 受理通知书代替回执。"))
                return
            self._print_receipt(data, self._fail)
        self.runner.run(work, on_success=send, on_error=self._fail)

    # -- step 5: done ---------------------------------------------------------------------------
    def _build_done_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.done_summary = QLabel(objectName="doneSummary")
        self.done_summary.setStyleSheet("font-size: 18px;")
        self.done_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_case_button = QPushButton(self.tr("接待下一位（Ctrl+N）"), objectName="newCase")
        self.new_case_button.clicked.connect(self.restart)
        self.print_notices_button = QPushButton(self.tr("打印文书（一式二份，Ctrl+P）"), objectName="printNotices")
        self.print_notices_button.clicked.connect(self.print_notices)
        self.print_receipt_button = QPushButton(self.tr("打印受理回执（Ctrl+R）"), objectName="printReceipt")
        self.print_receipt_button.clicked.connect(self.print_receipt)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+P"), page, activated=self.print_notices, context=scope)
        QShortcut(QKeySequence("Ctrl+R"), page, activated=self.print_receipt, context=scope)
        layout.addWidget(self.print_notices_button)
        layout.addWidget(self.print_receipt_button)
        layout.addWidget(self.done_summary)
        layout.addStretch(1)
        layout.addWidget(self.new_case_button)
        return page
