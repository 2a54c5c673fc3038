"""节假日安排: which years the working-day calendar knows, and importing next year's schedule — file,
preview of its holidays and make-up working days, then apply (the same service as
``clerk-app calendar import``; provisional due dates are recomputed after it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clerk_app.domain.roles import Actor
from clerk_app.domain.workdays import YearSchedule
from clerk_app.i18n import arg
from clerk_app.services import calendar as calendar_service
from clerk_app.services.calendar import SchedulePreview
from clerk_app.services.context import ServiceContext
from clerk_app.services.report_tables import Table
from clerk_app.ui.file_dialogs import open_file_name
from clerk_app.ui.manager.widgets import fill, make_table
from clerk_app.ui.tasks import TaskRunner


class CalendarPage(QWidget):
    status_message = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.pending: SchedulePreview | None = None
        self.data: Table | None = None
        self.years = QLabel("", objectName="calendarYears")
        self.years.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("选择节假日安排文件…"), objectName="chooseSchedule")
        self.preview_label = QLabel(self.tr("请选择国务院办公厅公布的年度节假日安排文件（TOML，格式见 docs/calendar.md）。"),
                                    objectName="schedulePreview")
        self.preview_label.setWordWrap(True)
        self.table = make_table("scheduleTable")
        self.apply_button = QPushButton(self.tr("确认导入并重算期限"), objectName="applySchedule")
        self.discard_button = QPushButton(self.tr("放弃"), objectName="discardSchedule")
        self.apply_button.setEnabled(False)
        self.discard_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.years, 1)
        top.addWidget(self.choose_button)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.apply_button)
        bar.addWidget(self.discard_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        if not actor.can("calendar.manage"):  # presentation only: the service checks the role
            self.choose_button.setEnabled(False)
            self.choose_button.setToolTip(self.tr("只有系统管理员或信息技术人员可以导入节假日安排。"))
        self.choose_button.clicked.connect(self._ask_file)
        self.apply_button.clicked.connect(self.apply)
        self.discard_button.clicked.connect(self.discard)

    def refresh(self) -> None:
        year = self.ctx.now().year
        parts = [self._year_state(y, self.ctx.calendar.schedule(y)) for y in (year, year + 1)]
        self.years.setText(arg(self.tr("%1；%2"), *parts))
        self.loaded.emit()

    def _year_state(self, year: int, s: YearSchedule | None) -> str:
        if s is None:
            return arg(self.tr("%1 年：尚无安排，期限只按周末计算并标为暂定"), year)
        state = self.tr("正式") if s.official else self.tr("暂定")
        return arg(self.tr("%1 年：%2（%3）"), year, state, s.source)

    def _ask_file(self) -> None:
        name = open_file_name(self, self.tr("选择节假日安排文件"), self.tr("节假日安排 (*.toml)"))
        if name:
            self.preview_file(Path(name))

    def preview_file(self, file: Path) -> None:
        self.discard()
        self.runner.run(calendar_service.preview_schedule, self.ctx, self.actor, file, on_success=self._show,
                        on_error=self._failed)

    def _failed(self, message: str) -> None:
        self.preview_label.setText(message)
        self.status_message.emit(message)
        self.loaded.emit()

    def _show(self, p: SchedulePreview) -> None:
        self.pending = p
        s = p.schedule
        state = self.tr("正式") if s.official else self.tr("暂定（期限仍标为暂定）")
        now = (arg(self.tr("将替换现有的 %1 年安排（%2）。"), s.year, p.current.source) if p.current is not None
               else arg(self.tr("%1 年目前尚无安排。"), s.year))
        self.preview_label.setText(arg(self.tr("%1 年节假日安排，%2；来源：%3。放假 %4 天，调休上班 %5 天。%6"), s.year,
                                       state, s.source, len(s.holidays), len(s.makeup_workdays), now))
        rows: list[tuple] = [(self.tr("放假"), period.name, arg(self.tr("%1 至 %2"), self._day(period.start), self._day(period.end)),
                              (period.end - period.start).days + 1) for period in s.holiday_periods()]
        rows += [(self.tr("调休上班"), "", self._day(d), 1) for d in sorted(s.makeup_workdays)]
        self.data = Table(arg(self.tr("%1 年节假日安排"), s.year),
                          (self.tr("类别"), self.tr("名称"), self.tr("日期"), self.tr("天数")), rows)
        fill(self.table, self.data)
        self.apply_button.setEnabled(True)
        self.discard_button.setEnabled(True)
        self.loaded.emit()

    def _day(self, d: dt.date) -> str:
        names = (self.tr("周一"), self.tr("周二"), self.tr("周三"), self.tr("周四"), self.tr("周五"), self.tr("周六"),
                 self.tr("周日"))
        return arg(self.tr("%1（%2）"), d.isoformat(), names[d.weekday()])

    def apply(self) -> None:
        if self.pending is None:
            self.status_message.emit(self.tr("请先选择节假日安排文件并预览。"))
            return

        def done(result: tuple[YearSchedule, int]) -> None:
            s, changed = result
            self.discard()
            self.preview_label.setText(arg(self.tr("已导入 %1 年节假日安排；%2 件办件的承诺办结日期已重新计算。"),
                                           s.year, changed))
            self.status_message.emit(self.preview_label.text())
            self.refresh()
        self.runner.run(calendar_service.apply_schedule, self.ctx, self.actor, self.pending, on_success=done,
                        on_error=self._failed)

    def discard(self) -> None:
        self.pending = None
        self.data = None
        self.table.setRowCount(0)
        self.apply_button.setEnabled(False)
        self.discard_button.setEnabled(False)
