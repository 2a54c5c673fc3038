"""The main window: the counter's pages (intake, cases) around one TaskRunner."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget

from clerk_app.domain.roles import Actor
from clerk_app.services.context import ServiceContext
from clerk_app.ui.case_list import CaseListPage
from clerk_app.ui.intake_wizard import IntakeWizard
from clerk_app.ui.tasks import TaskRunner


class MainWindow(QMainWindow):
    def __init__(self, ctx: ServiceContext, actor: Actor, *, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.ctx, self.actor = ctx, actor
        self.runner = runner or TaskRunner(self)
        self.setWindowTitle(self.tr("一窗受理工作台 — %1").replace("%1", ctx.settings.center_name))
        self.resize(1200, 760)
        self.tabs = QTabWidget(objectName="pages")
        self.intake = IntakeWizard(ctx, actor, self.runner)
        self.cases = CaseListPage(ctx, actor, self.runner)
        self.tabs.addTab(self.intake, self.tr("受理（F5）"))
        self.tabs.addTab(self.cases, self.tr("办件查询（F6）"))
        self.setCentralWidget(self.tabs)
        user = QLabel(self.tr("%1（%2） · %3号窗口").replace("%1", actor.display_name)
                      .replace("%2", actor.role.label).replace("%3", ctx.settings.window))
        self.statusBar().addPermanentWidget(user)
        self._connect_signals()
        self.cases.refresh()

    def _connect_signals(self) -> None:
        for page in (self.intake, self.cases):
            page.status_message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        QShortcut(QKeySequence("F5"), self, activated=lambda: self.tabs.setCurrentWidget(self.intake))
        QShortcut(QKeySequence("F6"), self, activated=lambda: self.tabs.setCurrentWidget(self.cases))
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.cases)
        self.cases.search.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.shutdown()
        super().closeEvent(event)
