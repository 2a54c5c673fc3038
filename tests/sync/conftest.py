"""Real parts for sync tests: the center server on 127.0.0.1 (uvicorn in a thread, port 0), its database
on SQLite and — when reachable — PostgreSQL (one schema per test, dropped after), counters with real
SQLite files, and an in-memory keyring set explicitly."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import Engine, text

from clerk_app.services.bootstrap import open_context

sys.path.insert(0, str(Path(__file__).parent))  # sync_helpers, crash writers
from center_databases import (  # noqa: E402 - found through the line above
    CenterTemplate,
    fresh_server_engine,
    server_engine_urls,
)
from sync_helpers import start_server  # noqa: E402 - found through the line above


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def _center_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CenterTemplate]:
    """One SQLite center database migrated to every head, made once per session (per xdist worker):
    each test's fresh center is a copy of it. PostgreSQL's template is recorded on first use; the
    emptied schemas it keeps for the next fresh center are dropped at the end."""
    from sync.server.db import make_engine, migrate

    path = tmp_path_factory.mktemp("center-template") / "center.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()  # the last connection checkpoints the WAL: the main file alone is the database
    template = CenterTemplate(path)
    yield template
    template.drop_spare()


@pytest.fixture(params=server_engine_urls())
def server_engine(request: pytest.FixtureRequest, tmp_path: Path, _center_template: CenterTemplate) -> Iterator[Engine]:
    with fresh_server_engine(request.param, tmp_path, _center_template) as engine:
        yield engine


@dataclass
class Center:
    url: str
    engine: Engine
    server: Any
    blob_dir: Path

    def enrol_code(self, center: str = "DEMO", window: str = "01") -> str:
        from sync.server import auth
        from sync.server.db import writer

        with writer(self.engine) as conn:
            return auth.new_enrol_code(conn, center, window, datetime.now())

    def admin_token(self) -> str:
        from sync.server import auth
        from sync.server.db import writer

        with writer(self.engine) as conn:
            return auth.new_admin_token(conn, "test", datetime.now())

    def stats(self) -> dict[str, Any]:
        r = httpx.get(f"{self.url}/v1/stats", headers={"Authorization": f"Bearer {self.admin_token()}"})
        r.raise_for_status()
        return r.json()

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()


@pytest.fixture
def center_factory(server_engine: Engine, tmp_path: Path) -> Iterator[Callable[..., Center]]:
    """Centers on the test's database; all of them share one attachment folder, as workers do."""
    from sync.server.app import create_app

    running: list[tuple[Any, threading.Thread]] = []
    blob_dir = tmp_path / "center-blobs"

    def make(**kw: Any) -> Center:
        server, thread, url = start_server(create_app(engine=server_engine, blob_dir=blob_dir, **kw))
        running.append((server, thread))
        return Center(url=url, engine=server_engine, server=server, blob_dir=blob_dir)

    yield make
    for server, thread in running:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def center(center_factory: Callable[..., Center]) -> Center:
    return center_factory()


@pytest.fixture(scope="module", params=server_engine_urls())
def live_center(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                _center_template: CenterTemplate) -> Iterator[Center]:
    """One running center per module and engine, shared by the tests that are refused before they could
    write anything (no device, no token): a fresh one each would prove nothing more."""
    from sync.server.app import create_app

    folder = tmp_path_factory.mktemp("live-center")
    with fresh_server_engine(request.param, folder, _center_template) as engine:
        server, thread, url = start_server(create_app(engine=engine, blob_dir=folder / "center-blobs"))
        try:
            yield Center(url=url, engine=engine, server=server, blob_dir=folder / "center-blobs")
        finally:
            server.should_exit = True
            thread.join(10)


@pytest.fixture
def counter_factory(tmp_path: Path, center: Center, seed_profile: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    """Enrolled counters, each with its own profile folder and SQLite file."""
    from clerk_app.paths import ProfilePaths
    from sync.client import SyncClient

    made: list[Any] = []

    def make(name: str, *, window: str = "01", transport: httpx.BaseTransport | None = None, enrol: bool = True,
             **kw: Any) -> SyncClient:
        paths = ProfilePaths(tmp_path / name).ensure()
        (paths.root / "settings.toml").write_text(f'window = "{window}"\n', encoding="utf-8")
        ctx = open_context(seed_profile(paths))
        client = SyncClient(ctx.store, attachments=paths.attachments, transport=transport, **kw)
        client.ctx = ctx  # type: ignore[attr-defined]
        if enrol:
            client.enroll(center.url, center.enrol_code(window=window), device_name=name)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()
        client.store.close()
