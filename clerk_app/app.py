"""Composition root: builds settings, store, services, devices and windows. The only wiring place."""

from __future__ import annotations

import argparse
import sys

from clerk_app.paths import ProfilePaths
from clerk_app.services.bootstrap import open_context


def build_context(data_dir: str | None, overrides: list[str] | None = None):  # type: ignore[no-untyped-def]

    return open_context(ProfilePaths.resolve(data_dir), overrides=overrides or ())


def create_qt_app():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("一窗受理工作台")
    app.setOrganizationName("clerk-workbench")
    from clerk_app.ui.gui_collector import collect_on_gui_thread

    # Cyclic garbage is collected on the GUI thread only, never on a device or writer thread, where
    # finalising a widget crashes (ui/gui_collector.py).
    collect_on_gui_thread(app)
    from clerk_app.fonts import SANS

    # The bundled CJK sans (not the notices' 仿宋 and 小标宋 beside it) guarantees Chinese text on
    # machines that ship none (fresh Linux, kiosks).
    family_id = QFontDatabase.addApplicationFont(str(SANS.path))
    families = QFontDatabase.applicationFontFamilies(family_id) if family_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 11))
    return app


def run_gui(args: argparse.Namespace) -> int:
    from clerk_app.errors import UserError

    app = create_qt_app()
    _install_crash_handler(ProfilePaths.resolve(args.data_dir))
    try:
        # The login window first; the store and the main window load while the clerk types (issue 15).
        from clerk_app.startup import show_login_first

        dialog, loader = show_login_first(args.data_dir, args.set)
    except UserError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "一窗受理工作台", exc.message)
        return 1
    from clerk_app.ui.login import LoginDialog

    if dialog.exec() != LoginDialog.DialogCode.Accepted or dialog.actor is None:
        return 0
    ctx = loader.get()  # ready: the login used it
    from clerk_app.services.retention import RetentionScheduler

    retention = RetentionScheduler(ctx)  # purges now and daily, on its own thread (PIPL 第19条)
    retention.start()
    from clerk_app.services.commitments import CommitmentScheduler

    commitments = CommitmentScheduler(ctx)  # 容缺 past its date breaks now and daily (seed 001 §5.3.5)
    commitments.start()
    from clerk_app.devices.manager import DeviceManager
    from clerk_app.security.files import profile_vault
    from clerk_app.ui.customer_screen import CustomerScreen
    from clerk_app.ui.device_panel import ShiftCheckDialog
    from clerk_app.ui.main_window import MainWindow

    devices = DeviceManager(ctx.settings.devices,
                            queue_dir=ctx.paths.root / "print_queue", vault=profile_vault(ctx.paths.root))
    customer = CustomerScreen()
    screens = app.screens()
    window = MainWindow(ctx, dialog.actor, devices=devices, customer_screen=customer)
    window.quit_on_close = True  # closing the main window ends the app, customer screen included
    if len(screens) > 1:  # the customer screen belongs on the second monitor, facing the applicant
        customer.setGeometry(screens[1].availableGeometry())
        customer.show()
    else:  # one monitor: an always-visible panel of the main window, never a window behind it
        window.dock_customer_panel()
    window.show_restored()  # maximised the first time, then as the clerk left it
    window.check_updates()
    sync_runner = _start_sync(ctx, window)
    check = ShiftCheckDialog(devices, window.runner, window)
    check.show()
    import asyncio

    import qasync

    # Qt's event loop is also asyncio's: the views' async slots await service calls and devices
    # (TaskRunner.call / wait) on the GUI thread, without callbacks (docs/architecture.md).
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            return int(loop.run_forever())
    finally:
        retention.stop()
        commitments.stop()
        if sync_runner is not None:
            sync_runner.stop()
        customer.close()
        devices.close()


def _install_crash_handler(paths: ProfilePaths) -> None:
    """An unhandled exception in a slot: a masked report in the profile's logs and one sentence in a
    dialog (a worker thread's crash is reported and logged only: see clerk_app.crash)."""
    from clerk_app import crash

    def show(sentence: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "一窗受理工作台", sentence)

    crash.install(paths.logs, show)


def lock_if_revoked(ctx, window) -> bool:  # type: ignore[no-untyped-def]
    """On the GUI thread after each sync round: lock the window if its clerk is no longer active."""
    from clerk_app.security.idle import LockReason
    from clerk_app.services.auth import is_active

    if is_active(ctx, window.actor.user_id) or not window.lock_overlay.isHidden():
        return False
    window.lock_overlay.show_locked(LockReason.MANUAL)
    return True


def _start_sync(ctx, window):  # type: ignore[no-untyped-def]
    """Background sync when this PC is enrolled with a center; otherwise the app works locally."""
    from clerk_app.ui.sync_panel import SyncIndicator
    from sync.client import SyncClient
    from sync.client.runner import SyncRunner

    indicator = SyncIndicator()
    window.statusBar().addPermanentWidget(indicator)
    from clerk_app.services.distribution import refresh_after_distribution

    client = SyncClient(ctx.store, attachments=ctx.paths.attachments, profile=ctx.paths,
                        on_distributed=lambda kinds: refresh_after_distribution(ctx, kinds),
                        ca_file=ctx.settings.sync_ca_file or None)
    status = client.status()
    if not status.enrolled:
        client.close()
        return None
    indicator.show_status(status)
    # A clerk revoked at the center (or on another counter) is locked out of an open session as soon as
    # the sync brings the news, not only at the next idle lock; unlocking then refuses the account.
    indicator.relay.changed.connect(lambda _status: lock_if_revoked(ctx, window))
    # What a pull or a distribution wrote reaches the views as a local action's changes do.
    indicator.relay.committed.connect(window.runner.emit_changes)
    runner = SyncRunner(client, on_status=indicator.relay.changed.emit, on_changes=indicator.relay.committed.emit)
    runner.start()
    runner.trigger()
    return runner
