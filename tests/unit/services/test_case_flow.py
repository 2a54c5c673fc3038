"""The use cases end to end on a real SQLite file: intake, decision, back office, output."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from clerk_app.domain.cases import (
    AcceptMode,
    CaseState,
    CommitmentStatus,
    DeliveryMode,
    IntakeDecision,
    MaterialStatus,
)
from clerk_app.errors import DomainError, PermissionDenied
from clerk_app.services import cases as svc
from clerk_app.services.evaluation import record_rating
from clerk_app.services.search import CaseFilter, search_cases
from clerk_app.store.tables import AuditRow, CaseEventRow, RatingRow

MATTER = "000131127004"  # 个体工商户设立登记: materials 1-2 required, 3 容缺后补, 4 optional; 告知承诺 eligible


def _check_all(ctx, clerk, number, *, missing=()):  # type: ignore[no-untyped-def]
    for seq in (1, 2, 3, 4):
        status = MaterialStatus.NOT_APPLICABLE if seq == 4 else (
            MaterialStatus.MISSING if seq in missing else MaterialStatus.SUBMITTED)
        svc.check_material(ctx, clerk, number, seq, status)


def test_accept_sets_promised_due_date_and_history(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    applicant = new_applicant()
    case = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=applicant.id)
    assert case.number == "DEMO-01-20260302-0001" and case.state is CaseState.RECEIVED
    _check_all(ctx, clerk, case.number)
    with pytest.raises(DomainError, match="告知承诺"):
        svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT)  # the offer must come first
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    case = svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT)
    assert case.state is CaseState.ACCEPTED and case.accept_mode is AcceptMode.NORMAL
    assert case.due_date == date(2026, 3, 3) and not case.due_provisional  # 1 working day after Mon 03-02
    stored = svc.get_case(ctx, users["clerk"], case.number)
    assert [(t.from_state, t.to_state, t.actor) for t in stored.history] == [
        (CaseState.RECEIVED, CaseState.ACCEPTED, clerk.user_id)]
    with ctx.store.read() as s:
        actions = list(s.scalars(select(AuditRow.action).where(AuditRow.entity_id == case.id)))
    assert actions[0] == "case.receive" and actions[-1] == "case.accept"


def test_rongque_only_when_just_rongque_items_missing(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    case = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=new_applicant().id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    _check_all(ctx, clerk, case.number, missing=(1, 3))
    with pytest.raises(DomainError, match="主要材料不齐"):
        svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT_RONGQUE)
    svc.check_material(ctx, clerk, case.number, 1, MaterialStatus.SUBMITTED)
    case = svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT_RONGQUE)
    assert case.accept_mode is AcceptMode.RONGQUE and case.commitment is CommitmentStatus.PENDING
    assert case.rongque_due is not None and case.rongque_due > date(2026, 3, 2)


def test_broken_commitment_after_due_date(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    case = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=new_applicant().id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    _check_all(ctx, clerk, case.number, missing=(3,))
    case = svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT_RONGQUE,
                             rongque_due=date(2026, 3, 9))
    assert svc.break_overdue_commitments(ctx, clerk) == []
    clock.now += timedelta(days=8)
    assert svc.break_overdue_commitments(ctx, clerk) == [case.number]
    stored = svc.get_case(ctx, users["clerk"], case.number)
    assert stored.commitment is CommitmentStatus.BROKEN and stored.history[-1].reason == "容缺材料逾期未补交"


def test_one_time_notice_then_resubmit_same_case(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    case = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=new_applicant().id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    _check_all(ctx, clerk, case.number)
    svc.check_material(ctx, clerk, case.number, 1, MaterialStatus.DEFECTIVE, "缺少经营者签字，请签字后提交")
    case = svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ONE_TIME_NOTICE)
    assert case.state is CaseState.PENDING_SUPPLEMENT
    notice = svc.get_case(ctx, users["clerk"], case.number).history[-1]
    assert notice.data["items"] == [{"seq": 1, "name": "个体工商户登记（备案）申请书", "status": "defective",
                                     "note": "缺少经营者签字，请签字后提交"}]
    case = svc.resubmit(ctx, clerk, case.number)
    assert case.state is CaseState.RECEIVED and case.materials[0].status is MaterialStatus.UNCHECKED
    assert search_cases(ctx, clerk, case.number)[0].number == case.number


def test_reject_requires_reason_and_basis(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    case = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=new_applicant().id)
    with pytest.raises(DomainError, match="理由和法律依据"):
        svc.decide_intake(ctx, clerk, case.number, IntakeDecision.REJECT, reason="不属于本机关职权")
    case = svc.decide_intake(ctx, clerk, case.number, IntakeDecision.REJECT, reason="不属于本机关职权",
                             legal_basis="《行政许可法》第三十二条第一款第（二）项")
    assert case.state is CaseState.REJECTED and not case.is_open


def test_full_life_to_archive_with_pickup_check(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk, sup = users["clerk"], users["supervisor"]
    applicant = new_applicant()
    case = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=applicant.id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=True)
    _check_all(ctx, clerk, case.number)
    svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT_TELL_COMMIT)
    svc.transfer(ctx, clerk, case.number, department="区市场监督管理局")
    svc.request_supplement(ctx, clerk, case.number, reason="经营范围表述需规范")
    svc.supplement_delivered(ctx, clerk, case.number)
    svc.record_decision(ctx, clerk, case.number, approved=True)
    svc.mark_result_ready(ctx, clerk, case.number)
    assert [s.number for s in search_cases(ctx, clerk, flt=CaseFilter.AWAITING_PICKUP)] == [case.number]
    with pytest.raises(DomainError, match="领取人身份证与申请人或授权代办人不符"):
        svc.deliver(ctx, clerk, case.number, mode=DeliveryMode.ON_SITE, receiver_id_number="440524188001010014")
    svc.deliver(ctx, clerk, case.number, mode=DeliveryMode.ON_SITE, receiver_id_number=applicant.id_number)
    with pytest.raises(PermissionDenied):
        svc.archive(ctx, clerk, case.number)
    case = svc.archive(ctx, sup, case.number)
    assert case.state is CaseState.ARCHIVED
    assert len(svc.get_case(ctx, users["clerk"], case.number).history) == 8
    record_rating(ctx, clerk, case.number, None)  # walked away at the intake; rated at pickup
    record_rating(ctx, clerk, case.number, 1)
    with ctx.store.read() as s:
        assert sorted(s.scalars(select(RatingRow.level)), key=str) == [1, None]
        assert s.scalar(select(func.count()).select_from(CaseEventRow)) == 8


def test_wrong_role_is_refused_in_the_service(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.domain.applicants import ApplicantKind

    with pytest.raises(PermissionDenied):
        svc.register_applicant(ctx, users["it"], kind=ApplicantKind.PERSON, name="张三", id_number="11010519491231002X")
    with pytest.raises(PermissionDenied):
        search_cases(ctx, users["it"], "张")


def test_search_by_every_key_masks_id(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    a = new_applicant()
    b = new_applicant(id_number="440524188001010014", name="李四", phone="13900139000")
    ca = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=a.id)
    cb = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=b.id)
    assert [r.number for r in search_cases(ctx, clerk, "11010519491231002x")] == [ca.number]
    assert [r.number for r in search_cases(ctx, clerk, "13900139000")] == [cb.number]
    assert [r.number for r in search_cases(ctx, clerk, "张三")] == [ca.number]
    assert [r.number for r in search_cases(ctx, clerk, cb.number.lower())] == [cb.number]
    assert search_cases(ctx, clerk, "张三")[0].applicant_id_masked == "110105********002X"


def test_applicant_input_is_validated(ctx, users) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.domain.applicants import ApplicantKind

    with pytest.raises(DomainError):
        svc.register_applicant(ctx, users["clerk"], kind=ApplicantKind.PERSON, name="张三", id_number="440308199901101513")
    with pytest.raises(DomainError, match="联系电话"):
        svc.register_applicant(ctx, users["clerk"], kind=ApplicantKind.PERSON, name="张三",
                               id_number="11010519491231002X", phone="12345")
    with pytest.raises(DomainError, match="过长"):
        svc.register_applicant(ctx, users["clerk"], kind=ApplicantKind.PERSON, name="张" * 101,
                               id_number="11010519491231002X")


def test_provisional_due_dates_recomputed_when_the_schedule_arrives(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    """A 1-working-day promise accepted on 2026-12-31 falls in 2027, which has no schedule yet."""
    from datetime import datetime

    from clerk_app.domain.roles import Role
    from clerk_app.domain.workdays import YearSchedule
    from clerk_app.services.auth import create_user

    clerk = users["clerk"]
    clock.now = datetime(2026, 12, 30, 10)
    number = "000131127004"
    case = svc.open_case(ctx, clerk, matter_code=number, applicant_id=new_applicant().id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    _check_all(ctx, clerk, case.number)
    case = svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT)
    assert (case.due_date, case.due_provisional) == (date(2026, 12, 31), False)  # still inside 2026
    matter = ctx.catalogue.by_code(number)
    assert matter.promise_limit.value == 1
    # With a 2027 schedule in which Fri 01-01 and Mon 01-04 are holidays, the deadline moves to 01-05.
    case2 = svc.open_case(ctx, clerk, matter_code=number, applicant_id=new_applicant().id)
    svc.record_tell_commit_offer(ctx, clerk, case2.number, applicant_chose=False)
    _check_all(ctx, clerk, case2.number)
    clock.now = datetime(2026, 12, 31, 10)
    case2 = svc.decide_intake(ctx, clerk, case2.number, IntakeDecision.ACCEPT)
    assert (case2.due_date, case2.due_provisional) == (date(2027, 1, 4), True)  # estimated: Fri 01-01 元旦
    ctx.calendar = ctx.calendar.with_schedule(YearSchedule(
        year=2027, holidays=frozenset({date(2027, 1, 1), date(2027, 1, 4)}), makeup_workdays=frozenset(),
        source="测试", official=True))
    admin = create_user(ctx, None, username="adm", display_name="管理员", role=Role.ADMIN, password="admin1234")
    with pytest.raises(PermissionDenied):
        svc.recompute_due_dates(ctx, clerk)
    assert svc.recompute_due_dates(ctx, admin) == 1
    assert (svc.get_case(ctx, users["clerk"], case2.number).due_date, svc.get_case(ctx, users["clerk"], case2.number).due_provisional) == (
        date(2027, 1, 5), False)
    assert svc.get_case(ctx, users["clerk"], case.number).due_date == date(2026, 12, 31)


def test_bad_real_name_rating_opens_a_followup_owned_by_a_supervisor(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.store.ledger_tables import RatingFollowupRow

    clerk = users["clerk"]
    applicant = new_applicant().id
    one, two, three = (svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=applicant).number for _ in range(3))
    record_rating(ctx, clerk, one, 2)                    # 满意: no follow-up
    record_rating(ctx, clerk, two, 4, real_name=False)   # anonymous 不满意: not followed up by name
    record_rating(ctx, clerk, three, 5)                  # 非常不满意, real name
    with ctx.store.read() as s:
        owners = list(s.scalars(select(RatingFollowupRow.owner_id)))
    assert owners == [users["supervisor"].user_id]
