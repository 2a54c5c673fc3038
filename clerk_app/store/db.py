"""The local SQLite store: one file per profile, WAL, foreign keys on, migrations at start-up."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from clerk_app.errors import UserError

log = logging.getLogger("clerk.store")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Migrations may branch from a common parent (one branch per feature, e.g. sync, security,
# ledgers); ``migrate`` upgrades every head. Start-up compares a fingerprint of the migration
# files with the one stored at the last upgrade, so a current database never imports Alembic.


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across app crashes
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    return engine


def alembic_config(engine_url: str | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine_url:
        cfg.set_main_option("sqlalchemy.url", engine_url)
    return cfg


def migrations_fingerprint() -> str:
    names = sorted(p.name for p in (MIGRATIONS / "versions").glob("*.py"))
    return hashlib.sha1("\n".join(names).encode()).hexdigest()


def current_revision(engine: Engine) -> str | None:
    """The applied revisions (several when migrations branch), comma-joined; None on an empty file."""
    with engine.connect() as conn:
        try:
            rows = sorted(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
        except OperationalError:
            return None
    return ",".join(rows) or None


def _stored_fingerprint(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT value FROM schema_info WHERE key = 'migrations'")).scalar()
        except OperationalError:
            return None


def migrate(engine: Engine, target: str = "heads") -> str:
    """Bring the schema to ``target`` (every head by default); returns the revisions reached."""
    fingerprint = migrations_fingerprint()
    if target == "heads" and _stored_fingerprint(engine) == fingerprint:
        return current_revision(engine) or ""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        if target == "heads":
            conn.execute(text("CREATE TABLE IF NOT EXISTS schema_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)"))
            conn.execute(text("INSERT OR REPLACE INTO schema_info VALUES ('migrations', :f)"), {"f": fingerprint})
    rev = current_revision(engine)
    log.info("database migrated to %s", rev)
    return rev or ""


class Store:
    """Owns the engine and hands out one session per unit of work (one transaction per use case)."""

    def __init__(self, path: Path, *, migrate_now: bool = True) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = make_engine(path)
            self.revision = migrate(self.engine) if migrate_now else current_revision(self.engine)
        except sqlite3.DatabaseError as exc:  # pragma: no cover - depends on the file
            raise UserError(f"无法打开数据库 {path}：文件已损坏或不是本系统的数据库。请联系信息技术人员。",
                            detail=str(exc)) from exc
        except OperationalError as exc:
            raise UserError(f"无法打开数据库 {path}：{exc.orig}。请检查磁盘空间和文件权限。", detail=str(exc)) from exc
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits together or not at all."""
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.execute(text("PRAGMA integrity_check")).scalar())

    def close(self) -> None:
        self.engine.dispose()
