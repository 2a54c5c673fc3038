"""Faults around the center: a pull racing a transaction that commits late, an attachment upload cut at
random offsets, and an outbox queued by an older schema version."""

from __future__ import annotations

import hashlib
import io
import json
import random
import threading
import time
from datetime import datetime
from typing import Any

from fault_helpers import ledger_report, try_sync
from faultproxy import FaultProxy, Faults
from PIL import Image
from sqlalchemy import text
from sync_helpers import local_ids, server_ids, write_applicants

from clerk_app.domain.applicants import ApplicantKind
from clerk_app.domain.roles import Role
from clerk_app.services import cases
from clerk_app.services.auth import create_user
from sync import protocol as p


def _mutations(client: Any) -> list[p.Mutation]:
    return [p.Mutation(seq=r["seq"], mutation_id=r["mutation_id"], tx_id=r["tx_id"], entity=r["entity"],
                       entity_id=r["entity_id"], op=r["op"], data=json.loads(r["data"]), old=json.loads(r["old"]),
                       hlc=r["hlc"], actor=r["actor"], client_time=r["client_time"],
                       schema_version=r["schema_version"]) for r in client._next_batch()]


# -- 4. a pull racing a late-committing transaction ------------------------------------------------------
def test_pull_never_passes_a_transaction_that_commits_late(center, counter_factory) -> None:
    from sync.server import apply
    from sync.server.db import writer

    late, early, reader = counter_factory("late"), counter_factory("early", window="02"), \
        counter_factory("reader", window="03")
    write_applicants(early.store, 3, tag="e0")
    early.sync_once()
    reader.sync_once()
    before = int(reader._get("cursor") or 0)
    late_ids = write_applicants(late.store, 4, tag="late")
    early_ids = write_applicants(early.store, 5, tag="early")
    late_muts = _mutations(late)

    holding, release, late_done = threading.Event(), threading.Event(), threading.Event()
    seqs: dict[str, int] = {}

    def late_tx() -> None:
        # A real push transaction: ledger, records and change log written, then it waits before COMMIT.
        with writer(center.engine) as conn:
            apply.push(conn, late.device_id, late_muts, datetime.now())
            seqs["late"] = int(conn.execute(text("SELECT max(seq) FROM changes")).scalar())
            holding.set()
            release.wait(30)
        late_done.set()

    def early_push() -> None:
        early.sync_once()

    t1 = threading.Thread(target=late_tx)
    t1.start()
    assert holding.wait(30)
    t2 = threading.Thread(target=early_push)
    t2.start()
    # While the late transaction holds its seqs, the other push cannot take later ones and commit first;
    # pulls in the meantime see nothing new and leave the cursor where it was.
    for _ in range(10):
        reader.pull()
        assert int(reader._get("cursor") or 0) == before
        time.sleep(0.05)
    assert t2.is_alive(), "a push committed while an earlier change-log seq was still uncommitted"
    assert not local_ids(reader.store, "applicants") & set(late_ids + early_ids)
    release.set()
    t1.join(30)
    t2.join(30)
    assert late_done.is_set() and not t2.is_alive()
    reader.pull()
    got = local_ids(reader.store, "applicants")
    assert set(late_ids) <= got and set(early_ids) <= got
    with center.engine.connect() as conn:
        all_seqs = list(conn.execute(text("SELECT seq FROM changes ORDER BY seq")).scalars())
        early_min = conn.execute(text("SELECT min(c.seq) FROM changes c JOIN ledger l ON l.device_id = c.origin "
                                      "WHERE c.origin = :d AND c.seq > :b"), {"d": early.device_id, "b": before}
                                 ).scalar()
    assert all_seqs == list(range(1, len(all_seqs) + 1))  # no hole in the change log
    assert early_min > seqs["late"]  # the later committer got the later seqs
    assert int(reader._get("cursor")) == all_seqs[-1]
    late.sync_once()  # the late counter's own push is answered from the ledger: applied once
    assert ledger_report(center.engine)["mutation_ids_twice"] == 0
    assert sorted(server_ids(center.engine, "applicants")).count(late_ids[0]) == 1


# -- 5. an attachment upload cut at random offsets -------------------------------------------------------
def test_attachment_upload_cut_at_random_offsets_resumes_and_verifies(center, counter_factory) -> None:
    port = int(center.url.rsplit(":", 1)[1])
    faults = Faults(cut=0.7, cut_paths=("/v1/blobs/",), drop_response=0.2, corrupt=0.15)
    with FaultProxy(port, faults, seed=5) as proxy:
        client = counter_factory("a")
        client._set(server=proxy.url)
        client.close()
        ctx = client.ctx
        clerk = create_user(ctx, None, username="c", display_name="窗口", role=Role.CLERK, password="clerk1234")
        applicant = cases.register_applicant(ctx, clerk, kind=ApplicantKind.PERSON, name="张三丰",
                                             id_number="11010519491231002X")
        case = cases.open_case(ctx, clerk, matter_code="000131127004", applicant_id=applicant.id)
        size = (1600, 1200)  # a photo of colour noise: about 2.6 MB of JPEG, three chunks, the last one short
        buf = io.BytesIO()
        Image.frombytes("RGB", size, random.Random(5).randbytes(size[0] * size[1] * 3)).save(buf, "JPEG", quality=95)
        data = buf.getvalue()
        assert 2 * 1024 * 1024 < len(data) < 3 * 1024 * 1024
        sha = cases.attach_capture(ctx, clerk, case.number, 1, data)
        progress: list[int] = []
        for _ in range(200):
            if try_sync(client) and client.status().pending == 0:
                break
            progress.append(int(center.scalar("SELECT coalesce(max(received), 0) FROM blob_uploads") or 0))
        else:
            raise AssertionError(f"upload never completed: {client.status()}")
        stats = dict(proxy.stats)
    assert stats["cut"] >= 3, stats
    # Resumed, not restarted: what the center holds only grows, except after a chunk that failed the hash.
    drops = [i for i in range(1, len(progress)) if progress[i] < progress[i - 1]]
    assert len(drops) <= stats.get("corrupted", 0), (progress, stats)
    assert any(0 < r < len(data) for r in progress), progress
    assert center.scalar("SELECT complete FROM blobs WHERE sha256 = :s", s=sha) in (1, True)
    # The bytes are a file in the center's attachment folder, named by the hash they have.
    stored = (center.blob_dir / "content" / sha[:2] / sha[2:4] / sha).read_bytes()
    assert len(stored) == len(data) and hashlib.sha256(stored).hexdigest() == sha
    assert center.scalar("SELECT count(*) FROM blob_uploads") == 0
    material = json.loads(center.scalar("SELECT data FROM records WHERE entity = 'case_materials' "
                                        "AND json_extract(data, '$.seq') = 1" if center.engine.dialect.name ==
                                        "sqlite" else "SELECT data FROM records WHERE entity = 'case_materials' "
                                        "AND (data::json->>'seq') = '1'"))
    assert material["attachment_sha256"] == sha  # the referencing mutation arrived after the verified file


# -- 6. an outbox queued by an older schema version ------------------------------------------------------
def test_outbox_from_an_older_schema_is_upcast_or_quarantined_never_lost(center, counter_factory) -> None:
    from clerk_app.domain.ids import uuid7
    from clerk_app.store.tables import RatingRow

    client = counter_factory("old")
    now = datetime.now()
    upgradable, unreadable = uuid7(), uuid7()
    with client.store.transaction() as s:
        s.add(RatingRow(id=upgradable, case_id=None, level=2, channel="evaluator", real_name=True, clerk_id="u1",
                        comment="", at=now))
    with client.store.transaction() as s:
        s.add(RatingRow(id=unreadable, case_id=None, level=4, channel="evaluator", real_name=True, clerk_id="u1",
                        comment="", at=now))
    ids = write_applicants(client.store, 2)
    # Rewrite the queue as the pre-release build (schema 0) wrote it: ratings carried `score`, and one row
    # has a field that no version of the center knows.
    with client.store.engine.begin() as conn:
        for rid, extra in ((upgradable, {}), (unreadable, {"stars": "★★"})):
            row = conn.execute(text("SELECT seq, data FROM sync_outbox WHERE entity_id = :i"), {"i": rid}).one()
            data = json.loads(row.data)
            data["score"] = data.pop("level")
            data.update(extra)
            conn.execute(text("UPDATE sync_outbox SET schema_version = 0, data = :d WHERE seq = :s"),
                         {"d": json.dumps(data, ensure_ascii=False), "s": row.seq})
    sent = {r.entity_id: json.loads(r.data) for r in client.store.engine.connect().execute(
        text("SELECT entity_id, data FROM sync_outbox WHERE entity = 'ratings'"))}
    client.sync_once()

    st = client.status()
    assert st.pending == 0 and st.quarantined == 1
    # Upcast: the old `score` arrived as `level`.
    rating = json.loads(center.scalar("SELECT data FROM records WHERE entity = 'ratings' AND entity_id = :i",
                                      i=upgradable))
    assert rating["level"] == 2 and "score" not in rating
    # Quarantined whole, with its schema version and the payload exactly as the counter sent it.
    q = json.loads(center.scalar("SELECT mutation FROM quarantine WHERE mutation_id = (SELECT mutation_id FROM "
                                 "ledger WHERE outcome = 'quarantined')"))
    assert q["entity_id"] == unreadable and q["schema_version"] == 0 and q["data"] == sent[unreadable]
    assert center.stats()["quarantined"] == 1
    # Kept on the counter too, with the reason visible, and nothing else held back by it.
    with client.store.engine.connect() as conn:
        kept = conn.execute(text("SELECT outcome, message, data FROM sync_outbox WHERE entity_id = :i"),
                            {"i": unreadable}).one()
        assert conn.execute(text("SELECT count(*) FROM ratings WHERE id = :i"), {"i": unreadable}).scalar() == 1
    assert kept.outcome == "quarantined" and "stars" in kept.message and json.loads(kept.data) == sent[unreadable]
    assert sorted(server_ids(center.engine, "applicants")) == sorted(ids)
    assert center.scalar("SELECT count(*) FROM records WHERE entity_id = :i", i=unreadable) == 0


def test_a_record_whose_parent_was_quarantined_does_not_wedge_other_counters_pulls(center, counter_factory) -> None:
    """The center keeps a case whose applicant's transaction was quarantined; the other counters must still
    pull it (and everything after it) instead of failing on the missing parent at every round."""
    a, b = counter_factory("a"), counter_factory("b", window="02")
    clerk = create_user(a.ctx, None, username="c", display_name="窗口", role=Role.CLERK, password="clerk1234")
    applicant = cases.register_applicant(a.ctx, clerk, kind=ApplicantKind.PERSON, name="张三丰",
                                         id_number="11010519491231002X")
    case = cases.open_case(a.ctx, clerk, matter_code="000131127004", applicant_id=applicant.id)
    with a.store.engine.begin() as conn:  # the applicant's row as a newer build wrote it: quarantined
        row = conn.execute(text("SELECT seq, data FROM sync_outbox WHERE entity = 'applicants'")).one()
        conn.execute(text("UPDATE sync_outbox SET data = :d WHERE seq = :s"),
                     {"d": json.dumps({**json.loads(row.data), "nickname": "老张"}), "s": row.seq})
    later = write_applicants(a.store, 2, tag="later")
    a.sync_once()
    assert a.status().quarantined == 2  # the applicant and its audit row, one transaction
    assert center.scalar("SELECT count(*) FROM records WHERE entity = 'cases'") == 1
    b.sync_once()
    b.sync_once()
    assert case.id in local_ids(b.store, "cases")
    assert set(later) <= local_ids(b.store, "applicants")
    assert b.status().last_error is None
