"""Retention of the change log (issue 18 item 2), end to end with real counters against the real center on
SQLite and PostgreSQL: the log is pruned below what every active device of the center (and the provincial
exchange) has pulled; a counter that was away longer comes back to 410 ``cursor_pruned`` and pulls again
from 0, served from the current records; a new counter does too; nothing of anyone's work is lost."""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from center_databases import server_engine_urls
from sqlalchemy import text
from sync_helpers import local_ids, server_ids, write_applicants
from test_distribution_users import center_cli

from sync.client.engine import CursorPruned
from sync.server import partitions, retention
from sync.server.db import writer
from sync.server.exchange.tables import exchange_cursors


def _away(center: Any, device: str, days: int) -> None:
    with center.engine.begin() as conn:
        conn.execute(text("UPDATE devices SET last_seen = :t WHERE id = :d"),
                     {"t": datetime.now() - timedelta(days=days), "d": device})


def _retention(center: Any, monkeypatch: Any, capsys: Any, *args: str) -> dict[str, Any]:
    rc, out, err = center_cli(center, "retention", *args, monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    [row] = [json.loads(line) for line in out.splitlines() if json.loads(line).get("center") == "DEMO"]
    return row


def _log(center: Any) -> list[int]:
    with center.engine.connect() as conn:
        return list(conn.execute(text("SELECT seq FROM changes ORDER BY seq")).scalars())


def test_a_counter_away_longer_than_the_retention_pulls_again_from_the_records(
        center, counter_factory, monkeypatch, capsys) -> None:
    a, b = counter_factory("a"), counter_factory("b")
    first = write_applicants(a.store, 4, tag="a")
    a.sync_once()
    b.sync_once()
    assert set(first) <= local_ids(b.store, "applicants")
    # b goes away (and queues work while offline); a carries on.
    offline = write_applicants(b.store, 1, tag="b")
    later = write_applicants(a.store, 5, tag="a2")
    a.sync_once()
    a.sync_once()  # a's cursor is now past its own pushes
    _away(center, b.device_id, 40)

    dry = _retention(center, monkeypatch, capsys, "--dry-run")
    assert dry["floor"] > 0 and dry["deleted"] == 0 and dry["active_devices"] == 1 and _log(center)
    done = _retention(center, monkeypatch, capsys)
    assert done["floor"] == dry["floor"]
    assert done["deleted"] > 0 and not [s for s in _log(center) if s <= done["floor"]]

    # b is back: its cursor lies in the pruned part, the center says so, and b pulls again from 0.
    cursor_before = int(b._get("cursor") or 0)
    assert 0 < cursor_before < done["floor"]
    b.sync_once()
    assert b.status().last_error is None and b.status().quarantined == 0 and b.status().pending == 0
    everything = set(server_ids(center.engine, "applicants"))
    assert everything == set(first) | set(later) | set(offline) == local_ids(b.store, "applicants")
    assert int(b._get("cursor")) >= done["floor"]
    # A new counter starts from the records too, and the offline work reached everyone.
    c = counter_factory("c")
    c.sync_once()
    assert local_ids(c.store, "applicants") == everything
    a.sync_once()
    assert set(offline) <= local_ids(a.store, "applicants")
    # b is no longer rebuilding: its next rounds read the log as before.
    with center.engine.connect() as conn:
        assert conn.execute(text("SELECT rebuilding FROM device_acks WHERE device_id = :d"),
                            {"d": b.device_id}).scalar() in (False, 0)


def test_an_active_counter_and_the_exchange_hold_the_log_back(center, counter_factory, monkeypatch, capsys) -> None:
    a, b = counter_factory("a"), counter_factory("b")
    write_applicants(a.store, 3, tag="a")
    a.sync_once()
    b.sync_once()
    b.sync_once()  # the center learns how far b got from the cursor b asks from next
    behind = int(b._get("cursor"))
    write_applicants(a.store, 3, tag="a2")
    a.sync_once()
    a.sync_once()
    # b is active (seen today) and behind: nothing above its cursor goes.
    done = _retention(center, monkeypatch, capsys)
    assert done["floor"] == behind and done["lowest_ack"] == behind
    assert min(_log(center)) > behind
    b.sync_once()  # no restart: it reads the log on from its cursor
    assert local_ids(b.store, "applicants") == set(server_ids(center.engine, "applicants"))
    # The provincial exchange's feed is further behind than every counter, in the middle of a transaction:
    # the floor stops at the start of that transaction.
    with center.engine.connect() as conn:
        tx = conn.execute(text("SELECT tx FROM changes WHERE seq > tx ORDER BY seq DESC LIMIT 1")).scalar_one()
    seq = tx  # fed through the first change of a transaction of two
    with writer(center.engine) as conn:
        conn.execute(exchange_cursors.insert().values(target="test", center_code="DEMO", cursor=seq))
        conn.execute(exchange_cursors.insert().values(target="test", center_code="HD02", cursor=0))  # not DEMO's
    a.sync_once()
    b.sync_once()
    done = _retention(center, monkeypatch, capsys)
    assert done["exchange_cursor"] == seq and done["floor"] == tx - 1
    assert min(_log(center)) == tx


def test_the_serving_process_prunes_on_a_timer(center, counter_factory, monkeypatch) -> None:
    a = counter_factory("a")
    write_applicants(a.store, 2)
    a.sync_once()
    a.sync_once()
    monkeypatch.setenv(retention.ACTIVE_DAYS_ENV, "7")
    stop = retention.start_timer(center.engine, every_s=0.05)
    try:
        deadline = time.monotonic() + 20
        while _log(center) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
    assert _log(center) == [] and center.scalar("SELECT floor FROM retention_floors WHERE center_code = 'DEMO'") > 0
    write_applicants(a.store, 1)
    a.sync_once()
    assert local_ids(a.store, "applicants") == set(server_ids(center.engine, "applicants"))


@pytest.mark.parametrize("value", ["0", "abc", "99999"])
def test_a_wrong_retention_setting_is_one_sentence(value, monkeypatch, capsys, tmp_path) -> None:
    from sync.server import cli

    monkeypatch.setenv(retention.ACTIVE_DAYS_ENV, value)
    rc = cli.main(["--db", f"sqlite:///{tmp_path / 'c.sqlite3'}", "admin", "retention"])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and retention.ACTIVE_DAYS_ENV in err and "Traceback" not in err


def _partitions(center: Any) -> set[str]:
    with center.engine.connect() as conn:
        return set(conn.execute(text("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                                     "WHERE i.inhparent = to_regclass('changes')")).scalars())


def _retention_run(center: Any, monkeypatch: Any, capsys: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    rc, out, err = center_cli(center, "retention", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    [row] = [x for x in lines if x.get("center") == "DEMO"]
    [parts] = [x for x in lines if x.get("event") == "retention_partitions"]
    return row, parts


@pytest.mark.parametrize("server_engine", server_engine_urls()[1:], indirect=True)  # PostgreSQL: partitions
def test_a_month_of_the_log_is_dropped_whole_once_every_device_has_it_and_a_device_back_after_pulls_again(
        center, counter_factory, monkeypatch, capsys) -> None:
    a, b = counter_factory("a"), counter_factory("b")
    first = write_applicants(a.store, 4, tag="a")
    a.sync_once()
    b.sync_once()
    # What the center logged so far was logged last month (the rows move into the months' partition).
    last_month = partitions.month_start(date.today()) - timedelta(days=10)
    with center.engine.begin() as conn:
        moved = conn.execute(text("UPDATE changes SET logged_on = :d"), {"d": last_month}).rowcount
        old = conn.execute(text("SELECT tableoid::regclass::text FROM changes LIMIT 1")).scalar_one()
    assert moved > 0 and old == "changes_legacy"  # the partition below the current month on a fresh database
    offline = write_applicants(b.store, 1, tag="b")
    later = write_applicants(a.store, 5, tag="a2")
    a.sync_once()
    a.sync_once()

    # b is active and behind: the month holds rows above b's cursor, so it stays, and so do they.
    row, parts = _retention_run(center, monkeypatch, capsys)
    assert [k["partition"] for k in parts["kept"]] == [old] and parts["kept"][0]["held_by"] == ["DEMO"]
    assert parts["dropped"] == [] and old in _partitions(center)

    # b is away: the floor passes every row of last month, which goes as one partition (no row deleted in
    # it); this month's rows below the floor are deleted row by row.
    _away(center, b.device_id, 40)
    cursor_before = int(b._get("cursor") or 0)
    row, parts = _retention_run(center, monkeypatch, capsys)
    assert parts["dropped"] == [{"partition": old, "rows": moved}] and parts["kept"] == []
    assert old not in _partitions(center) and "changes_default" in _partitions(center)
    assert row["deleted"] > moved and not [s for s in _log(center) if s <= row["floor"]]
    assert center.scalar("SELECT pruned FROM retention_floors WHERE center_code = 'DEMO'") == row["deleted"]

    # b comes back: its cursor was in the dropped month, the center refuses it, and b pulls again from 0.
    assert 0 < cursor_before < row["floor"]
    with pytest.raises(CursorPruned):
        b.request("GET", "/v1/pull", params={"cursor": cursor_before, "limit": 10})
    b.sync_once()
    assert b.status().last_error is None and b.status().pending == 0
    everything = set(server_ids(center.engine, "applicants"))
    assert everything == set(first) | set(later) | set(offline) == local_ids(b.store, "applicants")
    c = counter_factory("c")
    c.sync_once()
    assert local_ids(c.store, "applicants") == everything
    a.sync_once()
    assert set(offline) <= local_ids(a.store, "applicants")
