"""Writing the center's records into the counter's SQLite file (never captured into the outbox).

A record the counter cannot apply (a wrong type, an unknown entity, a constraint failure) is kept in
``pull_quarantine`` with a reason that names fields and kinds, never values, and the rest of the page
goes on: one bad record never stops a counter (issue 13 item 6).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Dialect,
    Integer,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from clerk_app.store import outbox
from clerk_app.store.tables import Base
from sync.protocol import APPEND_ONLY, ENTITIES, LOCAL_ONLY_FIELDS, Change

log = logging.getLogger("clerk.sync")


# <ms:13>-<counter:05>-<node>, ASCII digits only: a stamp such as "9" or "٩-…" would compare above every
# honest one as a string and capture this counter's clock.
HLC_FORMAT = re.compile(r"[0-9]{13}-[0-9]{5}-[0-9A-Za-z]{1,16}", re.ASCII)
# A stamp further ahead of this PC's clock than this is not observed: the center clamps stamps to
# minutes ahead of its own clock, so only a broken or hostile stamp is this far out.
MAX_OBSERVED_AHEAD_MS = 24 * 3600 * 1000


class BadRecord(Exception):
    """A pulled record this counter cannot apply; ``reason`` names fields and kinds, never values."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _kind(v: Any) -> str:
    return {str: "文本", int: "整数", float: "小数", bool: "布尔值", list: "列表", dict: "对象"}.get(type(v), "其他")


_DT, _DATE, _BOOL, _INT, _TEXT, _OTHER = range(6)
_MISSING = object()


@cache
def _plan(table: Table) -> tuple[tuple[str, int, bool, int], ...]:
    """Per column: name, kind, whether None is refused, length limit (0: none). Worked out once per
    table: looking at column types for each of a first pull's 100,000 records cost seconds."""
    out = []
    for col in table.columns:
        t = col.type
        kind = (_DT if isinstance(t, DateTime) else _DATE if isinstance(t, Date) else _BOOL if isinstance(t, Boolean)
                else _INT if isinstance(t, Integer) else _TEXT if isinstance(t, String | Text) else _OTHER)
        length = t.length if isinstance(t, String) and not isinstance(t, Text) and t.length else 0
        out.append((col.name, kind, not col.nullable and not col.primary_key, length))
    return tuple(out)


def _convert(table: Table, data: dict[str, Any]) -> dict[str, Any]:
    """The record as column values, every value of its column's type; anything else is a BadRecord
    (SQLite would store ``name=123`` as it is, and the app would fail on it later)."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not data["id"]:
        raise BadRecord("记录缺少编号（id）")
    out: dict[str, Any] = {}
    get = data.get
    # One lookup per column and text (most values) tested first: 100,000 cases' records pass through here.
    for name, kind, required, length in _plan(table):
        v = get(name, _MISSING)
        if v is _MISSING:
            continue
        if kind == _TEXT and type(v) is str:
            if length and len(v) > length:
                raise BadRecord(f"字段 {name} 超长（{len(v)} 字，上限 {length}）")
            if "\x00" in v:
                raise BadRecord(f"字段 {name} 含有空字符")
        elif v is None:
            if required:
                raise BadRecord(f"字段 {name} 不能为空")
        elif kind == _TEXT:
            raise BadRecord(f"字段 {name} 应为文本，实际为{_kind(v)}")
        elif kind in (_DT, _DATE):
            if type(v) is not str:
                raise BadRecord(f"字段 {name} 应为日期时间文本，实际为{_kind(v)}")
            try:
                v = datetime.fromisoformat(v) if kind == _DT else date.fromisoformat(v[:10])
            except ValueError:
                raise BadRecord(f"字段 {name} 的日期格式不正确") from None
        elif kind == _BOOL:
            if not isinstance(v, bool) and v not in (0, 1):
                raise BadRecord(f"字段 {name} 应为 true 或 false，实际为{_kind(v)}")
            v = bool(v)
        elif kind == _INT and (not isinstance(v, int) or isinstance(v, bool)):
            raise BadRecord(f"字段 {name} 应为整数，实际为{_kind(v)}")
        out[name] = v
    return out


def quarantine(conn: Connection, change: Change, reason: str) -> None:
    """Keep the record whole for IT (inside the encrypted file); the log line carries no value of it."""
    log.warning("pulled record quarantined: entity=%s seq=%s: %s", str(change.entity)[:32], change.seq, reason)
    conn.execute(text("INSERT INTO pull_quarantine(seq, entity, entity_id, reason, data, at) "
                      "VALUES (:s, :e, :i, :r, :d, :t)"),
                 {"s": change.seq, "e": str(change.entity)[:32], "i": str(change.entity_id)[:64], "r": reason[:500],
                  "d": json.dumps(change.data, ensure_ascii=False, default=str), "t": datetime.now()})


def observe_stamps(conn: Connection, changes: list[Change]) -> None:
    """Merge the newest well-formed stamp of ``changes`` into this counter's clock, so that a later local
    edit sorts after everything this counter has seen (issue 13 item 5)."""
    limit = f"{int(datetime.now().timestamp() * 1000) + MAX_OBSERVED_AHEAD_MS:013d}"
    # Newest first, so that only the stamps above the best well-formed one are matched (a page's stamps
    # rise with its seqs: matching each one cost a regex call per record).
    for h in sorted({c.hlc for c in changes}, reverse=True):
        if h and HLC_FORMAT.fullmatch(h) and h[:13] <= limit:
            outbox.observe_hlc(conn, h)
            return


_PENDING_IDS = text("SELECT DISTINCT entity_id FROM sync_outbox WHERE status = 'pending' "
                    "AND entity_id IN (SELECT value FROM json_each(:ids))")


def pending_ids(conn: Connection, ids: set[str]) -> set[str]:
    if not ids:
        return set()
    # The ids as one JSON parameter: an expanding IN made SQLAlchemy render and bind 5,000 placeholders for
    # every page of a first pull (about a second of its CPU over 100,000 cases).
    return set(conn.execute(_PENDING_IDS, {"ids": json.dumps(list(ids))}).scalars())


def apply_changes(conn: Connection, changes: list[Change], *, overwrite_pending: bool = False) -> int:
    """Upsert each record; a row with local changes still pending keeps them until the center has
    answered for them (the center's later change, or its refresh after a conflict, settles it)."""
    skip = set() if overwrite_pending else pending_ids(conn, {c.entity_id for c in changes})
    observe_stamps(conn, changes)
    by_table: dict[str, list[tuple[Change, dict[str, Any]]]] = {}
    for c in changes:
        if c.op == "delete" or c.entity_id in skip:
            # Deletes are tombstones at the center; the counter keeps its copy (nothing is erased locally).
            continue
        if c.entity not in ENTITIES:
            quarantine(conn, c, "本机不认识这类记录（可能需要升级客户端）")
            continue
        try:
            values = _convert(Base.metadata.tables[c.entity], c.data)
        except BadRecord as exc:
            quarantine(conn, c, exc.reason)
            continue
        by_table.setdefault(c.entity, []).append((c, values))
    n = 0
    for entity in ENTITIES:
        rows = by_table.get(entity)
        if not rows:
            continue
        table = Base.metadata.tables[entity]
        if entity == "users":
            for change, values in rows:
                n += _guarded(conn, change, lambda v=values, t=table: _apply_user(conn, t, v))
            continue
        # One statement per set of columns, executed for many rows: building and caching a statement per
        # row cost about a millisecond each, which made a first pull of 100,000 records take minutes.
        # Rows keep their order within a run of the same columns, so a later change still wins.
        run: list[tuple[Change, dict[str, Any]]] = []
        for change, values in rows:
            if run and values.keys() != run[0][1].keys():
                n += _upsert_run(conn, table, entity, run)
                run = []
            run.append((change, values))
        if run:
            n += _upsert_run(conn, table, entity, run)
    return n


def _guarded(conn: Connection, change: Change, work: Any) -> int:
    """Run one record's write in a savepoint; a database refusal quarantines that record only. The
    reason is the error's class, never its text (which would render the record's values)."""
    try:
        with conn.begin_nested():
            work()
        return 1
    except SQLAlchemyError as exc:
        quarantine(conn, change, f"本机数据库拒绝了该记录（{type(getattr(exc, 'orig', None) or exc).__name__}）")
        return 0


def _upsert_run(conn: Connection, table: Table, entity: str, run: list[tuple[Change, dict[str, Any]]]) -> int:
    """The whole run in one statement; only when that fails, record by record (rare, and slower)."""
    try:
        with conn.begin_nested():
            _upsert(conn, table, entity, [values for _, values in run])
        return len(run)
    except SQLAlchemyError:
        return sum(_guarded(conn, change, lambda v=values: _upsert(conn, table, entity, [v]))
                   for change, values in run)


def _upsert(conn: Connection, table: Table, entity: str, rows: list[dict[str, Any]]) -> None:
    """The rows (all with the same columns) as one executemany of a plain statement: SQLAlchemy's compiled
    insert spent more on building each row's parameters than SQLite spent writing them (a third of a first
    pull). What it would add is done here, worked out once per set of columns: the dialect's conversion of
    each value (a datetime as its stored text, a bool as 0/1) and the defaults of the columns left out."""
    plain = _statement(table, tuple(rows[0]), entity in APPEND_ONLY, conn.dialect)
    if plain is None:
        stmt = sqlite_insert(table)
        if entity in APPEND_ONLY:
            stmt = stmt.on_conflict_do_nothing(index_elements=["id"])
        else:
            stmt = stmt.on_conflict_do_update(index_elements=["id"],
                                              set_={k: stmt.excluded[k] for k in rows[0] if k != "id"})
        conn.execute(stmt, rows)
        return
    sql, names, procs, extra = plain
    convert = [(i, f) for i, f in enumerate(procs) if f is not None]
    params = []
    for r in rows:
        # _convert gives each row its columns in the table's order, and a run's rows the same columns.
        values = list(r.values())
        for i, f in convert:
            if (v := values[i]) is not None:
                values[i] = f(v)
        params.append((*values, *extra))
    conn.exec_driver_sql(sql, params)


def _sqlite_datetime(v: datetime) -> str:
    # SQLAlchemy's SQLite DATETIME text ("%Y-%m-%d %H:%M:%S.%f", any offset dropped), made by one C call
    # instead of its %-formatting of a dict: 420,000 of them in a first pull's 100,000 cases.
    return (v if v.tzinfo is None else v.replace(tzinfo=None)).isoformat(" ", "microseconds")


def _sqlite_date(v: date) -> str:
    return (v.date() if isinstance(v, datetime) else v).isoformat()


_SQLITE_TEXT: dict[type[Any], Callable[[Any], Any]] = {DateTime: _sqlite_datetime, Date: _sqlite_date}


_Plain = tuple[str, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...], tuple[Any, ...]]


@cache
def _statement(table: Table, names: tuple[str, ...], append_only: bool, dialect: Dialect) -> _Plain | None:
    """The upsert of ``names`` into ``table`` as SQL text, the bind conversion of each named column, and the
    values of the left-out columns' defaults; None if a left-out column's default is computed (none is yet)."""
    def convert(col: Column[Any]) -> Callable[[Any], Any] | None:
        if dialect.name == "sqlite" and type(col.type) in _SQLITE_TEXT:
            return _SQLITE_TEXT[type(col.type)]
        return col.type.dialect_impl(dialect).bind_processor(dialect)

    defaults = [c for c in table.columns if c.name not in names and c.default is not None]
    if not all(isinstance(c.default, ScalarElementColumnDefault) for c in defaults):
        return None
    extra = tuple(v if (f := convert(c)) is None else f(v)
                  for c in defaults for v in [c.default.arg])  # type: ignore[union-attr]
    q = dialect.identifier_preparer.quote
    cols = [*names, *(c.name for c in defaults)]
    updates = ", ".join(f"{q(n)} = excluded.{q(n)}" for n in names if n != "id")
    sql = (f"INSERT INTO {q(table.name)} ({', '.join(q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))}) "
           f"ON CONFLICT (id) DO {'NOTHING' if append_only or not updates else 'UPDATE SET ' + updates}")
    return sql, names, tuple(convert(table.c[n]) for n in names), extra


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
