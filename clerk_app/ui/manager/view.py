"""ManagerView: the supervisor's view — pages in tabs, an "as of" time, export of the page on screen and
of the monthly report. Role-checked in the services; the constructor refuses a role without manager.view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services.changes import Changes
from clerk_app.services.context import ServiceContext
from clerk_app.services.report_tables import Table
from clerk_app.services.reports import export_report, export_screen_tables
from clerk_app.ui.labels import label
from clerk_app.ui.manager.calendar_page import CalendarPage
from clerk_app.ui.manager.catalogue_page import CataloguePage
from clerk_app.ui.manager.complaints_page import ComplaintsPage
from clerk_app.ui.manager.dashboard import DashboardPage
from clerk_app.ui.manager.ledgers_page import LedgersPage, PerformancePage
from clerk_app.ui.manager.ratings_page import RatingsPage
from clerk_app.ui.tasks import TaskRunner


class ManagerView(QWidget):
    status_message = Signal(str)
    back_to_counter = Signal()

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        actor.require("manager.view")
        super().__init__(objectName="managerView")
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.dashboard = DashboardPage(ctx, actor, runner)
        self.ratings = RatingsPage(ctx, actor, runner)
        self.complaints = ComplaintsPage(ctx, actor, runner)
        self.ledgers = LedgersPage(ctx, actor, runner)
        self.performance = PerformancePage(ctx, actor, runner)
        self.catalogue = CataloguePage(ctx, actor, runner)
        self.calendar = CalendarPage(ctx, actor, runner)
        self.tabs = QTabWidget(objectName="managerTabs")
        for page, title in ((self.dashboard, self.tr("总览")), (self.ratings, self.tr("好差评")),
                            (self.complaints, self.tr("办不成事与投诉")), (self.ledgers, self.tr("服务台账")),
                            (self.performance, self.tr("人员绩效")), (self.catalogue, self.tr("事项与授权")),
                            (self.calendar, self.tr("节假日安排"))):
            self.tabs.addTab(page, title)
        self.users = None
        if actor.can("user.manage"):  # administrators only; the services refuse anyone else anyway
            from clerk_app.ui.manager.users_page import UsersPage

            self.users = UsersPage(ctx, actor, runner)
            self.tabs.addTab(self.users, self.tr("用户"))
        self.export_page_button = QPushButton(self.tr("导出本页…"), objectName="exportPage")
        self.export_month_button = QPushButton(self.tr("导出月度报表…"), objectName="exportMonth")
        self.back_button = QPushButton(self.tr("返回柜台"), objectName="backToCounter")
        can_export = actor.can("export")
        self.export_page_button.setEnabled(can_export)
        self.export_month_button.setEnabled(can_export)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(arg(self.tr("管理视图 · %1（%2）"), actor.display_name, label(actor.role))), 1)
        bar.addWidget(self.export_page_button)
        bar.addWidget(self.export_month_button)
        bar.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs)
        self.ask_password = self._ask_password
        self._connect_signals()

    def _connect_signals(self) -> None:
        for page in (self.dashboard, self.ratings, self.complaints, self.ledgers, self.performance, self.catalogue,
                     self.calendar, self.users):
            if page is not None:
                page.status_message.connect(self.status_message)
        self.tabs.currentChanged.connect(lambda _i: self.tabs.currentWidget().refresh())
        self.export_page_button.clicked.connect(self._ask_export_page)
        self.export_month_button.clicked.connect(self._ask_export_month)
        self.back_button.clicked.connect(self.back_to_counter)
        self.runner.changes_applied.connect(self._changed)

    def refresh(self) -> None:
        self.tabs.currentWidget().refresh()

    def _changed(self, changes: Changes) -> None:
        """The one place a page refreshes after a change, its own actions included (one load, not two)."""
        if changes & (Changes.CASES | Changes.LEDGERS | Changes.CALENDAR) and self.isVisible():
            self.tabs.currentWidget().refresh()

    def page_tables(self) -> list[Table]:
        page = self.tabs.currentWidget()
        if page is self.dashboard:
            return self.dashboard.tables()
        if page is self.ledgers:
            return self.ledgers.tables()
        data = getattr(page, "table_data", None) or getattr(page, "data", None)
        return [data] if isinstance(data, Table) else []

    def _elevated(self, work):  # type: ignore[no-untyped-def]
        """Exports carry citizen data out: the supervisor types the password again (audited)."""
        from clerk_app.services.reauth import reauthenticate

        password = self.ask_password()
        if not password:
            return None
        return lambda: work(reauthenticate(self.ctx, self.actor, password, "export"))

    def _ask_password(self) -> str:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        password, ok = QInputDialog.getText(self, self.tr("确认身份"), self.tr("导出数据须再次输入您的密码："),
                                            QLineEdit.EchoMode.Password)
        return password if ok else ""

    def export_page(self, out: Path) -> None:
        tables = self.page_tables()
        if not tables:
            self.status_message.emit(self.tr("本页尚无数据可导出，请稍候再试。"))
            return
        title = f"{self.ctx.settings.center_name} {self.tabs.tabText(self.tabs.currentIndex())}"
        work = self._elevated(lambda e: export_screen_tables(self.ctx, self.actor, tables, out, title, e))
        if work is not None:
            self.runner.run(work, on_success=lambda p: self.status_message.emit(arg(self.tr("已导出：%1"), p)),
                            on_error=self.status_message.emit)

    def export_month(self, month: str, out: Path) -> None:
        work = self._elevated(lambda e: export_report(self.ctx, self.actor, "monthly", month, out, e))
        if work is not None:
            self.runner.run(work, on_success=lambda p: self.status_message.emit(arg(self.tr("已导出月度报表：%1"), p)),
                            on_error=self.status_message.emit)

    def _ask_export_page(self) -> None:
        from clerk_app.ui.file_dialogs import save_file_name

        name = save_file_name(self, self.tr("导出本页"), self.tr("Excel 文件 (*.xlsx);;PDF 文件 (*.pdf)"))
        if name:
            self.export_page(Path(name))

    def _ask_export_month(self) -> None:
        month = self.ctx.now().strftime("%Y-%m")
        from clerk_app.ui.file_dialogs import save_file_name

        name = save_file_name(self, arg(self.tr("导出 %1 月度报表"), month),
                              self.tr("Excel 文件 (*.xlsx);;PDF 文件 (*.pdf)"), arg(self.tr("月度报表-%1.xlsx"), month))
        if name:
            self.export_month(month, Path(name))
