"""The intake's way back and way out, under every step: back one step, park (暂存) or withdraw (撤回)
an intake without a decision, and what to do with an open intake when the next ticket is called."""

from __future__ import annotations

from asyncio import Future
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget
from qasync import asyncSlot

from clerk_app.domain.cases import CaseState
from clerk_app.i18n import arg
from clerk_app.services import intakes
from clerk_app.ui.intake.dialogs import OpenIntakeChoice, OpenIntakeDialog, WithdrawDialog
from clerk_app.ui.tasks import TaskFailed, answer

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

    @asyncSlot()
    async def park(self) -> None:
        """Ctrl+S, or the button."""
        await self.parked()

    async def parked(self) -> bool:
        """The intake's undecided cases wait in the unfinished list; the wizard is cleared."""
        w = self.wizard
        if not w.has_open_intake():
            return False
        # a joint application part-decided: only the matters still without a decision wait
        numbers = [c.number for c in w.cases if c.state is CaseState.RECEIVED]
        try:
            await w.runner.call(intakes.park_intake, w.ctx, w.actor, numbers)
        except TaskFailed as exc:
            w.fail(exc.message)
            return False
        w.restart()
        w.status_message.emit(arg(self.tr("已暂存 %1：在“① 申请人”页的未完成接件中可继续办理。"), "、".join(numbers)))
        return True

    def ask_withdraw(self, numbers: list[str] | None = None) -> None:
        """The button, or the unfinished list's withdraw: the reason is asked at once."""
        asked = self._ask_reason(numbers)
        if asked is not None:
            self._withdraw_when_answered(*asked)

    def _ask_reason(self, numbers: list[str] | None) -> tuple[list[str], Future[int]] | None:
        """The withdraw dialog opened (now: the keys typed next go to it) for the given cases, or the
        intake's undecided ones; None when there is nothing to withdraw."""
        w = self.wizard
        numbers = numbers or [c.number for c in w.cases if c.state is CaseState.RECEIVED]
        if not numbers:
            return None
        self.withdraw_dialog = WithdrawDialog("、".join(numbers), w)
        return numbers, answer(self.withdraw_dialog)

    @asyncSlot()
    async def _withdraw_when_answered(self, numbers: list[str], reply: Future[int]) -> None:
        await self.withdrawn(numbers, reply)

    async def withdrawn(self, numbers: list[str], reply: Future[int]) -> bool:
        """Withdrawn with the reason given, once the clerk confirms the dialog; Esc withdraws nothing."""
        w = self.wizard
        dialog = self.withdraw_dialog
        accepted = await reply == QDialog.DialogCode.Accepted
        w.back_from_dialog()
        if not accepted or dialog is None:
            return False
        try:
            await w.runner.call(intakes.withdraw_intake, w.ctx, w.actor, numbers, dialog.reason.text())
        except TaskFailed as exc:
            w.fail(exc.message)
            return False
        if any(c.number in numbers for c in w.cases):
            w.restart()
        else:
            w.applicant_step.refresh_unfinished()
        w.status_message.emit(arg(self.tr("已撤回 %1。"), "、".join(numbers)))
        return True

    def settle_before_next(self, proceed: Callable[[], None]) -> None:
        """The next ticket (F9): an intake without a decision is parked, withdrawn, or the clerk stays."""
        w = self.wizard
        if not w.has_open_intake():
            proceed()
            return
        dialog = self.open_dialog = OpenIntakeDialog("、".join(c.number for c in w.cases), w)
        self._settle(dialog, answer(dialog), proceed)

    @asyncSlot()
    async def _settle(self, dialog: OpenIntakeDialog, reply: Future[int], proceed: Callable[[], None]) -> None:
        accepted = await reply == QDialog.DialogCode.Accepted
        self.wizard.back_from_dialog()
        if not accepted:
            return
        # the ticket is called only once the intake is settled (parked, or withdrawn with a reason)
        settled = False
        if dialog.choice is OpenIntakeChoice.PARK:
            settled = await self.parked()
        elif dialog.choice is OpenIntakeChoice.WITHDRAW:
            asked = self._ask_reason(None)
            settled = asked is not None and await self.withdrawn(*asked)
        if settled:
            proceed()
