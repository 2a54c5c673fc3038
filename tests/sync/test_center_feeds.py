"""Scoped feeds (issue 18 item 1): each center has its own change seq and lock. Pushes of two centers do not
wait on each other, a push of the same center still does (gap-free order inside a center), a counter pulls
only its center's feed, and an existing center upgraded to 0007_center_write keeps every cursor."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic import command
from alembic.config import Config
from center_databases import empty_pg_schema
from sqlalchemy import text
from sync_helpers import local_ids, start_server, write_applicants

from clerk_app.domain.ids import uuid7
from sync.server import auth
from sync.server.app import create_app
from sync.server.db import MIGRATIONS, lock_feed, make_engine, migrate, next_change_seq, writer
from sync.server.exchange import engine as ex
from sync.server.exchange.mapping import DEFAULT, load


def _counter_of(counter_factory: Any, center: Any, name: str, center_code: str) -> Any:
    client = counter_factory(name, enrol=False)
    client.enroll(center.url, center.enrol_code(center=center_code, window="01"), device_name=name)
    return client


@pytest.mark.parametrize("server_engine", ["postgresql"], indirect=True)
def test_a_held_center_feed_blocks_its_own_center_only(center, counter_factory) -> None:  # type: ignore[no-untyped-def]
    """One center's feed row held by an open transaction (as a long push holds it): a counter of another
    center pushes and pulls meanwhile; a counter of the held center waits, and goes through once it is free."""
    a, b = _counter_of(counter_factory, center, "a", "DEMO"), _counter_of(counter_factory, center, "b", "OTHR")
    write_applicants(a.store, 1, tag="a0")
    a.sync_once()  # DEMO's feed row exists now
    a_ids, b_ids = write_applicants(a.store, 3, tag="a"), write_applicants(b.store, 3, tag="b")
    raw = center.engine.raw_connection()
    done: dict[str, bool] = {}
    try:
        cur = raw.cursor()
        cur.execute("SELECT seq FROM center_feeds WHERE center_code = 'DEMO' FOR UPDATE")
        held_a = threading.Thread(target=lambda: done.setdefault("a", a.sync_once() is not None))
        other_b = threading.Thread(target=lambda: done.setdefault("b", b.sync_once() is not None))
        held_a.start()
        other_b.start()
        other_b.join(30)
        assert not other_b.is_alive() and done.get("b"), "a push of OTHR waited for DEMO's feed"
        assert b.status().pending == 0
        assert held_a.is_alive() and "a" not in done, "a push of DEMO did not wait for DEMO's held feed"
    finally:
        raw.rollback()
        raw.close()
    held_a.join(30)
    assert done.get("a") and a.status().pending == 0
    assert set(a_ids) <= local_ids(a.store, "applicants") and not set(b_ids) & local_ids(a.store, "applicants")
    assert set(b_ids) <= local_ids(b.store, "applicants") and not set(a_ids) & local_ids(b.store, "applicants")


def test_each_center_pulls_its_own_gap_free_feed(center, counter_factory) -> None:  # type: ignore[no-untyped-def]
    a, a2 = _counter_of(counter_factory, center, "a", "DEMO"), _counter_of(counter_factory, center, "a2", "DEMO")
    b = _counter_of(counter_factory, center, "b", "OTHR")
    for round_ in range(3):  # interleaved: the two centers' writes alternate in time
        write_applicants(a.store, 2, tag=f"a{round_}")
        a.sync_once()
        write_applicants(b.store, 3, tag=f"b{round_}")
        b.sync_once()
    a2.sync_once()
    with center.engine.connect() as conn:
        feeds = {c: list(conn.execute(text("SELECT seq FROM changes WHERE center_code = :c ORDER BY seq"),
                                      {"c": c}).scalars()) for c in ("DEMO", "OTHR")}
        heads = dict(conn.execute(text("SELECT center_code, seq FROM center_feeds")).all())
    # Each center's seqs run 1..n with no hole, whatever the other center wrote in between.
    assert feeds["DEMO"] == list(range(1, 6 * 2 + 1)) and feeds["OTHR"] == list(range(1, 9 * 2 + 1))
    assert heads == {"DEMO": 12, "OTHR": 18}
    assert int(a2._get("cursor")) == 12 and int(b._get("cursor")) == 18
    assert len(local_ids(a2.store, "applicants")) == 6 and len(local_ids(b.store, "applicants")) == 9
    assert not local_ids(a2.store, "applicants") & local_ids(b.store, "applicants")


@pytest.mark.parametrize("server_engine", ["postgresql"], indirect=True)
def test_a_push_that_loses_a_record_insert_to_another_center_runs_again_and_is_refused(center) -> None:  # type: ignore[no-untyped-def]
    """Pushes of two centers do not wait on each other, so two inserting the same record id meet at the
    primary key (never by chance: ids are UUIDv7). The push whose insert loses (its writes are sent
    together at the end of the push) fails as a whole, runs again, sees the other center's record and is
    refused as touching it, like any such push; the winner's record stands."""
    from test_adversarial_tenancy import Rogue

    rogue = Rogue(center, center.enrol_code(center="OTHR", window="01"))
    rid = uuid7()
    mine = {"id": rid, "kind": "person", "name": "李四", "id_number": "11010519491231002X", "phone": "",
            "address": "", "created_at": "2026-03-02T09:00:00", "updated_at": "2026-03-02T09:00:00"}
    raw = center.engine.raw_connection()
    pushed: dict[str, Any] = {}
    try:
        cur = raw.cursor()
        # DEMO's record, inserted by a transaction that has not committed yet (as a DEMO push would).
        cur.execute("INSERT INTO records (entity, entity_id, parent_id, data, hlc, deleted, note, origin, updated_seq, "
                    "center_code, \"window\") VALUES ('applicants', %s, NULL, %s, '{}', false, '', 'x', 0, 'DEMO', '01')",
                    (rid, json.dumps({**mine, "name": "张三"}, ensure_ascii=False)))
        cur.execute("SELECT pg_backend_pid()")
        holder = cur.fetchone()[0]
        worker = threading.Thread(target=lambda: pushed.setdefault(
            "results", rogue.push(rogue.mutation("applicants", rid, "insert", mine, actor="wang"))))
        worker.start()
        deadline = time.monotonic() + 30
        # The OTHR push has sent its insert and waits on the uncommitted one (not on any feed). A new
        # transaction each time: pg_stat_activity is a snapshot per transaction.
        while not center.scalar("SELECT count(*) FROM pg_stat_activity WHERE :h = ANY(pg_blocking_pids(pid))",
                                h=holder):
            assert time.monotonic() < deadline and worker.is_alive(), "the push never reached the insert"
            time.sleep(0.05)
        raw.commit()
    finally:
        raw.close()
    worker.join(30)
    assert [(r["outcome"], r["code"]) for r in pushed["results"]] == [("rejected", "foreign_record")]
    assert json.loads(center.scalar("SELECT data FROM records WHERE entity_id = :i", i=rid))["name"] == "张三"
    assert center.scalar("SELECT center_code FROM records WHERE entity_id = :i", i=rid) == "DEMO"
    assert center.scalar("SELECT count(*) FROM security_events WHERE code = 'foreign_record' AND entity_id = :i",
                         i=rid) == 1
    assert center.scalar("SELECT count(*) FROM changes WHERE entity_id = :i", i=rid) == 0


def _upgrade(engine: Any, *heads: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        for head in heads:
            command.upgrade(cfg, head)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database: a SQLite file, or a PostgreSQL schema of its own (dropped after)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    with empty_pg_schema() as (url, _schema):
        yield url


@pytest.mark.parametrize("handover_first", [True, False], ids=["handover-first", "feeds-first"])
def test_an_upgraded_center_keeps_every_cursor(empty_db: str, handover_first: bool, tmp_path: Path) -> None:
    """A center with one server-wide change seq, upgraded: a counter that had pulled part of its center's
    changes gets the rest and nothing twice; new seqs and audit arrivals continue above the old ones; the
    exchange's single cursor becomes each center's cursor. 0008_retention_handover (a sibling branch that
    adds the change log's case_id) may have run before or may run after."""
    engine = make_engine(empty_db)
    _upgrade(engine, "0004_tenancy", "0005_limits", "0006_exchange",
             *(["0008_retention_handover"] if handover_first else []))
    now = datetime(2026, 3, 2, 9)
    with engine.begin() as conn:
        for device, code in (("d1", "DEMO"), ("d2", "OTHR")):
            conn.execute(text("INSERT INTO devices(id, center_code, \"window\", name, refresh_hash, revoked, "
                              "created_at) VALUES (:d, :c, '01', 'x', 'h', false, :t)"), {"d": device, "c": code, "t": now})
        for seq, (code, origin) in enumerate([("DEMO", "d1"), ("OTHR", "d2"), ("DEMO", "d1"), ("OTHR", "d2")], 1):
            conn.execute(text("INSERT INTO changes(seq, tx, entity, entity_id, op, data, origin, center_code, "
                              "\"window\", hlc) VALUES (:s, :s, 'applicants', :i, 'insert', :d, :o, :c, '01', '')"),
                         {"s": seq, "i": f"a{seq}", "d": json.dumps({"id": f"a{seq}"}), "o": origin, "c": code})
            conn.execute(text("INSERT INTO audit_links(device_id, seq, audit_id, prev_hash, hash, arrival) "
                              "VALUES (:o, :s, :i, '', 'h', :s)"), {"o": origin, "s": seq, "i": f"l{seq}"})
        conn.execute(text("UPDATE counters SET value = 4 WHERE name IN ('change_seq', 'audit_arrival')"))
        conn.execute(text("INSERT INTO exchange_cursors(target, cursor) VALUES ('province', 2)"))
    if not handover_first:
        _upgrade(engine, "0007_center_write")
    migrate(engine)
    with engine.connect() as conn:
        feeds = {r.center_code: (r.seq, r.audit_arrival) for r in conn.execute(text("SELECT * FROM center_feeds"))}
        links = dict(conn.execute(text("SELECT audit_id, center_code FROM audit_links")).all())
        case_ids = set(conn.execute(text("SELECT case_id FROM changes")).scalars())
        token = auth.issue_access(conn, "d1")
    assert feeds == {"DEMO": (4, 4), "OTHR": (4, 4)}
    assert links == {"l1": "DEMO", "l2": "OTHR", "l3": "DEMO", "l4": "OTHR"}
    assert case_ids == {""}  # applicants belong to no case, whichever branch ran first
    status = ex.Exchange(engine, load(DEFAULT), "http://unused").status()
    assert status["centers"] == {"DEMO": {"cursor": 2, "change_log_head": 4},
                                 "OTHR": {"cursor": 2, "change_log_head": 4}}
    with writer(engine, "DEMO") as conn:
        assert next_change_seq(conn, 2, "DEMO") == 5 and lock_feed(conn, "DEMO").audit_arrival == 4
        conn.execute(text("INSERT INTO changes(seq, tx, entity, entity_id, op, data, origin, center_code, \"window\", "
                          "hlc) VALUES (5, 5, 'applicants', 'a5', 'insert', '{\"id\": \"a5\"}', 'd1', 'DEMO', '01', '')"))
    # The DEMO counter had pulled through seq 1: it gets seq 3 (before the upgrade) and 5 (after), nothing of OTHR.
    server, thread, url = start_server(create_app(engine=engine, blob_dir=tmp_path / "blobs"))
    try:
        r = httpx.get(f"{url}/v1/pull", params={"cursor": 1}, headers={"Authorization": f"Bearer {token}"})
    finally:
        server.should_exit = True
        thread.join(10)
    assert r.status_code == 200, r.text
    assert [(c["seq"], c["entity_id"]) for c in r.json()["changes"]] == [(3, "a3"), (5, "a5")]
    assert r.json()["next_cursor"] == 5
    engine.dispose()
