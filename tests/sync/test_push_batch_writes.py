"""One push carries many local transactions; the center writes their records once at the end of the push
(issue 13's benchmark clause). What a later transaction of the same push reads must still be what the
earlier ones wrote, and a transaction that loses must leave the earlier ones' writes standing."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from test_adversarial_tenancy import Rogue, _record, demo  # noqa: F401 - demo is a fixture used below

from clerk_app.domain.ids import uuid7


def _applicant(aid: str, **data: Any) -> dict[str, Any]:
    return {"id": aid, "kind": "person", "name": "李四", "id_number": "11010519491231002X", "phone": "",
            "address": "", "created_at": "2026-03-02T09:00:00", "updated_at": "2026-03-02T09:00:00", **data}


def test_later_transactions_of_one_push_build_on_earlier_ones_and_a_loser_leaves_them_standing(center, demo) -> None:  # noqa: F811
    rogue = Rogue(center, center.enrol_code(center="DEMO", window="03"))
    aid = uuid7()
    ms = int(datetime.now().timestamp() * 1000)
    stamp = iter(f"{ms:013d}-{n:05d}-rogue" for n in range(1, 10))  # each edit later than the one before
    muts = [
        rogue.mutation("applicants", aid, "insert", _applicant(aid), actor="wang", hlc=next(stamp)),
        rogue.mutation("applicants", aid, "update", {"phone": "13800000002"}, actor="wang",
                       hlc=next(stamp)),
    ]
    # A transaction that changes the same applicant and then carries a malformed record: it loses whole.
    loser = uuid7()
    bad = uuid7()
    muts += [rogue.mutation("applicants", aid, "update", {"phone": "13900000003"}, actor="wang", tx=loser,
                            hlc=next(stamp)),
             rogue.mutation("applicants", bad, "insert", _applicant(bad, name=123), actor="wang", tx=loser)]
    muts.append(rogue.mutation("applicants", aid, "update", {"address": "新地址 8 号"}, actor="wang",
                                 hlc=next(stamp)))
    results = rogue.push(*muts)
    assert [r["outcome"] for r in results] == ["applied", "applied", "quarantined", "quarantined", "applied"]

    stored = _record(center, "applicants", aid)
    assert (stored["phone"], stored["address"]) == ("13800000002", "新地址 8 号")
    assert center.scalar("SELECT count(*) FROM records WHERE entity_id = :i", i=bad) == 0
    # The record points at its newest change, and that change carries the record as stored.
    newest = center.scalar("SELECT max(seq) FROM changes WHERE entity_id = :i", i=aid)
    assert center.scalar("SELECT updated_seq FROM records WHERE entity_id = :i", i=aid) == newest
    assert json.loads(center.scalar("SELECT data FROM changes WHERE seq = :s", s=newest)) == stored
    # A counter that pulls from scratch holds what the center holds.
    pulled = [c for c in Rogue(center, center.enrol_code(center="DEMO", window="04")).pull_all()
              if c["entity_id"] == aid]
    assert pulled and pulled[-1]["data"]["phone"] == "13800000002"


def test_a_repeated_transition_in_a_later_transaction_of_the_same_push_is_a_duplicate(center, demo) -> None:  # noqa: F811
    case_id = demo["case"].id
    rogue = Rogue(center, center.enrol_code(center="DEMO", window="03"))
    now = datetime.now().isoformat(timespec="seconds")

    def accept() -> dict[str, Any]:
        eid = uuid7()
        return rogue.mutation("case_events", eid, "insert", {
            "id": eid, "case_id": case_id, "at": now, "actor": demo["wang"].user_id, "action": "accept",
            "from_state": "received", "to_state": "accepted", "reason": "", "data": "{}"}, actor="wang")

    # Two counters accepted the same case; both events reach the center in one push (two transactions):
    # the second is recognised against the first, which is not in the database yet.
    results = rogue.push(accept(), accept())
    assert [r["outcome"] for r in results] == ["applied", "duplicate"], results
    assert _record(center, "cases", case_id)["state"] == "accepted"
    assert center.scalar("SELECT count(*) FROM records WHERE entity = 'case_events' AND parent_id = :c "
                         "AND note = 'duplicate'", c=case_id) == 1
