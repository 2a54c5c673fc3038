"""好差评: the bad-review follow-ups (回访核实 → 整改 → 反馈 → 办结) with their deadlines and the rate."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from clerk_app.domain.followups import Verification
from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services import followups
from clerk_app.services.context import ServiceContext
from clerk_app.services.report_tables import Table
from clerk_app.services.reports import followup_table
from clerk_app.ui.labels import label
from clerk_app.ui.manager.widgets import fill, make_table, selected_key
from clerk_app.ui.tasks import TaskRunner


class RatingsPage(QWidget):
    status_message = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.table_data: Table | None = None
        self.rate = QLabel("", objectName="followupRate")
        self.table = make_table("followupTable")
        self.verification = QComboBox(objectName="verification")
        for verdict in Verification:  # shown in the UI language, stored as the domain's value
            self.verification.addItem(label(verdict), verdict.value)
        self.verification.setAccessibleName(self.tr("核实结论"))
        self.note = QLineEdit(objectName="followupNote")
        self.note.setPlaceholderText(self.tr("回访、整改或反馈情况"))
        self.note.setAccessibleName(self.tr("情况说明"))
        self.buttons = {}
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("核实结论：")))
        bar.addWidget(self.verification)
        bar.addWidget(self.note, 1)
        for key, text in (("contact", self.tr("登记回访核实")), ("rectify", self.tr("登记整改")),
                          ("feedback", self.tr("登记反馈")), ("close", self.tr("办结"))):
            b = QPushButton(text, objectName=f"followup_{key}")
            b.clicked.connect(lambda _=False, k=key: self.act(k))
            self.buttons[key] = b
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rate)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)

    def refresh(self) -> None:
        def load():  # type: ignore[no-untyped-def]
            if self.actor.can("ledger.manage"):
                followups.open_missing_followups(self.ctx, self.actor)
            return followups.list_followups(self.ctx, self.actor), followup_table(self.ctx, self.actor)
        self.runner.run(load, on_success=self._show, on_error=self.status_message.emit)

    def _show(self, result) -> None:  # type: ignore[no-untyped-def]
        items, table = result
        self.table_data = table
        closed = sum(1 for f in items if f.closed_at)
        overdue = sum(1 for f in items if f.overdue and not f.closed_at)
        rate = f"{closed * 100 / len(items):.1f}%" if items else "—"
        self.rate.setText(arg(self.tr("实名差评 %1 条，已回访整改办结 %2 条，回访整改率 %3（要求 100%）；超期未办结 %4 条。"),
                              len(items), closed, rate, overdue))
        fill(self.table, table, keys=[f.id for f in items])
        self.loaded.emit()

    def act(self, key: str) -> None:
        fid = selected_key(self.table)
        if fid is None:
            self.status_message.emit(self.tr("请先选中一条差评回访记录。"))
            return
        note = self.note.text()
        calls = {"contact": (followups.record_contact, (fid, self.verification.currentData(), note)),
                 "rectify": (followups.record_rectification, (fid, note)),
                 "feedback": (followups.record_feedback, (fid, note)),
                 "close": (followups.close_followup, (fid,))}
        fn, args = calls[key]
        self.runner.run(fn, self.ctx, self.actor, *args, on_success=lambda _: self._done(key),
                        on_error=self.status_message.emit)

    def _done(self, key: str) -> None:
        self.note.clear()
        self.status_message.emit({"contact": self.tr("已登记回访核实。"), "rectify": self.tr("已登记整改。"),
                                  "feedback": self.tr("已登记反馈。"), "close": self.tr("差评回访已办结。")}[key])
        # no refresh here: the view refreshes the current page on changes_applied, once
