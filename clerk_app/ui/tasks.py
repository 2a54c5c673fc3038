"""Runs service calls off the GUI thread and brings results back to it (after Anki's CollectionOp).

All writes go through one worker thread, so SQLite sees a single writer and the window never freezes
on a slow disk, a locked database or a device. Results and user-facing errors arrive as signals on the
GUI thread; bugs go to the log with their traceback and show one sentence.

What a call changed is recorded by the store as it commits (``clerk_app.store.changes``), never declared
by the caller: after each call the runner emits ``changes_applied(Changes)`` once, when anything was
committed (a failed call may have committed part of its work: that is reported too), and each view
refreshes for the kinds it shows. ``emit_changes`` lets the sync relay report a pull the same way.

A view awaits work instead of passing callbacks (the app's event loop is qasync's, see app.py)::

    @asyncSlot()
    async def submit(self) -> None:
        try:
            case = await self.runner.call(cases.open_case, ctx, actor, ...)  # on the writer thread
        except TaskFailed as exc:
            self.show_error(exc.message)  # one sentence, already in the UI language
            return
        self.show(case)                    # back on the GUI thread; the views got the changes

``call`` and ``wait`` (a device's future) resolve on the GUI thread through the same delivery as
``run``/``follow``: the busy state, the changes signal and the logging of bugs are the same for both.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QDialog

from clerk_app.errors import UserError
from clerk_app.services.changes import Changes, collect_changes
from clerk_app.ui.labels import message as in_ui_language

log = logging.getLogger("clerk.ui")
BUG_MESSAGE = QT_TRANSLATE_NOOP("TaskRunner", "操作未完成：程序内部出错，已记录日志。请重试；如仍出错请联系信息技术人员。")


class TaskFailed(Exception):
    """An awaited call did not complete. ``message`` is the one sentence to show, in the UI language
    (a user error's own sentence, or the bug sentence after the traceback went to the log)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Collected:
    """The changes a call committed, filled on the writer thread before its future completes."""

    changes = Changes.NONE


def _collecting(box: _Collected, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with collect_changes() as collected:
        try:
            return fn(*args, **kwargs)
        finally:
            box.changes = collected.changes


class TaskRunner(QObject):
    changes_applied = Signal(object)  # clerk_app.store.changes.Changes: views decide whether to refresh
    busy_changed = Signal(bool)
    _done = Signal(object, object, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clerk-writer")
        self._pending = 0
        self._closed = False
        self._done.connect(self._deliver)

    def run(self, fn: Callable[..., Any], *args: Any, on_success: Callable[[Any], None] | None = None,
            on_error: Callable[[str], None] | None = None, **kwargs: Any) -> Future | None:
        if self._closed:  # a timer or late signal after the window closed: nothing left to update
            return None
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        box = _Collected()
        future = self._pool.submit(_collecting, box, fn, *args, **kwargs)
        future.add_done_callback(lambda f: self._done.emit(f, on_success, on_error, box))
        return future

    def follow(self, future: Future, *, on_success: Callable[[Any], None] | None = None,
               on_error: Callable[[str], None] | None = None) -> Future:
        """Delivers a future made elsewhere (a device worker) on the GUI thread, like ``run``."""
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        future.add_done_callback(lambda f: self._done.emit(f, on_success, on_error, None))
        return future

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> asyncio.Future[Any]:
        """``await runner.call(fn, ...)``: ``fn`` runs on the writer thread; the await returns its
        result on the GUI thread or raises ``TaskFailed``. What it committed reaches the views through
        ``changes_applied`` as with ``run``. Cancelled when the runner has shut down."""
        future: asyncio.Future[Any] = asyncio.get_event_loop().create_future()
        if self.run(fn, *args, on_success=_resolver(future), on_error=_failer(future), **kwargs) is None:
            future.cancel()
        return future

    def wait(self, work: Future) -> asyncio.Future[Any]:  # type: ignore[type-arg]
        """``await runner.wait(device_future)``: a future made elsewhere (a device worker), like ``call``."""
        future: asyncio.Future[Any] = asyncio.get_event_loop().create_future()
        self.follow(work, on_success=_resolver(future), on_error=_failer(future))
        return future

    @Slot(object)
    def emit_changes(self, changes: Changes) -> None:
        """Reports changes committed outside the runner (a sync round), on the GUI thread."""
        if changes:
            self.changes_applied.emit(changes)

    @Slot(object, object, object, object)
    def _deliver(self, future: Future, on_success: Callable[[Any], None] | None,
                 on_error: Callable[[str], None] | None, box: _Collected | None) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        exc = future.exception()
        try:
            self._report(future, exc, on_success, on_error)
        finally:
            if box is not None:
                self.emit_changes(box.changes)

    def _report(self, future: Future, exc: BaseException | None, on_success: Callable[[Any], None] | None,
                on_error: Callable[[str], None] | None) -> None:
        if exc is None:
            if on_success is not None:
                on_success(future.result())
            return
        if isinstance(exc, UserError):
            message = in_ui_language(exc.message)  # the domain and services raise Chinese
        else:
            log.error("task failed", exc_info=exc)
            message = QCoreApplication.translate("TaskRunner", BUG_MESSAGE)
        if on_error is not None:
            on_error(message)

    def shutdown(self) -> None:
        """Waits for work already queued: a write the clerk started is never cut off."""
        self._closed = True
        self._pool.shutdown(wait=True)


def _resolver(future: asyncio.Future[Any]) -> Callable[[Any], None]:
    def resolve(result: Any) -> None:
        if not future.done():  # the awaiting view may have been cancelled meanwhile
            future.set_result(result)
    return resolve


def _failer(future: asyncio.Future[Any]) -> Callable[[str], None]:
    def fail(message: str) -> None:
        if not future.done():
            future.set_exception(TaskFailed(message))
    return fail


def answer(dialog: QDialog) -> asyncio.Future[int]:
    """Opens a window-modal dialog now (the counter keeps running; the keys typed next go to it) and
    returns its result code once the clerk answers: ``if await answer(dialog) == Accepted: ...``."""
    future: asyncio.Future[int] = asyncio.get_event_loop().create_future()
    dialog.finished.connect(lambda result: None if future.done() else future.set_result(result))
    dialog.open()
    return future
