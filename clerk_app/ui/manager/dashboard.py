"""总览: the period's summary, bar charts (by department, intake decisions, ratings) and the cases
coming due with 催办."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain import ledgers as ledger_rules
from clerk_app.domain.periods import Period
from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services import statistics, supervision, waiting
from clerk_app.services.context import ServiceContext
from clerk_app.services.report_tables import Table
from clerk_app.services.statistics import Dashboard
from clerk_app.services.waiting import WaitingStats
from clerk_app.ui.manager.widgets import BarChart, fill, make_table, selected_key
from clerk_app.ui.report_labels import report_text, translated
from clerk_app.ui.tasks import TaskRunner

PAUSE_POLL_MS = 30_000  # a pause passing 15 minutes shows within half a minute


class DashboardPage(QWidget):
    status_message = Signal(str)
    loaded = Signal(object)
    waiting_loaded = Signal()

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.data: Dashboard | None = None
        self.period = QComboBox(objectName="period")
        for p in (Period.DAY, Period.WEEK, Period.MONTH, Period.QUARTER):
            self.period.addItem(report_text(p.label), p)
        self.period.setCurrentIndex(2)
        self.period.setAccessibleName(self.tr("统计周期"))
        self.as_of = QLabel("", objectName="asOf")
        # Seed 000 §25(四): a pause running past 15 minutes shows here as it passes the limit, polled
        # cheaply every PAUSE_POLL_MS while the dashboard is on screen.
        self.pause_alert = QLabel("", objectName="pauseAlert")
        self.pause_alert.setStyleSheet("color: #ffffff; background: #b71c1c; font-weight: bold; padding: 4px 8px;")
        self.pause_alert.setVisible(False)
        self._pause_timer = QTimer(self, interval=PAUSE_POLL_MS)
        self._pause_timer.timeout.connect(self.check_pauses)
        self.summary = make_table("summaryTable")
        self.departments = BarChart(self.tr("按部门收件量"), name="departmentChart")
        self.decisions = BarChart(self.tr("受理 / 一次性告知 / 不予受理"), name="decisionChart")
        self.ratings = BarChart(self.tr("评价分布"), name="ratingChart")
        self.due = make_table("dueTable")
        self.due_label = QLabel("", objectName="dueLabel")
        self.urge_button = QPushButton(self.tr("催办所选办件"), objectName="urgeButton")
        self.dimension = QComboBox(objectName="waitingDimension")
        for key, label in (("day", self.tr("按日期")), ("matter", self.tr("按事项")), ("window", self.tr("按窗口"))):
            self.dimension.addItem(label, key)
        self.dimension.setAccessibleName(self.tr("等候与办理用时的统计维度"))
        self.waiting_label = QLabel("", objectName="waitingLabel")
        self.waiting = make_table("waitingTable")
        self.waiting_chart = BarChart(self.tr("平均等候（分钟）"), limit=12, name="waitingChart")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("统计周期：")))
        top.addWidget(self.period)
        top.addSpacing(16)
        top.addWidget(self.as_of, 1)
        grid = QGridLayout()
        grid.addWidget(self.summary, 0, 0, 2, 1)
        grid.addWidget(self.departments, 0, 1)
        grid.addWidget(self.decisions, 1, 1)
        grid.addWidget(self.ratings, 0, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        due_page = QWidget()
        due_bar = QHBoxLayout()
        due_bar.addWidget(self.due_label, 1)
        due_bar.addWidget(self.urge_button)
        due_layout = QVBoxLayout(due_page)
        due_layout.setContentsMargins(0, 4, 0, 0)
        due_layout.addLayout(due_bar)
        due_layout.addWidget(self.due, 1)
        waiting_page = QWidget()
        waiting_bar = QHBoxLayout()
        waiting_bar.addWidget(self.waiting_label, 1)
        waiting_bar.addWidget(self.dimension)
        waiting_grid = QHBoxLayout()
        waiting_grid.addWidget(self.waiting, 3)
        waiting_grid.addWidget(self.waiting_chart, 2)
        waiting_layout = QVBoxLayout(waiting_page)
        waiting_layout.setContentsMargins(0, 4, 0, 0)
        waiting_layout.addLayout(waiting_bar)
        waiting_layout.addLayout(waiting_grid, 1)
        self.lower = QTabWidget(objectName="dashboardLower")
        self.lower.addTab(due_page, self.tr("到期办件"))
        self.lower.addTab(waiting_page, self.tr("等候与办理用时"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pause_alert)
        layout.addLayout(grid, 3)
        layout.addWidget(self.lower, 2)
        self.period.currentIndexChanged.connect(self.refresh)
        self.dimension.currentIndexChanged.connect(lambda _i: self._show_waiting())
        self.urge_button.clicked.connect(self.urge_selected)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self._pause_timer.start()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._pause_timer.stop()
        super().hideEvent(event)

    def check_pauses(self) -> None:
        from clerk_app.services.ledgers import running_long_pauses

        self.runner.run(running_long_pauses, self.ctx, self.actor, on_success=self._show_pauses,
                        on_error=self.status_message.emit)

    def _show_pauses(self, pauses) -> None:  # type: ignore[no-untyped-def]
        self.pause_alert.setVisible(bool(pauses))
        self.pause_alert.setText("；".join(
            arg(self.tr("%1号窗口（%2）暂停服务已 %3 分钟，超过 %4 分钟"), p.window, p.clerk, p.minutes,
                ledger_rules.PAUSE_REPORT_MINUTES)
            for p in pauses))

    def refresh(self) -> None:
        self.check_pauses()
        self.as_of.setText(self.tr("正在统计……"))
        self.runner.run(statistics.dashboard, self.ctx, self.actor, Period(self.period.currentData()),
                        on_success=self._show, on_error=self._failed)

    def _fit_summary(self) -> None:
        """Long (English) indicator names wrap instead of pushing the values out of sight."""
        self.summary.setWordWrap(True)
        limit = max(160, self.summary.viewport().width() * 3 // 5)
        if self.summary.columnWidth(0) > limit:
            self.summary.setColumnWidth(0, limit)
        self.summary.resizeRowsToContents()

    def _failed(self, message: str) -> None:
        self.as_of.setText(message)
        self.status_message.emit(message)

    def _show(self, d: Dashboard) -> None:
        self.data = d
        self.as_of.setText(arg(self.tr("数据截至 %1（本机数据）"), f"{d.as_of:%Y-%m-%d %H:%M}"))
        fill(self.summary, translated(d.summary()))
        self._fit_summary()
        self.departments.set_items([(str(k), float(n), str(n)) for k, n in d.by_department.rows])
        total = sum(d.decisions.values()) or 1
        self.decisions.set_items([(report_text(k), float(n), arg(self.tr("%1（%2%）"), n, f"{n * 100 / total:.1f}"))
                                 for k, n in d.decisions.items()])
        self.ratings.set_items([(report_text(str(lv)), float(n), str(n)) for lv, n, _ in d.rating_table().rows])
        self.due_label.setText(arg(self.tr("已超期 %1 件，%2 个工作日内到期 %3 件（列出最紧急的 %4 件）"), d.overdue_total,
                                   self.ctx.settings.due_soon_working_days, d.due_soon_total, len(d.due)))
        rows = [(c.number, c.matter, c.department, c.clerk, report_text(c.state), c.due.isoformat(),
                 self.tr("已超期") if c.overdue else self.tr("即将到期"), c.urges) for c in d.due]
        headers = (self.tr("办件编号"), self.tr("事项"), self.tr("部门"), self.tr("窗口人员"), self.tr("状态"),
                   self.tr("承诺办结"), self.tr("时效"), self.tr("催办次数"))
        fill(self.due, Table(self.tr("到期办件"), headers, rows),
             keys=[c.number for c in d.due])
        self.waiting_label.setText(self.tr("正在统计等候与办理用时……"))
        self.runner.run(waiting.waiting_times, self.ctx, self.actor, d.first, d.end, by_matter=False,
                        on_success=lambda w: self._with_waiting(d, w), on_error=self.status_message.emit)
        self.loaded.emit(d)

    def _show_waiting(self) -> None:
        w = self.data.waiting if self.data is not None else None
        if w is None:
            return
        dimension = str(self.dimension.currentData())
        if dimension == "matter" and not w.matters_included:
            self.waiting_label.setText(self.tr("正在按事项统计……"))
            d = self.data
            self.runner.run(waiting.waiting_times, self.ctx, self.actor, d.first, d.end,
                            on_success=lambda full: self._with_waiting(d, full), on_error=self.status_message.emit)
            return
        self.waiting_label.setText(arg(self.tr("本期服务 %1 人次（取号→叫号为等候，叫号→办结为办理；P90：九成群众不超过的时间）"),
                                       w.waiting.count))
        fill(self.waiting, w.table(dimension))
        rows = w.rows(dimension)
        shown = rows[-self.waiting_chart.limit:] if dimension == "day" else rows  # the latest days
        self.waiting_chart.set_items([(r.key, r.waiting.mean, f"{r.waiting.mean:.1f}")
                                      for r in shown if r.waiting.mean is not None])

    def _with_waiting(self, d: Dashboard, w: WaitingStats) -> None:
        if d is self.data:  # not a stale answer for an earlier period or an earlier load
            self.data = replace(d, waiting=w)
            fill(self.summary, translated(self.data.summary()))
            self._fit_summary()
            self._show_waiting()
            self.waiting_loaded.emit()

    def tables(self) -> list[Table]:
        return self.data.tables() if self.data else []

    def urge_selected(self) -> None:
        number = selected_key(self.due)
        if number is None:
            self.status_message.emit(self.tr("请先在到期办件列表中选中一件。"))
            return
        self.runner.run(supervision.urge, self.ctx, self.actor, number, "带班负责人催办",
                        on_success=lambda n: self.status_message.emit(arg(self.tr("已催办 %1（第 %2 次）。"), number, n)),
                        on_error=self.status_message.emit)
