"""What a unit of work changed, recorded at the source (after Anki's ``OpChanges``).

Public API: ``Changes`` (flags), ``TABLE_CHANGES`` (every table → its kind), ``collect_changes()``,
``record(changes)``, ``install(engine)``.

Every write statement on a store's engine names its table; the engine's listeners note the tables of
the open transaction and, when it commits, add their kinds to every collector open on this thread
(a rolled-back transaction reports nothing). No service declares its changes and no caller guesses
them: ``ui/tasks.py`` runs each service call inside ``collect_changes()`` and emits what was
collected; the sync runner does the same around a sync round (pull and distribution). A write that
is not a table row (the catalogue's working copy, a year's holiday file) is declared where it is
written with ``record``.

Adding a table: give it a kind in ``TABLE_CHANGES`` (a test fails for a table without one). Adding a
view: subscribe to ``TaskRunner.changes_applied`` and test ``changes & Changes.X``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import Flag, auto
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine


class Changes(Flag):
    NONE = 0
    CASES = auto()  # cases, their events, materials, forms, urges
    APPLICANTS = auto()
    QUEUE = auto()  # queue tickets (the queue bar)
    APPOINTMENTS = auto()  # the day's appointments from the center (the queue bar)
    LEDGERS = auto()  # counter ledgers, ratings, follow-ups, complaints
    PAUSES = auto()  # the window's service pauses
    USERS = auto()
    CATALOGUE = auto()  # the matter catalogue or the window's authorised list
    CALENDAR = auto()  # a year's holiday schedule
    DISTRIBUTION = auto()  # items received from the center
    AUDIT = auto()
    SYNC = auto()  # outbox, sync state, quarantined center items
    INTERNAL = auto()  # numbering sequences and schema bookkeeping: no view shows them


# The one table that maps tables to kinds; tests/unit/store/test_changes.py checks it covers the schema.
TABLE_CHANGES: dict[str, Changes] = {
    "cases": Changes.CASES, "case_events": Changes.CASES, "case_materials": Changes.CASES,
    "case_forms": Changes.CASES, "case_urges": Changes.CASES,
    "applicants": Changes.APPLICANTS,
    "queue_tickets": Changes.QUEUE, "appointments": Changes.APPOINTMENTS,
    "assistance_records": Changes.LEDGERS, "consultations": Changes.LEDGERS, "extended_services": Changes.LEDGERS,
    "emergencies": Changes.LEDGERS, "emergency_persons": Changes.LEDGERS, "comp_time": Changes.LEDGERS,
    "ratings": Changes.LEDGERS, "rating_followups": Changes.LEDGERS, "complaints": Changes.LEDGERS,
    "complaint_tracks": Changes.LEDGERS, "complaint_steps": Changes.LEDGERS, "complaint_calls": Changes.LEDGERS,
    "survey_responses": Changes.LEDGERS,
    "pauses": Changes.PAUSES,
    "users": Changes.USERS,
    "center_items": Changes.DISTRIBUTION,
    "audit_log": Changes.AUDIT, "audit_chain": Changes.AUDIT, "audit_anchor": Changes.AUDIT,
    "audit_peer_links": Changes.AUDIT,  # other devices' chain links, for audit verify
    "sync_outbox": Changes.SYNC, "sync_state": Changes.SYNC, "dist_quarantine": Changes.SYNC,
    "pull_quarantine": Changes.SYNC,
    "sequences": Changes.INTERNAL, "alembic_version": Changes.INTERNAL, "schema_info": Changes.INTERNAL,
    "sqlite_sequence": Changes.INTERNAL,
}

_WRITE = re.compile(r"^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"
                    r"\s+[\"`\[]?(\w+)", re.IGNORECASE)
_PENDING = "clerk_changes_pending"  # Connection.info key: the kinds written in the open transaction


class _Collector:
    def __init__(self) -> None:
        self.changes = Changes.NONE


_collectors: ContextVar[tuple[_Collector, ...]] = ContextVar("clerk_change_collectors", default=())


@contextmanager
def collect_changes() -> Iterator[_Collector]:
    """Collects the kinds committed on this thread while the block runs; read ``.changes`` after it."""
    collector = _Collector()
    token = _collectors.set((*_collectors.get(), collector))
    try:
        yield collector
    finally:
        _collectors.reset(token)


def record(changes: Changes) -> None:
    """Declares a change that is not a table row (a file in the profile), where it is written."""
    for collector in _collectors.get():
        collector.changes |= changes


def kinds_of(statement: str) -> Changes:
    match = _WRITE.match(statement)
    if match is None:
        return Changes.NONE
    # An unknown table is reported as INTERNAL rather than lost; the schema test keeps the map whole.
    return TABLE_CHANGES.get(match.group(1).lower(), Changes.INTERNAL)


def _on_statement(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
    if (kinds := kinds_of(statement)) and conn.in_transaction():
        conn.info[_PENDING] = conn.info.get(_PENDING, Changes.NONE) | kinds


def _on_commit(conn: Any) -> None:
    record(conn.info.pop(_PENDING, Changes.NONE))


def _on_rollback(conn: Any) -> None:
    conn.info.pop(_PENDING, None)


def install(engine: Engine) -> None:
    """Called once per engine by ``store.db.make_engine``."""
    from sqlalchemy import event  # here for start-up time: reading the calendar needs no SQLAlchemy

    event.listen(engine, "before_cursor_execute", _on_statement)
    event.listen(engine, "commit", _on_commit)
    event.listen(engine, "rollback", _on_rollback)
