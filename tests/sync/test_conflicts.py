"""Two counters deciding the same case: the center re-validates with the domain's TRANSITIONS table."""

from __future__ import annotations

import json

from sqlalchemy import text

from clerk_app.domain.applicants import ApplicantKind
from clerk_app.domain.cases import IntakeDecision, MaterialStatus
from clerk_app.domain.roles import SYSTEM, Role
from clerk_app.services import cases
from clerk_app.services.auth import create_user

MATTER = "000131127004"


def _clerk(ctx, name: str):  # type: ignore[no-untyped-def]
    return create_user(ctx, None, username=name, display_name="窗口人员", role=Role.SUPERVISOR, password="pass12345")


def _shared_case(a, b):  # type: ignore[no-untyped-def]
    ca, cb = _clerk(a.ctx, "ca"), _clerk(b.ctx, "cb")
    applicant = cases.register_applicant(a.ctx, ca, kind=ApplicantKind.PERSON, name="张三丰",
                                         id_number="11010519491231002X")
    case = cases.open_case(a.ctx, ca, matter_code=MATTER, applicant_id=applicant.id)
    a.sync_once()
    b.sync_once()
    assert cases.get_case(b.ctx, cb, case.number).state.value == "received"
    return case, ca, cb


def _decide_apart(a, b):  # type: ignore[no-untyped-def]
    """A rejects the shared case while B, offline from A, issues a 一次性告知 on it; then both sync."""
    case, ca, cb = _shared_case(a, b)
    cases.decide_intake(a.ctx, ca, case.number, IntakeDecision.REJECT, reason="不属于本机关职权范围",
                        legal_basis="《行政许可法》第三十二条")
    cases.check_material(b.ctx, cb, case.number, 1, MaterialStatus.MISSING)
    for line in cases.get_case(b.ctx, cb, case.number).materials[1:]:  # a 一次性告知 needs every line checked
        cases.check_material(b.ctx, cb, case.number, line.seq, MaterialStatus.SUBMITTED)
    cases.record_tell_commit_offer(b.ctx, cb, case.number, applicant_chose=False)
    cases.decide_intake(b.ctx, cb, case.number, IntakeDecision.ONE_TIME_NOTICE)
    a.sync_once()
    b.sync_once()
    return case, ca, cb


def test_incompatible_decisions_first_wins_other_goes_to_conflict_inbox(center, counter_factory) -> None:
    a, b = counter_factory("a"), counter_factory("b", window="02")
    case, ca, cb = _decide_apart(a, b)

    assert center.scalar("SELECT data FROM records WHERE entity='cases'") and \
        json.loads(center.scalar("SELECT data FROM records WHERE entity='cases'"))["state"] == "rejected"
    inbox = json.loads(center.scalar("SELECT mutations FROM conflicts"))
    assert center.scalar("SELECT count(*) FROM conflicts") == 1
    assert center.scalar("SELECT code FROM conflicts") == "transition_conflict"
    # The whole losing transaction is kept: case update, the notice event and its audit row.
    assert {m["entity"] for m in inbox} == {"cases", "case_events", "audit_log"}
    assert any(m["data"].get("action") == "notify_supplement" for m in inbox)
    # B is told and shows the center's state; nothing is pending, nothing dropped.
    st = b.status()
    assert st.conflicts == 1 and st.pending == 0
    assert cases.get_case(b.ctx, SYSTEM, case.number).state.value == "rejected"
    # The material check (a compatible change in its own transaction) did apply.
    assert center.scalar("SELECT count(*) FROM ledger WHERE outcome='applied'") > 0
    with center.engine.connect() as conn:  # closed: an open transaction would block the schema's teardown
        events = [json.loads(d) for d in conn.execute(
            text("SELECT data FROM records WHERE entity='case_events'")).scalars()]
    assert [e["action"] for e in events] == ["reject"]


def test_same_transition_on_two_counters_is_a_duplicate_kept_in_history(center, counter_factory) -> None:
    a, b = counter_factory("a"), counter_factory("b", window="02")
    case, ca, cb = _shared_case(a, b)
    for ctx, who in ((a.ctx, ca), (b.ctx, cb)):
        cases.decide_intake(ctx, who, case.number, IntakeDecision.REJECT, reason="不属于本机关职权范围",
                            legal_basis="《行政许可法》第三十二条")
    a.sync_once()
    b.sync_once()
    assert center.scalar("SELECT count(*) FROM conflicts") == 0
    assert center.scalar("SELECT count(*) FROM records WHERE entity='case_events'") == 2
    assert center.scalar("SELECT count(*) FROM records WHERE entity='case_events' AND note='duplicate'") == 1
    assert center.scalar("SELECT count(*) FROM ledger WHERE outcome='duplicate'") == 1
    assert b.status().conflicts == 0


def test_illegal_transition_is_rejected_visibly_not_dropped(center, counter_factory) -> None:
    from clerk_app.domain.ids import uuid7
    from clerk_app.store.tables import CaseEventRow

    a, b = counter_factory("a"), counter_factory("b", window="02")
    case, ca, _cb = _shared_case(a, b)
    from datetime import datetime

    with a.store.transaction() as s:  # a forged history row: received --archive--> archived is not a move
        s.add(CaseEventRow(id=uuid7(), case_id=case.id, at=datetime.now(), actor="x", action="archive",
                           from_state="received", to_state="archived", reason="", data="{}"))
    a.sync_once()
    assert a.status().quarantined == 1
    assert center.scalar("SELECT count(*) FROM quarantine WHERE reason LIKE 'illegal_transition%'") == 1
    assert json.loads(center.scalar("SELECT data FROM records WHERE entity='cases'"))["state"] == "received"


def test_the_supervisor_reads_and_closes_a_conflict_from_the_center_cli(center, counter_factory, monkeypatch,
                                                                         capsys) -> None:
    from test_distribution_users import center_cli

    a, b = counter_factory("a"), counter_factory("b", window="02")
    case, ca, cb = _decide_apart(a, b)

    rc, out, _ = center_cli(center, "conflicts", monkeypatch=monkeypatch, capsys=capsys)
    listed = [json.loads(line) for line in out.splitlines()]
    assert rc == 0 and len(listed) == 1 and listed[0]["device"] == b.device_id and listed[0]["resolved_at"] is None
    cid = str(listed[0]["id"])
    rc, out, _ = center_cli(center, "conflict", "show", cid, monkeypatch=monkeypatch, capsys=capsys)
    shown = json.loads(out)
    assert rc == 0 and any(record.get("state") == "rejected" for record in shown["server_state"])
    assert any(m["data"].get("action") == "notify_supplement" for m in shown["losing_transaction"])
    rc, _, err = center_cli(center, "conflict", "resolve", cid, "--by", "王科长", "--note", " ",
                            monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and "处理结论" in err
    rc, out, _ = center_cli(center, "conflict", "resolve", cid, "--by", "王科长",
                            "--note", "以不予受理为准，已电话告知申请人", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0 and "已处理" in out
    assert center_cli(center, "conflicts", monkeypatch=monkeypatch, capsys=capsys)[1] == ""  # no longer open
    rc, out, _ = center_cli(center, "conflicts", "--all", monkeypatch=monkeypatch, capsys=capsys)
    kept = json.loads(out)
    assert kept["resolution"] == "王科长：以不予受理为准，已电话告知申请人" and kept["resolved_at"]
    assert center.scalar("SELECT count(*) FROM conflicts") == 1  # closed, never deleted
    rc, _, err = center_cli(center, "conflict", "resolve", cid, "--by", "李", "--note", "再次",
                            monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and "已于" in err
    rc, _, err = center_cli(center, "conflict", "show", "999", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and "没有编号为 999" in err
