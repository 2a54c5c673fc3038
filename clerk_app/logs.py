"""Log files in the profile's ``logs/``: rotated by size, every handler behind the PII filter.

Public API: ``setup_logging(paths, level)`` (called once by app.py and cli.py), ``log_files(paths)``,
``LOG_NAME``.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from clerk_app.paths import ProfilePaths
from clerk_app.security.masking import PiiLogFilter

LOG_NAME = "clerk-app.log"
# 2 MB x (1 + 5) keeps about a month of a busy counter's INFO lines and bounds the disk use at 12 MB.
MAX_BYTES, BACKUPS = 2_000_000, 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
_MARK = "_clerk_app_handler"


def _owned(handler: logging.Handler) -> logging.Handler:
    handler.addFilter(PiiLogFilter())
    handler.setFormatter(logging.Formatter(FORMAT))
    setattr(handler, _MARK, True)
    return handler


def setup_logging(paths: ProfilePaths, level: str | int = "INFO", *, stderr_level: int = logging.WARNING,
                  max_bytes: int = MAX_BYTES) -> Path:
    """Idempotent: calling it again (tests, a second profile) replaces the handlers it added."""
    paths.logs.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(old)
        old.close()
    log_file = paths.logs / LOG_NAME
    file_handler = _owned(RotatingFileHandler(log_file, maxBytes=max_bytes, backupCount=BACKUPS,
                                              encoding="utf-8", delay=True))
    console = _owned(logging.StreamHandler(sys.stderr))
    console.setLevel(stderr_level)
    root.addHandler(file_handler)
    root.addHandler(console)
    root.setLevel(level if isinstance(level, int) else level.upper())
    logging.captureWarnings(True)
    # A log that cannot be written (a full disk) must not print logging's own traceback, with the record
    # it failed to write, onto the clerk's terminal: the command's one sentence says what went wrong.
    logging.raiseExceptions = False
    return log_file


def log_files(paths: ProfilePaths) -> list[Path]:
    """The current log and its rotated copies (``clerk-app.log.1`` …), plus other ``*.log`` files."""
    if not paths.logs.is_dir():
        return []
    return sorted(p for p in paths.logs.iterdir() if p.is_file() and ".log" in p.name)
