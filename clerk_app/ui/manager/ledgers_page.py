"""服务台账 (pauses, extended service and comp time, consultations, 帮办代办, emergencies) and 人员绩效
(the ranking with its formula shown), for one month or quarter."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clerk_app.domain.performance import formula
from clerk_app.domain.periods import Period, bounds
from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services.context import ServiceContext
from clerk_app.services.performance import ranking, ranking_table
from clerk_app.services.report_tables import Table
from clerk_app.services.reports import ledger_tables
from clerk_app.ui.manager.widgets import fill, make_table
from clerk_app.ui.report_labels import report_text
from clerk_app.ui.tasks import TaskRunner

LEDGERS = 6  # the counter ledgers; complaints and follow-ups have their own pages


class LedgersPage(QWidget):
    status_message = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.data: list[Table] = []
        self.which = QComboBox(objectName="ledgerChoice")
        self.which.setAccessibleName(self.tr("台账"))
        self.table = make_table("ledgerTable")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("本月台账：")))
        top.addWidget(self.which, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.which.currentIndexChanged.connect(self._choose)

    def refresh(self) -> None:
        first, end = bounds(Period.MONTH, self.ctx.now().date())
        self.runner.run(lambda: ledger_tables(self.ctx, self.actor, first, end)[:LEDGERS],
                        on_success=self._show, on_error=self.status_message.emit)

    def _show(self, tables: list[Table]) -> None:
        self.data = tables
        current = max(0, self.which.currentIndex())
        self.which.blockSignals(True)
        self.which.clear()
        self.which.addItems([arg(self.tr("%1（%2）"), report_text(t.title), len(t.rows)) for t in tables])
        self.which.setCurrentIndex(min(current, len(tables) - 1))
        self.which.blockSignals(False)
        self._choose()
        self.loaded.emit()

    def _choose(self) -> None:
        i = self.which.currentIndex()
        if 0 <= i < len(self.data):
            fill(self.table, self.data[i])

    def tables(self) -> list[Table]:
        return list(self.data)


class PerformancePage(QWidget):
    status_message = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.data: Table | None = None
        self.title = QLabel("", objectName="rankingTitle")
        self.formula = QLabel(report_text(formula()), objectName="formula")
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula.setStyleSheet("background:#f4f6fa; padding:6px; border:1px solid #d5dbe5;")
        self.table = make_table("rankingTable")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("计算公式：")))
        layout.addWidget(self.formula)

    def refresh(self) -> None:
        today = self.ctx.now().date()
        first, end = bounds(Period.QUARTER, today)
        quarter = (today.month - 1) // 3 + 1
        title = arg(self.tr("%1年第%2季度排名（%3 至 %4）"), today.year, quarter, first, end - dt.timedelta(days=1))
        self.runner.run(lambda: ranking_table(ranking(self.ctx, self.actor, first, end, today), title),
                        on_success=self._show, on_error=self.status_message.emit)

    def _show(self, table: Table) -> None:
        self.data = table
        self.title.setText(table.title)
        fill(self.table, table)
        self.loaded.emit()
