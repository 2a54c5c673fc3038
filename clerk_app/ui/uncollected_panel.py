"""Output desk: results not collected after N working days (seed 001 §5.1.3 提醒申请人领取).

Lists them (name and masked phone only), prints the 领取通知 of the selected one and shows the SMS
text the center sends; both come from ``services.collection`` and the documents renderer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services import collection
from clerk_app.services.context import ServiceContext
from clerk_app.services.report_tables import Table
from clerk_app.ui.manager.widgets import fill, make_table, selected_key
from clerk_app.ui.tasks import TaskRunner


class UncollectedPanel(QWidget):
    status_message = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.print_pdf: Callable[[bytes], None] = self._print_with_preview
        self.title = QLabel("", objectName="uncollectedTitle")
        self.table = make_table("uncollectedTable")
        self.refresh_button = QPushButton(self.tr("刷新"), objectName="uncollectedRefresh")
        self.print_button = QPushButton(self.tr("打印领取通知"), objectName="printCollectReminder")
        self.sms_button = QPushButton(self.tr("生成提醒短信"), objectName="collectSms")
        self.sms = QLineEdit(objectName="collectSmsText", readOnly=True)
        self.sms.setAccessibleName(self.tr("领取提醒短信"))
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        for b in (self.refresh_button, self.print_button, self.sms_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.sms)
        self.refresh_button.clicked.connect(self.refresh)
        self.print_button.clicked.connect(self.print_reminder)
        self.sms_button.clicked.connect(self.make_sms)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.refresh()  # each time the output desk comes up: the list is a day's work, not live data

    def refresh(self) -> None:
        self.runner.run(collection.uncollected, self.ctx, self.actor, on_success=self._show,
                        on_error=self.status_message.emit)

    def _show(self, items: list[collection.Uncollected]) -> None:
        self.title.setText(arg(self.tr("结果待领取超过 %1 个工作日：%2 件"),
                               self.ctx.settings.pickup_reminder_working_days, len(items)))
        headers = (self.tr("办件编号"), self.tr("事项"), self.tr("申请人"), self.tr("联系电话"), self.tr("待领取自"),
                   self.tr("应提醒日期"))
        fill(self.table, Table(self.tr("超期未领取"), headers,
                               [(i.number, i.matter, i.applicant, i.phone_masked, i.ready_on.isoformat(),
                                 i.remind_after.isoformat()) for i in items]),
             keys=[i.number for i in items])
        self.loaded.emit()

    def _selected(self) -> str | None:
        number = selected_key(self.table)
        if number is None:
            self.status_message.emit(self.tr("请先选中一件待领取的办件。"))
        return number

    def print_reminder(self) -> None:
        number = self._selected()
        if number is None:
            return
        from clerk_app.documents.from_case import issue_for_case

        self.runner.run(lambda: issue_for_case(self.ctx, self.actor, number, "collect_reminder")[1],
                        on_success=self._printed, on_error=self.status_message.emit)

    def _printed(self, pdf: bytes) -> None:
        self.print_pdf(pdf)
        self.status_message.emit(self.tr("已出具领取通知，副本已存入办件档案。"))

    def make_sms(self) -> None:
        number = self._selected()
        if number is None:
            return
        from clerk_app.documents.templates import load_center

        center = load_center().center
        self.runner.run(collection.reminder_sms, self.ctx, self.actor, number, address=center.address,
                        hours=center.hours, phone=center.phone, on_success=self.sms.setText,
                        on_error=self.status_message.emit)

    def _print_with_preview(self, pdf: bytes) -> None:
        from clerk_app.documents.printing import print_with_preview

        print_with_preview(pdf, self)
