"""Joint cases (联办件) on a real SQLite file: one transaction for the bundle, shared checks and captures,
search and detail showing the linked cases, roles and audit."""

import pytest
from sqlalchemy import func, select

from clerk_app.domain.cases import CaseState, IntakeDecision, MaterialStatus
from clerk_app.errors import DomainError, PermissionDenied
from clerk_app.services import bundles
from clerk_app.services import cases as svc
from clerk_app.services.search import search_cases
from clerk_app.store import attachments
from clerk_app.store.tables import AuditRow, CaseRow

DIBAO, JIUZHU = "000119001000", "000119004000"  # 低保 and 临时救助 share 家庭经济状况核对授权书


def _cases(ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(CaseRow)) or 0)


def test_open_bundle_numbers_each_matter_and_links_them(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    a, b = bundles.open_bundle(ctx, clerk, [DIBAO, JIUZHU], new_applicant().id)
    assert (a.number, b.number) == ("DEMO-01-20260302-0001", "DEMO-01-20260302-0002")
    assert a.bundle_id == b.bundle_id is not None
    assert [c.matter_code for c in bundles.bundle_cases(ctx, clerk, a.bundle_id)] == [DIBAO, JIUZHU]
    with ctx.store.read() as s:
        actions = list(s.scalars(select(AuditRow.action).where(AuditRow.action.in_(["case.receive", "bundle.open"]))))
    assert sorted(actions) == ["bundle.open", "case.receive", "case.receive"]


def test_a_refused_bundle_writes_nothing(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    applicant = new_applicant()
    with pytest.raises(DomainError, match="选了两次"):
        bundles.open_bundle(ctx, users["clerk"], [DIBAO, DIBAO], applicant.id)
    with pytest.raises(DomainError, match="找不到该申请人"):
        bundles.open_bundle(ctx, users["clerk"], [DIBAO, JIUZHU], "no-such-applicant")
    assert _cases(ctx) == 0
    # the counter did not move either: the next case is still number 1
    assert svc.open_case(ctx, users["clerk"], matter_code=DIBAO, applicant_id=applicant.id).number.endswith("-0001")


def test_shared_material_checked_and_captured_once_for_both(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    a, b = bundles.open_bundle(ctx, clerk, [DIBAO, JIUZHU], new_applicant().id)
    row = next(r for r in bundles.joint_checklist(ctx, clerk, a.bundle_id) if r.shared)
    bundles.check_shared_material(ctx, clerk, row.lines, MaterialStatus.SUBMITTED)
    jpeg = b"\xff\xd8\xff\xe0" + b"page" * 100
    digest = bundles.attach_shared_capture(ctx, clerk, row.lines, jpeg)
    for number, seq in row.lines:
        line = next(m for m in svc.get_case(ctx, clerk, number).materials if m.seq == seq)
        assert line.status is MaterialStatus.SUBMITTED and line.attachment == digest
    assert attachments.get(ctx.paths.attachments, digest) == jpeg
    assert len(list(ctx.paths.attachments.rglob(digest))) == 1  # one file, linked twice
    with pytest.raises(DomainError, match="哪里不符合要求"):  # one bad line refuses the whole check
        bundles.check_shared_material(ctx, clerk, [(a.number, 1), (b.number, 1)], MaterialStatus.DEFECTIVE)
    other = svc.open_case(ctx, clerk, matter_code=DIBAO, applicant_id=new_applicant("110105198001010016", "李四").id)
    with pytest.raises(DomainError, match="同一联办申请"):
        bundles.attach_shared_capture(ctx, clerk, [(a.number, 1), (other.number, 1)], jpeg)


def test_search_and_detail_show_the_linked_cases(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    a, b = bundles.open_bundle(ctx, clerk, [DIBAO, JIUZHU], new_applicant().id)
    found = search_cases(ctx, clerk, "张三丰")
    assert {r.number: r.linked for r in found} == {a.number: (b.number,), b.number: (a.number,)}
    assert {r.number for r in search_cases(ctx, clerk, a.number)} == {a.number, b.number}
    detail = svc.case_detail(ctx, clerk, b.number)
    assert detail.linked == ((a.number, "最低生活保障审核确认", CaseState.RECEIVED),)
    assert svc.case_detail(ctx, clerk, svc.open_case(ctx, clerk, matter_code=DIBAO, applicant_id=a.applicant_id)
                           .number).linked == ()


def test_each_case_is_decided_on_its_own(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    a, b = bundles.open_bundle(ctx, clerk, [DIBAO, JIUZHU], new_applicant().id)
    for row in bundles.joint_checklist(ctx, clerk, a.bundle_id):
        status = MaterialStatus.NOT_APPLICABLE if row.necessity.value == "非必要" else (
            MaterialStatus.MISSING if row.name == "导致困难的相关证明" else MaterialStatus.SUBMITTED)
        bundles.check_shared_material(ctx, clerk, row.lines, status)
    svc.record_tell_commit_offer(ctx, clerk, a.number, applicant_chose=False)
    assert svc.decide_intake(ctx, clerk, a.number, IntakeDecision.ACCEPT).state is CaseState.ACCEPTED
    assert svc.intake_options(ctx, clerk, b.number)[IntakeDecision.ACCEPT] is not None  # its 容缺 item is missing
    assert svc.decide_intake(ctx, clerk, b.number, IntakeDecision.ACCEPT_RONGQUE).state is CaseState.ACCEPTED


def test_roles_are_enforced(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        bundles.open_bundle(ctx, users["it"], [DIBAO, JIUZHU], new_applicant().id)
    assert _cases(ctx) == 0
