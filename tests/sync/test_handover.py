"""Need to know inside a center, with cases handed between windows (docs/security.md): real counters against
the real center (SQLite and PostgreSQL). A window-scoped counter receives its own window's cases and those
handed to it — transferred, ready for pickup at its output desk, a joint case whole — and never a case of
another window that was not handed to it; once handed, the case's later changes reach it too."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fault_helpers import id_number
from sqlalchemy import text
from sync_helpers import local_ids
from test_adversarial_tenancy import MATTER, PASSWORDS, Rogue, _add_center_users
from test_distribution_users import center_cli

from clerk_app.domain.applicants import ApplicantKind
from clerk_app.domain.cases import CaseState, DeliveryMode, IntakeDecision, MaterialStatus
from clerk_app.domain.ids import uuid7
from clerk_app.services import auth, bundles, cases
from clerk_app.store.tables import AuditRow, CaseRow

DIBAO, JIUZHU = "000119001000", "000119004000"  # a joint application (低保 and 临时救助)


def _window_center(center: Any, counter_factory: Any, monkeypatch: Any, capsys: Any,
                   *windows: str) -> list[Any]:
    """Center DEMO, managed, every counter window-scoped; one counter per window, synced once."""
    _add_center_users(center)
    rc, _out, err = center_cli(center, "scope", "--center", "DEMO", "window", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    made = [counter_factory(f"w{w}", window=w) for w in windows]
    for c in made:
        c.sync_once()
        c.wang = auth.login(c.ctx, "wang", PASSWORDS["wang"])
    return made


def _applicant(c: Any, n: int) -> Any:
    return cases.register_applicant(c.ctx, c.wang, kind=ApplicantKind.PERSON, name=f"申请人{n}", id_number=id_number(n),
                                    phone=f"1380000000{n}", address="海淀路 1 号")


def _ready(c: Any, number: str) -> None:
    """Through intake, the department and its decision to 待出件, on the counter's own services."""
    for seq in (1, 2, 3, 4):
        cases.check_material(c.ctx, c.wang, number, seq,
                             MaterialStatus.NOT_APPLICABLE if seq == 4 else MaterialStatus.SUBMITTED)
    cases.record_tell_commit_offer(c.ctx, c.wang, number, applicant_chose=False)
    cases.decide_intake(c.ctx, c.wang, number, IntakeDecision.ACCEPT)
    cases.transfer(c.ctx, c.wang, number, receiver="陈科员")
    cases.record_decision(c.ctx, c.wang, number, approved=True)
    cases.mark_result_ready(c.ctx, c.wang, number)


def _local(c: Any, sql: str, **params: Any) -> Any:
    with c.store.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def _case_records(c: Any, case_id: str) -> set[str]:
    with c.store.engine.connect() as conn:
        return {r for (r,) in conn.execute(text(
            "SELECT id FROM cases WHERE id = :i UNION SELECT id FROM case_materials WHERE case_id = :i "
            "UNION SELECT id FROM case_events WHERE case_id = :i"), {"i": case_id})}


def _clean(center: Any, *counters: Any) -> None:
    assert center.scalar("SELECT count(*) FROM quarantine") == 0
    assert center.scalar("SELECT count(*) FROM security_events") == 0
    assert all(c.status().quarantined == 0 and c.status().pending == 0 for c in counters)


def test_a_transferred_case_reaches_the_receiving_window_only_with_its_later_changes(
        center, counter_factory, monkeypatch, capsys) -> None:
    a, b, c = _window_center(center, counter_factory, monkeypatch, capsys, "01", "02", "03")
    handed_to_b, kept = _applicant(a, 0), _applicant(a, 1)
    moved = cases.open_case(a.ctx, a.wang, matter_code=MATTER, applicant_id=handed_to_b.id)
    stays = cases.open_case(a.ctx, a.wang, matter_code=MATTER, applicant_id=kept.id)
    a.sync_once()
    for x in (b, c):
        x.sync_once()
    assert moved.id not in local_ids(b.store, "cases")  # not handed yet: window 02 has no use for it

    rc, out, err = center_cli(center, "handover", "--center", "DEMO", "--case", moved.number, "--window", "02",
                              monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    assert "02 号窗口" in out
    for x in (b, c):
        x.sync_once()
    assert _case_records(b, moved.id) == _case_records(a, moved.id) and len(_case_records(b, moved.id)) >= 5
    assert local_ids(b.store, "applicants") == {handed_to_b.id}  # the case's applicant, not window 01's other
    assert stays.id not in local_ids(b.store, "cases")
    assert local_ids(c.store, "cases") == set() and local_ids(c.store, "applicants") == set()

    # Later changes of the handed case, and of its applicant, reach window 02 as well.
    cases.check_material(a.ctx, a.wang, moved.number, 1, MaterialStatus.SUBMITTED)
    cases.register_applicant(a.ctx, a.wang, kind=ApplicantKind.PERSON, name="申请人0", id_number=handed_to_b.id_number,
                             phone="13911112222")
    cases.check_material(a.ctx, a.wang, stays.number, 1, MaterialStatus.SUBMITTED)
    a.sync_once()
    b.sync_once()
    assert _local(b, "SELECT status FROM case_materials WHERE case_id = :i AND seq = 1", i=moved.id) == "submitted"
    assert _local(b, "SELECT phone FROM applicants WHERE id = :i", i=handed_to_b.id) == "13911112222"
    assert stays.id not in local_ids(b.store, "cases")
    # Window 02 works on it, and window 01 sees that work.
    cases.check_material(b.ctx, b.wang, moved.number, 2, MaterialStatus.SUBMITTED)
    b.sync_once()
    a.sync_once()
    assert _local(a, "SELECT status FROM case_materials WHERE case_id = :i AND seq = 2", i=moved.id) == "submitted"

    # A counter that moves a case to another window (its record's window) hands it over the same way.
    with a.store.transaction() as s:
        s.get(CaseRow, stays.id).window = "03"
        s.add(AuditRow(id=uuid7(), at=datetime.now(), actor="wang", action="case.move", entity="case",
                       entity_id=stays.id))
    a.sync_once()
    c.sync_once()
    assert stays.id in local_ids(c.store, "cases") and kept.id in local_ids(c.store, "applicants")
    assert moved.id not in local_ids(c.store, "cases")
    _clean(center, a, b, c)
    # A raw pull by another window-04 device of the center still gets neither case.
    pulled = Rogue(center, center.enrol_code(center="DEMO", window="04")).pull_all()
    assert {p["entity"] for p in pulled} == {"users"}
    rc, out, _err = center_cli(center, "handover", "--center", "DEMO", monkeypatch=monkeypatch, capsys=capsys)
    listed = {(r["case_id"], r["window"], r["reason"]) for r in map(json.loads, out.splitlines())}
    assert listed == {(moved.id, "02", "transfer"), (stays.id, "03", "transfer")}


def test_the_output_desk_receives_every_case_ready_for_pickup_and_hands_it_out(
        center, counter_factory, monkeypatch, capsys) -> None:
    a, desk = _window_center(center, counter_factory, monkeypatch, capsys, "01", "09")
    first, second = _applicant(a, 0), _applicant(a, 1)
    early = cases.open_case(a.ctx, a.wang, matter_code=MATTER, applicant_id=first.id)
    later = cases.open_case(a.ctx, a.wang, matter_code=MATTER, applicant_id=second.id)
    waiting = cases.open_case(a.ctx, a.wang, matter_code=MATTER, applicant_id=second.id)
    _ready(a, early.number)
    a.sync_once()
    # Window 09 becomes the output desk: the case already waiting for pickup is handed to it at once ...
    rc, _out, err = center_cli(center, "output-desk", "--center", "DEMO", "--window", "09",
                               monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    desk.sync_once()
    assert local_ids(desk.store, "cases") == {early.id}
    # ... and each case entering 待出件 later, as the push that made it ready is applied.
    _ready(a, later.number)
    a.sync_once()
    desk.sync_once()
    assert local_ids(desk.store, "cases") == {early.id, later.id}  # never the case still in intake
    assert waiting.id not in local_ids(desk.store, "cases")
    assert local_ids(desk.store, "applicants") == {first.id, second.id}
    # The desk hands the result out to the applicant; window 01 sees its case delivered.
    cases.deliver(desk.ctx, desk.wang, early.number, mode=DeliveryMode.ON_SITE, receiver_id_number=first.id_number)
    desk.sync_once()
    a.sync_once()
    assert _local(a, "SELECT state FROM cases WHERE id = :i", i=early.id) == CaseState.DELIVERED.value
    rc, out, _err = center_cli(center, "output-desk", "--center", "DEMO", monkeypatch=monkeypatch, capsys=capsys)
    assert [json.loads(line)["output_desk"] for line in out.splitlines()] == ["09"]
    _clean(center, a, desk)


def test_a_joint_case_is_handed_over_whole(center, counter_factory, monkeypatch, capsys) -> None:
    a, b = _window_center(center, counter_factory, monkeypatch, capsys, "01", "02")
    applicant = _applicant(a, 0)
    one, other = bundles.open_bundle(a.ctx, a.wang, [DIBAO, JIUZHU], applicant.id)
    alone = cases.open_case(a.ctx, a.wang, matter_code=MATTER, applicant_id=applicant.id)
    a.sync_once()
    rc, _out, err = center_cli(center, "handover", "--center", "DEMO", "--case", one.number, "--window", "02",
                               monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    b.sync_once()
    assert local_ids(b.store, "cases") == {one.id, other.id}
    assert bundles.bundle_cases(b.ctx, b.wang, one.bundle_id)[1].number == other.number
    assert alone.id not in local_ids(b.store, "cases")
    # Asking again changes nothing; an unknown case is one sentence.
    rc, out, _err = center_cli(center, "handover", "--center", "DEMO", "--case", other.number, "--window", "02",
                               monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0 and "无需移交" in out
    rc, _out, err = center_cli(center, "handover", "--center", "DEMO", "--case", "NOPE", "--window", "02",
                               monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and err.count("\n") == 1 and "没有编号为 NOPE 的办件" in err
    _clean(center, a, b)


def test_after_retention_a_new_window_counter_rebuilds_with_the_cases_handed_to_it_only(
        center, counter_factory, monkeypatch, capsys) -> None:
    """A pull from 0 below the retention floor is served from the records (sync/server/retention.py): with the
    same need to know — the window's own records and the cases handed to it, nothing else."""
    a, b = _window_center(center, counter_factory, monkeypatch, capsys, "01", "02")
    handed, kept = _applicant(a, 0), _applicant(a, 1)
    moved = cases.open_case(a.ctx, a.wang, matter_code=MATTER, applicant_id=handed.id)
    stays = cases.open_case(a.ctx, a.wang, matter_code=MATTER, applicant_id=kept.id)
    a.sync_once()
    rc, _out, err = center_cli(center, "handover", "--center", "DEMO", "--case", moved.number, "--window", "02",
                               monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    for c in (a, b, a, b, a, b):  # a quiet last round: each device has asked from the feed's head
        c.sync_once()
    rc, out, err = center_cli(center, "retention", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    assert center.scalar("SELECT count(*) FROM changes WHERE center_code = 'DEMO'") == 0  # all pruned
    fresh = counter_factory("w02-new", window="02")
    fresh.sync_once()
    assert local_ids(fresh.store, "cases") == {moved.id} and stays.id not in local_ids(fresh.store, "cases")
    assert _case_records(fresh, moved.id) == _case_records(a, moved.id)
    assert local_ids(fresh.store, "applicants") == {handed.id}
    assert fresh.status().last_error is None and fresh.status().quarantined == 0
