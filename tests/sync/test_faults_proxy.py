"""Ten counters push and pull through a proxy that drops 30% of requests, drops 30% of the center's
replies after it committed, duplicates and delays: they converge with nothing lost and nothing twice."""

from __future__ import annotations

import threading
import time
from typing import Any

from fault_helpers import (
    converge,
    ledger_report,
    local_state,
    outbox_count,
    outbox_inserts,
    server_state,
    try_sync,
    write_workload,
)
from faultproxy import FaultProxy, Faults
from sqlalchemy import text

CLIENTS = 10
MUTATIONS = 1000


def test_ten_counters_converge_through_a_lossy_duplicating_proxy(center, counter_factory) -> None:
    port = int(center.url.rsplit(":", 1)[1])
    faults = Faults(drop_request=0.3, drop_response=0.3, duplicate=0.15, delay=0.2, max_delay_s=0.03)
    with FaultProxy(port, faults, seed=6).start() as proxy:
        # Enrolment is a one-time code: done on the direct line (see docs/sync.md, "how it is tested").
        clients = [counter_factory(f"c{i}", window=f"{i + 1:02d}", batch=100, page=1000) for i in range(CLIENTS)]
        for c in clients:
            c._set(server=proxy.url)
            c.close()
        errors: list[BaseException] = []

        def work(i: int, c: Any) -> None:
            try:
                # Sync while writing: pushes interleave with local commits and with the others' pushes.
                done = threading.Event()

                def syncer() -> None:
                    while not done.is_set():
                        try_sync(c)
                        time.sleep(0.01)

                t = threading.Thread(target=syncer)
                t.start()
                try:
                    write_workload(c.ctx, MUTATIONS, tag=str(i), seed=i)
                finally:
                    done.set()
                    t.join()
            except BaseException as exc:  # noqa: BLE001 - reported by the main thread
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        converge(clients)
        stats = dict(proxy.stats)

    # The faults really happened, many times over.
    assert stats["dropped_requests"] > 100 and stats["dropped_responses"] > 80 and stats["duplicated"] > 20

    # Every mutation of every counter is in the ledger exactly once, in an unbroken seq range, applied.
    report = ledger_report(center.engine)
    assert len(report["devices"]) == CLIENTS
    for c in clients:
        assert outbox_count(c.store) == MUTATIONS
        assert report["devices"][c.device_id] == (MUTATIONS, MUTATIONS, 1, MUTATIONS)
    assert report["mutation_ids_twice"] == 0 and report["inserts_twice"] == 0
    assert report["outcomes"] == {"applied": CLIENTS * MUTATIONS}

    # The center holds exactly what the counters committed (every insert any outbox captured, no other
    # record), and every counter pulled the same state, field by field.
    committed: set[tuple[str, str]] = set()
    for c in clients:
        committed |= outbox_inserts(c.store)
    with center.engine.connect() as conn:
        held = [(r.entity, r.entity_id) for r in conn.execute(text("SELECT entity, entity_id FROM records"))]
    assert len(held) == len(set(held)) and set(held) == committed
    on_server = server_state(center.engine)
    stats_api = center.stats()["entities"]
    assert stats_api["applicants"] == len(on_server["applicants"]) > CLIENTS * 300
    assert stats_api["cases"] == len(on_server["cases"]) == CLIENTS * 20
    for c in clients:
        assert local_state(c.store) == on_server
        st = c.status()
        assert st.pending == 0 and st.conflicts == 0 and st.quarantined == 0
