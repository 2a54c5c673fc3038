"""Engine set-up, migrations and the two ways to write: a transaction that holds one center's feed
(a push), or one that holds the server-wide lock (enrolment, attachments, distribution, admin)."""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Insert,
    Select,
    String,
    Update,
    bindparam,
    create_engine,
    event,
    make_url,
    select,
    text,
)
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, ProgrammingError

from sync.server.schema import center_feeds, server_meta

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
FEEDS = "clerk_locked_feeds"  # conn.info: the feeds this transaction holds, center -> Feed
DEFAULT_URL = "sqlite:///clerk-center.sqlite3"
MIGRATIONS_KEY = "migrations"  # server_meta: the fingerprint of the revision files at the last upgrade


def _sqlite_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy's begin event issue BEGIN itself (pysqlite's own BEGIN is deferred and late).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the database lock at BEGIN, so two writers never deadlock on a lock upgrade.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writer") else "BEGIN")


# Engines whose write locking `writer` knows: on any other, the gap-free pull guarantee would silently
# disappear (docs/sync.md, "Databases").
SUPPORTED_BACKENDS = ("postgresql", "sqlite")


class UnsupportedDatabase(ValueError):
    """The server refuses to start on a database whose locking it does not know."""


def make_engine(url: str) -> Engine:
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        raise UnsupportedDatabase("数据库地址格式不正确，应形如 postgresql://用户@主机/库名 或 sqlite:///文件路径。") \
            from None
    if backend not in SUPPORTED_BACKENDS:
        raise UnsupportedDatabase(f"中心服务器只支持 PostgreSQL 和 SQLite（试点），不支持 {backend[:32]}：在其他数据库上"
                                  "无法保证同步顺序不丢记录，请改用 PostgreSQL。")
    if url.startswith("sqlite"):
        engine = create_engine(url, future=True, pool_size=8, max_overflow=16)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # As many connections kept as a worker has threads (anyio's 40, CLERK_CENTER_MAX_BUSY's default), each
    # request holding one at a time: with 10 kept, every request above ten at once opened a connection and
    # closed it after (about 400 new PostgreSQL sessions in 1,000 pushes of the ten-center bench). The most
    # a worker opens (kept + overflow) is 70, as before.
    return create_engine(url, future=True, pool_size=40, max_overflow=30, pool_pre_ping=True)


def migrations_fingerprint(versions: list[str]) -> str:
    """The names of the revision files and the applied revisions, hashed. A database that stored this at its
    last upgrade is current, and checking it costs no Alembic (start-up time); the applied revisions make a
    downgrade by hand show as not current. The counter's store keeps the same rule (clerk_app/store/db.py)."""
    names = sorted(p.name for p in (MIGRATIONS / "versions").glob("*.py"))
    return hashlib.sha1("\n".join([*names, "", *sorted(versions)]).encode()).hexdigest()


def _applied(conn: Connection) -> list[str]:
    return [str(v) for v in conn.execute(text("SELECT version_num FROM alembic_version")).scalars()]


def _is_current(engine: Engine) -> bool:
    try:
        with engine.connect() as conn:
            stored = conn.execute(select(server_meta.c.value).where(server_meta.c.key == MIGRATIONS_KEY)).scalar()
            return stored is not None and stored == migrations_fingerprint(_applied(conn))
    except (OperationalError, ProgrammingError):  # an empty database: no server_meta yet
        return False


def migrate(engine: Engine) -> None:
    """Upgrade every head, make the epoch and the secret once, and (PostgreSQL) the months ahead. Every
    ``clerk-center`` command and every server start calls it: a current database is recognised without
    importing Alembic (start-up time)."""
    if not _is_current(engine):  # else the run that stored the fingerprint made the epoch and secret
        _upgrade(engine)
    if engine.dialect.name == "postgresql":
        from datetime import date

        from sync.server.partitions import ensure_months, forget

        forget(engine)  # records may be partitioned now: the push asks again

        ensure_months(engine, date.today())  # serve and every admin command migrate first: months made ahead


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")  # feature branches of the schema (tenancy, limits, exchange) each end in a head
    with writer(engine) as conn:
        have = {r.key for r in conn.execute(select(server_meta.c.key))}
        if "epoch" not in have:
            conn.execute(server_meta.insert().values(key="epoch", value=secrets.token_hex(8)))
        if "secret" not in have:
            conn.execute(server_meta.insert().values(key="secret", value=secrets.token_hex(32)))
        fingerprint = migrations_fingerprint(_applied(conn))
        if MIGRATIONS_KEY in have:
            conn.execute(server_meta.update().where(server_meta.c.key == MIGRATIONS_KEY).values(value=fingerprint))
        else:
            conn.execute(server_meta.insert().values(key=MIGRATIONS_KEY, value=fingerprint))


def new_epoch(engine: Engine) -> str:
    """After a restore from backup: clients that see the new epoch re-push what they kept."""
    epoch = secrets.token_hex(8)
    with writer(engine) as conn:
        conn.execute(server_meta.update().where(server_meta.c.key == "epoch").values(value=epoch))
    return epoch


class Feed:
    """One center's feed as locked by the current transaction: the last change seq and audit-link
    arrival handed out. Changed here, written back by ``save`` before the transaction commits."""

    __slots__ = ("center", "seq", "audit_arrival", "_saved")

    def __init__(self, center: str, seq: int, audit_arrival: int) -> None:
        self.center, self.seq, self.audit_arrival = center, seq, audit_arrival
        self._saved = (seq, audit_arrival)

    def save(self, conn: Connection) -> None:
        if (self.seq, self.audit_arrival) != self._saved:
            # Once per push: on PostgreSQL by the driver (SQLAlchemy's execute cost more).
            _driver_execute(conn, _SAVE_FEED, {"center": self.center, "seq": self.seq,
                                               "audit_arrival": self.audit_arrival})
            self._saved = (self.seq, self.audit_arrival)


_SAVE_FEED = center_feeds.update().where(center_feeds.c.center_code == bindparam("center")).values(
    seq=bindparam("seq"), audit_arrival=bindparam("audit_arrival"))


_READ_FEED = select(center_feeds.c.seq, center_feeds.c.audit_arrival).where(
    center_feeds.c.center_code == bindparam("center"))
_LOCK_FEED = _READ_FEED.with_for_update()


def lock_feed(conn: Connection, center: str) -> Feed:
    """Lock ``center``'s feed row for the rest of the caller's write transaction (PostgreSQL: ``FOR
    UPDATE``; SQLite: the writer's ``BEGIN IMMEDIATE`` already serialises every writer) and return it.
    Every transaction that writes a center's change log or audit links holds that center's row, so its
    seqs are handed out in commit order: a later committer can never take a lower seq, and a pull or the
    exchange reading above its cursor never skips a late commit. Other centers' rows stay free."""
    held: dict[str, Feed] = conn.info.setdefault(FEEDS, {})
    if center in held:
        return held[center]
    query = _LOCK_FEED if conn.dialect.name == "postgresql" else _READ_FEED
    # PostgreSQL: by the driver, as the push's other statements of a fixed shape (SQLAlchemy's execute of
    # this one statement was a sixth of a push's CPU in the thread that runs it, profiled).
    row = read_first(conn, query, {"center": center})
    if row is None:
        # A center's first write: its feed starts at 0. Two first writers of one center race on the
        # insert; the loser waits for the winner's commit, inserts nothing and then locks its row.
        if conn.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            conn.execute(pg_insert(center_feeds).values(center_code=center, seq=0, audit_arrival=0)
                         .on_conflict_do_nothing(index_elements=["center_code"]))
        else:
            conn.execute(center_feeds.insert().values(center_code=center, seq=0, audit_arrival=0))
        row = conn.execute(query, {"center": center}).one()
    feed = held[center] = Feed(center, int(row.seq), int(row.audit_arrival))
    return feed


def _save_feeds(conn: Connection) -> None:
    for feed in conn.info.get(FEEDS, {}).values():
        feed.save(conn)


@contextmanager
def writer(engine: Engine, center: str | None = None) -> Iterator[Connection]:
    """A write transaction. With ``center`` (a push): it first locks that center's feed only, so writers
    of one center run one at a time and those of different centers run side by side. Without: it first
    locks the server-wide row (``counters.change_seq``) that every other writer takes, and locks a
    center's feed as well when it writes that center's change log (``next_change_seq``). Pushes never
    take the server-wide row, so the order is always server-wide row, then feed: no deadlock."""
    with engine.connect().execution_options(writer=True) as conn:
        try:
            with conn.begin():
                if center is not None:
                    lock_feed(conn, center)
                elif engine.dialect.name == "postgresql":
                    conn.execute(text("SELECT value FROM counters WHERE name = 'change_seq' FOR UPDATE"))
                yield conn
                _save_feeds(conn)
        finally:
            conn.info.pop(FEEDS, None)


@contextmanager
def holding_feed(conn: Connection, center: str) -> Iterator[Connection]:
    """``writer(engine, center)`` on a connection the caller opened with ``writer=True`` and may already
    have read in (a push reads its device on the connection it then writes with: one pool checkout and
    one ping fewer per push). Locks the feed in the open (or a new) transaction, commits at the end,
    rolls back on an error."""
    try:
        lock_feed(conn, center)
        yield conn
        _save_feeds(conn)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.info.pop(FEEDS, None)


_DRIVER_SQL: dict[int, tuple[Select[Any] | Update, str, dict[str, Any]]] = {}


def _driver_sql(conn: Connection, statement: Select[Any] | Update) -> tuple[str, dict[str, Any]]:
    """``statement`` compiled once for the driver (``%(name)s`` style) with its own bound literals."""
    got = _DRIVER_SQL.get(id(statement))
    if got is None or got[0] is not statement:
        compiled = statement.compile(dialect=conn.dialect)
        got = _DRIVER_SQL[id(statement)] = (statement, str(compiled), dict(compiled.params))
    return got[1], got[2]


@contextmanager
def _driver_errors(conn: Connection, sql: str) -> Iterator[None]:
    """A driver error as SQLAlchemy would raise it from its own execute, without the parameters (citizen
    data) in its text."""
    dbapi = conn.dialect.loaded_dbapi
    try:
        yield
    except dbapi.Error as exc:
        raise DBAPIError.instance(sql, None, exc, dbapi.Error, hide_parameters=True, dialect=conn.dialect) from exc


def _driver_execute(conn: Connection, statement: Update, params: dict[str, Any]) -> None:
    """A write of a fixed shape; on PostgreSQL by the driver (it joins a pipeline if one is open)."""
    if conn.dialect.name != "postgresql":
        conn.execute(statement, params)
        return
    sql, literals = _driver_sql(conn, statement)
    with _driver_errors(conn, sql), conn.connection.driver_connection.cursor() as cur:  # type: ignore[union-attr]
        cur.execute(sql, {**literals, **params})


# A connection's execution option (the push's): its transactions (each opened by ``read_first``) plan no
# sequential scan where an index serves, every read of a push being by key. Sent in the pipeline with the
# ``BEGIN``. PostgreSQL's own choice between custom and generic plans is kept: a custom plan of a statement
# on a partitioned table reads and locks only the partitions its values select (``records`` by center), and
# a generic one, forced (plan_cache_mode), locks every partition at each execution before pruning and cost
# the ten-center push more when measured (docs/sync.md "Partitions").
INDEX_READS = "index_reads"
_INDEX_READS = "SELECT set_config('enable_seqscan', 'off', true) AS seqscan"


def read_first(conn: Connection, statement: Select[Any], params: dict[str, Any]) -> Any:
    """The first row of ``statement`` (or None). On PostgreSQL by the driver (the SQL compiled once:
    SQLAlchemy's execute of a small statement costs several times the driver's), and when it opens the
    caller's transaction, ``BEGIN`` and the read go in one round trip (psycopg's pipeline mode; otherwise
    ``BEGIN`` is a round trip of its own). SQLite: SQLAlchemy's own execution (with a writer connection's
    ``BEGIN IMMEDIATE``)."""
    if conn.dialect.name != "postgresql":
        return conn.execute(statement, params).first()
    from psycopg import pq
    from psycopg.rows import namedtuple_row

    if not conn.in_transaction():
        conn.begin()  # SQLAlchemy's (no statement on PostgreSQL): its commit must commit what the driver did
    sql, literals = _driver_sql(conn, statement)
    raw: Any = conn.connection.driver_connection
    opening = raw.info.transaction_status == pq.TransactionStatus.IDLE
    with _driver_errors(conn, sql), raw.pipeline() if opening else nullcontext(), \
            raw.cursor(row_factory=namedtuple_row) as cur:
        if opening and conn.get_execution_options().get(INDEX_READS):
            cur.execute(_INDEX_READS)
        cur.execute(sql, {**literals, **params})
        return cur.fetchone()


def next_change_seq(conn: Connection, n: int, center: str) -> int:
    """Reserve ``n`` seqs of ``center``'s feed in the caller's writer transaction; returns the first."""
    feed = lock_feed(conn, center)
    feed.seq += n
    feed.save(conn)
    return feed.seq - n + 1


@contextmanager
def pipelined(conn: Connection) -> Iterator[None]:
    """Statements that only write (no result is read) sent to PostgreSQL back to back and answered
    together: one round trip instead of one each (psycopg's pipeline mode; its ``executemany`` rides the
    same pipeline). Inside the push's feed lock every round trip is time the center's other pushes wait.
    An error of any of them is raised here as SQLAlchemy's (``IntegrityError`` etc.), like outside; the
    transaction is then aborted, as after any failed statement. SQLite: the statements run one by one."""
    if conn.dialect.name != "postgresql":
        yield
        return
    raw = conn.connection.driver_connection
    dbapi = conn.dialect.loaded_dbapi
    try:
        with raw.pipeline():  # type: ignore[union-attr]
            yield
    except DBAPIError:
        raise
    except dbapi.Error as exc:
        raise DBAPIError.instance(None, None, exc, dbapi.Error, dialect=conn.dialect) from exc


_MANY_SQL: dict[tuple[int, tuple[str, ...]], tuple[Insert | Update, str]] = {}


# SQLite: per statement and set of keys, its SQL and the bound names in order with each one's conversion; None
# where the compiled statement binds a value the rows do not hold (a column default): SQLAlchemy's way then.
_SQLITE_MANY: dict[tuple[int, tuple[str, ...]],
                   tuple[Insert | Update, tuple[str, tuple[tuple[str, Any], ...]] | None]] = {}


def _sqlite_many(conn: Connection, statement: Insert | Update, rows: list[dict[str, Any]]) -> None:
    """SQLite's ``execute_many``: the statement compiled once per set of keys, and the rows given to the
    driver as tuples, each value converted by its column type's own bind processor (a datetime as
    SQLAlchemy stores it). SQLAlchemy's per-row parameter handling was most of a push's writes."""
    keys = tuple(rows[0])
    entry = _SQLITE_MANY.get((id(statement), keys))
    if entry is None or entry[0] is not statement:
        compiled = statement.compile(dialect=conn.dialect, column_keys=list(keys))
        order = compiled.positiontup or []
        procs = compiled._bind_processors
        entry = _SQLITE_MANY[(id(statement), keys)] = (statement, (
            str(compiled), tuple((name, procs.get(name)) for name in order)) if set(order) <= set(keys) else None)
    if entry[1] is None:
        conn.execute(statement, rows)
        return
    sql, names = entry[1]
    conn.exec_driver_sql(sql, [tuple(v if (v := row[name]) is None or f is None else f(v) for name, f in names)
                               for row in rows])


def _json_insert(statement: Insert, keys: tuple[str, ...], dialect: Any) -> str:
    """``INSERT INTO t (a, b) SELECT a, b FROM json_to_recordset(%s::json) AS r(a text, b bigint)``: every
    row of a bulk insert in one statement and one parameter, the rows as a JSON array (written by the C
    encoder; psycopg's array parameters were slower than the rows one by one). Strings are read as
    ``text`` and then assigned to the column, so a value too long for a ``varchar(n)`` is refused as by a
    plain insert (a cast to varchar(n) would cut it silently)."""
    q = dialect.identifier_preparer
    cols = [statement.table.c[k] for k in keys]
    names = [q.quote(c.name) for c in cols]
    types = ["text" if isinstance(c.type, String) else c.type.compile(dialect=dialect) for c in cols]
    return (f"INSERT INTO {q.format_table(statement.table)} ({', '.join(names)}) SELECT {', '.join(names)} "
            f"FROM json_to_recordset(%s::json) AS r({', '.join(f'{n} {t}' for n, t in zip(names, types, strict=True))})")


def execute_many(conn: Connection, statement: Insert | Update, rows: list[dict[str, Any]]) -> None:
    """``conn.execute(statement, rows)`` for a statement that returns nothing (a push's bulk inserts and
    updates). On PostgreSQL the rows go to the driver as they are: SQLAlchemy's per-row parameter
    processing (which converts nothing for these column types) was the largest part of a push's CPU.
    An insert is one statement whatever the number of rows (``_json_insert``): sent row by row in the
    pipeline, each row was a wait on the socket and a flush of its own, the push's largest cost after
    the HTTP stack. Every row must have the same keys. An update stays SQLAlchemy's own SQL, compiled
    once per statement and set of keys, executed once per row."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        _sqlite_many(conn, statement, rows)
        return
    keys = tuple(rows[0])
    got = _MANY_SQL.get((id(statement), keys))
    if got is None or got[0] is not statement:
        sql = _json_insert(statement, keys, conn.dialect) if isinstance(statement, Insert) else \
            str(statement.compile(dialect=conn.dialect, column_keys=list(keys)))
        got = _MANY_SQL[(id(statement), keys)] = (statement, sql)
    with _driver_errors(conn, got[1]), conn.connection.driver_connection.cursor() as cur:  # type: ignore[union-attr]
        if isinstance(statement, Insert):
            # Naive datetimes (the ledger's) as PostgreSQL reads a timestamp: str() is ISO with a space.
            cur.execute(got[1], (json.dumps(rows, ensure_ascii=False, default=str),))
        else:
            cur.executemany(got[1], rows)


def meta(conn: Connection, key: str) -> str:
    return str(conn.execute(select(server_meta.c.value).where(server_meta.c.key == key)).scalar_one())
