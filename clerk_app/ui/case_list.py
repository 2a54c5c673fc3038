"""The case list: search by case number, ID number, phone or name; work-list filters."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services.changes import Changes
from clerk_app.services.context import ServiceContext
from clerk_app.services.search import CaseFilter, CaseSummary, search_cases
from clerk_app.ui.labels import label
from clerk_app.ui.tasks import TaskRunner

COLUMNS = (QT_TRANSLATE_NOOP("CaseListPage", "办件编号"), QT_TRANSLATE_NOOP("CaseListPage", "事项"),
           QT_TRANSLATE_NOOP("CaseListPage", "申请人"), QT_TRANSLATE_NOOP("CaseListPage", "证件号码"),
           QT_TRANSLATE_NOOP("CaseListPage", "状态"), QT_TRANSLATE_NOOP("CaseListPage", "接件时间"),
           QT_TRANSLATE_NOOP("CaseListPage", "承诺办结"), QT_TRANSLATE_NOOP("CaseListPage", "联办件"))


class CaseListPage(QWidget):
    status_message = Signal(str)

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.search = QLineEdit(objectName="caseSearch")
        self.search.setPlaceholderText(self.tr("搜索：办件编号 / 身份证号 / 手机号 / 姓名（Ctrl+F）"))
        self.filter = QComboBox(objectName="caseFilter")
        for f in CaseFilter:
            self.filter.addItem(label(f), f)
        self.table = QTableWidget(0, len(COLUMNS), objectName="caseTable")
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("CaseListPage", c) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.message = QLabel("", objectName="caseCount")
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self._debounce.timeout.connect(self.refresh)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        runner.changes_applied.connect(self._on_changes)

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        if changes & (Changes.CASES | Changes.APPLICANTS):
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        self.runner.run(search_cases, self.ctx, self.actor, self.search.text(), CaseFilter(self.filter.currentData()),
                        on_success=self._fill, on_error=self.status_message.emit)

    def _fill(self, rows: list[CaseSummary]) -> None:
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            due = "" if r.due_date is None else f"{r.due_date:%Y-%m-%d}" + (self.tr("（暂定）") if r.due_provisional else "")
            linked = arg(self.tr("联办：%1"), "、".join(r.linked)) if r.linked else ""
            for j, value in enumerate((r.number, r.matter_name, r.applicant_name, r.applicant_id_masked,
                                       label(r.state), r.received_at, due, linked)):
                item = QTableWidgetItem(value)
                if j in (0, 3, 5, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(i, j, item)
        self.message.setText(self.tr("共 %n 件", "", len(rows)))
