"""The last line of defence (qutebrowser's model): an exception nobody handled becomes a masked report in
the profile's ``logs/`` and one sentence for the clerk, never a traceback on screen.

A report keeps what a developer needs (the frames and each exception's type) and drops what may carry
citizen data: exception messages (a driver's error can render a record) and local variables.

Public API: ``safe_traceback``, ``write_report``, ``install``, ``CRASH_SENTENCE``.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

log = logging.getLogger("clerk.crash")
CRASH_SENTENCE = "程序出现内部错误，本次操作可能没有完成。错误报告已保存在本机（不含群众信息），请联系信息技术人员。"


def safe_traceback(exc: BaseException) -> str:
    """Frames and exception types of ``exc`` and its causes, without any exception message."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain and len(chain) < 10:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    parts = []
    for e in reversed(chain):
        frames = "".join(traceback.format_list(traceback.extract_tb(e.__traceback__)))
        parts.append(f"Traceback (most recent call last):\n{frames}{type(e).__module__}.{type(e).__qualname__}"
                     " (message withheld: it may carry citizen data)\n")
    return "\nThe above led to:\n\n".join(parts)


def write_report(logs_dir: Path, exc: BaseException, *, now: datetime | None = None) -> Path | None:
    """A crash report file next to the log (the diagnostics bundle takes it); None if it cannot be written."""
    from clerk_app import __version__

    now = now or datetime.now()
    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        path = logs_dir / f"crash-{now:%Y%m%d-%H%M%S-%f}.log"
        path.write_text(f"clerk-app {__version__} crash at {now.isoformat(timespec='seconds')}\n"
                        f"thread: {threading.current_thread().name}\n\n{safe_traceback(exc)}", encoding="utf-8")
        return path
    except OSError:
        return None


def install(logs_dir: Path, show: Callable[[str], None]) -> Callable[[], None]:
    """Route unhandled exceptions to a report and, on the main thread, ``show(sentence)``; a worker
    thread's are reported and logged only. A ``UserError`` that escaped its handler shows its own
    sentence. Returns a function that undoes it."""
    from clerk_app.errors import UserError

    previous_hook, previous_thread_hook = sys.excepthook, threading.excepthook

    def handle(exc: BaseException, *, tell: bool) -> None:
        if isinstance(exc, UserError):
            log.warning("unhandled %s (%s)", type(exc).__name__, exc.code)
            if tell:
                show(exc.message)
            return
        path = write_report(logs_dir, exc)
        log.error("unhandled %s; report %s", type(exc).__name__, path)
        if tell:
            show(CRASH_SENTENCE)

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous_hook(kind, exc, tb)
            return
        with contextlib.suppress(Exception):  # the handler must never raise into Qt's event loop
            handle(exc, tell=True)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        # A worker thread cannot open a dialog (widgets belong to the GUI thread): report and log only.
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            with contextlib.suppress(Exception):
                handle(args.exc_value, tell=False)

    sys.excepthook, threading.excepthook = hook, thread_hook

    def undo() -> None:
        sys.excepthook, threading.excepthook = previous_hook, previous_thread_hook

    return undo
