"""Writers and checks shared by the sync tests."""

from __future__ import annotations

import functools
import threading
import time
from datetime import datetime
from typing import Any

from sqlalchemy import text

from clerk_app.domain.id_numbers import check_digit
from clerk_app.domain.ids import uuid7
from clerk_app.store.tables import ApplicantRow, AuditRow


def write_applicants(store: Any, n_tx: int, *, tag: str = "") -> list[str]:
    """``n_tx`` local transactions, each one applicant plus its audit row (2 mutations)."""
    ids = []
    for i in range(n_tx):
        now = datetime.now()
        aid = uuid7()
        with store.transaction() as s:
            s.add(ApplicantRow(id=aid, kind="person", name=f"测试{tag}{i}", id_number=id_number_for(aid),
                               phone="", address="", created_at=now, updated_at=now))
            s.add(AuditRow(id=uuid7(), at=now, actor="clerk", action="applicant.create", entity="applicant",
                           entity_id=aid))
        ids.append(aid)
    return ids


def id_number_for(seed: str) -> str:
    """A valid GB 11643 number derived from ``seed`` (the center checks every ID number it stores)."""
    body = f"11010519800101{int(seed.replace('-', '')[-6:], 16) % 1000:03d}"
    return body + check_digit(body)


def local_ids(store: Any, table: str) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(text(f"SELECT id FROM {table}")).scalars())


def server_ids(engine: Any, entity: str) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT entity_id FROM records WHERE entity = :e"), {"e": entity}).scalars())


def sync_until_quiet(clients: list[Any], rounds: int = 400) -> int:
    """Sync every client until none has pending mutations and a full round succeeds; returns rounds used."""
    from sync.client import SyncError

    for n in range(1, rounds + 1):
        ok = True
        for c in clients:
            try:
                c.sync_once()
            except SyncError:
                ok = False
        if ok and all(c.status().pending == 0 for c in clients):
            return n
    raise AssertionError("sync did not converge")


def start_server(app: Any) -> tuple[Any, threading.Thread, str]:
    """The center app served by uvicorn in a thread on 127.0.0.1 (port 0): (server, thread, url). Stop it
    with ``server.should_exit = True`` and a join of the thread."""
    server = _promptly_stopped_server()(app)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.ready.wait(0.02):
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("center server did not start")
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, f"http://127.0.0.1:{port}"


@functools.cache
def _promptly_stopped_server() -> Any:
    """uvicorn's Server, told to stop by the test the moment it is. uvicorn itself looks at ``should_exit``
    every 0.1 s, sleeps 0.1 s after asking the connections to close and polls them every 0.1 s: about
    0.2 s of waiting per center stopped, for the ~150 test centers a run starts (in the test's thread,
    which joins it). The serving is uvicorn's own; only the waits for the stop are events instead of
    sleeps. (Built on first use: uvicorn is imported only by the tests that run a center.)"""
    import asyncio
    import contextlib

    import uvicorn

    class PromptlyStoppedServer(uvicorn.Server):
        def __init__(self, app: Any) -> None:
            self.ready = threading.Event()
            self._loop: asyncio.AbstractEventLoop | None = None
            self._wake: asyncio.Event | None = None
            super().__init__(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off"))

        @property  # type: ignore[override]
        def should_exit(self) -> bool:
            return self._exit

        @should_exit.setter
        def should_exit(self, value: bool) -> None:
            self._exit = value
            if value and self._loop is not None and self._wake is not None:
                with contextlib.suppress(RuntimeError):  # the loop already ended
                    self._loop.call_soon_threadsafe(self._wake.set)

        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets)
            self.ready.set()

        async def main_loop(self) -> None:
            self._wake = asyncio.Event()
            self._loop = asyncio.get_running_loop()
            counter = 0
            while not await self.on_tick(counter):  # on_tick: should_exit, and the Date header every 10th
                counter = (counter + 10) % 864000
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), 1.0)

        async def shutdown(self, sockets: Any = None) -> None:
            for server in self.servers:
                server.close()
            for connection in list(self.server_state.connections):
                connection.shutdown()
            deadline = time.monotonic() + 10
            while (self.server_state.connections or self.server_state.tasks) and time.monotonic() < deadline:
                await asyncio.sleep(0.002)
            for server in self.servers:
                await server.wait_closed()

    return PromptlyStoppedServer
