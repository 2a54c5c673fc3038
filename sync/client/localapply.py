"""Writing the center's records into the counter's SQLite file (never captured into the outbox)."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Table, bindparam, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from clerk_app.store.tables import Base
from sync.protocol import APPEND_ONLY, ENTITIES, LOCAL_ONLY_FIELDS, Change

log = logging.getLogger("clerk.sync")


def _convert(table: Table, data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in table.columns:
        if col.name not in data:
            continue
        v = data[col.name]
        if v is not None:
            if isinstance(col.type, DateTime) and isinstance(v, str):
                v = datetime.fromisoformat(v)
            elif isinstance(col.type, Date) and isinstance(v, str):
                v = date.fromisoformat(v[:10])
            elif isinstance(col.type, Boolean):
                v = bool(v)
        out[col.name] = v
    return out


def pending_ids(conn: Connection, ids: set[str]) -> set[str]:
    if not ids:
        return set()
    stmt = text("SELECT DISTINCT entity_id FROM sync_outbox WHERE status = 'pending' AND entity_id IN :ids") \
        .bindparams(bindparam("ids", expanding=True))
    return set(conn.execute(stmt, {"ids": list(ids)}).scalars())


def apply_changes(conn: Connection, changes: list[Change], *, overwrite_pending: bool = False) -> int:
    """Upsert each record; a row with local changes still pending keeps them until the center has
    answered for them (the center's later change, or its refresh after a conflict, settles it)."""
    skip = set() if overwrite_pending else pending_ids(conn, {c.entity_id for c in changes})
    by_table: dict[str, list[dict[str, Any]]] = {}
    for c in changes:
        if c.entity not in ENTITIES or c.op == "delete" or c.entity_id in skip:
            # Deletes are tombstones at the center; the counter keeps its copy (nothing is erased locally).
            continue
        by_table.setdefault(c.entity, []).append(c.data)
    n = 0
    for entity in ENTITIES:
        rows = by_table.get(entity)
        if not rows:
            continue
        table = Base.metadata.tables[entity]
        if entity == "users":
            for data in rows:
                _apply_user(conn, table, _convert(table, data))
                n += 1
            continue
        # One statement per set of columns, executed for many rows: building and caching a statement per
        # row cost about a millisecond each, which made a first pull of 100,000 records take minutes.
        # Rows keep their order within a run of the same columns, so a later change still wins.
        run: list[dict[str, Any]] = []
        for data in rows:
            values = _convert(table, data)
            if run and values.keys() != run[0].keys():
                _upsert(conn, table, entity, run)
                run = []
            run.append(values)
        if run:
            _upsert(conn, table, entity, run)
        n += len(rows)
    return n


def _upsert(conn: Connection, table: Table, entity: str, rows: list[dict[str, Any]]) -> None:
    stmt = sqlite_insert(table)
    if entity in APPEND_ONLY:
        stmt = stmt.on_conflict_do_nothing(index_elements=["id"])
    else:
        stmt = stmt.on_conflict_do_update(index_elements=["id"],
                                          set_={k: stmt.excluded[k] for k in rows[0] if k != "id"})
    conn.execute(stmt, rows)


ROLES = frozenset({"clerk", "supervisor", "admin", "it"})


def _bad_user(values: dict[str, Any]) -> str | None:
    for key in ("id", "username", "display_name", "password_hash"):
        if not isinstance(values.get(key), str) or not values[key]:
            return f"用户记录缺少“{key}”"
    if values.get("role") not in ROLES:
        return f"用户“{values['username'][:64]}”的角色“{str(values.get('role'))[:16]}”无法识别"
    if not values["password_hash"].startswith("scrypt$") or values["password_hash"].count("$") != 5:
        return f"用户“{values['username'][:64]}”的密码校验值格式不正确"
    if "active" in values and not isinstance(values["active"], bool):
        return f"用户“{values['username'][:64]}”的启用状态格式不正确"
    return None


def _apply_user(conn: Connection, table: Table, values: dict[str, Any]) -> None:
    """A user is known by name: the center's record updates the local row of that name (keeping its local
    id, which this PC's cases refer to) and never touches the local lockout counters."""
    for col in LOCAL_ONLY_FIELDS["users"]:
        values.pop(col, None)
    if (why := _bad_user(values)) is not None:
        # Never a half-usable account (no verifier, unknown role): keep it for IT and go on.
        log.warning("center item quarantined: kind=users key=%s: %s", str(values.get("id"))[:64], why)
        conn.execute(text("INSERT INTO dist_quarantine(kind, key, version, reason, data, at) "
                          "VALUES ('users', :k, 0, :r, :d, :t)"),
                     {"k": str(values.get("id"))[:64], "r": why, "t": datetime.now(),
                      "d": json.dumps({k: v for k, v in values.items() if k != "password_hash"}, default=str,
                                      ensure_ascii=False)})
        return
    local_id = conn.execute(text("SELECT id FROM users WHERE username = :u"), {"u": values.get("username")}).scalar()
    if local_id is None:
        local_id = conn.execute(text("SELECT id FROM users WHERE id = :i"), {"i": values.get("id")}).scalar()
    if local_id is None:
        conn.execute(table.insert().values(failed_attempts=0, **values))
        return
    changes = {k: v for k, v in values.items() if k != "id"}
    if changes:
        conn.execute(table.update().where(table.c.id == local_id).values(**changes))
