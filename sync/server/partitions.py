"""Declarative partitioning of the center's big tables on PostgreSQL (issue 18 item 2; migrations
``0010_partitions`` and ``0011_records_partitions``, docs/sync.md "Partitions"). SQLite, the pilot engine,
keeps plain tables.

- ``changes`` BY RANGE (``logged_on``): one partition per calendar month of the day the writing transaction
  began (``DEFAULT CURRENT_DATE``; the column exists on PostgreSQL only and no query of the application reads
  it), primary key ``(center_code, seq, logged_on)``. Time is the one key every center ages along together,
  so retention can drop a whole month once every center's floor is past all of its rows; seqs are per center,
  so a seq range would hold a quiet center's whole history next to a busy one's oldest rows.
- ``ledger`` BY HASH (``device_id``), ``HASH_PARTITIONS``: it grows with every mutation, is read by device only
  (a push names one device, so each statement reaches one partition) and its mutation ids are unique per
  device (every unique index must contain the partition key).
- ``records`` BY HASH (``center_code``), ``HASH_PARTITIONS`` (``0011_records_partitions``), key ``RECORDS_KEY``.
  Ids stay unique across centers in ``record_ids`` (key: the id; value: its center), kept by statement
  triggers on ``records`` for every writer, so two centers storing one id at once still meet at a primary
  key. A push's statements are one text each for every center (the center a bound value), planned by
  PostgreSQL's own choice (custom plans, pruned while planning: a forced generic plan locked every partition
  at each execution and cost the ten-center push more), and its transactions plan no sequential scan where
  an index serves (``db.INDEX_READS``). Its first read takes the keys as pairs from the center's partition,
  the ids other centers own from ``record_ids``, and the center's users from its partition (apply.py
  ``_START``). Measured through the center (``bench_sync.py --only pg,pg10``, alternating with the tree
  before it, four rounds each): center and database CPU per push x0.96 one center, x1.01 ten centers
  (means; docs/sync.md "Partitions").
  Two earlier attempts were built in earlier sessions and not kept: hashed on ``entity_id`` (a push's read by
  ids planned and scanned several partitions: x1.7 of database and client CPU per push), and on
  ``center_code`` with ``record_ids`` but per-partition statement texts and ``record_ids`` planned as empty
  (x1.03 on one long-lived connection, x1.15/x1.41 one/ten centers through the center, and with the bench's
  warm-up still x1.66/x1.11; docs/sync.md "Partitions").

A ``DEFAULT`` partition of ``changes`` takes any row whose month has no partition yet, so an insert never
fails; ``ensure_months`` creates the current month and ``AHEAD`` more at ``migrate`` (so at ``serve`` and
every admin command) and at every retention round, moving any rows the default partition holds for them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, text

log = logging.getLogger("clerk.center")
HASH_PARTITIONS = 8
# records' key on PostgreSQL: every unique index of a partitioned table contains its partition key
RECORDS_KEY = "entity, entity_id, center_code"
AHEAD = 2  # months created beyond the current one
DEFAULT = "changes_default"
LOCK_TIMEOUT = "5s"  # maintenance never stalls pushes and pulls for longer; it tries again next round


def month_start(day: date, plus: int = 0) -> date:
    n = day.year * 12 + day.month - 1 + plus
    return date(n // 12, n % 12 + 1, 1)


def month_name(start: date) -> str:
    return f"changes_p{start.year:04d}{start.month:02d}"


@dataclass(frozen=True)
class Part:
    name: str
    lower: date | None  # None: MINVALUE
    upper: date | None  # None: MAXVALUE
    default: bool = False


_BOUND = re.compile(r"FOR VALUES FROM \((MINVALUE|'[0-9-]+')\) TO \((MAXVALUE|'[0-9-]+')\)")


def _bound(raw: str) -> date | None:
    return None if raw.endswith("VALUE") else date.fromisoformat(raw.strip("'"))


def is_partitioned(conn: Connection, table: str = "changes") -> bool:
    if conn.dialect.name != "postgresql":
        return False
    return bool(conn.execute(text("SELECT EXISTS (SELECT 1 FROM pg_partitioned_table "
                                  "WHERE partrelid = to_regclass(:t))"), {"t": table}).scalar())


_RECORDS_SPLIT: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()


def records_split(conn: Connection) -> bool:
    """Whether ``records`` is partitioned by center with ``record_ids`` beside it (``0011_records_partitions``):
    read once per engine and again after ``db.migrate`` (``forget``), not at every push."""
    got = _RECORDS_SPLIT.get(conn.engine)
    if got is None:
        got = _RECORDS_SPLIT[conn.engine] = is_partitioned(conn, "records")
    return got


def forget(engine: Engine) -> None:
    _RECORDS_SPLIT.pop(engine, None)


def parts(conn: Connection, table: str = "changes") -> list[Part]:
    """The partitions of ``table`` with their range bounds, oldest first (the default partition last)."""
    rows = conn.execute(text("SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
                             "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(:t)"),
                        {"t": table}).all()
    out = []
    for name, bound in rows:
        if bound == "DEFAULT":
            out.append(Part(name, None, None, default=True))
            continue
        m = _BOUND.search(bound or "")
        out.append(Part(name, _bound(m.group(1)), _bound(m.group(2))) if m else Part(name, None, None))
    return sorted(out, key=lambda p: (p.default, p.lower or date.min))


def ensure_months(engine: Engine, today: date, ahead: int = AHEAD) -> list[str]:
    """Create the change log's partitions from ``today``'s month to ``ahead`` months later where none covers
    them; returns the names created. A month that is busy (its lock not granted within ``LOCK_TIMEOUT``) is
    left for the next call: meanwhile its rows go to the default partition, from which they are moved."""
    made: list[str] = []
    with engine.connect() as conn:
        if not is_partitioned(conn):
            return made
    for i in range(ahead + 1):
        start, end = month_start(today, i), month_start(today, i + 1)
        name = month_name(start)
        try:
            with engine.connect() as conn, conn.begin():
                conn.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
                if any(not p.default and (p.lower is None or p.lower < end) and (p.upper is None or p.upper > start)
                       for p in parts(conn)):
                    continue
                window = {"a": start, "b": end}
                stray = conn.execute(text(f"SELECT count(*) FROM {DEFAULT} "  # noqa: S608 - fixed names
                                          "WHERE logged_on >= :a AND logged_on < :b"), window).scalar()
                bounds = f"FOR VALUES FROM ('{start.isoformat()}') TO ('{end.isoformat()}')"
                if stray:
                    # The default partition holds rows of this month (no partition was there when they were
                    # written): move them into a table of their own, then attach it as the month.
                    conn.execute(text(f"CREATE TABLE {name} (LIKE changes INCLUDING DEFAULTS)"))
                    conn.execute(text(f"INSERT INTO {name} SELECT * FROM {DEFAULT} "  # noqa: S608
                                      "WHERE logged_on >= :a AND logged_on < :b"), window)
                    conn.execute(text(f"DELETE FROM {DEFAULT} WHERE logged_on >= :a AND logged_on < :b"), window)
                    conn.execute(text(f"ALTER TABLE changes ATTACH PARTITION {name} {bounds}"))
                else:
                    conn.execute(text(f"CREATE TABLE {name} PARTITION OF changes {bounds}"))
            made.append(name)
        except Exception as exc:  # noqa: BLE001 - busy or raced by another worker: the default partition holds on
            log.warning('{"event": "partition_not_created", "partition": "%s", "error": "%s"}',
                        name, type(exc).__name__)
    return made
