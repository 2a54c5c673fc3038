"""Back-pressure (issue 18 item 5): an overloaded center answers 503 with Retry-After at once, the
counter waits at least that long, and a crowd of counters coming back together converges."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from sync_helpers import local_ids, write_applicants

from sync.client.engine import SyncError
from sync.client.runner import SyncRunner
from sync.server.limits import Limits


def test_a_busy_center_answers_503_with_retry_after_and_the_runner_waits(center_factory, counter_factory,
                                                                         tmp_path) -> None:  # type: ignore[no-untyped-def]
    busy = center_factory(limits_=Limits(max_busy=0, busy_retry_after_s=3))
    client = counter_factory("a")
    client._set(server=busy.url)  # the same database, served by a center that is always full
    client.close()
    write_applicants(client.store, 1)
    raw = httpx.get(f"{busy.url}/v1/pull")
    assert raw.status_code == 503 and 3 <= int(raw.headers["Retry-After"]) <= 6
    assert raw.json()["detail"]["code"] == "server_busy" and "繁忙" in raw.json()["detail"]["message"]
    with pytest.raises(SyncError) as failed:
        client.sync_once()
    assert failed.value.retry_after is not None and failed.value.retry_after >= 3
    assert "繁忙" in (client.status().last_error or "")
    runner = SyncRunner(client, interval_s=0.2)
    runner.start()
    try:
        deadline = time.monotonic() + 10
        while runner.rounds < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert runner.rounds == 1
        # Without Retry-After the first backoff is 1–3 s; the center asked for 3–6 (its jitter).
        assert runner._retry_after is not None and runner._retry_after >= 3
        assert all(runner._delay() >= runner._retry_after for _ in range(20))
        time.sleep(2.5)
        assert runner.rounds == 1
    finally:
        runner.stop()


def test_a_crowd_coming_back_at_once_converges_through_503s(center_factory, counter_factory) -> None:  # type: ignore[no-untyped-def]
    center = center_factory(limits_=Limits(max_busy=2, busy_retry_after_s=1))
    clients = [counter_factory(f"c{i}") for i in range(12)]
    for client in clients:
        client._set(server=center.url)
        client.close()
        write_applicants(client.store, 10, tag=client.device_id[:4])
    told_to_wait: list[float] = []
    failures: list[str] = []
    start = threading.Barrier(len(clients))

    def come_back(client) -> None:  # type: ignore[no-untyped-def]
        start.wait()
        for _ in range(60):
            try:
                client.sync_once()
                return
            except SyncError as exc:
                if exc.retry_after is None:
                    failures.append(exc.message)
                    return
                told_to_wait.append(exc.retry_after)
                time.sleep(exc.retry_after * 0.2)  # the runner would wait it whole; kept short for the test
        failures.append("never converged")

    threads = [threading.Thread(target=come_back, args=(c,)) for c in clients]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    took = time.monotonic() - began
    assert failures == []
    assert told_to_wait, "12 counters at once on 2 slots were never told to wait"
    assert all(w >= 1 for w in told_to_wait)
    assert center.scalar("SELECT count(*) FROM ledger") == 12 * 20  # each applicant and its audit row, once
    assert all(c.status().pending == 0 for c in clients)
    print(f"12 counters, 2 slots: converged in {took:.1f} s after {len(told_to_wait)} 503s")


def test_counters_back_from_an_outage_all_push_and_pull_through_their_runners_without_errors(
        center_factory, counter_factory) -> None:  # type: ignore[no-untyped-def]
    """The stampede, small: 16 counters with work queued offline start their SyncRunners at the same
    moment against a center with 3 slots. Every one of them pushes all it holds and pulls all the others
    wrote; the only refusals are 503s with Retry-After, which the runners wait out."""
    center = center_factory(limits_=Limits(max_busy=3, busy_retry_after_s=1))
    clients = [counter_factory(f"r{i}") for i in range(16)]
    waits: list[float] = []
    errors: list[str] = []
    for client in clients:
        client._set(server=center.url)
        client.close()
        write_applicants(client.store, 3, tag=client.device_id[:4])
        real = client.sync_once

        def watched(real=real):  # type: ignore[no-untyped-def]
            try:
                return real()
            except SyncError as exc:
                (waits.append(exc.retry_after) if exc.retry_after is not None else errors.append(exc.message))
                raise

        client.sync_once = watched
    runners = [SyncRunner(c, interval_s=0.5) for c in clients]
    began = time.monotonic()
    for runner in runners:
        runner.start()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if all(c.status().pending == 0 and len(local_ids(c.store, "applicants")) == 16 * 3 for c in clients):
                break
            time.sleep(0.25)
        took = time.monotonic() - began
    finally:
        for runner in runners:
            runner.stop()
    assert errors == []
    assert waits and all(w >= 1 for w in waits), "16 counters on 3 slots were never told to wait"
    assert all(c.status().pending == 0 for c in clients)
    assert all(len(local_ids(c.store, "applicants")) == 16 * 3 for c in clients)
    assert center.scalar("SELECT count(*) FROM ledger") == 16 * 3 * 2  # each applicant and its audit row, once
    print(f"16 runners, 3 slots: all pushed and pulled in {took:.1f} s after {len(waits)} 503s")
