"""A malicious enrolled device against the real center (SQLite and PostgreSQL): raw HTTP with its own token.

Center DEMO is managed (IT created its administrator at the center) and has two honest counters; the
attacker holds a device enrolled for center HD02, or a rogue device enrolled for DEMO itself. Every attack
of issue 13 is tried; each must be refused, kept as a security event (or quarantined, for a malformed
record), never applied, and the honest counters must converge holding none of HD02's data.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from clerk_app.domain.applicants import ApplicantKind
from clerk_app.domain.ids import uuid7
from clerk_app.domain.passwords import hash_password
from clerk_app.services import auth, cases
from sync.server import distribute
from sync.server.db import writer

MATTER = "000131127004"
PASSWORDS = {"admin": "admin-pass-1", "wang": "wang-pass-1", "zhou": "zhou-pass-1"}


class Rogue:
    """An enrolled device driven by hand: its own token, any payload."""

    def __init__(self, center: Any, code: str) -> None:
        self.url = center.url
        r = httpx.post(f"{self.url}/v1/enroll", json={"code": code, "device_name": "rogue"})
        r.raise_for_status()
        self.device_id, refresh = r.json()["device_id"], r.json()["refresh_token"]
        r = httpx.post(f"{self.url}/v1/token", json={"device_id": self.device_id, "refresh_token": refresh})
        self.headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
        self.seq = 0

    def mutation(self, entity: str, entity_id: str, op: str, data: dict[str, Any], *, actor: str = "admin",
                 old: dict[str, Any] | None = None, hlc: str | None = None, tx: str | None = None) -> dict[str, Any]:
        self.seq += 1
        ms = int(datetime.now().timestamp() * 1000)
        return {"seq": self.seq, "mutation_id": uuid7(), "tx_id": tx or uuid7(), "entity": entity,
                "entity_id": entity_id, "op": op, "data": data, "old": old or {},
                "hlc": hlc if hlc is not None else f"{ms:013d}-00000-rogue", "actor": actor,
                "client_time": datetime.now().isoformat(timespec="seconds"), "schema_version": 1}

    def push(self, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
        r = httpx.post(f"{self.url}/v1/push", headers=self.headers,
                       json={"device_id": self.device_id, "mutations": list(mutations)})
        assert r.status_code == 200, r.text
        return r.json()["results"]

    def pull_all(self) -> list[dict[str, Any]]:
        out, cursor = [], 0
        while True:
            r = httpx.get(f"{self.url}/v1/pull", headers=self.headers, params={"cursor": cursor})
            assert r.status_code == 200, r.text
            page = r.json()
            out += page["changes"]
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return out


def _add_center_users(center: Any) -> None:
    with writer(center.engine) as conn:
        for username, role in (("admin", "admin"), ("wang", "clerk"), ("zhou", "supervisor")):
            distribute.add_user(conn, username=username, display_name=username, role=role,
                                password_hash=hash_password(PASSWORDS[username]), now=datetime.now(), center="DEMO")


@pytest.fixture
def demo(center: Any, counter_factory: Any) -> dict[str, Any]:
    """DEMO with its users made at the center, two honest counters and one intake."""
    _add_center_users(center)
    a, b = counter_factory("a"), counter_factory("b", window="02")
    a.sync_once()
    b.sync_once()
    wang = auth.login(a.ctx, "wang", PASSWORDS["wang"])
    applicant = cases.register_applicant(a.ctx, wang, kind=ApplicantKind.PERSON, name="张三丰",
                                         id_number="11010519491231002X", phone="13800000001", address="海淀路 1 号")
    case = cases.open_case(a.ctx, wang, matter_code=MATTER, applicant_id=applicant.id)
    a.sync_once()
    b.sync_once()
    assert a.status().quarantined == 0 and b.status().quarantined == 0
    return {"a": a, "b": b, "applicant": applicant, "case": case, "wang": wang}


def _record(center: Any, entity: str, entity_id: str) -> dict[str, Any]:
    return json.loads(center.scalar("SELECT data FROM records WHERE entity = :e AND entity_id = :i",
                                    e=entity, i=entity_id))


def _user_id(center: Any, username: str) -> str:
    with center.engine.connect() as conn:
        for rid, raw in conn.execute(text("SELECT entity_id, data FROM records WHERE entity = 'users'")):
            if json.loads(raw)["username"] == username:
                return str(rid)
    raise AssertionError(username)


def _events(center: Any) -> list[Any]:
    with center.engine.connect() as conn:
        return conn.execute(text("SELECT center_code, target_center, code, entity, entity_id FROM security_events "
                                 "ORDER BY id")).all()


def _local(client: Any, sql: str, **params: Any) -> Any:
    with client.store.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def test_a_device_of_another_center_can_neither_write_nor_read_demo(center, demo) -> None:
    a, b, applicant, case = demo["a"], demo["b"], demo["applicant"], demo["case"]
    rogue = Rogue(center, center.enrol_code(center="HD02"))
    admin_id, wang_id, zhou_id = _user_id(center, "admin"), _user_id(center, "wang"), _user_id(center, "zhou")
    attacks = [
        rogue.mutation("applicants", applicant.id, "update", {"phone": "13999999999", "name": "冒名"}),
        rogue.mutation("cases", case.id, "delete", {}),
        rogue.mutation("case_events", uuid7(), "insert", {
            "id": None, "case_id": case.id, "at": "2026-03-02T09:00:00", "actor": "x", "action": "accept",
            "from_state": "received", "to_state": "accepted", "reason": "", "data": "{}"}),
        rogue.mutation("users", admin_id, "update", {"username": "admin", "password_hash": hash_password("pwned-123")}),
        rogue.mutation("users", wang_id, "update", {"username": "wang", "role": "admin"}),
        rogue.mutation("users", zhou_id, "update", {"username": "zhou", "active": False}),
        rogue.mutation("case_materials", uuid7(), "insert", {
            "case_id": case.id, "seq": 99, "name": "伪造材料", "necessity": "required", "status": "submitted",
            "note": "", "attachment_sha256": None}),
    ]
    attacks[2]["data"]["id"] = attacks[2]["entity_id"]
    attacks[6]["data"]["id"] = attacks[6]["entity_id"]
    results = rogue.push(*attacks)
    assert [r["outcome"] for r in results] == ["rejected"] * len(attacks)
    assert {r["code"] for r in results} == {"foreign_record"}
    events = _events(center)
    assert len(events) == len(attacks)
    assert all(e.center_code == "HD02" and e.target_center == "DEMO" and e.code == "foreign_record" for e in events)

    # Users of its own center only: a new "admin" lands in HD02, never in DEMO; absurd verifiers are refused.
    absurd = "scrypt$1073741824$8$1$" + hash_password("x").split("$", 4)[4]
    cheap = "scrypt$2$8$1$" + hash_password("x").split("$", 4)[4]
    refused = rogue.push(*(rogue.mutation("users", uid, "insert", {
        "id": uid, "username": name, "display_name": "假", "role": "admin", "password_hash": verifier, "active": True,
        "created_at": "2026-03-02T09:00:00"}) for uid, name, verifier in (
            (uuid7(), "boss1", absurd), (uuid7(), "boss2", cheap))))
    assert [r["code"] for r in refused] == ["bad_verifier", "bad_verifier"]
    assert center.scalar("SELECT count(*) FROM records WHERE entity = 'users' AND data LIKE '%boss%'") == 0

    # Its pull holds nothing of DEMO's.
    pulled = json.dumps(rogue.pull_all(), ensure_ascii=False)
    for secret in (applicant.id, case.id, "张三丰", "11010519491231002X", "13800000001", admin_id):
        assert secret not in pulled
    r = httpx.get(f"{center.url}/v1/pull", headers=rogue.headers, params={"cursor": 0, "limit": 5000})
    assert all(c["entity"] != "applicants" for c in r.json()["changes"])

    # DEMO is untouched, and its counters converge on it.
    a.sync_once()
    b.sync_once()
    stored = _record(center, "applicants", applicant.id)
    assert (stored["phone"], stored["name"]) == ("13800000001", "张三丰")
    assert _record(center, "cases", case.id)["state"] == "received"
    assert center.scalar("SELECT deleted FROM records WHERE entity = 'cases' AND entity_id = :i", i=case.id) in (0, False)
    for counter in (a, b):
        assert _local(counter, "SELECT phone FROM applicants WHERE id = :i", i=applicant.id) == "13800000001"
        assert _local(counter, "SELECT state FROM cases WHERE id = :i", i=case.id) == "received"
        assert _local(counter, "SELECT count(*) FROM case_materials WHERE name = '伪造材料'") == 0
        assert auth.login(counter.ctx, "admin", PASSWORDS["admin"]).username == "admin"
        assert auth.login(counter.ctx, "zhou", PASSWORDS["zhou"]).username == "zhou"
        assert _local(counter, "SELECT role FROM users WHERE username = 'wang'") == "clerk"
        assert _local(counter, "SELECT count(*) FROM users WHERE username LIKE 'boss%'") == 0


def test_a_rogue_device_of_the_same_center_is_held_to_its_users_roles(center, demo) -> None:
    a, applicant = demo["a"], demo["applicant"]
    rogue = Rogue(center, center.enrol_code(center="DEMO", window="03"))
    admin_id, wang_id = _user_id(center, "admin"), _user_id(center, "wang")
    absurd = "scrypt$1073741824$8$1$" + hash_password("x").split("$", 4)[4]
    tries = [
        # A clerk cannot re-password anyone else, promote herself, create an admin, or archive a case.
        rogue.mutation("users", admin_id, "update", {"username": "admin", "password_hash": hash_password("p-12345678")},
                       actor="wang"),
        rogue.mutation("users", wang_id, "update", {"username": "wang", "role": "admin"}, actor="wang"),
        rogue.mutation("users", uuid7(), "insert", {}, actor="wang"),
        rogue.mutation("users", wang_id, "update", {"username": "wang", "password_hash": absurd}, actor="wang"),
        # Someone who is no user of this center at all.
        rogue.mutation("applicants", applicant.id, "update", {"phone": "13900000009"}, actor="intruder"),
    ]
    uid = tries[2]["entity_id"]
    tries[2]["data"] = {"id": uid, "username": "root", "display_name": "根", "role": "admin",
                        "password_hash": hash_password("root-pass-1"), "active": True,
                        "created_at": "2026-03-02T09:00:00"}
    results = rogue.push(*tries)
    assert [r["code"] for r in results] == ["not_authorised", "not_authorised", "not_authorised", "bad_verifier",
                                             "unknown_actor"]
    assert [e.code for e in _events(center)] == [r["code"] for r in results]
    # What a clerk may do: change her own password.
    own = rogue.push(rogue.mutation("users", wang_id, "update",
                                    {"username": "wang", "password_hash": hash_password("wang-new-pass")},
                                    actor="wang"))
    assert own[0]["outcome"] == "applied"
    a.sync_once()
    assert auth.login(a.ctx, "wang", "wang-new-pass").username == "wang"
    assert auth.login(a.ctx, "admin", PASSWORDS["admin"]).username == "admin"
    assert _local(a, "SELECT count(*) FROM users WHERE username = 'root'") == 0


def test_malformed_records_are_quarantined_never_stored_nor_served(center, demo) -> None:
    a, b = demo["a"], demo["b"]
    rogue = Rogue(center, center.enrol_code(center="DEMO", window="03"))
    bad = []
    for data in ({"phone": ["x"]}, {"name": 123}, {"name": "坏\x00人"}, {"name": "\u202e人名"},
                 {"id_number": "110105194912310021"}, {"created_at": "yesterday"}, {"kind": "alien"}):
        aid = uuid7()
        record = {"id": aid, "kind": "person", "name": "李四", "id_number": "11010519491231002X", "phone": "",
                  "address": "", "created_at": "2026-03-02T09:00:00", "updated_at": "2026-03-02T09:00:00", **data}
        bad.append(rogue.mutation("applicants", aid, "insert", record, actor="wang"))
    results = rogue.push(*bad)
    assert [r["outcome"] for r in results] == ["quarantined"] * len(bad)
    assert all(r["code"] == "invalid_record" for r in results)
    assert all("11010519491231002" not in r["message"] and "\x00" not in r["message"] for r in results)
    assert center.scalar("SELECT count(*) FROM quarantine WHERE reason LIKE 'invalid_record%'") == len(bad)
    for m in bad:
        assert center.scalar("SELECT count(*) FROM records WHERE entity_id = :i", i=m["entity_id"]) == 0
    # Honest counters keep pulling, a brand-new one included.
    for counter in (a, b):
        st = counter.sync_once()
        assert st.last_error is None and st.quarantined == 0
    fresh_pull = json.dumps(Rogue(center, center.enrol_code(center="DEMO", window="04")).pull_all(), ensure_ascii=False)
    assert all(m["entity_id"] not in fresh_pull for m in bad)


@pytest.mark.parametrize("stamp", ["9", "9-00000-x", "\u0669\u0669\u0669\u0669\u0669\u0669\u0669\u0669\u0669\u0669\u0669\u0669\u0669-00000-x",
                                   "99999-00000-x", "99999999999999-00000-x", "1796000000000-00000-a b", ""])
def test_forged_stamps_are_refused_and_recorded(center, demo, stamp) -> None:
    applicant = demo["applicant"]
    rogue = Rogue(center, center.enrol_code(center="DEMO", window="03"))
    [result] = rogue.push(rogue.mutation("applicants", applicant.id, "update", {"phone": "13911111111"},
                                         actor="wang", hlc=stamp))
    assert (result["outcome"], result["code"]) == ("rejected", "bad_hlc")
    assert [e.code for e in _events(center)] == ["bad_hlc"]
    assert _record(center, "applicants", applicant.id)["phone"] == "13800000001"


def test_a_stamp_far_ahead_is_clamped_so_a_later_honest_edit_that_saw_it_wins(center, demo) -> None:
    a, applicant = demo["a"], demo["applicant"]
    rogue = Rogue(center, center.enrol_code(center="DEMO", window="03"))
    [result] = rogue.push(rogue.mutation("applicants", applicant.id, "update", {"phone": "13911111111"},
                                         actor="wang", hlc="9999999999999-00000-rogue"))
    assert result["outcome"] == "applied"
    stamp = json.loads(center.scalar("SELECT hlc FROM records WHERE entity = 'applicants' AND entity_id = :i",
                                     i=applicant.id))["phone"]
    assert int(stamp[:13]) <= int(datetime.now().timestamp() * 1000) + 5 * 60 * 1000 + 1000
    # The pulled change carries the stamp; a counter that observes it orders its next edit after it.
    changes = [c for c in Rogue(center, center.enrol_code(center="DEMO", window="04")).pull_all()
               if c["entity_id"] == applicant.id]
    assert changes[-1]["hlc"] == stamp
    a.sync_once()
    from clerk_app.store.outbox import observe_hlc

    with a.store.engine.begin() as conn:
        observe_hlc(conn, changes[-1]["hlc"])
    wang = auth.login(a.ctx, "wang", PASSWORDS["wang"])
    assert wang.username == "wang"
    _set_phone(a, applicant.id, "13922222222")
    a.sync_once()
    assert _record(center, "applicants", applicant.id)["phone"] == "13922222222"


def _set_phone(client: Any, applicant_id: str, phone: str) -> None:
    from clerk_app.store import outbox
    from clerk_app.store.tables import ApplicantRow

    with client.store.transaction() as s:
        s.info[outbox.ACTOR] = "wang"
        s.get(ApplicantRow, applicant_id).phone = phone


def test_counters_minutes_apart_converge_on_the_later_human_edit(center, demo, counter_factory) -> None:
    """Q's clock runs 3 minutes ahead (inside the tolerance). P pulls Q's phone and seconds later sets a new
    one: the pulled change carries its stamp, P orders its edit after it, and P's edit wins everywhere.
    An edit P makes without having seen Q's newer one loses last-writer-wins: P is not told a bare
    "applied" and left holding its own value — the center sends the winner back and P adopts it."""
    a, applicant = demo["a"], demo["applicant"]
    q = counter_factory("q", window="03")
    q.sync_once()

    def q_sets(phone: str) -> None:
        _set_phone(q, applicant.id, phone)
        ahead = int(datetime.now().timestamp() * 1000) + 3 * 60 * 1000
        with q.store.engine.begin() as conn:
            conn.execute(text("UPDATE sync_outbox SET hlc = :h WHERE status = 'pending' AND entity = 'applicants'"),
                         {"h": f"{ahead:013d}-00000-{secrets.token_hex(4)}"})
        q.sync_once()

    q_sets("13933333333")
    pulled = [c for c in Rogue(center, center.enrol_code(center="DEMO", window="05")).pull_all()
              if c["entity_id"] == applicant.id]
    assert pulled[-1]["hlc"] > f"{int(datetime.now().timestamp() * 1000) + 60_000:013d}"  # Q's stamp, carried
    a.sync_once()
    _set_phone(a, applicant.id, "13944444444")
    a.sync_once()
    q.sync_once()
    for counter in (a, q):
        assert _local(counter, "SELECT phone FROM applicants WHERE id = :i", i=applicant.id) == "13944444444"
    assert _record(center, "applicants", applicant.id)["phone"] == "13944444444"

    q_sets("13955555555")  # Q again, 3 minutes ahead; P edits before it has pulled that
    _set_phone(a, applicant.id, "13966666666")
    a.sync_once()
    a.sync_once()
    assert _local(a, "SELECT phone FROM applicants WHERE id = :i", i=applicant.id) == \
        _record(center, "applicants", applicant.id)["phone"] == "13955555555"
    assert a.status().pending == 0


def test_attachments_of_another_center_are_neither_seen_nor_referred_to(center, demo) -> None:
    import hashlib

    case = demo["case"]
    rogue = Rogue(center, center.enrol_code(center="DEMO", window="03"))
    blob = b"scan of a DEMO citizen's ID card" * 10
    sha = hashlib.sha256(blob).hexdigest()
    r = httpx.put(f"{center.url}/v1/blobs/{sha}", headers=rogue.headers, params={"offset": 0, "size": len(blob)},
                  content=blob)
    assert r.json()["complete"] is True
    other = Rogue(center, center.enrol_code(center="HD02"))
    status = httpx.get(f"{center.url}/v1/blobs/{sha}", headers=other.headers).json()
    assert (status["received"], status["size"], status["complete"]) == (0, None, False)
    r = httpx.put(f"{center.url}/v1/blobs/{sha}", headers=other.headers, params={"offset": 0, "size": len(blob)},
                  content=b"x" * 10)
    assert r.status_code == 409 and r.json()["detail"]["code"] == "blob_foreign"
    mid = uuid7()
    [res] = other.push(other.mutation("case_materials", mid, "insert", {
        "id": mid, "case_id": uuid7(), "seq": 1, "name": "材料", "necessity": "required", "status": "submitted",
        "note": "", "attachment_sha256": sha}))
    assert res["code"] == "foreign_attachment"
    assert _events(center)[-1].code == "foreign_attachment"
    # The same bytes sent whole make that center an owner too (it has shown it holds the file).
    r = httpx.put(f"{center.url}/v1/blobs/{sha}", headers=other.headers, params={"offset": 0, "size": len(blob)},
                  content=blob)
    assert r.status_code == 200 and r.json()["complete"] is True
    del case


def test_security_events_and_scope_are_listed_for_the_admin(center, demo, monkeypatch, capsys) -> None:
    from test_distribution_users import center_cli

    rogue = Rogue(center, center.enrol_code(center="HD02"))
    rogue.push(rogue.mutation("applicants", demo["applicant"].id, "delete", {}))
    rc, out, _err = center_cli(center, "security-events", "--center", "DEMO", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0
    [event] = [json.loads(line) for line in out.splitlines()]
    assert (event["center"], event["target_center"], event["code"]) == ("HD02", "DEMO", "foreign_record")
    assert "张三丰" not in out and "1380000" not in out
    rc, out, _err = center_cli(center, "scope", monkeypatch=monkeypatch, capsys=capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert rc == 0 and {r["scope"] for r in rows if "device" in r} == {"center"}


def test_a_clerk_returns_an_undeliverable_result_to_its_department_and_the_center_agrees(center, demo) -> None:
    """Seed 001 §5.1.3: sending an undeliverable result back to its department is the output desk's act
    (case.output), judged by the same permission table on the counter and at the center — not the
    supervisor's archiving, which the center would refuse a clerk."""
    from clerk_app.domain.cases import CaseState, IntakeDecision, MaterialStatus

    a, wang, number = demo["a"], demo["wang"], demo["case"].number
    for seq in (1, 2, 3, 4):
        cases.check_material(a.ctx, wang, number, seq,
                             MaterialStatus.NOT_APPLICABLE if seq == 4 else MaterialStatus.SUBMITTED)
    cases.record_tell_commit_offer(a.ctx, wang, number, applicant_chose=False)
    cases.decide_intake(a.ctx, wang, number, IntakeDecision.ACCEPT)
    cases.transfer(a.ctx, wang, number, receiver="陈科员")
    cases.record_decision(a.ctx, wang, number, approved=True)
    cases.mark_result_ready(a.ctx, wang, number)
    cases.mark_undeliverable(a.ctx, wang, number, reason="邮件两次退回")
    cases.return_to_department(a.ctx, wang, number, receiver="陈科员", reason="无法送达，退回原件")
    a.sync_once()
    assert center.scalar("SELECT count(*) FROM quarantine") == 0 and _events(center) == []
    assert _record(center, "cases", demo["case"].id)["state"] == CaseState.ARCHIVED.value
