"""Engine set-up, migrations and the one way to write: a transaction that holds the change counter."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, make_url, select, text
from sqlalchemy.exc import ArgumentError

from sync.server.schema import counters, server_meta

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
LOCKED_SEQ = "clerk_locked_change_seq"
DEFAULT_URL = "sqlite:///clerk-center.sqlite3"


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
    return create_engine(url, future=True, pool_size=10, max_overflow=60, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
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


def new_epoch(engine: Engine) -> str:
    """After a restore from backup: clients that see the new epoch re-push what they kept."""
    epoch = secrets.token_hex(8)
    with writer(engine) as conn:
        conn.execute(server_meta.update().where(server_meta.c.key == "epoch").values(value=epoch))
    return epoch


@contextmanager
def writer(engine: Engine) -> Iterator[Connection]:
    """A write transaction that first locks the change counter: writers run one at a time, so change
    seqs are allocated in commit order and a late committer can never be skipped by a pull."""
    with engine.connect().execution_options(writer=True) as conn, conn.begin():
        if engine.dialect.name == "postgresql":
            # The locked value is kept for the transaction: one round trip less while everyone waits.
            conn.info[LOCKED_SEQ] = conn.execute(
                text("SELECT value FROM counters WHERE name = 'change_seq' FOR UPDATE")).scalar_one()
        try:
            yield conn
        finally:
            conn.info.pop(LOCKED_SEQ, None)


def next_change_seq(conn: Connection, n: int) -> int:
    """Reserve ``n`` seqs in the caller's writer transaction; returns the first."""
    current = conn.execute(select(counters.c.value).where(counters.c.name == "change_seq")).scalar_one()
    conn.execute(counters.update().where(counters.c.name == "change_seq").values(value=current + n))
    if LOCKED_SEQ in conn.info:
        conn.info[LOCKED_SEQ] = current + n
    return int(current) + 1


def meta(conn: Connection, key: str) -> str:
    return str(conn.execute(select(server_meta.c.value).where(server_meta.c.key == key)).scalar_one())
