"""Login window first (issue 15): the counter shows the login window as soon as Qt and the settings
are up, and opens the store (SQLAlchemy, SQLCipher), the catalogue, the calendar and the main
window's modules on a background thread while the clerk types. The password check waits for that
load only if the clerk is faster than it.

Public API: ``ContextLoader``, ``show_login_first``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from clerk_app.errors import UserError


class ContextLoader:
    """Builds the ServiceContext off the GUI thread; ``get()`` waits for it (or re-raises its error)."""

    def __init__(self, build: Callable[[], Any], preload: Sequence[str] = ()) -> None:
        self._build, self._preload = build, tuple(preload)
        self._done = threading.Event()
        self._ctx: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="clerk-startup", daemon=True)

    def start(self) -> ContextLoader:
        self._thread.start()
        return self

    def _run(self) -> None:
        import importlib

        try:
            self._ctx = self._build()
            for module in self._preload:  # the main window's code, imported before the password is in
                importlib.import_module(module)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which shows or raises it
            self._error = exc
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    def get(self, timeout: float | None = None) -> Any:
        if not self._done.wait(timeout):
            raise UserError("startup.opening")
        if self._error is not None:
            raise self._error
        return self._ctx


MAIN_MODULES = ("clerk_app.services.auth", "clerk_app.ui.main_window", "clerk_app.ui.intake",
                "clerk_app.ui.customer_screen", "clerk_app.ui.device_panel", "clerk_app.devices.manager")


def show_login_first(data_dir: str | None, overrides: Sequence[str] = ()):  # type: ignore[no-untyped-def]
    """Settings (small, read here), the language, the login window shown; the rest loads meanwhile.
    Returns ``(dialog, loader)``; ``dialog.actor`` is set after a successful login."""
    from clerk_app import i18n
    from clerk_app.paths import ProfilePaths
    from clerk_app.settings import load_settings
    from clerk_app.ui.login import LoginDialog

    paths = ProfilePaths.resolve(data_dir).ensure()
    settings = load_settings(paths.root / "settings.toml", overrides=overrides)
    from PySide6.QtWidgets import QApplication

    i18n.install(QApplication.instance(), settings.language)  # before any window: texts are translated when built

    def build():  # type: ignore[no-untyped-def]
        from clerk_app.services.bootstrap import open_context

        return open_context(paths, overrides=overrides)

    loader = ContextLoader(build, MAIN_MODULES).start()

    def authenticate(username: str, password: str):  # type: ignore[no-untyped-def]
        from clerk_app.services.auth import login

        try:
            ctx = loader.get()
        except UserError:
            raise
        except Exception as exc:  # logged with its traceback; the clerk gets one sentence
            import logging

            logging.getLogger("clerk.startup").error("profile failed to open", exc_info=exc)
            raise UserError("startup.open_failed") from exc
        return login(ctx, username, password)

    dialog = LoginDialog(authenticate, settings.center_name, settings.window)
    dialog.show()
    return dialog, loader
