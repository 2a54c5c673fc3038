"""Applying a push: the ledger, the effects and the change log commit in one transaction.

Rules (after Replicache's checklist): a seq at or below the device's last recorded seq returns the
recorded outcome; a skipped seq stops the batch; a temporary condition (an attachment not yet
complete) stops the batch without recording anything; a permanent one is recorded as rejected or
quarantined and the seq advances. One local transaction (``tx_id``) is applied whole or not at all:
if any of its mutations loses a conflict, the whole transaction goes to the conflict inbox.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, String, and_, bindparam, func, literal_column, select, true, union_all
from sqlalchemy.dialects.postgresql import ARRAY

from clerk_app.domain.cases import (
    ACTION_LABELS,
    COMMITMENT_ACTIONS,
    STATE_LABELS,
    TERMINAL_STATES,
    TRANSITIONS,
    Action,
    CaseState,
)
from clerk_app.domain.passwords import is_valid_verifier
from clerk_app.domain.roles import Role, change_permission
from sync.protocol import (
    _CONTROL,
    APPEND_ONLY,
    ENTITIES,
    IDENTITY_FIELDS,
    LOCAL_ONLY_FIELDS,
    SERVER_OWNED_FIELDS,
    Change,
    Mutation,
    MutationResult,
    PushResponse,
)
from sync.server import clocks, handover, partitions, upcast
from sync.server.db import Feed, execute_many, lock_feed, meta, next_change_seq, pipelined
from sync.server.record_schema import COLUMNS, Invalid, check_record
from sync.server.schema import (
    blob_owners,
    blobs,
    changes,
    conflicts,
    devices,
    ledger,
    quarantine,
    record_ids,
    records,
    security_events,
)

PARENT_FIELD = {"case_materials": "case_id", "case_events": "case_id", "ratings": "case_id"}
# A record's ``parent_id``: a case's child's case, and a case's joint application (a joint case is handed
# to another window whole, sync/server/handover.py).
PARENT_COLUMN = {**PARENT_FIELD, "cases": "bundle_id"}
# Fields naming another record: a change may only point at records of its own center.
REFERENCES: dict[str, dict[str, str]] = {
    "cases": {"applicant_id": "applicants", "agent_id": "applicants"},
    "case_materials": {"case_id": "cases"},
    "case_events": {"case_id": "cases"},
    "ratings": {"case_id": "cases"},
    "complaints": {"complainant_id": "applicants", "case_id": "cases"},
}
MAX_FUTURE_MS = clocks.MAX_FUTURE_MS


class GroupFailure(Exception):
    security = False

    def __init__(self, outcome: str, code: str, message: str, entity: str = "", entity_id: str = "") -> None:
        super().__init__(message)
        self.outcome, self.code, self.message = outcome, code, message
        self.entity, self.entity_id = entity, entity_id


class SecurityFailure(GroupFailure):
    """A mutation reaching beyond the device's center or its user's authority: refused, never applied,
    and recorded as a security event for the center's admin."""

    security = True

    def __init__(self, code: str, message: str, entity: str = "", entity_id: str = "") -> None:
        super().__init__("rejected", code, message, entity, entity_id)


@dataclass
class Tenant:
    """The pushing device as the center enrolled it: its center and window are never taken from a payload."""

    device: str
    center: str
    window: str
    users: dict[str, tuple[str, dict[str, Any]]] | None = None  # username -> (record id, data); loaded once
    # Users written by the transaction being applied: they count for authority once it has applied (a
    # first administrator's own creation and its audit row are judged by the center as it was before).
    staged: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    # The user named by the transaction's audit row: a counter stamps a mutation flushed before its audit
    # row was added with "system", but the transaction is that user's act.
    group_actor: str = ""

    def commit_staged(self, ok: bool) -> None:
        if ok and self.users is not None:
            self.users.update(self.staged)
        self.staged = {}

    def center_users(self, conn: Connection) -> dict[str, tuple[str, dict[str, Any]]]:
        if self.users is None:
            if (batch := _batch(conn)) is not None:
                batch.flush(conn)
            self.users = {}
            for rec_id, raw, deleted in conn.execute(select(records.c.entity_id, records.c.data, records.c.deleted)
                                                     .where(and_(records.c.entity == "users",
                                                                 records.c.center_code == self.center))).all():
                d = json.loads(raw)
                if not deleted and isinstance(d.get("username"), str):
                    self.users[d["username"]] = (str(rec_id), d)
        return self.users


def tenant_of(conn: Connection, device: str) -> Tenant:
    row = conn.execute(select(devices.c.center_code, devices.c.window).where(devices.c.id == device)).first()
    if row is None:  # the center itself (its admin path) never pushes; a device row always exists
        return Tenant(device=device, center="", window="")
    return Tenant(device=device, center=row.center_code, window=row.window)


class RetryLater(Exception):
    pass


@dataclass
class _Effects:
    """Change-log entries of one local transaction, written only when the whole of it applies."""

    items: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    # (case id, window, reason): cases this transaction hands to another window; window "" = the output desks
    handovers: list[tuple[str, str, str]] = field(default_factory=list)
    refresh: set[tuple[str, str]] = field(default_factory=set)  # center records the counter should adopt


@dataclass
class _Rec:
    """A record as the batch sees it (the attributes of a ``records`` row)."""

    entity: str
    entity_id: str
    parent_id: str | None
    data: str
    hlc: str
    deleted: bool
    note: str
    origin: str
    updated_seq: int
    center_code: str = ""
    window: str = ""


@dataclass
class _Batch:
    """One push's view of the records and its pending writes. Statement overhead, not SQL, was the cost
    of a push (about six statements per mutation), so the batch reads its records in one query, writes a
    transaction's records once the whole transaction has won (a losing one never reaches the database, so
    no savepoint is needed), and writes the records, the change log, the ledger and the change counter in
    one executemany each at the end (one per transaction was a third of a push). Reads that bypass the
    cache see the unwritten records through ``flush`` or, for the last case event, ``unflushed``. Only
    valid inside the writer transaction that holds the center's feed."""

    feed: Feed  # the pushing device's center's feed, locked by this transaction
    seq: int  # the last change seq handed out
    cache: dict[tuple[str, str], _Rec | None] = field(default_factory=dict)
    pending: dict[tuple[str, str], tuple[bool, _Rec]] = field(default_factory=dict)  # key -> (exists, rec)
    changes: list[dict[str, Any]] = field(default_factory=list)
    ledger: dict[int, dict[str, Any]] = field(default_factory=dict)
    newest: dict[tuple[str, str], str] = field(default_factory=dict)  # a written record's newest stamp
    # Records of won transactions not yet in the database: key -> (exists in the database, rec).
    unflushed: dict[tuple[str, str], tuple[bool, _Rec]] = field(default_factory=dict)
    # The JSON text of a record's data as _write_record encoded it, reused for its change row.
    encoded: dict[tuple[str, str], tuple[dict[str, Any], str]] = field(default_factory=dict)
    handovers: list[tuple[str, str, str]] = field(default_factory=list)  # of the transactions that applied

    def reserve(self, n: int) -> int:
        """``n`` change seqs for rows written outside ``changes`` (a handover's feed); returns the first."""
        self.seq += n
        return self.seq - n + 1

    def start(self, conn: Connection, keys: set[tuple[str, str]], device: str, tenant: Tenant) -> int:
        """The push's first read under the lock, in one statement: the device's last ledger seq (returned),
        the records the batch names (as ``preload``) and the center's users (``tenant.users``, for
        authority). Each was its own round trip, while the center's other pushes wait."""
        wanted = sorted(keys - self.cache.keys())
        first, rest = wanted[:_PRELOAD_CHUNK], wanted[_PRELOAD_CHUNK:]
        self.cache.update(dict.fromkeys(first))
        want = set(first)
        users: dict[str, tuple[str, dict[str, Any]]] = {}
        foreign: list[tuple[str, str]] = []
        last = 0
        start = _START_IN if conn.dialect.name != "postgresql" else \
            _START if partitions.records_split(conn) else _START_ONE
        for row in conn.execute(start, {"device": device, "center": tenant.center,
                                        "entities": [e for e, _i in first], "ids": [i for _e, i in first]}):
            last = row.last_seq or 0
            if row.entity is None:
                continue  # no record matched: the row carries the ledger's seq only
            if row.data is None:  # another center's record (PostgreSQL): read below
                foreign.append((row.entity, row.entity_id))
                continue
            rec = _Rec(**{c: row._mapping[c] for c in _REC_COLUMNS})
            key = (rec.entity, rec.entity_id)
            if key in want:
                self.cache[key] = rec
            if rec.entity == "users" and rec.center_code == tenant.center:
                d = json.loads(rec.data)
                if not rec.deleted and isinstance(d.get("username"), str):
                    users[d["username"]] = (rec.entity_id, d)
        tenant.users = users
        if foreign:
            for row in conn.execute(_PRELOAD, {"entities": sorted({e for e, _i in foreign}),
                                               "ids": [i for _e, i in foreign]}):
                if (row.entity, row.entity_id) in want:
                    self.cache[(row.entity, row.entity_id)] = _Rec(**row._mapping)
        if rest:
            self.preload(conn, set(rest))
        return int(last)

    def preload(self, conn: Connection, keys: set[tuple[str, str]]) -> None:
        wanted = sorted(keys - self.cache.keys())
        for i in range(0, len(wanted), _PRELOAD_CHUNK):
            chunk = wanted[i:i + _PRELOAD_CHUNK]
            self.cache.update(dict.fromkeys(chunk))
            want = set(chunk)
            # One statement of a fixed shape (compiled once): a superset of the keys, kept to the keys here.
            for row in conn.execute(_PRELOAD, {"entities": sorted({e for e, _i in chunk}),
                                               "ids": [i for _e, i in chunk]}):
                if (row.entity, row.entity_id) in want:
                    self.cache[(row.entity, row.entity_id)] = _Rec(**row._mapping)

    def discard(self) -> None:
        """A transaction lost: forget its writes (the database never saw them)."""
        for key in self.pending:
            if key in self.unflushed:  # an earlier transaction of this push wrote it: that one stands
                self.cache[key] = self.unflushed[key][1]
            else:
                self.cache.pop(key, None)
            self.encoded.pop(key, None)
        self.pending.clear()

    def write_group(self, conn: Connection, items: list[tuple[str, str, str, dict[str, Any]]], device: str) -> None:
        if not items:
            self.pending.clear()
            return
        first = self.seq + 1
        self.seq += len(items)
        for i, (e, i_d, op, d) in enumerate(items):
            rec = self.cache.get((e, i_d))
            if rec is None or rec.center_code != self.feed.center:
                # Never expected (a push writes only its own center's records, _own): a change outside the
                # locked feed would break that feed's gap-free order, so the push fails instead.
                raise RuntimeError("a push wrote a change outside its center's feed")
            known = self.encoded.get((e, i_d))
            text = known[1] if known is not None and known[0] is d else json.dumps(d, ensure_ascii=False,
                                                                                    sort_keys=True)
            self.changes.append(dict(seq=first + i, tx=first, entity=e, entity_id=i_d, op=op, data=text,
                                     origin=device, center_code=rec.center_code, window=rec.window,
                                     hlc=self.newest.get((e, i_d), ""), case_id=handover.case_of(e, d, i_d)))
            if (e, i_d) in self.pending:
                self.pending[(e, i_d)][1].updated_seq = first + i
        for key, (exists, rec) in self.pending.items():
            earlier = self.unflushed.get(key)
            # Inserted by an earlier transaction of this push and changed again: still one insert.
            self.unflushed[key] = (earlier[0] if earlier is not None else exists, rec)
        self.pending.clear()
        self.encoded.clear()

    def flush(self, conn: Connection) -> None:
        """Write the won transactions' records (before a query that reads ``records`` directly)."""
        new = [vars(rec) for exists, rec in self.unflushed.values() if not exists]
        old = [{("k_" + k): v for k, v in vars(rec).items()} for exists, rec in self.unflushed.values() if exists]
        execute_many(conn, _INSERT_RECORD, [dict(r) for r in new])
        execute_many(conn, _UPDATE_RECORD, old)
        self.unflushed.clear()

    def finish(self, conn: Connection) -> None:
        with pipelined(conn):  # the push's writes: one round trip on PostgreSQL
            self.flush(conn)
            execute_many(conn, _INSERT_CHANGE, self.changes)
            execute_many(conn, _INSERT_LEDGER, list(self.ledger.values()))
            self.feed.seq = self.seq
            self.feed.save(conn)


_INSERT_RECORD, _INSERT_CHANGE, _INSERT_LEDGER = records.insert(), changes.insert(), ledger.insert()
# With its center (never changed by an update): on PostgreSQL the update reaches that center's partition only.
_UPDATE_RECORD = records.update().where(and_(records.c.entity == bindparam("k_entity"),
                                             records.c.entity_id == bindparam("k_entity_id"),
                                             records.c.center_code == bindparam("k_center_code"))).values(
    **{c: bindparam("k_" + c) for c in ("parent_id", "data", "hlc", "deleted", "note", "origin", "updated_seq",
                                        "center_code", "window")})
_BATCH = "clerk_push_batch"
_PRELOAD_CHUNK = 500
_REC_COLUMNS = tuple(c.name for c in records.c)
# Records by key: entity IN and entity_id IN (the primary key's two columns, answered by its index), a
# superset of the pairs asked for that the caller narrows; one shape for every batch, so compiled once.
_BY_KEY = and_(records.c.entity.in_(bindparam("entities", expanding=True)),
               records.c.entity_id.in_(bindparam("ids", expanding=True)))
_PRELOAD = select(records).where(_BY_KEY)
_LAST_SEQ = select(func.max(ledger.c.seq).label("last_seq")).where(ledger.c.device_id == bindparam("device")) \
    .subquery("last")
# 'users' is written into the SQL, not bound: once psycopg prepares the statement, PostgreSQL may keep a
# generic plan, and with ``entity = $n`` that plan read the center's every record through its center index
# and kept the users (tests/sync/test_push_plans.py); with the literal it reads the users by entity.
# Arms of one UNION ALL, not one OR: the users' arm names its center alone, so on PostgreSQL (``records``
# partitioned by center) it reads one partition. On PostgreSQL the keys are pairs (``entities[k]``,
# ``ids[k]``) from two array parameters: one index probe per key (entity IN … AND entity_id IN … probes every
# combination of the two lists), and one statement text whatever the number of keys (an expanding IN list
# is a text, so a prepared statement, per length). SQLite: the IN lists, a superset.
_USERS = select(records).where(and_(records.c.entity == literal_column("'users'"),
                                    records.c.center_code == bindparam("center")))
_PAIRS = func.unnest(bindparam("entities", type_=ARRAY(String)), bindparam("ids", type_=ARRAY(String))) \
    .table_valued("entity", "entity_id").render_derived(name="k")
# PostgreSQL: ``records`` is partitioned by center and ``record_ids`` holds every id's owner (schema.py). The
# keys are read from the center's own partition, and from ``record_ids`` those another center owns: such a
# row carries the key and the owner only (``data`` NULL, which no record has), and ``start`` reads the record
# itself (a push naming another center's record is refused: rare).
_FOREIGN = select(record_ids.c.entity, record_ids.c.entity_id, *(
    literal_column("NULL").label(c) for c in ("parent_id", "data", "hlc", "deleted", "note", "origin",
                                                "updated_seq")), record_ids.c.center_code,
    literal_column("NULL").label("window")).select_from(_PAIRS).join(record_ids, and_(
        record_ids.c.entity == _PAIRS.c.entity, record_ids.c.entity_id == _PAIRS.c.entity_id,
        record_ids.c.center_code != bindparam("center")))
_BY_PAIR = and_(records.c.entity == _PAIRS.c.entity, records.c.entity_id == _PAIRS.c.entity_id)


def _start(*arms: Any) -> Any:
    """The first read over ``arms`` (one ``UNION ALL``): one row per record found, or a single row of NULLs if
    none, each carrying the device's last ledger seq."""
    found = union_all(*arms).subquery("found")
    return select(_LAST_SEQ.c.last_seq, found).select_from(_LAST_SEQ.outerjoin(found, true()))


_START = _start(select(records).select_from(_PAIRS).join(records, and_(
    _BY_PAIR, records.c.center_code == bindparam("center"))), _FOREIGN, _USERS)
# PostgreSQL before 0011_records_partitions (records one table keyed by id, no record_ids).
_START_ONE = _start(select(records).select_from(_PAIRS).join(records, _BY_PAIR), _USERS)
_START_IN = _start(select(records).where(_BY_KEY), _USERS)


def _batch(conn: Connection) -> _Batch | None:
    return conn.info.get(_BATCH)


def _load(conn: Connection, entity: str, entity_id: str) -> Any:
    batch = _batch(conn)
    if batch is not None:
        if (entity, entity_id) not in batch.cache:
            batch.preload(conn, {(entity, entity_id)})
        return batch.cache[(entity, entity_id)]
    return conn.execute(select(records).where(and_(records.c.entity == entity,
                                                   records.c.entity_id == entity_id))).first()


def _clamp_hlc(hlc: str, now_ms: int) -> str:
    try:
        return clocks.accept(hlc, now_ms)
    except clocks.BadStamp:
        # The stamp is not echoed: it is the device's input, and a forged one may be anything.
        raise SecurityFailure("bad_hlc", "时间戳格式错误，本条修改未生效。") from None


def _write_record(conn: Connection, entity: str, entity_id: str, data: dict[str, Any], hlc: dict[str, str],
                  *, exists: bool, origin: str, note: str = "", deleted: bool = False,
                  owner: tuple[str, str] | None = None) -> None:
    """``owner`` (center, window) is set when a record is first stored; an update keeps the stored one."""
    if owner is None:
        rec = _load(conn, entity, entity_id) if exists else None
        owner = (rec.center_code, rec.window) if rec is not None else ("", "")
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    values: dict[str, Any] = dict(data=text, hlc=json.dumps(hlc),
                                  deleted=deleted, note=note, origin=origin, updated_seq=0,
                                  parent_id=data.get(PARENT_COLUMN.get(entity, "")), center_code=owner[0],
                                  window=owner[1])
    batch = _batch(conn)
    if batch is not None:
        key = (entity, entity_id)
        rec = _Rec(entity=entity, entity_id=entity_id, **values)
        batch.newest[key] = clocks.newest(hlc)
        batch.encoded[key] = (data, text)
        was_new = key in batch.pending and not batch.pending[key][0]
        batch.pending[key] = (exists and not was_new, rec)
        batch.cache[key] = rec
        return
    if exists:
        conn.execute(records.update().where(and_(records.c.entity == entity, records.c.entity_id == entity_id))
                     .values(**values))
    else:
        conn.execute(records.insert().values(entity=entity, entity_id=entity_id, **values))


def _case_event(conn: Connection, m: Mutation, data: dict[str, Any], fx: _Effects, t: Tenant, hlc_stamp: str) -> str:
    """Re-validate a case transition with the domain's own table; returns the outcome."""
    device = t.device
    case = _load(conn, "cases", str(data.get("case_id")))
    if case is None:
        raise GroupFailure("rejected", "unknown_case", "中心没有这条办件记录，无法登记其办理过程。",
                           "cases", str(data.get("case_id")))
    owner = (case.center_code, case.window)
    try:
        action, frm, to = Action(data["action"]), CaseState(data["from_state"]), CaseState(data["to_state"])
    except (KeyError, ValueError):
        raise GroupFailure("rejected", "bad_transition", "办理环节的数据不完整或无法识别。") from None
    legal = (to is frm and action in COMMITMENT_ACTIONS) or TRANSITIONS.get((frm, action)) is to
    if not legal:
        raise GroupFailure("rejected", "illegal_transition",
                           f"“{STATE_LABELS[frm]}”状态下不能执行“{ACTION_LABELS[action]}”。")
    case_data = json.loads(case.data)
    current = CaseState(case_data["state"])
    number = case_data.get("number", "")
    if current is frm and (action not in COMMITMENT_ACTIONS or current not in TERMINAL_STATES):
        if to is not frm:
            case_data["state"] = to.value
            if to is CaseState.RESULT_READY:
                fx.handovers.append((case.entity_id, "", "output"))  # to the center's output desks
            hlc = json.loads(case.hlc)
            hlc["state"] = hlc_stamp
            _write_record(conn, "cases", case.entity_id, case_data, hlc, exists=True, origin=device, owner=owner)
            fx.items.append(("cases", case.entity_id, "update", case_data))
        _write_record(conn, "case_events", m.entity_id, data, {"at": hlc_stamp}, exists=False, origin=device,
                      owner=owner)
        fx.items.append(("case_events", m.entity_id, "insert", data))
        return "applied"
    if current is to and _last_transition(conn, case.entity_id) == (frm.value, action.value, to.value):
        # Two counters did the same thing (e.g. both handed out the result): keep both in the history.
        _write_record(conn, "case_events", m.entity_id, data, {"at": hlc_stamp}, exists=False, origin=device,
                      note="duplicate", owner=owner)
        fx.items.append(("case_events", m.entity_id, "insert", data))
        return "duplicate"
    raise GroupFailure(
        "conflict", "transition_conflict",
        f"办件 {number} 在中心已是“{STATE_LABELS[current]}”，本窗口的“{ACTION_LABELS[action]}”"
        f"（{STATE_LABELS[frm]}→{STATE_LABELS[to]}）未生效，已转入冲突待办，请带班长处理。",
        "cases", case.entity_id)


def _last_transition(conn: Connection, case_id: str) -> tuple[str, str, str] | None:
    batch = _batch(conn)
    if batch is not None:
        mine = [rec for _exists, rec in batch.pending.values()
                if rec.entity == "case_events" and rec.parent_id == case_id and rec.note == ""]
        if mine:
            d = json.loads(mine[-1].data)
            return d["from_state"], d["action"], d["to_state"]
        # Earlier transactions of this push are newer than anything in the database.
        written = [rec for _exists, rec in batch.unflushed.values()
                   if rec.entity == "case_events" and rec.parent_id == case_id and rec.note == ""]
        if written:
            d = json.loads(max(written, key=lambda r: (r.updated_seq, r.entity_id)).data)
            return d["from_state"], d["action"], d["to_state"]
    rows = conn.execute(select(records.c.data).where(and_(
        records.c.entity == "case_events", records.c.parent_id == case_id, records.c.note == ""))
        .order_by(records.c.updated_seq.desc(), records.c.entity_id.desc()).limit(1)).scalars().all()
    if not rows:
        return None
    d = json.loads(rows[0])
    return d["from_state"], d["action"], d["to_state"]


def _foreign(entity: str, entity_id: str) -> SecurityFailure:
    return SecurityFailure("foreign_record", "这条修改涉及其他中心的记录，本中心不予办理，已记录为安全事件。",
                           entity, entity_id)


def _own(rec: Any, t: Tenant, entity: str, entity_id: str) -> None:
    if rec is not None and rec.center_code != t.center:
        raise _foreign(entity, entity_id)


def _check_references(conn: Connection, entity: str, data: dict[str, Any], t: Tenant) -> None:
    for fieldname, target in REFERENCES.get(entity, {}).items():
        ref = data.get(fieldname)
        if isinstance(ref, str) and ref:
            _own(_load(conn, target, ref), t, target, ref)


def _owner(conn: Connection, entity: str, data: dict[str, Any], t: Tenant) -> tuple[str, str]:
    """Where a new record belongs: the device's center; its case's window for a case's child (a joint
    case's papers go where the case goes); "" (every window) for users."""
    if entity == "users":
        return t.center, ""
    parent = PARENT_FIELD.get(entity)
    if parent and isinstance(data.get(parent), str):
        case = _load(conn, "cases", data[parent])
        if case is not None:
            return case.center_code, case.window
    return t.center, t.window


def _authorise(conn: Connection, m: Mutation, data: dict[str, Any], rec: Any, t: Tenant) -> None:
    """The acting user must be an active user of this center whose role allows the change, by the
    counter's own permission table (clerk_app.domain.roles)."""
    users = t.center_users(conn)
    if m.entity == "audit_log":
        return  # a record of what happened at the counter (a refused login too), not a change of anything
    acting = m.actor if m.actor in users else (t.group_actor or m.actor)
    found = users.get(acting)
    actor = found[1] if found else None
    active = bool(actor and actor.get("active") in (True, 1))
    try:
        role = Role(actor["role"]) if actor else None
    except ValueError:
        role = None
    managed = _managed(users)
    if m.entity == "users":
        if "password_hash" in data and not is_valid_verifier(data["password_hash"]):
            raise SecurityFailure("bad_verifier", "密码校验值的参数不符合本系统的规定，本条修改未生效，已记录为安全事件。",
                                  m.entity, m.entity_id)
        if not managed or (active and role is not None and change_permission(role, "users") is None):
            return
        own = found is not None and rec is not None and rec.entity_id == found[0]
        if active and own and m.op == "update" and set(data) <= {"username", "password_hash"} \
                and data.get("username", acting) == acting:
            return  # a user changing only their own password
        raise SecurityFailure("not_authorised", "只有本中心在岗的系统管理员才能新建、停用用户或修改角色和他人的密码；"
                              "本条修改未生效，已记录为安全事件。", m.entity, m.entity_id)
    if not managed:
        # A center without an active administrator of its own yet (docs/security.md, "unmanaged"): nobody
        # to check against; its counters' users and work are accepted as before, inside its center only.
        return
    if not active or role is None:
        raise SecurityFailure("unknown_actor", "操作人不是本中心在岗的用户，本条修改未生效，已记录为安全事件。",
                              m.entity, m.entity_id)
    lacking = change_permission(role, m.entity, str(data.get("action")) if m.entity == "case_events" else None)
    if lacking is not None:
        raise SecurityFailure("not_permitted", f"操作人的角色无权执行此操作（{lacking}），本条修改未生效，已记录为安全事件。",
                              m.entity, m.entity_id)


def _managed(users: dict[str, tuple[str, dict[str, Any]]]) -> bool:
    """A center is managed once it has an active administrator: from then on every change needs an
    active user of the center whose role allows it."""
    return any(d.get("role") == Role.ADMIN.value and d.get("active") in (True, 1) for _i, d in users.values())


def _apply_one(conn: Connection, m: Mutation, fx: _Effects, t: Tenant, now_ms: int) -> str:
    device = t.device
    if m.entity not in ENTITIES:
        raise GroupFailure("rejected", "unknown_entity", "无法识别的数据类型。")
    try:
        data = upcast.upgrade(m.entity, dict(m.data), m.schema_version)
    except upcast.CannotUpgrade as exc:
        raise GroupFailure("quarantined", "schema_version", str(exc)) from None
    unknown = set(data) - COLUMNS[m.entity]
    if m.entity == "users":
        unknown -= LOCAL_ONLY_FIELDS["users"]
    if unknown:
        raise GroupFailure("quarantined", "unknown_fields",
                           f"“{m.entity}”含有中心不认识的字段：{'、'.join(sorted(str(k) for k in unknown))[:200]}。")
    hlc = _clamp_hlc(m.hlc, now_ms)
    entity_id = m.entity_id
    if m.entity == "users":
        for col in LOCAL_ONLY_FIELDS["users"]:
            data.pop(col, None)
        _own(_load(conn, "users", m.entity_id), t, "users", m.entity_id)
        entity_id = _user_record_id(conn, m.entity_id, data.get("username"), t.center)
        if entity_id != m.entity_id:
            # The same user name was created on another counter or at the center first: the center's
            # user wins and this counter adopts it (its later edits are applied to that record).
            fx.refresh.add(("users", entity_id))
            if m.op == "insert":
                _authorise(conn, m, data, None, t)
                return "duplicate"
            m = m.model_copy(update={"entity_id": entity_id})
    rec = _load(conn, m.entity, m.entity_id)
    _own(rec, t, m.entity, m.entity_id)
    try:
        kind = json.loads(rec.data).get("kind") if rec is not None and m.entity == "applicants" else None
        check_record(m.entity, data, kind=kind)
    except Invalid as exc:
        raise GroupFailure("quarantined", "invalid_record", str(exc), m.entity, m.entity_id) from None
    _check_references(conn, m.entity, data, t)
    _authorise(conn, m, data, rec, t)
    if m.op == "insert":
        if data.get("id") != m.entity_id:
            raise GroupFailure("rejected", "id_mismatch", "记录编号与数据不一致。")
        if rec is not None:
            same = json.loads(rec.data) == data
            if same or m.entity in APPEND_ONLY:
                return "duplicate"
            raise GroupFailure("conflict", "id_clash", "同一编号的记录在中心已存在且内容不同。", m.entity, m.entity_id)
        if m.entity == "case_events" and not m.old.get("history"):
            return _case_event(conn, m, data, fx, t, hlc)
        if m.entity == "case_events" and _load(conn, "cases", str(data.get("case_id"))) is None:
            raise GroupFailure("rejected", "unknown_case", "中心没有这条办件记录，无法登记其办理过程。")
        owner = _owner(conn, m.entity, data, t)
        _write_record(conn, m.entity, m.entity_id, data, dict.fromkeys(data, hlc), exists=False, origin=device,
                      owner=owner)
        if m.entity == "users":
            t.staged[str(data["username"])] = (m.entity_id, data)
        fx.items.append((m.entity, m.entity_id, "insert", data))
        return "applied"
    if m.entity in APPEND_ONLY:
        raise GroupFailure("rejected", "append_only", "办理过程、评价和审计记录只能追加，不能修改或删除。")
    if rec is None:
        raise GroupFailure("rejected", "unknown_record", "中心没有这条记录，无法修改。", m.entity, m.entity_id)
    current, stamps = json.loads(rec.data), json.loads(rec.hlc)
    if m.op == "delete":
        if rec.deleted:
            return "duplicate"
        _write_record(conn, m.entity, m.entity_id, current, stamps, exists=True, origin=device, deleted=True)
        fx.items.append((m.entity, m.entity_id, "delete", current))
        return "applied"
    changed = False
    window_before = current.get("window")
    for key, value in data.items():
        if key in SERVER_OWNED_FIELDS.get(m.entity, ()) or key == "id":
            continue
        if key in IDENTITY_FIELDS.get(m.entity, ()):
            if current.get(key) == value:
                continue
            if key in m.old and current.get(key) == m.old[key]:
                current[key], stamps[key], changed = value, hlc, True
                continue
            raise GroupFailure("conflict", "identity_conflict",
                               f"关键信息“{key}”已在其他窗口被修改，两处修改不一致，已转入冲突待办。",
                               m.entity, m.entity_id)
        if hlc > clocks.order(stamps.get(key, "")):
            current[key], stamps[key], changed = value, hlc, True
        elif current.get(key) != value:
            # A later edit (by its stamp) is already here: the counter is told by the record itself, which it
            # adopts, instead of a bare "applied" that would leave it holding its own value.
            fx.refresh.add((m.entity, m.entity_id))
    if not changed:
        return "applied"
    if m.entity == "cases" and isinstance(current.get("window"), str) and current["window"] != window_before:
        # A case moved to another window (a transfer): that window's counters receive it from now on.
        fx.handovers.append((m.entity_id, current["window"], "transfer"))
    _write_record(conn, m.entity, m.entity_id, current, stamps, exists=True, origin=device)
    if m.entity == "users" and isinstance(current.get("username"), str):
        t.staged[current["username"]] = (m.entity_id, current)
    fx.items.append((m.entity, m.entity_id, "update", current))
    return "applied"


def _user_record_id(conn: Connection, entity_id: str, username: Any, center: str) -> str:
    """The id of the center's record for this user: by id if the center has it, else by user name."""
    if _load(conn, "users", entity_id) is not None or not isinstance(username, str):
        return entity_id
    return user_by_name(conn, username, center) or entity_id


def user_by_name(conn: Connection, username: str, center: str) -> str | None:
    # A center has tens of users, not thousands: a scan is cheaper than another indexed column.
    if (batch := _batch(conn)) is not None:
        batch.flush(conn)
    for rec_id, raw in conn.execute(select(records.c.entity_id, records.c.data)
                                    .where(and_(records.c.entity == "users", records.c.center_code == center))).all():
        if json.loads(raw).get("username") == username:
            return str(rec_id)
    return None


def _blobs_ready(conn: Connection, group: list[Mutation], center: str) -> bool:
    """Every attachment the group names is complete and was uploaded by this center (another center's
    attachment is not this center's to refer to: the group then fails on its own, see ``_foreign_blob``)."""
    shas = {m.data["attachment_sha256"] for m in group
            if m.entity == "case_materials" and isinstance(m.data.get("attachment_sha256"), str)}
    if not shas:
        return True
    done = set(conn.execute(select(blobs.c.sha256).join(blob_owners, blob_owners.c.sha256 == blobs.c.sha256)
                            .where(and_(blobs.c.sha256.in_(shas), blobs.c.complete,
                                        blob_owners.c.center_code == center))).scalars())
    return done == shas


def _foreign_blob(conn: Connection, group: list[Mutation], center: str) -> SecurityFailure | None:
    shas = {m.data["attachment_sha256"] for m in group
            if m.entity == "case_materials" and isinstance(m.data.get("attachment_sha256"), str)}
    mine = set(conn.execute(select(blob_owners.c.sha256).where(and_(blob_owners.c.sha256.in_(shas),
                                                                    blob_owners.c.center_code == center))).scalars())
    others = set(conn.execute(select(blob_owners.c.sha256).where(blob_owners.c.sha256.in_(shas - mine))).scalars())
    if others:
        return SecurityFailure("foreign_attachment", "这条修改引用了其他中心的附件，本中心不予办理，已记录为安全事件。",
                               "blobs", sorted(others)[0])
    return None


def _groups(mutations: list[Mutation]) -> list[list[Mutation]]:
    out: list[list[Mutation]] = []
    for m in sorted(mutations, key=lambda m: m.seq):
        if out and out[-1][-1].tx_id == m.tx_id:
            out[-1].append(m)
        else:
            out.append([m])
    return out


def _record_changes(conn: Connection, fx: _Effects, device: str) -> int:
    batch = _batch(conn)
    if batch is not None:
        batch.write_group(conn, fx.items, device)
        return batch.seq
    if not fx.items:
        return 0
    # Outside a push (the center's own writes): each change goes to its record's center's feed.
    by_center: dict[str, list[tuple[Any, tuple[str, str, str, dict[str, Any]]]]] = {}
    for item in fx.items:
        rec = _load(conn, item[0], item[1])
        by_center.setdefault(rec.center_code if rec else "", []).append((rec, item))
    last = 0
    for center, items in by_center.items():
        first = next_change_seq(conn, len(items), center)
        rows = [dict(seq=first + i, tx=first, entity=e, entity_id=i_d, op=op,
                     data=json.dumps(d, ensure_ascii=False, sort_keys=True), origin=device,
                     center_code=center, window=rec.window if rec else "",
                     hlc=clocks.newest(json.loads(rec.hlc)) if rec else "", case_id=handover.case_of(e, d, i_d))
                for i, (rec, (e, i_d, op, d)) in enumerate(items)]
        conn.execute(changes.insert(), rows)
        for i, (_rec, (e, i_d, _op, _d)) in enumerate(items):
            conn.execute(records.update().where(and_(records.c.entity == e, records.c.entity_id == i_d))
                         .values(updated_seq=first + i))
        last = first + len(rows) - 1
    return last


def current_records(conn: Connection, keys: set[tuple[str, str]], center: str | None = None) -> list[Change]:
    """The center's records as changes with their newest stamp; ``center`` set: only that center's."""
    out = []
    for entity, entity_id in sorted(keys, key=lambda k: (ENTITIES.index(k[0]) if k[0] in ENTITIES else 99, k[1])):
        rec = _load(conn, entity, entity_id)
        if rec is not None and (center is None or rec.center_code == center):
            out.append(Change(seq=0, tx=0, entity=entity, entity_id=entity_id,
                              op="delete" if rec.deleted else "update", data=json.loads(rec.data),
                              hlc=clocks.newest(json.loads(rec.hlc))))
    return out


def push(conn: Connection, device: str, mutations: list[Mutation], now: datetime,
         tenant: Tenant | None = None, epoch: str | None = None) -> PushResponse:
    """Apply a batch inside the caller's writer transaction, holding the device's center's feed
    (``writer(engine, center)`` locked it already; otherwise it is locked here). ``tenant`` may be read
    before the lock is taken (a device's center and window never change after enrolment): one
    statement less while the center's other pushes wait; so may ``epoch`` (the server's epoch)."""
    tenant = tenant or tenant_of(conn, device)
    feed = lock_feed(conn, tenant.center)
    batch = conn.info[_BATCH] = _Batch(feed=feed, seq=feed.seq)
    try:
        return _push(conn, device, mutations, now, batch, tenant, epoch if epoch is not None else meta(conn, "epoch"))
    finally:
        conn.info.pop(_BATCH, None)


def _push(conn: Connection, device: str, mutations: list[Mutation], now: datetime, batch: _Batch,
          tenant: Tenant, epoch: str) -> PushResponse:
    now_ms = int(now.timestamp() * 1000)
    # Every record the batch names or points at, in a few queries (one per mutation was most of a push).
    last = batch.start(conn, {(m.entity, m.entity_id) for m in mutations} | {
        (target, ref) for m in mutations for fieldname, target in REFERENCES.get(m.entity, {}).items()
        if isinstance(ref := m.data.get(fieldname), str) and ref
        and not _CONTROL.search(ref)}, device, tenant)  # a NUL would be a PostgreSQL 500 before validation
    results: list[MutationResult] = []
    refresh: set[tuple[str, str]] = set()
    expected: int | None = None
    retry_from: int | None = None
    # A push whose reply was lost comes again whole: the ledger's answers for all of it in one read (one
    # query per replayed mutation was half of such a push's CPU).
    recorded = _recorded(conn, device, [m.seq for m in mutations if m.seq <= last])
    for group in _groups(mutations):
        fresh = [m for m in group if m.seq > last]
        for m in group:
            if m.seq <= last:
                results.append(_replayed(conn, m, recorded))
        if not fresh:
            continue
        if fresh[0].seq != last + 1:
            expected = last + 1
            break
        fx = _Effects()
        failure: GroupFailure | None = None
        if not _blobs_ready(conn, fresh, tenant.center):
            failure = _foreign_blob(conn, fresh, tenant.center)
            if failure is None:
                retry_from = fresh[0].seq
                break
        try:
            if failure is None:
                tenant.group_actor = next((str(m.data.get("actor")) for m in fresh if m.entity == "audit_log"
                                           and m.op == "insert" and isinstance(m.data.get("actor"), str)), "")
                for m in fresh:
                    fx.outcomes.append((m.mutation_id, _apply_one(conn, m, fx, tenant, now_ms)))
                _record_changes(conn, fx, device)
        except GroupFailure as exc:
            batch.discard()
            failure = exc
        tenant.commit_staged(failure is None)
        if failure is None:
            refresh |= fx.refresh
            batch.handovers += fx.handovers
            outcomes = [o for _mid, o in fx.outcomes]
            codes = [""] * len(fresh)
            messages = [""] * len(fresh)
        else:
            outcomes, codes = [failure.outcome] * len(fresh), [failure.code] * len(fresh)
            messages = [failure.message] * len(fresh)
            _park(conn, device, fresh, failure, now)
            if failure.security:
                _security_event(conn, tenant, fresh, failure, now)
            refresh |= {(m.entity, m.entity_id) for m in fresh if m.entity not in APPEND_ONLY}
            if failure.entity:
                refresh.add((failure.entity, failure.entity_id))
        batch.ledger.update({m.seq: dict(device_id=device, seq=m.seq, mutation_id=m.mutation_id, tx_id=m.tx_id,
                                         outcome=o, code=c, message=msg, received_at=now)
                             for m, o, c, msg in zip(fresh, outcomes, codes, messages, strict=True)})
        # Built from the validated mutations and the center's own outcomes and sentences: not validated
        # again (a twentieth of a push's CPU); the reply's shape is checked against the schema by the API
        # fuzz test.
        results += [MutationResult.model_construct(seq=m.seq, mutation_id=m.mutation_id, outcome=o, code=c,
                                                   message=msg)
                    for m, o, c, msg in zip(fresh, outcomes, codes, messages, strict=True)]
        last = fresh[-1].seq
    if batch.handovers:
        batch.flush(conn)  # a handover feeds the case's records from the database
    for case_id, window, reason in batch.handovers:
        if window:
            handover.hand_over(conn, tenant.center, case_id, window, reason, now, batch.reserve, by=device)
        else:
            handover.to_output_desks(conn, tenant.center, case_id, now, batch.reserve)
    batch.finish(conn)
    return PushResponse(results=results, last_seq=last, expected_seq=expected, retry_from=retry_from,
                        server_epoch=epoch, server_seq=batch.seq,
                        refresh=current_records(conn, refresh, tenant.center))


def _security_event(conn: Connection, t: Tenant, group: list[Mutation], failure: GroupFailure, now: datetime) -> None:
    """Ids and codes only: the refused values stay in the quarantine, which only the admin reads."""
    m = next((m for m in group if (m.entity, m.entity_id) == (failure.entity, failure.entity_id)), group[0])
    target = _load(conn, failure.entity, failure.entity_id) if failure.entity in ENTITIES else None
    conn.execute(security_events.insert().values(
        center_code=t.center, target_center=target.center_code if target is not None else t.center,
        device_id=t.device, code=failure.code, entity=(failure.entity or m.entity)[:32],
        entity_id=(failure.entity_id or m.entity_id)[:64], actor=(t.group_actor or m.actor)[:64],
        detail=f"tx {m.tx_id[:40]}, {len(group)} mutation(s): {failure.message}", created_at=now))


_RECORDED = select(ledger.c.seq, ledger.c.mutation_id, ledger.c.outcome, ledger.c.code, ledger.c.message).where(
    ledger.c.device_id == bindparam("device"), ledger.c.seq.in_(bindparam("seqs", expanding=True)))


def _recorded(conn: Connection, device: str, seqs: list[int]) -> dict[int, Any]:
    """The device's ledger rows of these seqs, by seq."""
    if not seqs:
        return {}
    return {row.seq: row for row in conn.execute(_RECORDED, {"device": device, "seqs": sorted(set(seqs))})}


def _replayed(conn: Connection, m: Mutation, recorded: dict[int, Any]) -> MutationResult:
    """The answer the center gave a mutation it already has (``recorded``: its ledger rows read for the
    push; a seq applied earlier in this push is in the batch's ledger)."""
    batch = _batch(conn)
    mine = batch.ledger.get(m.seq) if batch is not None else None
    row: Any = SimpleNamespace(**mine) if mine else recorded.get(m.seq)
    if row is None or row.mutation_id != m.mutation_id:
        # The device reused a seq for a different mutation (a restored counter): never overwrite.
        return MutationResult(seq=m.seq, mutation_id=m.mutation_id, outcome="rejected", code="seq_reused",
                              message="该序号在中心已登记为另一条修改，本条未生效，请联系信息技术人员。")
    # The center's own outcome and sentence, as the fresh mutations' results: not validated again.
    return MutationResult.model_construct(seq=m.seq, mutation_id=m.mutation_id, outcome=row.outcome,
                                          code=row.code, message=row.message)


def _park(conn: Connection, device: str, group: list[Mutation], failure: GroupFailure, now: datetime) -> None:
    """Keep the losing transaction whole: conflicts for a supervisor, the rest in quarantine."""
    if failure.outcome == "conflict":
        state = current_records(conn, {(failure.entity, failure.entity_id)}) if failure.entity else []
        conn.execute(conflicts.insert().values(
            device_id=device, tx_id=group[0].tx_id, entity=failure.entity, entity_id=failure.entity_id,
            code=failure.code, message=failure.message,
            mutations=json.dumps([m.model_dump() for m in group], ensure_ascii=False),
            server_state=json.dumps([c.data for c in state], ensure_ascii=False), created_at=now))
        return
    conn.execute(quarantine.insert(), [
        dict(device_id=device, seq=m.seq, mutation_id=m.mutation_id, schema_version=m.schema_version,
             outcome=failure.outcome, reason=f"{failure.code}: {failure.message}",
             mutation=json.dumps(m.model_dump(), ensure_ascii=False), created_at=now) for m in group])
