"""The queue bar above the pages: call next (F9), recall (F10), skip, finish, transfer, priority
without a ticket, and how many wait — with the estimate near closing time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QMenu, QPushButton, QWidget

from clerk_app.domain.queue import PriorityReason, Ticket, WaitEstimate
from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services import queue as svc
from clerk_app.services.changes import Changes
from clerk_app.services.context import ServiceContext
from clerk_app.services.distribution import Appointment, appointment_count, appointments_today
from clerk_app.ui.tasks import TaskRunner


class QueueBar(QWidget):
    status_message = Signal(str)
    called = Signal(object)  # Ticket

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.ticket: Ticket | None = None
        self.before_call: Callable[[Callable[[], None]], None] | None = None
        self.current = QLabel(self.tr("当前：—"), objectName="queueCurrent")
        self.current.setStyleSheet("font-size: 16px; font-weight: bold;")
        # Wide enough for the longest ticket text: the buttons beside it never move when it changes.
        longest = arg(self.tr("当前：%1（%2）"), "Y000", max((r.value for r in PriorityReason), key=len))
        self.current.setMinimumWidth(self.current.fontMetrics().horizontalAdvance(longest) * 16 // 13 + 24)
        self.call_button = QPushButton(self.tr("叫号（F9）"), objectName="callNext")
        self.recall_button = QPushButton(self.tr("重呼（F10）"), objectName="recall")
        self.skip_button = QPushButton(self.tr("过号"), objectName="skip")
        self.finish_button = QPushButton(self.tr("办结本号"), objectName="finishTicket")
        self.transfer_button = QPushButton(self.tr("转窗口"), objectName="transferTicket")
        self.priority_button = QPushButton(self.tr("优先服务"), objectName="priority")
        menu = QMenu(self.priority_button)
        for reason in PriorityReason:
            menu.addAction(reason.value, lambda r=reason: self.take_priority(r))
        self.priority_button.setMenu(menu)
        self.waiting = QLabel(objectName="queueWaiting")
        # May wrap onto two lines rather than push the window past a 1200 px screen (issue 15 item 13).
        self.waiting.setWordWrap(True)
        # The day's appointments from the center: a count on the bar; the masked list (audited) on click.
        self.appointments_button = QPushButton(objectName="appointments")
        self.appointments_button.setVisible(False)
        self.appointments_button.clicked.connect(self._show_appointments)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.current, self.call_button, self.recall_button, self.skip_button, self.finish_button,
                  self.transfer_button, self.priority_button):
            row.addWidget(w)
        row.addWidget(self.appointments_button)
        # The free width goes to the waiting count (a stretch beside it squeezed a wrapping label to a
        # sliver); it wraps only when even that is not enough, never narrower than half its sentence.
        row.addWidget(self.waiting, 1)
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        sample = arg(self.tr("等候 %1 人，预计约 %2 分钟"), 99, 999)
        self.waiting.setMinimumWidth(self.waiting.fontMetrics().horizontalAdvance(sample) // 2 + 8)
        # As tall as two lines of the waiting count from the start: when that text wraps (or stops
        # wrapping) the bar keeps its height, so the buttons a clerk aims at never move.
        two_lines = 2 * self.waiting.fontMetrics().lineSpacing() + 4
        self.setFixedHeight(max(two_lines, self.call_button.sizeHint().height(), self.current.sizeHint().height()))
        self.call_button.clicked.connect(self.call_next)
        self.recall_button.clicked.connect(self._recall)
        self.skip_button.clicked.connect(lambda: self._on_current(svc.skip, self.tr("%1 号已过号。")))
        self.finish_button.clicked.connect(lambda: self._on_current(svc.finish, self.tr("%1 号已办结。")))
        self.transfer_button.clicked.connect(self._transfer)
        QShortcut(QKeySequence("F9"), self, activated=self.call_next)
        QShortcut(QKeySequence("F10"), self, activated=self._recall)
        self._timer = QTimer(self, interval=30_000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        runner.changes_applied.connect(self._on_changes)  # tickets taken elsewhere, appointments from a sync
        self._show(None)
        self.refresh()

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        if changes & (Changes.QUEUE | Changes.APPOINTMENTS):
            self.refresh()

    def refresh(self) -> None:
        self.runner.run(svc.wait_estimate, self.ctx, on_success=self._show_wait, on_error=self.status_message.emit)
        self.runner.run(svc.current, self.ctx, on_success=self._show, on_error=self.status_message.emit)
        self.runner.run(appointment_count, self.ctx, self.actor, on_success=self._show_appointment_count,
                        on_error=self.status_message.emit)

    def _show_appointment_count(self, n: int) -> None:
        self.appointments_button.setText(arg(self.tr("预约 %1"), n))
        self.appointments_button.setVisible(n > 0)

    def _show_appointments(self) -> None:
        def show(items: list[Appointment]) -> None:
            menu = QMenu(self.appointments_button)
            menu.setObjectName("appointmentList")
            menu.addSection(self.tr("今日预约"))
            for a in items:
                menu.addAction("  ".join((a.slot, a.name_masked, a.phone_masked, a.matter_name))).setEnabled(False)
            self._appointment_menu = menu
            menu.popup(self.appointments_button.mapToGlobal(self.appointments_button.rect().bottomLeft()))
        self.runner.run(appointments_today, self.ctx, self.actor, on_success=show, on_error=self.status_message.emit)

    def _show(self, ticket: Ticket | None) -> None:
        self.ticket = ticket
        if ticket is None:
            self.current.setText(self.tr("当前：—"))
        elif ticket.reason:
            self.current.setText(arg(self.tr("当前：%1（%2）"), ticket.number, ticket.reason))
        else:
            self.current.setText(arg(self.tr("当前：%1"), ticket.number))
        busy = ticket is not None
        self.call_button.setEnabled(not busy)
        for b in (self.recall_button, self.skip_button, self.finish_button, self.transfer_button):
            b.setEnabled(busy)

    def _show_wait(self, est: WaitEstimate) -> None:
        minutes = int(est.estimated.total_seconds() // 60)
        text = arg(self.tr("等候 %1 人，预计约 %2 分钟"), est.waiting, minutes)
        if est.past_closing:
            text += self.tr("（超过下班时间：请安排延时服务或征得同意后邮寄办理）")
        self.waiting.setText(text)
        self.waiting.setStyleSheet("color: #b00020;" if est.past_closing else "")

    def call_next(self) -> None:
        """F9. ``before_call`` (the intake wizard's) may first settle an open intake, or keep the clerk on it."""
        if self.before_call is not None:
            self.before_call(self._call_next)
            return
        self._call_next()

    def _call_next(self) -> None:
        self.runner.run(svc.call_next, self.ctx, self.actor, on_success=self._called, on_error=self.status_message.emit)

    def _called(self, ticket: Ticket | None) -> None:
        if ticket is None:
            self.status_message.emit(self.tr("没有等候的号。"))
            return
        self._show(ticket)
        self.status_message.emit(arg(self.tr("请 %1 号到 %2 号窗口办理"), ticket.number, self.ctx.settings.window))
        self.called.emit(ticket)
        self.refresh()

    def _recall(self) -> None:
        self._on_current(svc.recall, self.tr("%1 号已重呼。"))

    def _on_current(self, fn, done_text: str) -> None:  # type: ignore[no-untyped-def]
        """``done_text`` is a whole translated sentence with the ticket number as %1."""
        def done(t: Ticket) -> None:
            self.status_message.emit(arg(done_text, t.number))
            self.refresh()
        self.runner.run(fn, self.ctx, self.actor, on_success=done, on_error=self.status_message.emit)

    def _transfer(self) -> None:
        """转窗口: picked from the center's windows (settings center_windows), never typed freely."""
        own = self.ctx.settings.window
        windows = [w.strip() for w in self.ctx.settings.center_windows.split(",") if w.strip() and w.strip() != own]
        if not windows:
            self.status_message.emit(self.tr("未配置本中心的其他窗口（设置项 center_windows）：请联系信息技术人员。"))
            return
        labels = [arg(self.tr("%1号窗口"), w) for w in windows]
        choice, ok = QInputDialog.getItem(self, self.tr("转窗口"), self.tr("转至："), labels, 0, False)
        window = windows[labels.index(choice)] if ok and choice in labels else ""
        if window:
            self._on_current(lambda c, a: svc.transfer(c, a, window), self.tr("%1 号已转窗口。"))

    def take_priority(self, reason: PriorityReason) -> None:
        def issued(t: Ticket) -> None:
            self.status_message.emit(arg(self.tr("已登记优先服务 %1（%2），下一个叫号即为此号。"), t.number, reason.value))
            self.refresh()
        self.runner.run(svc.take_ticket, self.ctx, self.actor, priority=reason, on_success=issued,
                        on_error=self.status_message.emit)
