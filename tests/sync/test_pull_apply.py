"""The pulled records are written by a plain statement (sync/client/localapply.py ``_upsert``), not through
SQLAlchemy's compiled insert; what lands in the counter's file must be exactly what that insert writes:
datetimes (an offset too), dates and booleans in SQLAlchemy's stored form, the defaults of columns a record leaves out, a
later change of a record overwriting it and an append-only record never overwritten."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from clerk_app.paths import ProfilePaths
from clerk_app.services.bootstrap import open_context
from clerk_app.store.tables import Base
from sync.client.localapply import _convert, apply_changes
from sync.protocol import APPEND_ONLY, Change, PullResponse

APPLICANT = {"id": "ap1", "kind": "person", "name": "王小明", "id_number": "110105194912310021", "phone": "139",
             "address": "", "created_at": "2026-11-02T09:15:00.123456", "updated_at": "2026-11-02T09:15:00"}
# No "channel", "clock", "clock_paused", "commitment", "delegation_scope", "due_provisional" or
# "tell_commit_offered": a record from an older counter; the columns' defaults fill them on insert.
CASE = {"id": "c1", "number": "2026-0001", "matter_code": "M1", "matter_name": "事项", "department": "民政",
        "applicant_id": "ap1", "agent_id": None, "delegation_valid_to": "2026-12-31", "window": "02",
        "clerk_id": "u1", "state": "received", "accept_mode": "normal", "received_at": "2026-11-02T09:16:00",
        "accepted_at": None, "due_date": "2026-11-20", "rongque_due": None, "decision_approved": None,
        "delivery_mode": "window", "bundle_id": None, "notice_due": None, "counted_from": "2026-11-03",
        "tell_commit_choice": None, "updated_at": "2026-11-02T09:16:00"}
# No "reason" or "data": defaults again.
EVENT = {"id": "e1", "case_id": "c1", "at": "2026-11-02T09:16:00", "actor": "u1", "action": "receive",
         "from_state": "", "to_state": "received"}


def change(seq: int, entity: str, data: dict[str, Any]) -> Change:
    return Change(seq=seq, tx=seq, entity=entity, entity_id=data["id"], op="insert", data=data, hlc="")


def reference(conn: Any, changes: list[Change]) -> None:
    """SQLAlchemy's own upsert, record by record: what the counter wrote before."""
    for c in changes:
        table = Base.metadata.tables[c.entity]
        values = _convert(table, c.data)
        stmt = sqlite_insert(table)
        stmt = (stmt.on_conflict_do_nothing(index_elements=["id"]) if c.entity in APPEND_ONLY else
                stmt.on_conflict_do_update(index_elements=["id"],
                                           set_={k: stmt.excluded[k] for k in values if k != "id"}))
        conn.execute(stmt, [values])


def rows(ctx: Any) -> dict[str, list[tuple[Any, ...]]]:
    with ctx.store.engine.connect() as conn:
        return {t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY id"))]  # noqa: S608
                for t in ("applicants", "cases", "case_events")}


def test_the_plain_upsert_writes_what_sqlalchemys_insert_writes(tmp_path: Path) -> None:
    first = [change(1, "applicants", APPLICANT), change(2, "cases", CASE), change(3, "case_events", EVENT)]
    later = [change(4, "cases", {**CASE, "state": "accepted", "accepted_at": "2026-11-03T10:00:00",
                                 "due_provisional": True, "channel": "online"}),
             change(5, "case_events", {**EVENT, "reason": "改过", "data": "{\"x\": 1}"}),
             change(6, "applicants", {**APPLICANT, "phone": "138", "updated_at": "2026-11-04T08:00:00.25+08:00"})]
    got, want = (open_context(ProfilePaths(tmp_path / name).ensure()) for name in ("got", "want"))
    try:
        for batch in (first, later):
            with got.store.engine.begin() as conn:
                assert apply_changes(conn, batch, overwrite_pending=True) == len(batch)
            with want.store.engine.begin() as conn:
                reference(conn, batch)
        written = rows(got)
        assert written == rows(want)
        case = dict(zip(Base.metadata.tables["cases"].c.keys(), written["cases"][0], strict=True))
        assert (case["channel"], case["clock"], case["commitment"], case["tell_commit_offered"]) == \
               ("online", "", "none", 0)
        assert (case["state"], case["due_provisional"], case["accepted_at"]) == \
               ("accepted", 1, "2026-11-03 10:00:00.000000")
        event = dict(zip(Base.metadata.tables["case_events"].c.keys(), written["case_events"][0], strict=True))
        assert (event["reason"], event["data"], event["at"]) == ("", "{}", "2026-11-02 09:16:00.000000")
        assert "138" in written["applicants"][0]
        assert "2026-11-04 08:00:00.250000" in written["applicants"][0]  # an offset is dropped, as SQLAlchemy does
    finally:
        got.store.close()
        want.store.close()


def test_a_page_parsed_from_json_refuses_what_the_text_check_refuses() -> None:
    """``PullResponse.from_json`` skips the text check because its parser refuses lone surrogates itself: an
    escaped one, one in the UTF-8 bytes, and a low surrogate before a high one; a proper pair is an emoji."""
    def page(text: bytes) -> bytes:
        return (b'{"changes":[{"seq":1,"tx":1,"entity":"applicants","entity_id":"a","op":"insert","data":{"name":'
                + text + b'},"hlc":""}],"next_cursor":1,"has_more":false,"server_epoch":"e"}')

    for bad in (b'"\\ud800"', b'"x\\udfff"', b'"\\udc00\\ud800"', b'"\xed\xa0\x80"'):
        with pytest.raises(ValueError):
            PullResponse.from_json(page(bad))
    assert PullResponse.from_json(page(b'"\\ud83d\\ude00"')).changes[0].data == {"name": "\U0001f600"}


def test_a_page_never_splits_a_center_transaction(center: Any, counter_factory: Any) -> None:
    """Pages of 5 changes over transactions of 24, 2, 2 and 2 changes (and the setup's): each transaction
    comes whole on one page, the pages together are the feed in order, and the big transaction's page
    ends where it does (the rest of it is found by a bounded scan, sync/server/app.py)."""
    from datetime import datetime

    from sync_helpers import id_number_for, write_applicants

    from clerk_app.domain.ids import uuid7
    from clerk_app.store.tables import ApplicantRow, AuditRow

    a, b = counter_factory("a"), counter_factory("b")
    now = datetime.now()
    with a.store.transaction() as s:
        for i in range(12):
            aid = uuid7()
            s.add(ApplicantRow(id=aid, kind="person", name=f"大批{i}", id_number=id_number_for(aid), phone="",
                               address="", created_at=now, updated_at=now))
            s.add(AuditRow(id=uuid7(), at=now, actor="clerk", action="applicant.create", entity="applicant",
                           entity_id=aid))
    write_applicants(a.store, 3, tag="后")
    a.sync_once()

    def pages(limit: int) -> list[list[dict[str, Any]]]:
        out, cursor, more = [], 0, True
        while more:
            page = b.request("GET", "/v1/pull", params={"cursor": cursor, "limit": limit}).json()
            out.append(page["changes"])
            cursor, more = page["next_cursor"], page["has_more"]
        return out

    small, [whole] = pages(5), pages(5000)
    assert [c["seq"] for p in small for c in p] == [c["seq"] for c in whole]
    txs = [{c["tx"] for c in p} for p in small]
    assert all(not (x & y) for i, x in enumerate(txs) for y in txs[i + 1:])
    sizes = sorted(sum(1 for c in whole if c["tx"] == t) for t in {c["tx"] for c in whole})
    assert sizes[-1] == 24 and sizes.count(2) >= 3
    [big] = [p for p in small if len(p) >= 24]
    assert sum(1 for c in big if c["tx"] == big[-1]["tx"]) == 24


def test_a_pulled_record_leaves_a_row_with_unsent_local_changes_alone(tmp_path: Path) -> None:
    """``pending_ids``: the records of a page that this counter changed and has not pushed yet keep the local
    change (the center's answer to the push settles them); the rest of the page is applied."""
    from datetime import datetime

    from clerk_app.store.tables import ApplicantRow

    ctx = open_context(ProfilePaths(tmp_path / "c").ensure())
    try:
        now = datetime.now()
        with ctx.store.transaction() as s:
            s.add(ApplicantRow(id="ap1", kind="person", name="本机改过", id_number=APPLICANT["id_number"], phone="",
                               address="", created_at=now, updated_at=now))
        pulled = [change(1, "applicants", APPLICANT), change(2, "applicants", {**APPLICANT, "id": "ap2"})]
        with ctx.store.engine.begin() as conn:
            assert apply_changes(conn, pulled) == 1
            names = dict(conn.execute(text("SELECT id, name FROM applicants")).all())
        assert names == {"ap1": "本机改过", "ap2": "王小明"}
    finally:
        ctx.store.close()
