"""The main window: the counter's pages (intake, cases) around one TaskRunner, with the devices."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.cases import Case
from clerk_app.domain.evaluation import from_keypad
from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services.changes import Changes
from clerk_app.services.context import ServiceContext
from clerk_app.services.evaluation import record_rating
from clerk_app.services.search import CaseFilter, reminder_counts
from clerk_app.ui.case_detail import CaseDetailDialog
from clerk_app.ui.case_list import CaseListPage
from clerk_app.ui.counter_ledgers import CounterLedgersPage
from clerk_app.ui.intake_wizard import IntakeWizard
from clerk_app.ui.labels import label
from clerk_app.ui.output_desk import OutputDesk
from clerk_app.ui.queue_bar import QueueBar
from clerk_app.ui.tasks import TaskRunner

RATING_TIMEOUT_MS = 60_000
REMINDER_REFRESH_MS = 10 * 60_000


class MainWindow(QMainWindow):
    def __init__(self, ctx: ServiceContext, actor: Actor, *, runner: TaskRunner | None = None,
                 devices: Any | None = None, customer_screen: Any | None = None) -> None:
        super().__init__()
        self.ctx, self.actor, self.devices, self.customer = ctx, actor, devices, customer_screen
        self.runner = runner or TaskRunner(self)
        self.setWindowTitle(arg(self.tr("一窗受理工作台 — %1"), ctx.settings.center_name))
        self.resize(1200, 760)
        self.tabs = QTabWidget(objectName="pages")
        self.intake = IntakeWizard(ctx, actor, self.runner,
                                   read_id_card=self._read_id_card if devices is not None else None,
                                   capture=self._capture if devices is not None else None,
                                   print_receipt=self._print_receipt if devices is not None else None)
        self.cases = CaseListPage(ctx, actor, self.runner)
        self.output = OutputDesk(ctx, actor, self.runner,
                                 read_id_card=self._read_id_card if devices is not None else None)
        self.tabs.addTab(self.intake, self.tr("受理（F5）"))
        self.tabs.addTab(self.cases, self.tr("办件查询（F6）"))
        self.tabs.addTab(self.output, self.tr("出件（F7）"))
        self.ledgers = CounterLedgersPage(ctx, actor, self.runner)
        self.tabs.addTab(self.ledgers, self.tr("其他业务（F8）"))
        self.queue = QueueBar(ctx, actor, self.runner)
        self.pause_button = QPushButton(self.tr("暂停服务（F12）"), objectName="pauseService")
        self.manager_button = QPushButton(self.tr("管理视图"), objectName="toManager")
        self.manager_button.setVisible(actor.can("manager.view"))
        self.queue.layout().addWidget(self.pause_button)
        self.queue.layout().addWidget(self.manager_button)
        counter = QWidget()
        column = QVBoxLayout(counter)
        column.addWidget(self.queue)
        column.addWidget(self.tabs, 1)
        self.manager = None
        self.stack = QStackedWidget(objectName="views")
        self.stack.addWidget(counter)
        self.counter_view = counter
        self.setCentralWidget(self.stack)
        self._build_lock()
        self.reminders = QPushButton(objectName="reminders")
        self.reminders.setFlat(True)
        self.statusBar().addPermanentWidget(self.reminders)
        self._reminder_timer = QTimer(self, interval=REMINDER_REFRESH_MS)
        if devices is not None:
            from clerk_app.ui.device_panel import DeviceIndicators

            self.device_indicators = DeviceIndicators(devices)
            self.statusBar().addPermanentWidget(self.device_indicators)
        user = QLabel(arg(self.tr("%1（%2） · %3号窗口"), actor.display_name, label(actor.role),
                          ctx.settings.window))
        self.statusBar().addPermanentWidget(user)
        self._connect_signals()
        self.cases.refresh()
        self.refresh_reminders()
        self._reminder_timer.start()

    def _connect_signals(self) -> None:
        for page in (self.intake, self.cases, self.output, self.queue, self.ledgers):
            page.status_message.connect(self.show_message)
        self.intake.case_finished.connect(self._ask_rating)
        self.queue.called.connect(self._on_called)
        self.output.delivered.connect(self._ask_rating)
        self.cases.table.cellDoubleClicked.connect(
            lambda row, _col: self.open_case(self.cases.table.item(row, 0).text()))
        self.reminders.clicked.connect(self._show_due)
        self._reminder_timer.timeout.connect(self.refresh_reminders)
        self.runner.changes_applied.connect(self._on_changes)
        if self.customer is not None:
            self.customer.rated.connect(self._record_rating)
            self.customer.not_rated.connect(lambda number: self._record_rating(number, None))
        QShortcut(QKeySequence("F5"), self, activated=lambda: self.tabs.setCurrentWidget(self.intake))
        QShortcut(QKeySequence("F6"), self, activated=lambda: self.tabs.setCurrentWidget(self.cases))
        QShortcut(QKeySequence("F7"), self, activated=lambda: self.tabs.setCurrentWidget(self.output))
        QShortcut(QKeySequence("F8"), self, activated=lambda: self.tabs.setCurrentWidget(self.ledgers))
        QShortcut(QKeySequence("F12"), self, activated=self.pause_service)
        self.pause_button.clicked.connect(self.pause_service)
        self.manager_button.clicked.connect(self.show_manager)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)

    # -- manager view (supervisors) -------------------------------------------------------------
    def show_manager(self) -> None:
        from clerk_app.ui.manager.view import ManagerView

        if self.manager is None:
            self.manager = ManagerView(self.ctx, self.actor, self.runner)  # refuses roles without manager.view
            self.manager.status_message.connect(self.show_message)
            self.manager.back_to_counter.connect(lambda: self.stack.setCurrentWidget(self.counter_view))
            self.stack.addWidget(self.manager)
        self.stack.setCurrentWidget(self.manager)
        self.manager.refresh()

    # -- pause and lock (seed 001 §4.2: 暂停服务; past 15 minutes a reason for the duty leader) ------
    def _build_lock(self) -> None:
        from clerk_app.security.idle import IdleLock
        from clerk_app.services import reauth
        from clerk_app.ui.lock_screen import IdleGuard, LockOverlay

        self.lock_overlay = LockOverlay(self, self.actor.display_name,
                                        lambda pw: reauth.unlock(self.ctx, self.actor, pw))
        self.idle_guard = IdleGuard(self.lock_overlay, IdleLock(self.ctx.settings.idle_lock_minutes, self.ctx.now()),
                                    self.ctx.now)
        self.lock_overlay.unlocked.connect(self._after_unlock)
        self.paused = False
        self.ask_pause_reason = self._ask_pause_reason

    def pause_service(self) -> None:
        from clerk_app.services import ledgers

        if self.paused:
            return
        self.runner.run(ledgers.start_pause, self.ctx, self.actor, on_success=lambda _id: self._enter_pause(),
                        on_error=self.show_message)

    def _enter_pause(self) -> None:
        self.paused = True
        self.idle_guard.pause()
        if self.customer is not None:
            self.customer.pause()

    def _after_unlock(self) -> None:
        from clerk_app.services import ledgers

        if self.paused:
            self.runner.run(ledgers.pause_needs_reason, self.ctx, self.actor, on_success=self._end_pause,
                            on_error=self.show_message)

    def _end_pause(self, needs_reason: bool) -> None:
        from clerk_app.services import ledgers

        reason = ""
        while needs_reason and not reason.strip():
            reason = self.ask_pause_reason()
        self.runner.run(ledgers.end_pause, self.ctx, self.actor, reason, on_success=self._paused_ended,
                        on_error=self.show_message)

    def _paused_ended(self, flagged: bool) -> None:
        self.paused = False
        if self.customer is not None:
            self.customer.resume()
        self.show_message(self.tr("暂停超过 15 分钟，原因已报带班负责人。") if flagged else self.tr("已恢复服务。"))

    def _ask_pause_reason(self) -> str:
        reason, _ok = QInputDialog.getText(self, self.tr("暂停超过 15 分钟"),
                                           self.tr("本次暂停已超过 15 分钟，请填写原因（带班负责人可见）："))
        return reason

    def check_updates(self) -> None:
        """Tells the clerk (and, through the log, IT) when the center has published a newer,
        correctly signed release; installing stays with IT."""
        from clerk_app import __version__
        from clerk_app.updates import check_for_update

        st = self.ctx.settings
        url = st.update_manifest_url or (st.server_url.rstrip("/") + "/updates/manifest.json" if st.server_url else "")
        if not url or not st.update_public_key:
            return
        self.runner.run(check_for_update, __version__, url, st.update_public_key,
                        on_success=lambda m: m and self.show_message(
                            arg(self.tr("中心已发布新版本 %1，请联系信息技术人员安排更新。"), m.version)),
                        on_error=lambda _msg: None)  # offline or refused: logged; the clerk is not interrupted

    def _on_called(self, _ticket: object) -> None:
        self.tabs.setCurrentWidget(self.intake)
        if self.intake.steps.currentIndex() in (0, 4):  # never wipe a case the clerk is still entering
            self.intake.restart()

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.cases)
        self.cases.search.setFocus()

    def open_case(self, number: str) -> CaseDetailDialog:
        dialog = CaseDetailDialog(self.ctx, self.actor, self.runner, number, self)
        dialog.show()
        return dialog

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        if changes & (Changes.CASES | Changes.CALENDAR):  # a new holiday moves due dates
            self.refresh_reminders()

    def refresh_reminders(self) -> None:
        self.runner.run(reminder_counts, self.ctx, self.actor, on_success=self._show_reminders,
                        on_error=self.show_message)

    def _show_reminders(self, counts: dict[CaseFilter, int]) -> None:
        soon, overdue = counts[CaseFilter.DUE_SOON], counts[CaseFilter.OVERDUE]
        self.reminders.setText(arg(self.tr("催办：%1 件即将到期，%2 件已超期"), soon, overdue))
        self.reminders.setStyleSheet("color: #b00020; font-weight: bold;" if overdue else
                                     "color: #9a6700;" if soon else "color: #1b7f3b;")

    def _show_due(self) -> None:
        self.tabs.setCurrentWidget(self.cases)
        self.cases.filter.setCurrentIndex(self.cases.filter.findData(CaseFilter.DUE_SOON.value))

    # -- devices ---------------------------------------------------------------------------------
    def _read_id_card(self, on_card, on_error) -> None:  # type: ignore[no-untyped-def]
        self.runner.follow(self.devices.read_id(timeout=15),
                           on_success=lambda card: on_card(card.to_json_dict()), on_error=on_error)

    def _capture(self, on_image, on_error) -> None:  # type: ignore[no-untyped-def]
        """The capture dialog previews the camera live; its own state line shows device errors."""
        from clerk_app.ui.capture_dialog import CaptureDialog

        self.capture_dialog = CaptureDialog(self.devices, self.runner, parent=self)
        self.capture_dialog.image_ready.connect(on_image)
        self.capture_dialog.open()

    def _print_receipt(self, data: bytes, on_error) -> None:  # type: ignore[no-untyped-def]
        """A print that fails waits in the device manager's retry queue: nothing is lost."""
        self.runner.follow(self.devices.print_receipt(data, self.tr("受理回执")),
                           on_success=lambda _r: self.show_message(self.tr("受理回执已打印。")), on_error=on_error)

    def _ask_rating(self, case: Case) -> None:
        """The applicant rates on the customer screen, by their own hand (seed 003 §7.2.1.2)."""
        if self.customer is not None:
            self.customer.ask(case.number, RATING_TIMEOUT_MS)

    def _record_rating(self, case_number: str, stars: int | None) -> None:
        level = None if stars is None else int(from_keypad(stars))
        self.runner.run(record_rating, self.ctx, self.actor, case_number, level, channel="customer_screen",
                        on_success=lambda r: self.show_message(
                            arg(self.tr("已记录评价：%1"), r.label if r else self.tr("未评价"))),
                        on_error=self.show_message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.shutdown()
        super().closeEvent(event)
