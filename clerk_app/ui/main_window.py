"""The main window: the clerk's case list with search and work-list filters.

Reads go through the services; the window holds no rules beyond presentation.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.roles import Actor
from clerk_app.errors import UserError
from clerk_app.services.context import ServiceContext
from clerk_app.services.search import CaseFilter, CaseSummary, search_cases

COLUMNS = ("办件编号", "事项", "申请人", "证件号码", "状态", "接件时间", "承诺办结")


class MainWindow(QMainWindow):
    def __init__(self, ctx: ServiceContext, actor: Actor) -> None:
        super().__init__()
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(self.tr("一窗受理工作台 — %1").replace("%1", ctx.settings.center_name))
        self.resize(1200, 720)
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText(self.tr("搜索：办件编号 / 身份证号 / 手机号 / 姓名（Ctrl+F）"))
        self.filter = QComboBox()
        self.filter.setObjectName("caseFilter")
        for f in CaseFilter:
            self.filter.addItem(f.label, f)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("caseTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.message = QLabel("")
        self.message.setObjectName("statusMessage")
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.filter, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        self.setCentralWidget(body)
        user = QLabel(self.tr("%1（%2） · %3号窗口").replace("%1", actor.display_name)
                      .replace("%2", actor.role.label).replace("%3", ctx.settings.window))
        self.statusBar().addPermanentWidget(user)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self._debounce.timeout.connect(self.refresh)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)

    @Slot()
    def refresh(self) -> None:
        try:
            rows = search_cases(self.ctx, self.actor, self.search.text(), self.filter.currentData())
        except UserError as exc:
            self.message.setText(exc.message)
            return
        self._fill(rows)
        self.message.setText(self.tr("共 %1 件").replace("%1", str(len(rows))))

    def _fill(self, rows: list[CaseSummary]) -> None:
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            due = "" if r.due_date is None else f"{r.due_date:%Y-%m-%d}" + ("（暂定）" if r.due_provisional else "")
            for j, value in enumerate((r.number, r.matter_name, r.applicant_name, r.applicant_id_masked,
                                       r.state.label, r.received_at, due)):
                item = QTableWidgetItem(value)
                if j in (0, 3, 5, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(i, j, item)
