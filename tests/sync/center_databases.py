"""The center databases the sync tests run on: which engines (SQLite, and PostgreSQL on 127.0.0.1 where
it answers), a migrated template copied for each fresh center, an empty PostgreSQL schema of its own, a
center left one upgrade behind. A module of its own, not conftest.py: a test file importing from
``conftest`` gets whichever conftest module was imported first under that name (tests/security's, when
both folders run in one process)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _pg_reason() -> str | None:
    try:
        eng = create_engine(PG_ADMIN_URL)
        with eng.connect() as conn:
            conn.execute(text("SELECT 1"))
        eng.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means: skip, and say why
        return f"PostgreSQL at 127.0.0.1:5432 unreachable ({type(exc).__name__}: {str(exc)[:120]})"


_PG_SKIP = _pg_reason()


def server_engine_urls() -> list[Any]:
    return ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(_PG_SKIP is not None,
                                                                          reason=_PG_SKIP or ""))]


class CenterTemplate:
    """A migrated center, made once per session (per xdist worker) and copied for each test's fresh one.

    On SQLite the migrated file. On PostgreSQL the statements ``migrate`` sent (DDL, seed rows, the
    reads its steps decide on), recorded while the worker's first schema was migrated and replayed into
    each later empty schema in one transaction: the same schema and rows, without alembic's Python work
    (~0.12 s of CPU a schema). The replay runs under the new schema's search_path, as migrate did; the
    few statements that name the schema (indexes re-created from ``pg_get_indexdef``) get the new name
    (random, so a plain replace meets nothing else)."""

    def __init__(self, sqlite: Path) -> None:
        self.sqlite = sqlite
        self.pg_statements: list[tuple[str, Any]] | None = None
        self.pg_schema = ""

    def migrate_pg(self, engine: Engine, schema: str) -> None:
        from sqlalchemy import event

        from sync.server.db import migrate

        if self.pg_statements is not None:
            with engine.begin() as conn:
                cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
                for statement, params in self.pg_statements:
                    cursor.execute(statement.replace(self.pg_schema, schema), params)
            renew_identity(engine)
            return
        sent: list[tuple[str, Any]] = []
        failed: list[str] = []

        def record(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
            assert not many, "migrate sent an executemany: record each of its rows to replay it"
            assert schema not in repr(params), "a parameter names the schema: replace it on replay too"
            sent.append((statement, params))  # after it ran: a probe that failed is not replayed

        def failure(context: Any) -> None:
            failed.append(context.statement or "")

        event.listen(engine, "after_cursor_execute", record)
        event.listen(engine, "handle_error", failure)
        try:
            migrate(engine)
        finally:
            event.remove(engine, "after_cursor_execute", record)
            event.remove(engine, "handle_error", failure)
        # Only a read may fail (the "is it current?" probe on an empty schema, in its own connection): a
        # failed write would have rolled back statements recorded before it.
        assert all(f.lstrip().upper().startswith("SELECT") for f in failed), failed
        self.pg_statements, self.pg_schema = sent, schema


def renew_identity(engine: Engine) -> None:
    """A copied center gets its own epoch and secret, as ``migrate`` on an empty database makes them."""
    from sync.server.db import writer
    from sync.server.schema import server_meta

    with writer(engine) as conn:
        for key, size in (("epoch", 8), ("secret", 32)):
            conn.execute(server_meta.update().where(server_meta.c.key == key).values(value=secrets.token_hex(size)))


def fresh_sqlite_center(template: Path, path: Path) -> Engine:
    """A new SQLite center at ``path``: a copy of the migrated template under its own epoch and secret,
    as ``migrate`` on an empty file would have made it."""
    import shutil

    from sync.server.db import make_engine

    shutil.copyfile(template, path)
    engine = make_engine(f"sqlite:///{path}")
    renew_identity(engine)
    return engine


@contextmanager
def fresh_server_engine(kind: str, folder: Path, template: CenterTemplate) -> Iterator[Engine]:
    """A fresh, migrated center database: on SQLite a copy of the template in ``folder``, on PostgreSQL
    a schema of its own (random name: parallel workers and other users of the server never meet) made
    from the template's statements, dropped after."""

    if kind == "sqlite":
        engine = fresh_sqlite_center(template.sqlite, folder / "center.sqlite3")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    with pg_schema() as (engine, schema):
        template.migrate_pg(engine, schema)
        yield engine


@contextmanager
def empty_pg_schema() -> Iterator[tuple[str, str]]:
    """An empty PostgreSQL schema of its own (random name: parallel workers and other users of the server
    never meet) and the URL whose search path is it; dropped after."""
    schema = f"t_{secrets.token_hex(6)}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}", schema
    finally:
        with admin.connect() as conn:
            # A connection a test forgot to close would block the DROP forever: fail fast instead.
            conn.execute(text("SET lock_timeout = '10s'"))
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@contextmanager
def pg_schema() -> Iterator[tuple[Engine, str]]:
    """``empty_pg_schema`` with a center engine on it; the engine is disposed before the schema is dropped."""
    from sync.server.db import make_engine

    with empty_pg_schema() as (url, schema):
        engine = make_engine(url)
        try:
            yield engine, schema
        finally:
            engine.dispose()


def upgrade_all_but(conn: Any, revision: str) -> None:
    """Migrate a center database on ``conn`` to every head except ``revision``, which stays unapplied with
    everything it needs in place (and so do the revisions after it): the database of a center from before
    that upgrade."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from sync.server.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    script = ScriptDirectory.from_config(cfg)
    skipped = script.get_revision(revision)
    assert skipped is not None and isinstance(skipped.down_revision, str)
    before = [h for h in script.get_heads()
              if all(r.revision != revision for r in script.iterate_revisions(h, "base"))]
    for head in [*before, skipped.down_revision]:
        command.upgrade(cfg, head)  # one at a time: some are ancestors of others through depends_on
