"""The intake's way back and way out, under every step: back one step, park (暂存) or withdraw (撤回)
an intake without a decision, and what to do with an open intake when the next ticket is called."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget

from clerk_app.domain.cases import CaseState
from clerk_app.i18n import arg
from clerk_app.services import intakes
from clerk_app.ui.intake.dialogs import OpenIntakeChoice, OpenIntakeDialog, WithdrawDialog

if TYPE_CHECKING:
    from clerk_app.ui.intake.wizard import IntakeWizard


class WayOutBar(QWidget):
    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__()
        self.wizard = wizard
        self.withdraw_dialog: WithdrawDialog | None = None
        self.open_dialog: OpenIntakeDialog | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.back_button = QPushButton(self.tr("← 上一步（Esc / Alt+←）"), objectName="stepBack")
        self.park_button = QPushButton(self.tr("暂存，稍后继续（Ctrl+S）"), objectName="parkIntake")
        self.withdraw_button = QPushButton(self.tr("撤回本次接件……"), objectName="withdrawIntake")
        self.back_button.clicked.connect(wizard.go_back)
        self.park_button.clicked.connect(lambda: self.park())
        self.withdraw_button.clicked.connect(lambda: self.ask_withdraw())
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.park_button)
        row.addWidget(self.withdraw_button)

    def show_for(self, index: int) -> None:
        """Back while an earlier step may be visited; park and withdraw while the intake is open."""
        w = self.wizard
        open_intake = w.has_open_intake() and index != 4
        self.back_button.setVisible(index > 0 and w.can_visit(index - 1))
        self.park_button.setVisible(open_intake)
        self.withdraw_button.setVisible(open_intake)
        # with nothing to offer the bar takes no room (no spacing either), as an empty row of the page
        self.setVisible(not (self.back_button.isHidden() and self.park_button.isHidden()
                             and self.withdraw_button.isHidden()))

    def dialog_open(self) -> bool:
        return any(d is not None and d.isVisible() for d in (self.withdraw_dialog, self.open_dialog))

    def park(self, then: Callable[[], None] | None = None) -> None:
        w = self.wizard
        if not w.has_open_intake():
            return
        # a joint application part-decided: only the matters still without a decision wait
        numbers = [c.number for c in w.cases if c.state is CaseState.RECEIVED]

        def parked(_r: object) -> None:
            w.restart()
            w.status_message.emit(arg(self.tr("已暂存 %1：在“① 申请人”页的未完成接件中可继续办理。"), "、".join(numbers)))
            if then is not None:
                then()
        w.runner.run(intakes.park_intake, w.ctx, w.actor, numbers, on_success=parked, on_error=w.fail)

    def ask_withdraw(self, then: Callable[[], None] | None = None, numbers: list[str] | None = None) -> None:
        w = self.wizard
        numbers = numbers or [c.number for c in w.cases if c.state is CaseState.RECEIVED]
        if not numbers:
            return
        dialog = self.withdraw_dialog = WithdrawDialog("、".join(numbers), w)

        def done(result: int) -> None:
            w.back_from_dialog()
            if result != QDialog.DialogCode.Accepted:
                return
            reason = dialog.reason.text()

            def withdrawn(_cases: object) -> None:
                if any(c.number in numbers for c in w.cases):
                    w.restart()
                else:
                    w.applicant_step.refresh_unfinished()
                w.status_message.emit(arg(self.tr("已撤回 %1。"), "、".join(numbers)))
                if then is not None:
                    then()
            w.runner.run(intakes.withdraw_intake, w.ctx, w.actor, numbers, reason, on_success=withdrawn, on_error=w.fail)
        dialog.finished.connect(done)
        dialog.open()

    def settle_before_next(self, proceed: Callable[[], None]) -> None:
        """The next ticket (F9): an intake without a decision is parked, withdrawn, or the clerk stays."""
        w = self.wizard
        if not w.has_open_intake():
            proceed()
            return
        dialog = self.open_dialog = OpenIntakeDialog("、".join(c.number for c in w.cases), w)

        def done(result: int) -> None:
            w.back_from_dialog()
            if result != QDialog.DialogCode.Accepted:
                return
            if dialog.choice is OpenIntakeChoice.PARK:
                self.park(then=proceed)
            elif dialog.choice is OpenIntakeChoice.WITHDRAW:
                self.ask_withdraw(then=proceed)
        dialog.finished.connect(done)
        dialog.open()
