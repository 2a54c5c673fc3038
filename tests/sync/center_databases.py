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
    (random, so a plain replace meets nothing else).

    A PostgreSQL schema a test is done with is not dropped but emptied back to the migrated state and kept
    for the worker's next fresh center (``reset_pg``): creating a schema by replay and dropping it cost the
    PostgreSQL server ~0.2 s of CPU, emptying it ~12 ms (measured; ~130 fresh PostgreSQL centers a run).
    Only a schema whose catalogue no test changed comes back; one a test changed (a migration, a dropped
    index) or that is still locked is dropped as before."""

    def __init__(self, sqlite: Path) -> None:
        self.sqlite = sqlite
        self.pg_statements: list[tuple[str, Any]] | None = None
        self.pg_schema = ""
        self.pg_catalogue: dict[str, str] = {}  # schema -> its catalogue (``_PG_CATALOGUE``) when migrated
        self.pg_rows: dict[str, list[str]] = {}  # table -> its migrated rows, as JSON
        self.pg_sequences: dict[str, tuple[int, bool]] = {}  # sequence -> (last_value, is_called)
        self.pg_spare: list[str] = []  # emptied schemas ready for the next fresh center

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
        with _admin().begin() as conn:
            for table in _pg_tables(conn, schema):
                self.pg_rows[table] = list(conn.execute(text(
                    f"SELECT row_to_json(t)::text FROM {schema}.{table} t")).scalars())
            for (seq,) in conn.execute(text(_PG_SEQUENCES), {"s": schema}):
                last, called = conn.execute(text(f"SELECT last_value, is_called FROM {schema}.{seq}")).one()
                self.pg_sequences[seq] = (last, called)

    def made_pg(self, schema: str) -> None:
        """``schema`` holds the migrated center: what its catalogue holds now is what a reset expects."""
        with _admin().connect() as conn:
            self.pg_catalogue[schema] = _pg_catalogue(conn, schema)

    def reset_pg(self, schema: str) -> bool:
        """Empty ``schema`` back to the migrated rows and sequences; False (and nothing changed) when a
        test changed its catalogue or a connection a test left open still holds a lock on it."""
        if not self.pg_rows or schema not in self.pg_catalogue:  # a migration that failed
            return False
        try:
            with _admin().begin() as conn:
                conn.execute(text("SET LOCAL lock_timeout = '2s'"))
                if _pg_catalogue(conn, schema) != self.pg_catalogue[schema]:
                    return False
                # Triggers off for the reset (it is the superuser's): the append-only audit refuses a DELETE,
                # and record_ids is emptied and restored as a table of its own.
                conn.execute(text("SET LOCAL session_replication_role = replica"))
                for table in _pg_tables(conn, schema):
                    conn.execute(text(f"DELETE FROM {schema}.{table}"))
                    if rows := self.pg_rows.get(table):
                        conn.execute(text(f"INSERT INTO {schema}.{table} OVERRIDING SYSTEM VALUE SELECT * FROM "
                                          f"json_populate_record(NULL::{schema}.{table}, CAST(:r AS json))"),
                                     [{"r": r} for r in rows])
                for seq, (last, called) in self.pg_sequences.items():
                    conn.execute(text("SELECT setval(:q, :v, :c)"), {"q": f"{schema}.{seq}", "v": last, "c": called})
        except Exception:  # noqa: BLE001 - any failure (a lock held, a table gone): drop it instead
            return False
        return True

    def drop_spare(self) -> None:
        while self.pg_spare:
            schema = self.pg_spare.pop()
            self.pg_catalogue.pop(schema, None)
            _drop_schema(schema)


# What a schema's catalogue holds, per catalogue: how many rows, and the newest transaction that wrote one.
# Any DDL on the schema (a table, column, default, index, constraint, trigger, function or sequence made,
# changed or dropped) adds, removes or rewrites such a row; rows, statistics and sequence values are not in
# it. 2-4 ms, where comparing deparsed definitions took ~40 ms.
# Each catalogue, and how its row ``r`` belongs to the schema's namespace ``n``.
_CATALOGUES = {
    "pg_class": "r.relnamespace = n.oid",
    "pg_attribute": "r.attrelid IN (SELECT oid FROM pg_class WHERE relnamespace = n.oid)",
    "pg_attrdef": "r.adrelid IN (SELECT oid FROM pg_class WHERE relnamespace = n.oid)",
    "pg_index": "r.indexrelid IN (SELECT oid FROM pg_class WHERE relnamespace = n.oid)",
    "pg_constraint": "r.connamespace = n.oid",
    "pg_trigger": "r.tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = n.oid)",
    "pg_proc": "r.pronamespace = n.oid",
    "pg_sequence": "r.seqrelid IN (SELECT oid FROM pg_class WHERE relnamespace = n.oid)",
}
_PG_CATALOGUE = "SELECT concat_ws(' ', {}) FROM pg_namespace n WHERE n.nspname = :s".format(", ".join(
    f"(SELECT count(*) || '/' || coalesce(max(CAST(CAST(r.xmin AS text) AS bigint)), 0) FROM {name} r WHERE {owned})"
    for name, owned in _CATALOGUES.items()))
_PG_SEQUENCES = "SELECT relname FROM pg_class WHERE relnamespace = CAST(:s AS regnamespace) AND relkind = 'S'"


def _pg_catalogue(conn: Any, schema: str) -> str:
    return str(conn.execute(text(_PG_CATALOGUE), {"s": schema}).scalar())


def _pg_tables(conn: Any, schema: str) -> list[str]:
    """The schema's tables, a partitioned one once (its partitions go with it)."""
    return list(conn.execute(text(
        "SELECT relname FROM pg_class WHERE relnamespace = CAST(:s AS regnamespace) AND relkind IN ('r', 'p') "
        "AND NOT relispartition ORDER BY relname"), {"s": schema}).scalars())


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
    from the template's statements, or one an earlier test of this worker left and ``reset_pg`` emptied."""

    if kind == "sqlite":
        engine = fresh_sqlite_center(template.sqlite, folder / "center.sqlite3")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    from sync.server.db import make_engine

    reused = bool(template.pg_spare)
    schema = template.pg_spare.pop() if reused else _create_schema()
    engine = make_engine(_schema_url(schema))
    try:
        if reused:
            renew_identity(engine)
        else:
            template.migrate_pg(engine, schema)
            template.made_pg(schema)
        yield engine
    finally:
        engine.dispose()
        if template.reset_pg(schema):
            template.pg_spare.append(schema)
        else:
            template.pg_catalogue.pop(schema, None)
            _drop_schema(schema)


@contextmanager
def empty_pg_schema() -> Iterator[tuple[str, str]]:
    """An empty PostgreSQL schema of its own (random name: parallel workers and other users of the server
    never meet) and the URL whose search path is it; dropped after."""
    schema = _create_schema()
    try:
        yield _schema_url(schema), schema
    finally:
        _drop_schema(schema)


def _schema_url(schema: str) -> str:
    return f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"


_ADMIN: list[Engine] = []


def _admin() -> Engine:
    """One engine per process for making, emptying and dropping schemas (its connections are pooled)."""
    if not _ADMIN:
        _ADMIN.append(create_engine(PG_ADMIN_URL))
    return _ADMIN[0]


def _create_schema() -> str:
    schema = f"t_{secrets.token_hex(6)}"
    with _admin().begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    return schema


def _drop_schema(schema: str) -> None:
    with _admin().begin() as conn:
        # A connection a test forgot to close would block the DROP forever: fail fast instead.
        conn.execute(text("SET LOCAL lock_timeout = '10s'"))
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))


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
