"""Exactly-once push, replay of recorded outcomes, pull of other counters' writes, CLI status keys."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import text
from sync_helpers import local_ids, server_ids, write_applicants

JSON = {"Content-Type": "application/json"}


def test_write_and_outbox_row_commit_together_and_a_failed_transaction_leaves_neither(counter_factory) -> None:
    c = counter_factory("a")
    write_applicants(c.store, 3)
    try:
        with c.store.transaction() as s:
            from datetime import datetime

            from clerk_app.store.tables import ApplicantRow
            s.add(ApplicantRow(id="x", kind="person", name="回滚", id_number="X1", created_at=datetime.now(),
                               updated_at=datetime.now()))
            s.flush()
            raise RuntimeError("abort")
    except RuntimeError:
        pass
    with c.store.engine.connect() as conn:
        rows = conn.execute(text("SELECT seq, entity FROM sync_outbox ORDER BY seq")).all()
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5, 6]  # no gap left by the rolled-back transaction
    assert "x" not in {r for r in local_ids(c.store, "applicants")}


def test_replayed_push_takes_effect_once_and_returns_the_recorded_outcome(center, counter_factory) -> None:
    c = counter_factory("a")
    write_applicants(c.store, 5)
    batch = c._next_batch()
    from sync import protocol as p

    req = p.PushRequest(device_id=c.device_id, mutations=[p.Mutation(
        seq=r["seq"], mutation_id=r["mutation_id"], tx_id=r["tx_id"], entity=r["entity"], entity_id=r["entity_id"],
        op=r["op"], data=json.loads(r["data"]), old=json.loads(r["old"]), hlc=r["hlc"], actor=r["actor"],
        client_time=r["client_time"], schema_version=r["schema_version"]) for r in batch])
    first = c.request("POST", "/v1/push", content=req.model_dump_json(), headers=JSON).json()
    second = c.request("POST", "/v1/push", content=req.model_dump_json(), headers=JSON).json()
    assert [r["outcome"] for r in first["results"]] == ["applied"] * 10
    assert second["results"] == first["results"]
    assert center.scalar("SELECT count(*) FROM records WHERE entity = 'applicants'") == 5
    assert center.scalar("SELECT count(*) FROM ledger") == 10
    assert center.scalar("SELECT count(*) FROM changes") == 10
    # A batch that skips a seq is refused from the gap on, with the seq to resend from.
    req.mutations = req.mutations[2:3]
    req.mutations[0].seq = 12
    gap = c.request("POST", "/v1/push", content=req.model_dump_json(), headers=JSON).json()
    assert gap["expected_seq"] == 11 and gap["results"] == []


def test_two_counters_converge_through_the_center(center, counter_factory) -> None:
    a, b = counter_factory("a"), counter_factory("b", window="02")
    ids_a = write_applicants(a.store, 20, tag="a")
    ids_b = write_applicants(b.store, 30, tag="b")
    for c in (a, b, a):
        c.sync_once()
    assert sorted(server_ids(center.engine, "applicants")) == sorted(ids_a + ids_b)
    assert local_ids(a.store, "applicants") == local_ids(b.store, "applicants") == set(ids_a + ids_b)
    # Pulled rows are not echoed back into the outbox.
    assert a.status().pending == 0 and b.status().pending == 0
    assert center.stats()["entities"]["audit_log"] == 50


def test_editable_fields_last_writer_wins_by_hlc_identity_fields_conflict(center, counter_factory) -> None:
    from clerk_app.store.tables import ApplicantRow

    ID_A, ID_B = "110105198001010016", "11010519491231002X"  # noqa: N806 - valid GB 11643 numbers

    a, b = counter_factory("a"), counter_factory("b", window="02")
    [aid] = write_applicants(a.store, 1)
    a.sync_once()
    b.sync_once()
    with a.store.transaction() as s:
        s.get(ApplicantRow, aid).phone = "13900000001"
    with b.store.transaction() as s:
        s.get(ApplicantRow, aid).phone = "13900000002"  # later HLC stamp
    with b.store.transaction() as s:
        s.get(ApplicantRow, aid).id_number = ID_B
    with a.store.transaction() as s:
        s.get(ApplicantRow, aid).id_number = ID_A
    b.sync_once()
    a.sync_once()
    b.sync_once()
    with a.store.read() as s:
        ra = s.get(ApplicantRow, aid)
        assert (ra.phone, ra.id_number) == ("13900000002", ID_B)
    with b.store.read() as s:
        rb = s.get(ApplicantRow, aid)
        assert (rb.phone, rb.id_number) == ("13900000002", ID_B)
    assert a.status().conflicts == 1
    assert center.scalar("SELECT code FROM conflicts") == "identity_conflict"


def test_status_json_has_the_contract_keys(counter_factory, tmp_path, capsys) -> None:
    from clerk_app.cli import main

    c = counter_factory("a")
    write_applicants(c.store, 2)
    c.store.close()
    assert main(["--data-dir", str(tmp_path / "a"), "sync", "status", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"pending", "oldest_pending_age_s", "last_sync", "conflicts", "quarantined", "last_error"} <= set(out)
    assert out["pending"] == 4 and out["last_sync"] is None


def test_unreachable_center_gives_a_chinese_error_and_keeps_everything(counter_factory) -> None:
    from sync.client import SyncError

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    c = counter_factory("a")
    write_applicants(c.store, 3)
    c.close()
    c._transport = httpx.MockTransport(refuse)
    c._access = None
    try:
        c.sync_once()
        raise AssertionError("expected a SyncError")
    except SyncError as exc:
        assert "通信中断" in exc.message
    st = c.status()
    assert st.pending == 6 and "通信中断" in (st.last_error or "")
