"""Pulls and statistics from a read replica, writes to the primary (issue 18 item 2; docs/sync.md "Read
replica"): the real center with two databases — a second SQLite file, or a second PostgreSQL database — and
real counters. No streaming replication runs here, so the test copies the primary into the second database
whenever the "replica" is meant to have caught up; between copies, what a counter pulls shows which database
served it."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, create_engine, select, text
from sync_helpers import local_ids, write_applicants

from sync.server import schema, trust_tables  # noqa: F401 - every table of the center is in the metadata
from sync.server.db import make_engine, migrate
from sync.server.exchange import tables as _exchange_tables  # noqa: F401

APPEND_ONLY = {"admin_audit"}  # refuses DELETE by trigger; nothing here reads it from the replica


@pytest.fixture
def replica(server_engine: Engine, tmp_path: Path) -> Iterator[Engine]:
    """A second database on the primary's engine."""
    if server_engine.dialect.name == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'replica.sqlite3'}")
        migrate(engine)
        yield engine
        engine.dispose()
        return
    name = f"trust_retention_replica_{secrets.token_hex(4)}"
    base = server_engine.url.set(query={})  # the primary's server, without its test schema
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine = make_engine(base.set(database=name).render_as_string(hide_password=False))
    try:
        migrate(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()


def replicate(primary: Engine, replica: Engine) -> None:
    """The replica catches up: every row of the primary, as streaming replication would leave it."""
    tables = [t for t in schema.metadata.sorted_tables if t.name not in APPEND_ONLY]
    with primary.connect() as src, replica.begin() as dst:
        for table in reversed(tables):
            dst.execute(table.delete())
        for table in tables:
            rows = [dict(r._mapping) for r in src.execute(select(table))]
            if rows:
                dst.execute(table.insert(), rows)


@pytest.fixture
def center_with_replica(replica: Engine, center_factory: Any) -> Any:
    return center_factory(read_engine=replica)


@pytest.fixture
def counter_factory(tmp_path: Path, center_with_replica: Any, seed_profile: Any) -> Iterator[Any]:
    from clerk_app.paths import ProfilePaths
    from clerk_app.services.bootstrap import open_context
    from sync.client import SyncClient

    made: list[Any] = []

    def make(name: str) -> Any:
        paths = ProfilePaths(tmp_path / name).ensure()
        ctx = open_context(seed_profile(paths))
        client = SyncClient(ctx.store, attachments=paths.attachments)
        client.enroll(center_with_replica.url, center_with_replica.enrol_code(), device_name=name)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()
        client.store.close()


def test_pulls_and_statistics_come_from_the_replica_and_writes_go_to_the_primary(
        center_with_replica, replica, counter_factory) -> None:
    center = center_with_replica
    a, b = counter_factory("a"), counter_factory("b")
    replicate(center.engine, replica)  # the replica starts as a copy of the primary (its base backup)
    mine = write_applicants(a.store, 3, tag="a")
    a.sync_once()
    assert center.scalar("SELECT count(*) FROM records WHERE entity = 'applicants'") == 3  # pushed to the primary
    b.sync_once()
    assert not set(mine) & local_ids(b.store, "applicants")  # the replica has not caught up: nothing to pull
    token = center.admin_token()
    stats = httpx.get(f"{center.url}/v1/stats", headers={"Authorization": f"Bearer {token}"}).json()
    assert stats["entities"].get("applicants", 0) == 0  # statistics from the replica too
    # The pull's acknowledgement is a write: on the primary, not on the replica.
    with replica.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM device_acks")).scalar() == 0
    assert center.scalar("SELECT count(*) FROM device_acks WHERE device_id = :d", d=b.device_id) == 1

    replicate(center.engine, replica)
    b.sync_once()
    assert set(mine) <= local_ids(b.store, "applicants")
    stats = httpx.get(f"{center.url}/v1/stats", headers={"Authorization": f"Bearer {center.admin_token()}"}).json()
    assert stats["entities"]["applicants"] == 3
    assert b.status().last_error is None and b.status().quarantined == 0


def test_the_replica_setting_reaches_every_worker(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve --replica-url`` hands the URL to worker processes through the environment; each worker's app
    reads pulls from it and writes to the primary, and starts the retention timer."""
    from sync.server import cli
    from sync.server.blob_store import BLOB_DIR_ENV

    primary, second = f"sqlite:///{tmp_path / 'primary.sqlite3'}", f"sqlite:///{tmp_path / 'replica.sqlite3'}"
    for url in (primary, second):
        e = make_engine(url)
        migrate(e)
        e.dispose()
    monkeypatch.setenv(cli.DB_ENV, primary)
    monkeypatch.setenv(cli.REPLICA_ENV, second)
    monkeypatch.setenv(BLOB_DIR_ENV, str(tmp_path / "blobs"))
    app = cli.app_factory()
    try:
        assert str(app.state.engine.url) == primary and str(app.state.read_engine.url) == second
        assert app.state.retention_stop is not None  # the timer runs (default every 24 h)
    finally:
        app.state.retention_stop.set()
        app.state.engine.dispose()
        app.state.read_engine.dispose()
    args = cli.build_parser().parse_args(["serve", "--replica-url", second])
    assert args.replica_url == second
