"""A center restored from a backup announces a new epoch; counters with nothing waiting must still
notice, re-feed what the backup lost, re-pull from the start, and stop (not ask again for ever)."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import text
from sync_helpers import local_ids, server_ids, write_applicants


def _sync_in_time(client: Any, seconds: float = 60.0) -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            client.sync_once()
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "sync_once never returned after the center's new epoch"
    assert not errors, errors


def _backup_point(center: Any) -> int:
    with center.engine.connect() as conn:
        return int(conn.execute(text("SELECT coalesce(max(seq), 0) FROM changes")).scalar())


def _restore_backup(center: Any, device_id: str, keep_seq: int, backup_point: int) -> None:
    """What a restore does to the center: what came after the backup (the device's later ledger
    entries, the records and change log rows they made) is gone, and the operator runs new-epoch."""
    from sync.server.db import new_epoch

    with center.engine.begin() as conn:
        conn.execute(text("DELETE FROM ledger WHERE device_id = :d AND seq > :s"), {"d": device_id, "s": keep_seq})
        gone = list(conn.execute(text("SELECT entity, entity_id FROM changes WHERE seq > :s"), {"s": backup_point}))
        for entity, entity_id in gone:
            conn.execute(text("DELETE FROM records WHERE entity = :e AND entity_id = :i"),
                         {"e": entity, "i": entity_id})
        conn.execute(text("DELETE FROM changes WHERE seq > :s"), {"s": backup_point})
    new_epoch(center.engine)


def test_new_epoch_with_an_empty_outbox_is_taken_once_and_sync_returns(center: Any, counter_factory: Any) -> None:
    a = counter_factory("a")
    written = write_applicants(a.store, 3)
    a.sync_once()
    assert a.status().pending == 0 and sorted(server_ids(center.engine, "applicants")) == sorted(written)
    from sync.server.db import new_epoch

    epoch = new_epoch(center.engine)
    _sync_in_time(a)
    with a.store.engine.connect() as conn:
        held = conn.execute(text("SELECT value FROM sync_state WHERE key = 'epoch'")).scalar()
    assert held == epoch
    assert sorted(server_ids(center.engine, "applicants")) == sorted(written)  # re-fed once, not twice
    _sync_in_time(a)  # and the next round is an ordinary one
    assert a.status().pending == 0


def test_work_the_restored_center_lost_is_pushed_again_by_an_idle_counter(center: Any, counter_factory: Any) -> None:
    a, b = counter_factory("a"), counter_factory("b")
    first = write_applicants(a.store, 2, tag="前")
    a.sync_once()
    with a.store.engine.connect() as conn:
        kept = conn.execute(text("SELECT max(seq) FROM sync_outbox")).scalar()
    backup_point = _backup_point(center)
    later = write_applicants(a.store, 3, tag="后")
    a.sync_once()
    b.sync_once()
    assert local_ids(b.store, "applicants") == set(first) | set(later)
    _restore_backup(center, a.device_id, kept, backup_point)
    assert sorted(server_ids(center.engine, "applicants")) == sorted(first)
    _sync_in_time(a)  # nothing pending on a: only the epoch tells it the center lost its work
    assert sorted(server_ids(center.engine, "applicants")) == sorted(first + later)
    _sync_in_time(b)
    assert local_ids(b.store, "applicants") == set(first) | set(later)
