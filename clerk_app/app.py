"""Composition root: builds settings, store, services and windows. The only wiring place."""

from __future__ import annotations

import argparse
import sys

from clerk_app.paths import ProfilePaths


def build_context(data_dir: str | None):  # type: ignore[no-untyped-def]
    from clerk_app.services.context import ServiceContext

    return ServiceContext.open(ProfilePaths.resolve(data_dir))


def create_qt_app():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("一窗受理工作台")
    app.setOrganizationName("clerk-workbench")
    return app


def run_gui(args: argparse.Namespace) -> int:
    from clerk_app.errors import UserError

    app = create_qt_app()
    try:
        ctx = build_context(args.data_dir)
    except UserError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "一窗受理工作台", exc.message)
        return 1
    from clerk_app.services.auth import login
    from clerk_app.ui.login import LoginDialog
    from clerk_app.ui.main_window import MainWindow

    dialog = LoginDialog(lambda u, p: login(ctx, u, p), ctx.settings.center_name, ctx.settings.window)
    if dialog.exec() != LoginDialog.DialogCode.Accepted or dialog.actor is None:
        return 0
    window = MainWindow(ctx, dialog.actor)
    window.show()
    return app.exec()
