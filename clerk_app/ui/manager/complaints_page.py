"""办不成事 and complaint ledger: the items, their step and deadline, and the next step taken here."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from clerk_app.domain.complaints import Step, next_step
from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services import complaints
from clerk_app.services.context import ServiceContext
from clerk_app.services.report_tables import Table
from clerk_app.services.reports import complaint_table
from clerk_app.ui.manager.widgets import fill, make_table, selected_key
from clerk_app.ui.tasks import TaskRunner


class ComplaintsPage(QWidget):
    status_message = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.table_data: Table | None = None
        self.steps: dict[str, Step] = {}
        self.counts = QLabel("", objectName="complaintCounts")
        self.counts.setWordWrap(True)  # one long sentence in English: unwrapped it widened the window past 1200 px
        self.table = make_table("complaintTable")
        self.next_label = QLabel(self.tr("下一环节：—"), objectName="nextStep")
        self.note = QLineEdit(objectName="complaintNote")
        self.note.setPlaceholderText(self.tr("本环节情况说明"))
        self.department = QLineEdit(objectName="complaintDepartment")
        self.department.setPlaceholderText(self.tr("承办部门（派发工单时填写）"))
        self.person = QLineEdit(objectName="complaintPerson")
        self.person.setPlaceholderText(self.tr("承办人"))
        self.advance_button = QPushButton(self.tr("推进到下一环节"), objectName="advanceButton")
        # 第一时间回访核实 (seed 000 §34): the note field says how the complainant was reached
        self.first_call_button = QPushButton(self.tr("登记首次回访核实"), objectName="firstCallButton")
        self.calls: dict[str, bool] = {}
        # The complainant stays （保密） in the table; one item's identity after the password again (audited).
        self.reveal_button = QPushButton(self.tr("查看反映人身份（须再次输入密码，将记录审计）"),
                                         objectName="revealComplainant")
        self.reveal_button.setEnabled(actor.can(complaints.REVEAL))
        self.identity = QLabel("", objectName="complainantIdentity")
        self.reveal_button.clicked.connect(self.reveal)
        self.ask_password = self._ask_password
        for w, name in ((self.note, self.tr("情况说明")), (self.department, self.tr("承办部门")), (self.person, self.tr("承办人"))):
            w.setAccessibleName(name)
        bar = QHBoxLayout()
        bar.addWidget(self.next_label)
        bar.addWidget(self.note, 2)
        bar.addWidget(self.department, 1)
        bar.addWidget(self.person, 1)
        bar.addWidget(self.advance_button)
        bar.addWidget(self.first_call_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        who = QHBoxLayout()
        who.addWidget(self.reveal_button)
        who.addWidget(self.identity, 1)
        layout.addLayout(who)
        layout.addLayout(bar)
        self.table.itemSelectionChanged.connect(self._selection)
        self.advance_button.clicked.connect(self.advance)
        self.first_call_button.clicked.connect(self.first_call)

    def refresh(self) -> None:
        def load():  # type: ignore[no-untyped-def]
            return complaints.list_complaints(self.ctx, self.actor), complaint_table(self.ctx, self.actor)
        self.runner.run(load, on_success=self._show, on_error=self.status_message.emit)

    def _show(self, result) -> None:  # type: ignore[no-untyped-def]
        items, table = result
        self.table_data = table
        self.steps = {c.id: c.step for c in items}
        self.calls = {c.id: c.first_called_at is None for c in items if c.first_call_due is not None}
        late = sum(1 for c in items if c.timeliness.value in ("overdue", "closed_late"))
        calls_late = sum(1 for c in items if c.first_call_overdue and c.first_called_at is None)
        self.counts.setText(arg(self.tr("共 %n 件；超期 %1 件；投诉超时未回访 %2 件。投诉第一时间回访核实，"
                                        "复杂问题 %3 个工作日内办结，本级事权当日转办。", "", len(items)), late, calls_late,
                                self.ctx.settings.complaint_resolve_working_days))
        fill(self.table, table, keys=[c.id for c in items])
        self._selection()
        self.loaded.emit()

    def _selection(self) -> None:
        cid = selected_key(self.table)
        step = next_step(self.steps[cid]) if cid in self.steps else None
        self.next_label.setText(arg(self.tr("下一环节：%1"), step.label if step else "—"))
        self.advance_button.setEnabled(step is not None)
        self.first_call_button.setEnabled(self.calls.get(cid or "", False))
        self.identity.clear()  # a revealed identity never stays on screen for another item

    def advance(self) -> None:
        cid = selected_key(self.table)
        step = next_step(self.steps[cid]) if cid in self.steps else None
        if cid is None or step is None:
            self.status_message.emit(self.tr("请先选中一件未办结的事项。"))
            return
        self.runner.run(complaints.advance, self.ctx, self.actor, cid, step, self.note.text(),
                        department=self.department.text(), person=self.person.text(),
                        on_success=self._advanced, on_error=self.status_message.emit)

    def first_call(self) -> None:
        cid = selected_key(self.table)
        if cid is None or not self.calls.get(cid, False):
            self.status_message.emit(self.tr("请先选中一件尚未回访的投诉。"))
            return
        self.runner.run(complaints.record_first_call, self.ctx, self.actor, cid, self.note.text(),
                        on_success=lambda _r: self._called(), on_error=self.status_message.emit)

    def _called(self) -> None:
        self.note.clear()
        self.status_message.emit(self.tr("已登记首次回访核实。"))

    def _advanced(self, step: Step) -> None:
        for w in (self.note, self.department, self.person):
            w.clear()
        self.status_message.emit(arg(self.tr("已完成“%1”环节。"), step.label))  # the view refreshes on changes_applied

    def reveal(self) -> None:
        cid = selected_key(self.table)
        if cid is None:
            self.status_message.emit(self.tr("请先选中一件事项。"))
            return
        password = self.ask_password()
        if not password:
            return
        from clerk_app.services.reauth import reauthenticate

        def work() -> complaints.Complainant:
            elevation = reauthenticate(self.ctx, self.actor, password, "complainant.reveal")
            return complaints.reveal_complainant(self.ctx, self.actor, cid, elevation)
        self.runner.run(work, on_success=self._revealed, on_error=self.status_message.emit)

    def _revealed(self, who: complaints.Complainant) -> None:
        if not (who.name or who.phone):
            self.identity.setText(self.tr("反映人未留姓名和电话。"))
            return
        self.identity.setText(arg(self.tr("反映人：%1　联系电话：%2"), who.name or "—", who.phone or "—"))

    def _ask_password(self) -> str:
        password, ok = QInputDialog.getText(self, self.tr("确认身份"), self.tr("查看反映人身份须再次输入您的密码："),
                                            QLineEdit.EchoMode.Password)
        return password if ok else ""
