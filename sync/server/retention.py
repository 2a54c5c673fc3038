"""Retention of the change log (issue 18 item 2; docs/sync.md "Retention" and "Partitions").

Every pull says how far its device has got: the cursor it asks from is committed on the device, so each
pull records it (``device_acks``). Per center, the log at or below the lowest cursor of the center's *active*
devices (not revoked, seen within ``CLERK_CENTER_RETENTION_ACTIVE_DAYS``, default 30) and of the provincial
exchange's feed is no longer needed by anyone and is deleted; the center's ``floor`` says where.

A pull from below the floor is answered from the records, not the log: a pull from 0 (a new counter, or one
starting again) receives the current record of everything it may see whose last change is at or below the
floor, in ``updated_seq`` order, and then the log above the floor. While it reads the records its cursor is
``SNAPSHOT + updated_seq`` (the upper half of the cursor range, which the log never reaches), so any worker
and any replica can tell a rebuilding device from a stale one without shared state. A device whose cursor
lies inside the pruned part (it was away longer than the active period) is refused with 410
``cursor_pruned``; the counter then pulls again from 0 (sync/client/engine.py), keeping its own unsent work.
The floor never splits a
server transaction, and it is written (and committed) before any row below it is deleted, so a pull that
saw the old floor still finds every row it reads (PostgreSQL pulls read one snapshot, REPEATABLE READ).
On PostgreSQL, whose change log is partitioned by month (``partitions.py``), whole past months below every
center's floor are dropped first (``drop_partitions``), and only what is left is deleted row by row.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, func, or_, select, text
from sqlalchemy.exc import OperationalError

from sync.protocol import ENTITIES
from sync.server import clocks, partitions
from sync.server.exchange.tables import exchange_cursors
from sync.server.schema import changes, device_acks, devices, handovers, records, retention_floors
from sync.server.tenancy import Reach

log = logging.getLogger("clerk.center")
ACTIVE_DAYS_ENV = "CLERK_CENTER_RETENTION_ACTIVE_DAYS"
EVERY_ENV = "CLERK_CENTER_RETENTION_EVERY_HOURS"
DEFAULT_ACTIVE_DAYS = 30
DEFAULT_EVERY_HOURS = 24
CHUNK = 10_000  # rows deleted per transaction: a SQLite center's pushes wait only that long
CHILDREN = ("case_materials", "case_events", "ratings")


def _env_days(name: str, default: int, most: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= most:
        raise ValueError(f"环境变量 {name} 应为 1 到 {most} 之间的整数（现为“{raw[:20]}”）。")
    return int(raw)


def active_days() -> int:
    return _env_days(ACTIVE_DAYS_ENV, DEFAULT_ACTIVE_DAYS, 3650)


def every_hours() -> int:
    return _env_days(EVERY_ENV, DEFAULT_EVERY_HOURS, 24 * 30)


# -- the pull side -------------------------------------------------------------------------------------
def floor_of(conn: Connection, center: str) -> int:
    return int(conn.execute(select(retention_floors.c.floor).where(retention_floors.c.center_code == center))
               .scalar() or 0)


SNAPSHOT = 1 << 62  # cursors at or above it are positions in the records (a rebuilding device)


def position(cursor: int, floor: int) -> tuple[str, int]:
    """How to answer a pull from ``cursor``: ("log", seq), ("records", updated_seq) or ("pruned", cursor)."""
    if cursor >= SNAPSHOT:
        snap = cursor - SNAPSHOT
        return ("records", snap) if snap < floor else ("log", floor)
    if cursor >= floor:
        return "log", cursor
    return ("records", 0) if cursor == 0 else ("pruned", cursor)


class Acks:
    """Records each device's pulled cursor on the primary, only when it changed (an idle counter asking from
    the same cursor every minute writes nothing). A pull never waits for it: on SQLite, where a push holds
    the one write lock for its whole transaction, the acknowledgement is skipped while the lock is taken and
    written at a later pull (an older acknowledgement only keeps more of the log)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._last: dict[str, tuple[int, bool]] = {}
        self._lock = threading.Lock()

    def record(self, device: str, center: str, cursor: int, is_rebuilding: bool, now: datetime) -> None:
        with self._lock:
            if self._last.get(device) == (cursor, is_rebuilding):
                return
        sqlite = self.engine.dialect.name == "sqlite"
        with self.engine.connect().execution_options(writer=True) as conn:
            # Straight to the driver: through SQLAlchemy the pragma would open the transaction itself.
            raw: Any = conn.connection.dbapi_connection
            if sqlite:
                raw.execute("PRAGMA busy_timeout=0")
            try:
                with conn.begin():
                    done = conn.execute(device_acks.update().where(device_acks.c.device_id == device).values(
                        cursor=cursor, rebuilding=is_rebuilding, acked_at=now)).rowcount
                    if not done:
                        conn.execute(device_acks.insert().values(device_id=device, center_code=center,
                                                                 cursor=cursor, rebuilding=is_rebuilding, acked_at=now))
            except OperationalError:
                if not sqlite:
                    raise
                return  # the write lock is taken (a push): next time
            finally:
                if sqlite:
                    raw.execute("PRAGMA busy_timeout=60000")
        with self._lock:
            self._last[device] = (cursor, is_rebuilding)


def visible_records(reach: Reach) -> ColumnElement[bool]:
    """``tenancy.visible`` for the records themselves (the snapshot a rebuilding device reads)."""
    mine = records.c.center_code == reach.center
    if reach.scope != "window":
        return mine

    def handed(entity: str) -> Any:
        return select(handovers.c.entity_id).where(and_(
            handovers.c.center_code == reach.center, handovers.c.window == reach.window, handovers.c.entity == entity))

    return and_(mine, or_(records.c.window.in_(("", reach.window)),
                          and_(records.c.entity == "cases", records.c.entity_id.in_(handed("cases"))),
                          and_(records.c.entity.in_(CHILDREN), records.c.parent_id.in_(handed("cases"))),
                          and_(records.c.entity == "applicants", records.c.entity_id.in_(handed("applicants")))))


def snapshot_page(conn: Connection, reach: Reach, cursor: int, floor: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """Current records whose last change lies in (cursor, floor], as changes; and the next cursor (in the
    records' range, or the floor once the records below it are exhausted: the log continues from there)."""
    rows = conn.execute(select(records).where(and_(visible_records(reach), records.c.updated_seq > cursor,
                                                   records.c.updated_seq <= floor))
                        .order_by(records.c.updated_seq).limit(limit)).all()
    out = [{"seq": r.updated_seq, "tx": r.updated_seq, "entity": r.entity, "entity_id": r.entity_id,
            "op": "delete" if r.deleted else "update", "data": r.data, "origin": r.origin,
            "hlc": clocks.newest(json.loads(r.hlc))} for r in rows if r.entity in ENTITIES]
    return out, (SNAPSHOT + rows[-1].updated_seq if len(rows) == limit else floor)


# -- pruning -------------------------------------------------------------------------------------------
@dataclass
class Pruned:
    center: str
    floor_before: int
    floor: int
    deleted: int
    active_devices: int
    lowest_ack: int | None
    exchange_cursor: int | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def plan(conn: Connection, center: str, now: datetime, days: int) -> Pruned:
    """Where the center's floor may go: the lowest cursor of its active devices and of the exchange feed,
    moved down to the start of the server transaction it would otherwise split."""
    since = now - timedelta(days=days)
    active = and_(devices.c.center_code == center, ~devices.c.revoked,
                  func.coalesce(devices.c.last_seen, devices.c.created_at) >= since)
    count, lowest = conn.execute(select(func.count(), func.min(device_acks.c.cursor))
                                 .select_from(device_acks.join(devices, devices.c.id == device_acks.c.device_id))
                                 .where(active)).one()
    # The exchange reads each center's feed from its cursor for that center (sync/server/exchange): nothing it
    # has not fed may go.
    exchange = conn.execute(select(func.min(exchange_cursors.c.cursor))
                            .where(exchange_cursors.c.center_code == center)).scalar()
    head = conn.execute(select(func.max(changes.c.seq)).where(changes.c.center_code == center)).scalar() or 0
    floor = min([head] + [int(x) for x in (lowest, exchange) if x is not None])
    nxt = conn.execute(select(changes.c.tx).where(and_(changes.c.center_code == center, changes.c.seq > floor))
                       .order_by(changes.c.seq).limit(1)).scalar()
    if nxt is not None and nxt <= floor:
        floor = int(nxt) - 1
    before = floor_of(conn, center)
    return Pruned(center=center, floor_before=before, floor=max(before, floor), deleted=0, active_devices=int(count),
                  lowest_ack=None if lowest is None else int(lowest),
                  exchange_cursor=None if exchange is None else int(exchange))


def prune(engine: Engine, now: datetime, days: int | None = None, *, dry_run: bool = False,
          report: Any = None) -> list[Pruned]:
    """Raise every center's floor, then (PostgreSQL, partitioned log) drop the months wholly below the floors,
    then delete the rows still at or below each floor. ``report`` receives the partition round's JSON-able
    summary (``drop_partitions``); it is logged either way."""
    days = days or active_days()
    with engine.connect() as conn:
        centers = sorted(set(conn.execute(select(devices.c.center_code).distinct()).scalars())
                         | set(conn.execute(select(retention_floors.c.center_code)).scalars()))
    out = []
    for center in centers:
        with engine.connect() as conn:
            out.append(plan(conn, center, now, days))
    if dry_run:
        return out
    for result in out:
        result.floor = _raise_floor(engine, result.center, result.floor, now)
    with engine.connect() as conn:
        partitioned = partitions.is_partitioned(conn)
    if partitioned:
        partitions.ensure_months(engine, now.date())
        summary = drop_partitions(engine, now)
        for result in out:
            result.deleted += summary["rows_by_center"].get(result.center, 0)
        log.info(json.dumps({"event": "retention_partitions", **summary}, ensure_ascii=False))
        if report is not None:
            report(summary)
    for result in out:
        result.deleted += _delete_rows(engine, result.center, result.floor)
        log.info(json.dumps({"event": "retention", **result.as_dict()}, ensure_ascii=False))
    return out


def _raise_floor(engine: Engine, center: str, floor: int, now: datetime) -> int:
    # The floor first, in its own transaction: from then on no pull reads below it.
    with engine.connect().execution_options(writer=True) as conn, conn.begin():
        where = retention_floors.c.center_code == center
        current = conn.execute(select(retention_floors.c.floor).where(where)).scalar()
        if current is None:
            conn.execute(retention_floors.insert().values(center_code=center, floor=floor, pruned=0, pruned_at=now))
        elif floor > current:
            conn.execute(retention_floors.update().where(where).values(floor=floor, pruned_at=now))
        return max(floor, int(current or 0))


def _delete_rows(engine: Engine, center: str, floor: int) -> int:
    deleted = 0
    while True:
        with engine.connect().execution_options(writer=True) as conn, conn.begin():
            seqs = list(conn.execute(select(changes.c.seq).where(and_(changes.c.center_code == center,
                                                                      changes.c.seq <= floor))
                                     .order_by(changes.c.seq).limit(CHUNK)).scalars())
            if not seqs:
                break
            n = conn.execute(changes.delete().where(and_(changes.c.center_code == center, changes.c.seq >= seqs[0],
                                                         changes.c.seq <= seqs[-1]))).rowcount
            conn.execute(retention_floors.update().where(retention_floors.c.center_code == center)
                         .values(pruned=retention_floors.c.pruned + n))
            deleted += n
    return deleted


def drop_partitions(engine: Engine, now: datetime) -> dict[str, Any]:
    """Detach and drop every month of the change log that lies wholly before ``now``'s month and whose rows
    are all at or below their center's floor. The check is made twice: first without a lock (a month still
    needed is kept without stopping anyone), then again holding the change log exclusively, by one index
    probe per center, for rows a transaction that began in that month committed meanwhile. Pulls take their
    lock on the change log before their snapshot (``app.py``), so no pull that read an older floor is still
    reading when a month goes. The current and later months are never dropped, nor the default partition:
    their rows below the floors are deleted row by row like on SQLite."""
    this_month = partitions.month_start(now.date())
    dropped: list[dict[str, Any]] = []
    kept: list[dict[str, Any]] = []
    by_center: dict[str, int] = {}
    with engine.connect() as conn:
        old = [p for p in partitions.parts(conn) if not p.default and p.upper is not None and p.upper <= this_month]
    for part in old:
        with engine.connect() as conn:
            floors = {c: int(f) for c, f in conn.execute(select(retention_floors.c.center_code, retention_floors.c.floor))}
            if conn.execute(text("SELECT to_regclass(:p)"), {"p": part.name}).scalar() is None:
                continue  # another worker's round dropped it a moment ago
            per = conn.execute(text(f"SELECT center_code, count(*), max(seq) FROM {part.name} "  # noqa: S608
                                    "GROUP BY center_code")).all()
        held = sorted(c for c, _n, top in per if top > floors.get(c, 0))
        rows = {c: int(n) for c, n, _top in per}
        if held:
            kept.append({"partition": part.name, "rows": sum(rows.values()), "held_by": held[:10]})
            continue
        try:
            with engine.connect().execution_options(writer=True) as conn, conn.begin():
                conn.execute(text(f"SET LOCAL lock_timeout = '{partitions.LOCK_TIMEOUT}'"))
                conn.execute(text("LOCK TABLE changes IN ACCESS EXCLUSIVE MODE"))
                if conn.execute(text("SELECT to_regclass(:p)"), {"p": part.name}).scalar() is None:
                    continue  # another worker's round dropped it while this one waited for the lock
                late = conn.execute(text(
                    f"SELECT f.center_code FROM (SELECT center_code FROM center_feeds UNION "  # noqa: S608
                    f"SELECT unnest(CAST(:seen AS varchar[]))) f LEFT JOIN retention_floors r USING (center_code) "
                    f"WHERE EXISTS (SELECT 1 FROM {part.name} p WHERE p.center_code = f.center_code "
                    "AND p.seq > COALESCE(r.floor, 0)) LIMIT 1"), {"seen": list(rows)}).scalar()
                if late is not None:
                    kept.append({"partition": part.name, "rows": sum(rows.values()), "held_by": [late]})
                    continue
                conn.execute(text(f"ALTER TABLE changes DETACH PARTITION {part.name}"))
                conn.execute(text(f"DROP TABLE {part.name}"))
                for center, n in rows.items():
                    conn.execute(retention_floors.update().where(retention_floors.c.center_code == center)
                                 .values(pruned=retention_floors.c.pruned + n))
        except OperationalError as exc:  # the lock not granted in time: the next round tries again
            kept.append({"partition": part.name, "rows": sum(rows.values()), "busy": type(exc.orig).__name__})
            continue
        dropped.append({"partition": part.name, "rows": sum(rows.values())})
        for center, n in rows.items():
            by_center[center] = by_center.get(center, 0) + n
    return {"dropped": dropped, "kept": kept, "rows_by_center": by_center}


def start_timer(engine: Engine, *, every_s: float | None = None, clock: Any = datetime.now) -> threading.Event:
    """Prune once a period (``CLERK_CENTER_RETENTION_EVERY_HOURS``, default 24) on a daemon thread of the
    serving process; set the returned event to stop it. A failed round is logged and tried next period."""
    stop = threading.Event()
    period = every_s if every_s is not None else every_hours() * 3600.0
    days = active_days()  # read now: a wrong setting stops the server at start, not a night later

    def loop() -> None:
        while not stop.wait(period):
            try:
                prune(engine, clock(), days)
            except Exception as exc:  # noqa: BLE001 - the next period tries again; pulls never depend on it
                log.warning(json.dumps({"event": "retention_failed", "error": type(exc).__name__}))

    threading.Thread(target=loop, name="clerk-center-retention", daemon=True).start()
    return stop
