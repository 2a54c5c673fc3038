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

from clerk_app.domain import ledgers as ledger_rules
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
from clerk_app.ui.intake import IntakeWizard
from clerk_app.ui.labels import label
from clerk_app.ui.output_desk import OutputDesk
from clerk_app.ui.queue_bar import QueueBar
from clerk_app.ui.tasks import TaskRunner

REMINDER_REFRESH_MS = 10 * 60_000


class MainWindow(QMainWindow):
    def __init__(self, ctx: ServiceContext, actor: Actor, *, runner: TaskRunner | None = None,
                 devices: Any | None = None, customer_screen: Any | None = None) -> None:
        super().__init__()
        self.ctx, self.actor, self.devices, self.customer = ctx, actor, devices, customer_screen
        self._rating_pending: str | None = None  # decided at the counter, documents not yet in hand
        self._close_confirmed = False
        self.quit_on_close = False  # app.py: the running app ends with this window (tests keep their loop)
        self.runner = runner or TaskRunner(self)
        self.setWindowTitle(arg(self.tr("一窗受理工作台 — %1"), ctx.settings.center_name))
        self.resize(1200, 760)
        self.tabs = QTabWidget(objectName="pages")
        self.intake = IntakeWizard(ctx, actor, self.runner,
                                   read_id_card=self._read_card if devices is not None else None,
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
        # seed 003 §7.2.3.4.2: the 满意度调查表 on the customer screen, offered from 其他业务's survey tab
        self.survey_button = self.ledgers.survey.screen_button
        self.survey_button.setVisible(customer_screen is not None)
        self.manager_button.setVisible(actor.can("manager.view"))
        self.queue.layout().addWidget(self.pause_button)
        self.queue.layout().addWidget(self.manager_button)
        from clerk_app.ui.message_line import MessageLine

        self.message_line = MessageLine()
        counter = QWidget()
        column = QVBoxLayout(counter)
        column.addWidget(self.queue)
        column.addWidget(self.message_line)
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
            # Receipts that failed to print wait in the queue: a visible way to retry or discard them.
            self.print_queue_button = QPushButton(objectName="printQueueButton")
            self.print_queue_button.setStyleSheet("color: #b00020; font-weight: bold;")
            self.print_queue_button.setVisible(False)
            self.print_queue_button.clicked.connect(self.show_print_queue)
            self.statusBar().addPermanentWidget(self.print_queue_button)
            self.refresh_print_queue()
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
        self.intake.case_finished.connect(self._rating_after_documents)
        self.intake.documents_printed.connect(self._ask_pending_rating)
        self.queue.called.connect(self._on_called)
        self.queue.before_call = self.intake.settle_before_next
        self.output.delivered.connect(self._ask_rating)
        self.cases.table.cellDoubleClicked.connect(
            lambda row, _col: self.open_case(self.cases.table.item(row, 0).text()))
        self.reminders.clicked.connect(self._show_due)
        self._reminder_timer.timeout.connect(self.refresh_reminders)
        self.runner.changes_applied.connect(self._on_changes)
        if self.customer is not None:
            self.customer.set_counter(self.ctx.settings.window, self.actor.display_name, self.actor.username)
            self.customer.rated.connect(self._record_rating)
            self.customer.not_rated.connect(lambda number: self._record_rating(number, None, []))
            self.customer.surveyed.connect(self._record_survey)
        self.survey_button.clicked.connect(self.ask_survey)
        QShortcut(QKeySequence("F5"), self, activated=lambda: self.tabs.setCurrentWidget(self.intake))
        QShortcut(QKeySequence("F6"), self, activated=lambda: self.tabs.setCurrentWidget(self.cases))
        QShortcut(QKeySequence("F7"), self, activated=lambda: (self.tabs.setCurrentWidget(self.output),
                                                               self.output.focus_number()))
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
                                        lambda pw: reauth.unlock(self.ctx, self.actor, pw),
                                        window_number=self.ctx.settings.window)
        self.idle_guard = IdleGuard(self.lock_overlay, IdleLock(self.ctx.settings.idle_lock_minutes, self.ctx.now()),
                                    self.ctx.now)
        self.lock_overlay.unlocked.connect(self._after_unlock)
        # An idle lock also tells the applicant: the customer screen says 暂停服务 until unlocked.
        self.idle_guard.locked.connect(lambda _r: self.customer.pause() if self.customer is not None else None)
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

        if not self.paused and self.customer is not None:
            self.customer.resume()  # an idle lock ends with the unlock; a pause ends after its ledger entry
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
        limit = ledger_rules.PAUSE_REPORT_MINUTES
        self.show_message(arg(self.tr("暂停超过 %1 分钟，原因已报带班负责人。"), limit) if flagged else self.tr("已恢复服务。"))

    def _ask_pause_reason(self) -> str:
        limit = ledger_rules.PAUSE_REPORT_MINUTES
        reason, _ok = QInputDialog.getText(self, arg(self.tr("暂停超过 %1 分钟"), limit),
                                           arg(self.tr("本次暂停已超过 %1 分钟，请填写原因（带班负责人可见）："), limit))
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
        self._end_rating()  # the next ticket closes the last applicant's question
        self.tabs.setCurrentWidget(self.intake)
        if not self.intake.has_open_intake():  # an open intake was parked or withdrawn before the call
            self.intake.restart()

    def show_message(self, message: str) -> None:
        """Into the message line, where a whole sentence fits and stays until the next message."""
        self.message_line.show_message(message, self.ctx.now())

    # -- geometry: opens maximised the first time, then as the clerk left it ----------------------
    def _geometry_file(self):  # type: ignore[no-untyped-def]
        return self.ctx.paths.root / "window-geometry.bin"

    def show_restored(self) -> None:
        """Shows the window as it was closed last time on this counter, or maximised."""
        from PySide6.QtCore import QByteArray

        path = self._geometry_file()
        try:
            saved = path.read_bytes() if path.exists() else b""
        except OSError:
            saved = b""
        if saved and self.restoreGeometry(QByteArray(saved)):
            self.show()
        else:
            self.showMaximized()

    def save_geometry(self) -> None:
        import contextlib

        # a read-only profile: the window opens maximised next time, nothing else is lost
        with contextlib.suppress(OSError):
            self._geometry_file().write_bytes(bytes(self.saveGeometry().data()))

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
        self.reminders.setMinimumWidth(self.reminders.sizeHint().width())  # the whole sentence, not its tail
        self.reminders.setStyleSheet("color: #b00020; font-weight: bold;" if overdue else
                                     "color: #9a6700;" if soon else "color: #1b7f3b;")

    def _show_due(self) -> None:
        self.tabs.setCurrentWidget(self.cases)
        self.cases.filter.setCurrentIndex(self.cases.filter.findData(CaseFilter.DUE_SOON.value))

    # -- devices ---------------------------------------------------------------------------------
    async def _read_card(self) -> dict[str, Any]:
        """The card on the reader (up to 15 s to place it), awaited: ``TaskFailed`` says what went wrong."""
        card = await self.runner.wait(self.devices.read_id(timeout=15))
        return card.to_json_dict()

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
        def failed(message: str) -> None:
            on_error(message)
            self.refresh_print_queue()
        self.runner.follow(self.devices.print_receipt(data, self.tr("受理回执")),
                           on_success=lambda _r: self.show_message(self.tr("受理回执已打印。")), on_error=failed)

    def refresh_print_queue(self) -> None:
        queue = getattr(self.devices, "print_queue", None)
        if queue is None:
            return
        from clerk_app.ui.print_queue import pending_count

        self.runner.run(pending_count, queue, on_success=self._show_print_queue_count, on_error=lambda _m: None)

    def _show_print_queue_count(self, n: int) -> None:
        self.print_queue_button.setText(arg(self.tr("打印队列：%1 张待打印"), n))
        self.print_queue_button.setVisible(n > 0)

    def show_print_queue(self):  # type: ignore[no-untyped-def]
        from clerk_app.ui.print_queue import PrintQueueDialog

        self.print_queue_dialog = PrintQueueDialog(self.devices.print_queue, self.runner, self)
        self.print_queue_dialog.changed.connect(self._show_print_queue_count)
        self.print_queue_dialog.open()
        return self.print_queue_dialog

    # -- rating (issue 15 item 9): asked when the applicant holds the documents, kept until the next ticket
    def _rating_after_documents(self, case: Case) -> None:
        """The decision is made; the applicant can judge the service once the papers are in hand."""
        self._rating_pending = case.number

    def _ask_pending_rating(self, _number: str) -> None:
        if self._rating_pending is not None and self.customer is not None:
            self.customer.ask(self._rating_pending)
        self._rating_pending = None

    def _ask_rating(self, case: Case) -> None:
        """At the output desk the result is handed over: asked at once, unless the case (or its
        bundle) was rated already — one service, one rating (seed 001 §7.1)."""
        if self.customer is None:
            return
        from clerk_app.services.evaluation import is_rated

        self.runner.run(is_rated, self.ctx, case.number,
                        on_success=lambda rated: None if rated else self.customer.ask(case.number),
                        on_error=self.show_message)

    def _end_rating(self) -> None:
        if self.customer is not None:
            self.customer.finish()  # a level given stands; an open question ends as not rated
            self.customer.survey.end()  # a survey left half-way keeps the rows answered
        if self._rating_pending is not None:  # the applicant left before any document was printed
            self._record_rating(self._rating_pending, None, [])
            self._rating_pending = None

    def _record_rating(self, case_number: str, stars: int | None, dimensions: list[str]) -> None:
        """Recorded without echoing the level: the clerk does not see it while the applicant is here
        (seed 003 §7.2.1.2, the applicant's own rating)."""
        level = None if stars is None else int(from_keypad(stars))
        self.runner.run(record_rating, self.ctx, self.actor, case_number, level, channel="customer_screen",
                        dimensions=dimensions,
                        on_success=lambda r: self.show_message(
                            self.tr("已记录服务评价。") if r else self.tr("申请人未评价，已记录。")),
                        on_error=self.show_message)

    # -- the 满意度调查表 (seed 003 §7.2.3.4.2, App. E) on the customer screen ------------------------
    def ask_survey(self) -> None:
        """The form is read when asked: one the center distributed since the start is used at once."""
        if self.customer is None:
            return
        from clerk_app.services.survey import survey_form

        self.runner.run(survey_form, self.ctx, on_success=self._show_survey, on_error=self.show_message)

    def _show_survey(self, form: Any) -> None:
        if self.customer is None:
            return
        self.customer.survey.form = form
        if self.customer.ask_survey():
            self.show_message(self.tr("已请申请人在客户屏上填写满意度调查表。"))
        else:
            self.show_message(self.tr("请先让申请人完成服务评价（或恢复服务），再请其填写满意度调查表。"))

    def _record_survey(self, visit: str, departments: list[str], levels: list[int | None]) -> None:
        """Recorded without showing the answers to the clerk: they are the applicant's own."""
        from clerk_app.services.survey import record_survey

        self.runner.run(record_survey, self.ctx, self.actor, channel="screen", visit=visit, departments=departments,
                        levels=levels, on_success=lambda _r: self.show_message(self.tr("已记录一份满意度调查表。")),
                        on_error=self.show_message)

    def dock_customer_panel(self) -> None:
        """Single monitor: the customer screen is a panel along the bottom of this window, always in
        view (a separate window would slip behind the main window and the question would be lost)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QDockWidget

        if self.customer is None:
            return
        dock = QDockWidget(self.tr("服务评价（请申请人操作）"), self, objectName="customerDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)  # cannot be closed or floated
        self.customer.set_compact(True)
        dock.setWidget(self.customer)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)

    def _intake_open(self) -> bool:
        """An applicant is being served in the wizard: a decision step not yet reached its end."""
        step = self.intake.steps.currentIndex()
        return step in (1, 2, 3) or (step == 0 and self.intake.applicant is not None)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the main window ends the whole app, customer screen included; with an intake open
        the clerk is asked first (nothing official is lost, but the applicant is still here)."""
        if self._intake_open() and not self._close_confirmed:
            event.ignore()
            self._confirm_close()
            return
        self._end_rating()
        self.save_geometry()
        self.runner.shutdown()
        super().closeEvent(event)
        if self.customer is not None and self.customer.window() is not self:
            self.customer.close()
        if self.quit_on_close:
            from PySide6.QtWidgets import QApplication

            QApplication.quit()

    def _confirm_close(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = self.findChild(QMessageBox, "confirmClose")
        if box is None:  # built once: asked again, the same question
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("退出工作台"),
                              self.tr("正在受理的办件尚未完成。确定退出工作台吗？已录入的内容已保存，可在办件查询中找到。"),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setObjectName("confirmClose")
            box.button(QMessageBox.StandardButton.Yes).setText(self.tr("退出"))
            box.button(QMessageBox.StandardButton.No).setText(self.tr("继续受理"))

            def answered(button: int) -> None:
                if button == QMessageBox.StandardButton.Yes:
                    self._close_confirmed = True
                    self.close()
            box.finished.connect(answered)
        box.setDefaultButton(QMessageBox.StandardButton.No)  # Enter by habit keeps the work open
        box.open()
