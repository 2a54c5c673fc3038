"""The local SQLite store: one file per profile, WAL, foreign keys on, migrations at start-up.

The file is encrypted with SQLCipher (AES-256, every page, WAL included) under a key derived from
the profile's master key in the OS keyring (``clerk_app.security.keys``); see docs/security.md.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError

from clerk_app.errors import UserError
from clerk_app.store import changes
from clerk_app.store.errors import DatabaseCorrupt, StoreError, classify

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger("clerk.store")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Migrations may branch from a common parent (one branch per feature, e.g. sync, security,
# ledgers); ``migrate`` upgrades every head. Start-up compares a fingerprint of the migration
# files with the one stored at the last upgrade, so a current database never imports Alembic.


PAGE_CACHE_KIB = 128 * 1024
BUSY_TIMEOUT_MS = 5000  # how long a writer waits for another's write lock before "the database is in use"


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # The driver's own implicit BEGIN is turned off so that ``_on_begin`` decides how a transaction
    # starts (SQLAlchemy's documented recipe for pysqlite).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across app crashes
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # SQLCipher decrypts every page it reads; its default 8 MB cache re-decrypts a busy center's
    # cases on each scan (the month's dashboard over 100,000 cases: 1.6 s at 8 MB, 0.4 s at 128 MB).
    # A ceiling, not an allocation: only pages actually read take memory.
    cur.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
    cur.close()


SQLITE_HEADER = b"SQLite format 3\x00"
# Secure by default (the two variables are declared in security/keys.py, below the store).
from clerk_app.security.keys import ALLOW_UNENCRYPTED_ENV, REQUIRE_KEYRING_ENV  # noqa: E402


def _keyed(key: bytes):  # type: ignore[no-untyped-def]
    # A raw 256-bit key (x'..') skips SQLCipher's PBKDF2 pass, which would cost ~0.1 s per connection;
    # the key is already random and full-strength. secure_delete zeroes freed pages (purged cases).
    pragma = f"PRAGMA key = \"x'{key.hex()}'\""

    def on_connect(dbapi_conn, record: object) -> None:  # type: ignore[no-untyped-def]
        cur = dbapi_conn.cursor()
        cur.execute(pragma)
        cur.execute("PRAGMA secure_delete=ON")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()
        _on_connect(dbapi_conn, record)
    return on_connect


def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
    """A write transaction takes the write lock before its first read (BEGIN IMMEDIATE): what it
    reads (the audit chain's tail, a counter) cannot change under it, and a second writer waits
    (busy_timeout) instead of failing on a stale snapshot. Reads stay deferred and never block."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writer") else "BEGIN")


def make_engine(path: Path, key: bytes | None = None) -> Engine:
    """A plain SQLite engine, or with ``key`` (32 bytes) a SQLCipher one over the same schema."""
    # hide_parameters: an error's text never renders the statement's values (names, ID numbers, phones)
    # into a log, stderr, a diagnostics bundle or a crash report.
    if key is None:
        engine = create_engine(f"sqlite:///{path}", future=True, hide_parameters=True)
        event.listen(engine, "connect", _on_connect)
    else:
        import sqlcipher3.dbapi2 as sqlcipher

        engine = create_engine(f"sqlite:///{path}", future=True, module=sqlcipher, hide_parameters=True)
        event.listen(engine, "connect", _keyed(key))
    event.listen(engine, "begin", _on_begin)
    changes.install(engine)  # what each committed transaction wrote, for the views (store/changes.py)
    return engine


def is_plaintext_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(16) == SQLITE_HEADER
    except FileNotFoundError:
        return False


def encrypt_in_place(path: Path, key: bytes) -> None:
    """Turns an unprotected database (made before protection existed) into a SQLCipher one."""
    import sqlcipher3.dbapi2 as sqlcipher

    tmp = path.with_name(path.name + ".encrypting")
    tmp.unlink(missing_ok=True)
    conn = sqlcipher.connect(str(path))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", (str(tmp),))
        conn.execute("SELECT sqlcipher_export('enc')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA enc.user_version = {int(version)}")
        conn.execute("DETACH DATABASE enc")
    finally:
        conn.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    log.warning("database %s was unprotected and is now encrypted", path)


def resolve_key(path: Path) -> bytes | None:
    """The SQLCipher key for the profile holding ``path``; None only where no OS keystore exists."""
    from clerk_app.security.keys import KeyringUnavailable, database_key

    existing_encrypted = path.exists() and path.stat().st_size > 0 and not is_plaintext_sqlite(path)
    try:
        key = database_key(path.parent, create=not existing_encrypted)
    except KeyringUnavailable:
        if (existing_encrypted or os.environ.get(REQUIRE_KEYRING_ENV) == "1"
                or os.environ.get(ALLOW_UNENCRYPTED_ENV) != "1"):
            raise
        log.warning("no OS keyring: %s is NOT encrypted", path)
        return None
    if is_plaintext_sqlite(path):
        encrypt_in_place(path, key)
    return key


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


def migrate(engine: Engine, target: str = "heads", *, snapshot: bool = True) -> str:
    """Bring the schema to ``target`` (every head by default); returns the revisions reached. An empty
    file brought to every head gets the snapshot of what the migrations make (``snapshot=False``: runs them)."""
    fingerprint = migrations_fingerprint()
    if target == "heads" and _stored_fingerprint(engine) == fingerprint:
        return current_revision(engine) or ""
    if target == "heads" and snapshot and _from_snapshot(engine, fingerprint):
        rev = current_revision(engine)
        log.info("database made at %s", rev)
        return rev or ""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        if target == "heads":
            _record_fingerprint(conn, fingerprint)
    rev = current_revision(engine)
    log.info("database migrated to %s", rev)
    return rev or ""


def _from_snapshot(engine: Engine, fingerprint: str) -> bool:
    """Make a brand-new (empty) file what every migration would, from ``schema_snapshot.py``, without
    importing Alembic or running each step (~0.2 s of CPU per new profile; store/snapshot.py). False
    where it does not apply: a file with anything in it, or migrations newer than the snapshot."""
    from clerk_app.store import schema_snapshot as snap  # here for start-up time: only new profiles need it

    if fingerprint != snap.FINGERPRINT:
        return False
    # BEGIN IMMEDIATE: a second process making the same new profile waits, then finds it made.
    with engine.execution_options(writer=True).begin() as conn:
        if conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar():
            return False
        for sql in snap.SCHEMA:
            conn.exec_driver_sql(sql)
        for table, rows in snap.ROWS:
            marks = ", ".join("?" * len(rows[0]))
            conn.exec_driver_sql(f'INSERT INTO "{table}" VALUES ({marks})', list(rows))
        conn.exec_driver_sql(f"PRAGMA user_version = {int(snap.USER_VERSION)}")
        conn.exec_driver_sql(f"PRAGMA application_id = {int(snap.APPLICATION_ID)}")
        _record_fingerprint(conn, fingerprint)
    return True


def _record_fingerprint(conn: Connection, fingerprint: str) -> None:
    conn.execute(text("CREATE TABLE IF NOT EXISTS schema_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)"))
    conn.execute(text("INSERT OR REPLACE INTO schema_info VALUES ('migrations', :f)"), {"f": fingerprint})


class Store:
    """Owns the engine and hands out one session per unit of work (one transaction per use case)."""

    def __init__(self, path: Path, *, migrate_now: bool = True, key: bytes | None | Literal["auto"] = "auto") -> None:
        """``key`` "auto" takes the profile's key from the OS keyring (made on first open); bytes
        use that key; None opens an unprotected file (tools and tests that need one)."""
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        if key == "auto":
            key = resolve_key(path)
        self.protected = key is not None
        try:
            self.engine = make_engine(path, key)
            self.revision = migrate(self.engine) if migrate_now else current_revision(self.engine)
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            fault = classify(exc, path)
            log.info("database %s could not be opened: %s", path, type(fault or exc).__name__)
            if isinstance(fault, DatabaseCorrupt) or fault is None:
                if self.protected:
                    raise UserError("store.cannot_decrypt", path=path) from None
                raise UserError("store.not_a_database", path=path) from None
            raise UserError("store.cannot_open", path=path, reason=fault) from None
        self._factories: tuple[sessionmaker[Session], sessionmaker[Session]] | None = None
        self._factories_lock = threading.Lock()

    @property
    def _sessions(self) -> sessionmaker[Session]:
        """The writers' session factory, with the outbox's capture installed before its first session."""
        return self._session_factories()[0]

    @property
    def _readers(self) -> sessionmaker[Session]:
        return self._session_factories()[1]

    def _session_factories(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        # Made on first use: a command that reads through the engine alone (``sync status``) never imports
        # the ORM, ~0.05-0.1 s of CPU at start-up.
        with self._factories_lock:
            if self._factories is None:
                from sqlalchemy.orm import sessionmaker  # here for start-up time (see above)

                writers = sessionmaker(self.engine.execution_options(writer=True), expire_on_commit=False)
                __import__("clerk_app.store.outbox").store.outbox.install(writers)  # sync capture (issue 6)
                self._factories = (writers, sessionmaker(self.engine, expire_on_commit=False))
            return self._factories

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits together or not at all."""
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException as exc:
                session.rollback()
                if isinstance(exc, StoreError) or not isinstance(exc, Exception):
                    raise
                fault = classify(exc, self.path)
                if fault is None:
                    raise
                # One sentence per kind of fault; the driver's text (the SQL, perhaps its values) stays out.
                log.info("transaction failed: %s (%s)", fault.code, type(getattr(exc, "orig", None) or exc).__name__)
                raise fault from None

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._readers() as session:
            try:
                yield session
            except Exception as exc:
                fault = classify(exc, self.path)
                if fault is None or isinstance(exc, StoreError):
                    raise
                log.info("read failed: %s (%s)", fault.code, type(getattr(exc, "orig", None) or exc).__name__)
                raise fault from None

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.execute(text("PRAGMA integrity_check")).scalar())

    def close(self) -> None:
        self.engine.dispose()
