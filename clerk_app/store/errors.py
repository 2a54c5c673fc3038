"""SQLite failures classified into one sentence each (qutebrowser's model): the clerk and the log get the
kind of fault and what to do, never the statement's parameters (which carry citizen data).

``classify(exc)`` maps a driver or SQLAlchemy error to a ``StoreError`` subclass, or None for an error
that is a bug rather than the environment (it is then re-raised as it is; engines are built with
``hide_parameters=True`` so that its text names no value either).
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from clerk_app.errors import UserError

# SQLite primary result codes (the low byte of the extended code): https://sqlite.org/rescode.html
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
LOW_SPACE_BYTES = 4 * 1024 * 1024


class StoreError(UserError):
    """The local database could not do its work; nothing of the unit of work was kept."""

    code = "store.failed"

    def __init__(self) -> None:
        super().__init__(self.code)


class DiskFull(StoreError):
    code = "store.disk_full"


class DatabaseLocked(StoreError):
    code = "store.locked"


class DatabaseCorrupt(StoreError):
    code = "store.corrupt"


class DatabaseReadOnly(StoreError):
    code = "store.read_only"


class DiskIOError(StoreError):
    code = "store.io"


_BY_CODE: dict[int, type[StoreError]] = {
    SQLITE_FULL: DiskFull, SQLITE_BUSY: DatabaseLocked, SQLITE_LOCKED: DatabaseLocked,
    SQLITE_CORRUPT: DatabaseCorrupt, SQLITE_NOTADB: DatabaseCorrupt, SQLITE_READONLY: DatabaseReadOnly,
    SQLITE_IOERR: DiskIOError, SQLITE_CANTOPEN: DiskIOError,
}
# Drivers built without result codes (or errors raised before a statement ran) say it in words.
_BY_TEXT: tuple[tuple[str, type[StoreError]], ...] = (
    ("database or disk is full", DiskFull), ("database is locked", DatabaseLocked),
    ("database table is locked", DatabaseLocked), ("malformed", DatabaseCorrupt),
    ("file is not a database", DatabaseCorrupt), ("readonly database", DatabaseReadOnly),
    ("disk i/o error", DiskIOError), ("unable to open database", DiskIOError),
)


def classify(exc: BaseException, near: Path | None = None) -> StoreError | None:
    """The environment fault behind ``exc`` (SQLAlchemy-wrapped or raw), or None for anything else.
    ``near`` (the database file) lets an I/O error on a disk with no room left be called what it is:
    SQLite reports a full disk while growing its WAL or shared-memory file as a plain I/O error."""
    fault = _classify(exc)
    if isinstance(fault, DiskIOError) and near is not None:
        try:
            if shutil.disk_usage(near.parent if not near.is_dir() else near).free < LOW_SPACE_BYTES:
                return DiskFull()
        except OSError:
            pass
    return fault


def _classify(exc: BaseException) -> StoreError | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, StoreError):
            return seen
        orig = getattr(seen, "orig", None)  # sqlalchemy.exc.DBAPIError wraps the driver's error
        for err in (seen, orig):
            if err is None:
                continue
            if isinstance(err, OSError) and err.errno == errno.ENOSPC:
                return DiskFull()
            code = getattr(err, "sqlite_errorcode", None)
            if isinstance(code, int) and (kind := _BY_CODE.get(code & 0xFF)):
                return kind()
            if isinstance(err, sqlite3.Error) or type(err).__module__.startswith("sqlcipher3"):
                text = str(err.args[0] if err.args else "").lower()
                for needle, kind in _BY_TEXT:
                    if needle in text:
                        return kind()
        seen = seen.__cause__ or seen.__context__
    return None
