"""The sync outbox: every write to a synced table becomes an outbox row in the same SQLite transaction.

Capture happens in session events installed on the Store's sessionmaker, so the services need not
know about sync: ``after_flush`` records ORM inserts, updates and deletes; ``do_orm_execute`` records
bulk ``insert(Table)`` statements (demo seeding) and refuses bulk UPDATE/DELETE of synced tables,
which would otherwise change data the center never hears about.

Each outbox row is one mutation: per-device ``seq`` (SQLite AUTOINCREMENT, so a rolled-back
transaction leaves no gap and a purged row's seq is never reused), ``mutation_id`` (UUIDv7),
``tx_id`` (the local transaction, applied by the server all or nothing), the acting user, an HLC
stamp and the payload. Rows stay after the server acknowledges them (status 'acked') for
``RETAIN_DAYS`` so that a server restored from backup can be re-fed.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import weakref
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, event, inspect, text

from clerk_app.domain.ids import uuid7

if TYPE_CHECKING:  # the ORM loads with the first session (Store), not with the outbox's functions
    from sqlalchemy.orm import Mapper, ORMExecuteState, Session, sessionmaker

SYNCED_ORDER: tuple[str, ...] = ("users", "applicants", "cases", "case_materials", "case_events", "ratings", "complaints",
                                 "survey_responses", "audit_log")
SYNCED = frozenset(SYNCED_ORDER)
# sync.protocol.LOCAL_ONLY_FIELDS: a lockout after wrong passwords stays on the PC it happened on.
LOCAL_ONLY: dict[str, frozenset[str]] = {"users": frozenset({"failed_attempts", "locked_until"})}
# The center knows a user by name (the same clerk may have been created on two counters): every
# update carries it so that the center can find its own record.
KEY_FIELDS: dict[str, str] = {"users": "username"}
SCHEMA_VERSION = 1  # sync.protocol.SCHEMA_VERSION; kept here so the store imports no pydantic
RETAIN_DAYS = 30
APPLYING = "sync_applying"  # session.info flag: rows written by the sync engine itself are not captured
ACTOR = "actor"  # session.info key a service may set when it writes no audit row

_listeners: dict[int, list[Callable[[], None]]] = {}
_lock = threading.Lock()


def to_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# (attribute key, column name) of each mapped class's columns, in mapper order: looked up once per class
# rather than walking the mapper for every captured row.
_columns: dict[type, tuple[tuple[str, str], ...]] = {}


def _columns_of(cls: type) -> tuple[tuple[str, str], ...]:
    got = _columns.get(cls)
    if got is None:
        mapper: Mapper[Any] = inspect(cls)
        got = tuple((attr.key, attr.columns[0].name) for attr in mapper.column_attrs)
        _columns[cls] = got
    return got


def row_values(obj: Any) -> dict[str, Any]:
    return {col: to_json(getattr(obj, key)) for key, col in _columns_of(type(obj))}


# Statements built once: a text() construct per call costs more than the SQLite statement itself.
_STATE_GET = text("SELECT value FROM sync_state WHERE key = :k")
_STATE_DEL = text("DELETE FROM sync_state WHERE key = :k")
_STATE_PUT = text("INSERT INTO sync_state(key, value) VALUES (:k, :v) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
_CLOCK_GET = text("SELECT key, value FROM sync_state WHERE key IN ('node', 'hlc')")
_OUTBOX_PUT = text(
    "INSERT INTO sync_outbox(mutation_id, tx_id, entity, entity_id, op, data, old, hlc, actor, client_time,"
    " schema_version) VALUES (:m, :t, :e, :i, :o, :d, :old, :h, :a, :c, :v)")
# json.dumps with options builds a new encoder per call; one encoder gives the same text.
_to_text = json.JSONEncoder(ensure_ascii=False, default=str).encode
_ORDER = {name: i for i, name in enumerate(SYNCED_ORDER)}


def state_get(conn: Connection, key: str) -> str | None:
    return conn.execute(_STATE_GET, {"k": key}).scalar()


def state_set(conn: Connection, key: str, value: str | None) -> None:
    if key in _CLOCK_KEYS:
        conn.info.pop(_CLOCK, None)
    if value is None:
        conn.execute(_STATE_DEL, {"k": key})
    else:
        conn.execute(_STATE_PUT, {"k": key, "v": value})


# conn.info key of (the connection's transaction, the stamp hlc_stamps last wrote in it): a transaction that
# flushes once per edited record reads the clock state once. Within a transaction the state changes only
# through state_set, which drops the entry; a rolled-back savepoint only leaves the entry ahead of the table,
# and stamps stay monotonic.
_CLOCK = "sync_clock"
_CLOCK_KEYS = frozenset({"node", "hlc"})


def hlc_stamps(conn: Connection, n: int, *, now_ms: int | None = None) -> list[str]:
    """``n`` hybrid logical clock stamps ``<ms:13>-<counter:05>-<node>``; monotonic even if the wall clock
    steps back, and comparable as strings."""
    txn = conn.get_transaction()
    clock = conn.info.get(_CLOCK)
    if txn is not None and clock is not None and clock[0]() is txn:
        last = clock[1]
        node = last[20:]
    else:
        state: dict[str, str] = {k: v for k, v in conn.execute(_CLOCK_GET)}
        node = state.get("node")
        if node is None:
            node = os.urandom(4).hex()
            state_set(conn, "node", node)
        last = state.get("hlc") or "0000000000000-00000-x"
    last_ms, last_c = int(last[:13]), int(last[14:19])
    wall = now_ms if now_ms is not None else int(datetime.now().timestamp() * 1000)
    out = []
    for _ in range(n):
        if wall > last_ms:
            last_ms, last_c = wall, 0
        else:
            last_c += 1
            if last_c > 99999:
                last_ms, last_c = last_ms + 1, 0
        out.append(f"{last_ms:013d}-{last_c:05d}-{node}")
    if out:
        state_set(conn, "hlc", out[-1])
        if txn is not None:
            conn.info[_CLOCK] = (weakref.ref(txn), out[-1])
    return out


def observe_hlc(conn: Connection, remote: str) -> None:
    """Merge a stamp seen from the center so that later local edits order after it."""
    mine = state_get(conn, "hlc") or ""
    if remote[:19] > mine[:19]:
        state_set(conn, "hlc", remote[:19] + "-" + (state_get(conn, "node") or "x"))


def _tx_id(session: Session) -> str:
    root = session.get_transaction()
    key = id(root)
    got = session.info.get("sync_tx")
    if got is None or got[0] != key:
        got = (key, uuid7())
        session.info["sync_tx"] = got
    return str(got[1])


def _actor(session: Session) -> str:
    from clerk_app.store.tables import AuditRow

    for obj in session.new:
        if isinstance(obj, AuditRow):
            return obj.actor
    return str(session.info.get(ACTOR, "system"))


def write_mutations(session: Session, items: list[tuple[str, str, str, dict[str, Any], dict[str, Any]]],
                    actor: str) -> None:
    """Append (entity, entity_id, op, data, old) to the outbox on the session's own connection."""
    if not items:
        return
    conn = session.connection()
    items = sorted(items, key=lambda it: (_ORDER[it[0]], it[2] != "insert"))
    stamps = hlc_stamps(conn, len(items))
    tx, now = _tx_id(session), datetime.now().isoformat(timespec="seconds")
    a = actor[:64]
    conn.execute(_OUTBOX_PUT,
                 [{"m": uuid7(), "t": tx, "e": e, "i": i, "o": o, "d": _to_text(d),
                   "old": _to_text(old) if old else "{}", "h": h, "a": a, "c": now, "v": SCHEMA_VERSION}
                  for (e, i, o, d, old), h in zip(items, stamps, strict=True)])
    session.info["sync_wrote"] = True


def _after_flush(session: Session, _ctx: Any) -> None:
    if session.info.get(APPLYING):
        return
    items: list[tuple[str, str, str, dict[str, Any], dict[str, Any]]] = []
    for obj in session.new:
        name = getattr(obj, "__tablename__", None)
        if name in SYNCED:
            values = row_values(obj)
            for col in LOCAL_ONLY.get(name, ()):
                values.pop(col, None)
            items.append((name, str(values["id"]), "insert", values, {}))
    for obj in session.dirty:
        name = getattr(obj, "__tablename__", None)
        if name not in SYNCED or not session.is_modified(obj, include_collections=False):
            continue
        attrs = inspect(obj).attrs
        data, old = {}, {}
        local_only = LOCAL_ONLY.get(name, ())
        for attr_key, col in _columns_of(type(obj)):
            hist = attrs[attr_key].history
            if hist.has_changes():
                if col in local_only:
                    continue
                data[col] = to_json(getattr(obj, attr_key))
                old[col] = to_json(hist.deleted[0]) if hist.deleted else None
        if data:
            if (key := KEY_FIELDS.get(name)) and key not in data:
                data[key] = to_json(getattr(obj, key))
            items.append((name, str(obj.id), "update", data, old))
    for obj in session.deleted:
        name = getattr(obj, "__tablename__", None)
        if name in SYNCED:
            items.append((name, str(obj.id), "delete", {}, {}))
    write_mutations(session, items, _actor(session))


def _on_execute(state: ORMExecuteState) -> Any:
    if state.session.info.get(APPLYING) or not (state.is_insert or state.is_update or state.is_delete):
        return None
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name not in SYNCED:
        return None
    if not state.is_insert:
        raise RuntimeError(f"bulk UPDATE/DELETE on synced table {name} would bypass the outbox; use the ORM")
    result = state.invoke_statement()
    params = state.parameters
    rows: list[Any] = params if isinstance(params, list) else [params] if params else []
    defaults = {c.name: c.default.arg for c in table.columns  # type: ignore[union-attr]
                if c.default is not None and c.default.is_scalar}
    items = []
    for row in rows:
        data = {**defaults, **{k: to_json(v) for k, v in row.items()}}
        for col in LOCAL_ONLY.get(name, ()):
            data.pop(col, None)
        # Bulk-inserted events are history that comes with its case (seeding, import): the case row
        # already holds the resulting state, so the server must not replay them as transitions.
        old = {"history": True} if name == "case_events" else {}
        items.append((name, str(data["id"]), "insert", data, old))
    write_mutations(state.session, items, str(state.session.info.get(ACTOR, "system")))
    return result


def _after_commit(session: Session) -> None:
    if session.info.pop("sync_wrote", False):
        for fn in list(_listeners.get(session.info.get("sync_factory", 0), [])):
            with contextlib.suppress(Exception):  # a listener must never undo a committed write
                fn()


def _after_rollback(session: Session) -> None:
    session.info.pop("sync_wrote", None)


def install(factory: sessionmaker) -> None:  # type: ignore[type-arg]
    """Capture writes of every session this factory makes (called once per Store, before its first session)."""
    factory.kw.setdefault("info", {})["sync_factory"] = id(factory)
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _on_execute, retval=True)
    event.listen(factory, "after_commit", _after_commit)
    event.listen(factory, "after_soft_rollback", lambda s, _t: _after_rollback(s))


def on_commit(factory: sessionmaker, fn: Callable[[], None]) -> Callable[[], None]:  # type: ignore[type-arg]
    """Call ``fn`` after each commit that wrote outbox rows; returns a function that unregisters it."""
    with _lock:
        _listeners.setdefault(id(factory), []).append(fn)

    def remove() -> None:
        with _lock:
            if fn in _listeners.get(id(factory), []):
                _listeners[id(factory)].remove(fn)
    return remove


def purge_acked(conn: Connection, now: datetime) -> int:
    cutoff = (now - timedelta(days=RETAIN_DAYS)).isoformat(timespec="seconds")
    return conn.execute(text("DELETE FROM sync_outbox WHERE status = 'acked' AND acked_at < :c"),
                        {"c": cutoff}).rowcount
