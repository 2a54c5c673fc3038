"""The intake wizard, keyboard-first: applicant → matter → materials → decision → done.

A small coordinator: it holds the intake being received (the applicant, the cases, which one is being
decided), moves between the step widgets of this package, speaks the service phrase and shows errors.
Each step does its own page's work through the TaskRunner; what may be decided, and why not, comes
from ``services.cases.intake_options`` — the wizard only shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget
from qasync import asyncSlot

from clerk_app.domain.applicants import Applicant, Delegation
from clerk_app.domain.cases import Case, CaseState, MaterialStatus
from clerk_app.domain.matters import Necessity
from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services import cases as svc
from clerk_app.services.catalogue_search import preload_dictionary
from clerk_app.services.context import ServiceContext
from clerk_app.services.phrases import limit_words, listed, outcome_step, phrase_for
from clerk_app.ui.intake.applicant import ApplicantStep, ReadIdCard
from clerk_app.ui.intake.decision import DecisionStep
from clerk_app.ui.intake.documents import DoneStep, PrintReceipt
from clerk_app.ui.intake.materials import Capture, MaterialsStep
from clerk_app.ui.intake.matter import MatterStep
from clerk_app.ui.intake.way_out import WayOutBar
from clerk_app.ui.tasks import TaskFailed, TaskRunner

STEP_TITLES = (QT_TRANSLATE_NOOP("IntakeWizard", "① 申请人"), QT_TRANSLATE_NOOP("IntakeWizard", "② 办理事项"),
               QT_TRANSLATE_NOOP("IntakeWizard", "③ 材料核验"), QT_TRANSLATE_NOOP("IntakeWizard", "④ 受理决定"),
               QT_TRANSLATE_NOOP("IntakeWizard", "⑤ 完成"))
STEP_PHRASES = ("identity", "matter", "materials", "tell_commit", "accepted")
DONE = 4


class IntakeWizard(QWidget):
    case_finished = Signal(object)  # Case
    documents_printed = Signal(str)  # the (first) case number: the applicant holds the papers, may now rate
    status_message = Signal(str)

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner,
                 read_id_card: ReadIdCard | None = None, capture: Capture | None = None,
                 print_receipt: PrintReceipt | None = None) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.applicant: Applicant | None = None
        self.agent: Applicant | None = None
        self.delegation: Delegation | None = None
        self.case: Case | None = None  # the case being decided (the first of a bundle before that)
        self.cases: list[Case] = []  # every case of this intake: one, or a joint application's (联办件)
        self.decision_index = 0
        self.stale = False  # the applicant was changed after the cases were received: receive anew
        self.header = QLabel(objectName="intakeHeader")
        self.header.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.header.setVisible(False)  # the step bar below shows the same; kept as the steps' text
        self.phrase = QLabel(objectName="phrase")
        self.phrase.setWordWrap(True)
        self.phrase.setStyleSheet("color: #5f6b7a; font-style: italic;")
        self.error = QLabel(objectName="intakeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.applicant_step = ApplicantStep(self, read_id_card)
        self.matter_step = MatterStep(self)
        self.materials_step = MaterialsStep(self, capture)
        self.decision_step = DecisionStep(self)
        self.done_step = DoneStep(self, print_receipt)
        self.way_out = WayOutBar(self)
        self.print_pdf: Callable[[bytes], bool] = self.done_step.print_with_preview
        self.steps = QStackedWidget()
        for page in (self.applicant_step, self.matter_step, self.materials_step, self.decision_step, self.done_step):
            self.steps.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(self._build_step_bar())
        layout.addWidget(self.phrase)
        layout.addWidget(self.error)  # above the page, not ~550 px below the field it speaks about
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.way_out)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.restart)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys in ("Esc", "Alt+Left"):
            QShortcut(QKeySequence(keys), self, activated=self.go_back, context=scope)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=lambda: self.way_out.park(), context=scope)
        self.go(0)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        # pypinyin's dictionaries load in the background from here, while the clerk is still on the applicant
        # step; a wizard built and never shown (``--self-test``'s main window) does not load them (~0.15 s CPU).
        preload_dictionary()
        super().showEvent(event)

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

    def has_open_intake(self) -> bool:
        """Cases received and not yet decided: what the next ticket must not silently leave behind."""
        return any(c.state is CaseState.RECEIVED for c in self.cases)

    def _decided_any(self) -> bool:
        return any(c.state is not CaseState.RECEIVED for c in self.cases)

    def can_visit(self, index: int) -> bool:
        """Earlier steps, while nothing of this intake has a formal decision (it cannot be taken back)."""
        current = self.steps.currentIndex()
        return index < current and current != DONE and not self._decided_any()

    @Slot()
    def go_back(self) -> None:
        if self.dialog_open():
            return
        self.visit(self.steps.currentIndex() - 1)

    def visit(self, index: int) -> None:
        if index < 0 or not self.can_visit(index):
            if self._decided_any() and self.steps.currentIndex() != DONE:
                self.fail(self.tr("联办件中已有事项作出决定，不能再返回修改；请继续作出其余事项的决定。"))
            return
        if index == 1:
            self.matter_step.refresh()
        self.go(index)

    def _show_steps(self, index: int) -> None:
        for i, b in enumerate(self.step_buttons):
            b.setEnabled(i == index or self.can_visit(i))
            # a border in the style makes Qt paint the flat button's background: the current step stands out
            b.setStyleSheet("QPushButton { font-weight: bold; color: white; background: #1b4f9c; border: none;"
                            " border-radius: 3px; padding: 4px 10px; }" if i == index else
                            "QPushButton { border: none; padding: 4px 10px; color: #1b4f9c; }"
                            " QPushButton:disabled { color: #9aa5b1; }")
        self.way_out.show_for(index)

    def go(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        titles = [QCoreApplication.translate("IntakeWizard", t) for t in STEP_TITLES]
        self.header.setText("　".join(arg(self.tr("【%1】"), t) if i == index else t for i, t in enumerate(titles)))
        self._show_steps(index)
        if index == 0:
            self.applicant_step.refresh_unfinished()
        step = STEP_PHRASES[index]
        if index == DONE and self.case is not None:  # what is said at the end depends on what was decided
            step = outcome_step(self.case.state.value)
        self.say(step)
        self.error.clear()
        self.applicant_step.mark_field(None)
        focus = {0: self.applicant_step.id_number, 1: self.matter_step.matter_search,
                 2: self.materials_step.materials, 3: self.decision_step.decision_buttons[0],
                 DONE: self.done_step.new_case_button}[index]
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

    def fail(self, message: str) -> None:
        """One sentence at the top of the page; on the applicant step the field it concerns is framed
        and focused."""
        self.error.setText(message)
        self.status_message.emit(message)
        if self.steps.currentIndex() == 0:
            self.applicant_step.show_error(message)
        else:
            self.applicant_step.mark_field(None)

    def back_from_dialog(self) -> None:
        """Keys go to the wizard's window again (not every platform reactivates it after a dialog)."""
        self.window().activateWindow()

    def dialog_open(self) -> bool:
        confirm = self.decision_step.confirm_dialog
        return self.way_out.dialog_open() or (confirm is not None and confirm.isVisible())

    def settle_before_next(self, proceed: Callable[[], None]) -> None:
        self.way_out.settle_before_next(proceed)

    @Slot()
    def restart(self) -> None:
        self.applicant = self.agent = self.case = None
        self.cases = []
        self.materials_step.rows = []
        for step in (self.applicant_step, self.matter_step, self.decision_step):
            step.clear()
        self.go(0)

    # -- from one step to the next -------------------------------------------------------------------
    def applicant_done(self, applicant: Applicant, agent: Applicant | None, delegation: Delegation | None) -> None:
        if self.cases:  # back on this step after receiving: a different person means receiving anew
            first = self.cases[0]
            self.stale = self.stale or (applicant.id, agent.id if agent else None) != (first.applicant_id, first.agent_id)
        self.applicant, self.agent = applicant, agent
        self.delegation = delegation or self.delegation
        self.matter_step.matter_search.clear()
        self.matter_step.refresh()
        self.go(1)

    def resumed(self, cases: list[Case], applicant: Applicant, agent: Applicant | None) -> None:
        self.restart()
        self.applicant, self.agent, self.delegation = applicant, agent, None
        self.applicant_step.show_applicant(applicant, agent)
        self.matter_step.bundle_codes = [c.matter_code for c in cases] if len(cases) > 1 else []
        self.matter_step.show_bundle()
        self.cases_opened(cases)
        self.status_message.emit(arg(self.tr("继续办理 %1。"), "、".join(c.number for c in cases)))

    def cases_opened(self, cases: list[Case]) -> None:
        self.cases, self.case, self.decision_index = list(cases), cases[0], 0
        self.stale = False
        self.materials_step.fill()
        self.go(2)
        self.status_message.emit(arg(self.tr("已接件：%1"), "、".join(c.number for c in cases)))

    def cases_updated(self, changed: list[Case]) -> None:
        by_number = {c.number: c for c in changed}
        self.cases = [by_number.get(c.number, c) for c in self.cases]
        self.case = self.cases[self.decision_index]

    @asyncSlot()
    async def to_decision(self) -> None:
        """The decision step for the case being decided, with what may be decided and why not."""
        if self.case is None:
            return
        try:
            choices = await self.runner.call(svc.intake_choices, self.ctx, self.actor, self.case.number)
        except TaskFailed as exc:
            self.fail(exc.message)
            return
        self.decision_step.show_choices(choices)

    def decided(self, case: Case) -> None:
        self.case = case
        if self.cases:
            self.cases[self.decision_index] = case
        if self.decision_index + 1 < len(self.cases):
            # the next matter of the joint application: its own options, its own decision
            self.decision_index += 1
            self.case = self.cases[self.decision_index]
            self.decision_step.clear()
            self.status_message.emit(arg(self.tr("%1 已作决定，请继续下一件。"), case.number))
            self.to_decision()
            return
        self.done_step.show_result(self.cases or [case])
        self.go(DONE)
        # one visit, one rating: the applicant rates the service once, recorded on the first case
        self.case_finished.emit(self.cases[0] if len(self.cases) > 1 else case)
