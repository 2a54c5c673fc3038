"""Processes killed at the worst moments: the center after it committed a push but before it replied,
and a counter SIGKILLed again and again while it writes through the services and syncs."""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fault_helpers import ledger_report, outbox_count
from sqlalchemy import text
from sync_helpers import local_ids, server_ids, write_applicants

from clerk_app.services.bootstrap import open_context

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Center:
    """One center process forked by the zygote (crashing_center.py): its pid, and its exit as the zygote saw it."""

    def __init__(self, zygote: _Zygote, pid: int) -> None:
        self.zygote, self.pid, self.returncode = zygote, pid, None

    def poll(self) -> int | None:
        return self.wait(0) if self.returncode is None and not self.zygote.lines.empty() else self.returncode

    def wait(self, timeout: float) -> int:
        if self.returncode is None:
            word, code = self.zygote.lines.get(timeout=timeout)
            assert word == "exit", (word, code)
            self.returncode = int(code)
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)


class _Zygote:
    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, str(HERE / "crashing_center.py")], cwd=ROOT, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env={**os.environ, "PYTHONPATH": str(ROOT)})
        self.lines: queue.Queue[list[str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.split())

    def fork(self, *args: object) -> _Center:
        assert self.proc.stdin is not None
        self.proc.stdin.write(" ".join(["serve", *map(str, args)]) + "\n")
        self.proc.stdin.flush()
        word, pid = self.lines.get(timeout=30)
        assert word == "pid", (word, pid)
        return _Center(self, int(pid))

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(30)


@pytest.fixture(scope="module")
def zygote() -> Iterator[_Zygote]:
    """The center's imports done once for the module; each center it forks is a process of its own."""
    z = _Zygote()
    yield z
    z.close()


def _launch(zygote: _Zygote, db_url: str, port: int, crash_after: int, blob_dir: Path) -> _Center:
    proc = zygote.fork(db_url, port, crash_after, blob_dir)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"center exited with {proc.returncode} before it was ready")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("center did not start")


def test_center_killed_after_commit_before_reply_applies_each_push_exactly_once(center, counter_factory,
                                                                              zygote) -> None:
    from sync.client import SyncError

    db_url = center.engine.url.render_as_string(hide_password=False)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = _launch(zygote, db_url, port, crash_after=2, blob_dir=center.blob_dir)
    client = counter_factory("a", enrol=False, batch=100)
    other = counter_factory("b", enrol=False)
    try:
        client.enroll(url, center.enrol_code())
        other.enroll(url, center.enrol_code(window="02"))
        ids = write_applicants(client.store, 150)  # 300 mutations: three pushes of 100
        # Push 1 is answered; push 2 commits and the center dies before replying.
        with pytest.raises(SyncError):
            client.sync_once()
        assert proc.wait(10) == 137
        assert center.scalar("SELECT count(*) FROM ledger") == 200  # committed ...
        assert client.status().pending == 200  # ... but never acknowledged: the counter still has it queued
        # Restarted on the same database, the center dies again right after the retried push commits.
        proc = _launch(zygote, db_url, port, crash_after=1, blob_dir=center.blob_dir)
        with pytest.raises(SyncError):
            client.sync_once()
        assert proc.wait(10) == 137
        assert center.scalar("SELECT count(*) FROM ledger") == 200  # the replay changed nothing
        proc = _launch(zygote, db_url, port, crash_after=0, blob_dir=center.blob_dir)
        client.sync_once()
        other.sync_once()
    finally:
        proc.kill()
        proc.wait(10)
        client.close()
        other.close()

    report = ledger_report(center.engine)
    assert report["devices"][client.device_id] == (300, 300, 1, 300)
    assert report["mutation_ids_twice"] == 0 and report["inserts_twice"] == 0
    assert report["outcomes"] == {"applied": 300}
    assert sorted(server_ids(center.engine, "applicants")) == sorted(ids)
    assert center.scalar("SELECT count(*) FROM changes") == 300
    with client.store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sync_outbox WHERE status = 'acked' AND outcome = 'applied'")
                            ).scalar() == 300
    assert local_ids(other.store, "applicants") == set(ids)


# -- a counter SIGKILLed while it writes and syncs -------------------------------------------------------
KILLS = 20
WRITES = 1000


@pytest.mark.parametrize("server_engine", ["sqlite"], indirect=True)  # a client fault: one engine is enough
def test_counter_sigkilled_20_times_during_1000_writes_loses_nothing(center, tmp_path, shared_keyring) -> None:
    profile = tmp_path / "counter"
    code = center.enrol_code()
    rng = random.Random(20)
    started_at: list[int] = []  # applicants the counter held at each start
    zygote = subprocess.Popen([sys.executable, str(HERE / "sync_crash_writer.py"), str(profile), center.url, code,
                               str(WRITES)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert zygote.stdin is not None and zygote.stdout is not None
    # Kill moments spread over the 1,000 writes whatever the machine's speed: after a random count, plus a
    # random few milliseconds (inside the next local transaction, a push on the wire, an ack not recorded).
    thresholds = sorted(rng.sample(range(10, WRITES - 20), KILLS))
    try:
        for run in range(KILLS + 1):
            zygote.stdin.write("run\n")
            zygote.stdin.flush()
            line = zygote.stdout.readline().split()
            assert line[:1] == ["ready"], line
            pid, held = int(line[1]), int(line[2])
            started_at.append(held)
            if run == KILLS:
                break
            while True:
                line = zygote.stdout.readline().split()
                assert line[:1] == ["n"], f"the writer stopped before it was killed: {line}"
                if int(line[1]) >= thresholds[run]:
                    break
            time.sleep(rng.uniform(0, 0.03))
            os.kill(pid, signal.SIGKILL)
            while (line := zygote.stdout.readline().split())[:1] == ["n"]:
                pass
            assert line == ["exit", str(-signal.SIGKILL)], line
        while (line := zygote.stdout.readline().split())[:1] == ["n"]:
            pass
        assert line == ["done", "0"], line
        assert zygote.stdout.readline().split() == ["exit", "0"]
    finally:
        zygote.stdin.close()
        zygote.wait(30)
    # The kills landed all through the writes, each after more had been committed.
    assert started_at[0] == 0 and started_at[-1] < WRITES and sorted(started_at) == started_at
    assert len(set(started_at)) == KILLS + 1, started_at

    store = _open_profile(profile)  # its key is in the keyring file the children used
    try:
        assert store.integrity_check() == "ok"
        written = local_ids(store, "applicants")
        assert len(written) == WRITES
        total = outbox_count(store)
        with store.engine.connect() as conn:
            pending = conn.execute(text("SELECT count(*) FROM sync_outbox WHERE status = 'pending'")).scalar()
            device = conn.execute(text("SELECT value FROM sync_state WHERE key = 'device_id'")).scalar()
            inserts = {(r.entity, r.entity_id) for r in conn.execute(
                text("SELECT entity, entity_id FROM sync_outbox WHERE op = 'insert'"))}
    finally:
        store.close()
    assert pending == 0
    report = ledger_report(center.engine)
    assert report["devices"][device] == (total, total, 1, total)
    assert report["mutation_ids_twice"] == 0 and report["inserts_twice"] == 0
    assert set(server_ids(center.engine, "applicants")) == written
    assert len(server_ids(center.engine, "applicants")) == WRITES
    with center.engine.connect() as conn:
        held = {(r.entity, r.entity_id) for r in conn.execute(text("SELECT entity, entity_id FROM records"))}
    assert held == inserts


def _open_profile(profile: Path):  # type: ignore[no-untyped-def]
    from clerk_app.paths import ProfilePaths

    return open_context(ProfilePaths(profile)).store


def test_a_clerk_committing_during_a_pull_does_not_fail_the_sync_round(center, counter_factory) -> None:
    """Found by the SIGKILL test: the pull read (pending ids), the clerk committed, then the pull wrote and
    SQLite refused it at once ("database is locked": a stale WAL snapshot is never retried)."""
    from sqlalchemy import event

    a, b = counter_factory("a"), counter_factory("b", window="02")
    write_applicants(a.store, 5, tag="a")
    a.sync_once()
    raced: dict[str, object] = {}

    def clerk_writes() -> None:
        raced["ids"] = write_applicants(b.store, 1, tag="clerk")

    def before(conn, cursor, statement: str, *_args: object) -> None:  # type: ignore[no-untyped-def]
        # The pull's first write: let the clerk commit right now, from another thread (it waits for the
        # pull's lock when the pull holds it, as it should; give it half a second either way).
        if statement.startswith("INSERT INTO applicants") and "thread" not in raced:
            t = threading.Thread(target=clerk_writes)
            raced["thread"] = t
            t.start()
            t.join(0.5)

    event.listen(b.store.engine, "before_cursor_execute", before)
    try:
        b.sync_once()  # raised OperationalError before the fix
    finally:
        event.remove(b.store.engine, "before_cursor_execute", before)
    raced["thread"].join(10)  # type: ignore[attr-defined]
    assert local_ids(b.store, "applicants") >= set(server_ids(center.engine, "applicants"))
    assert b.status().pending == 2 and b.status().last_error is None
    b.sync_once()
    assert set(raced["ids"]) <= set(server_ids(center.engine, "applicants"))  # type: ignore[arg-type]
