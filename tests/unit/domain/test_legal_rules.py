"""The legal rules of issue 14 as pure domain rules, each named with the seed or the law it enforces."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from clerk_app.domain.cases import (
    AcceptMode,
    Action,
    Case,
    CaseState,
    CommitmentStatus,
    IntakeDecision,
    MaterialStatus,
    credit_bar,
    decide_intake_options,
    formal_notices,
    notice_refusal,
    notified_items,
)
from clerk_app.domain.deadline_policy import classify, running_deadline, soon_horizon
from clerk_app.domain.deadlines import DeadlineStatus, acceptance_counts_from, one_time_notice_deadline
from clerk_app.domain.matters import Necessity
from clerk_app.domain.workdays import WorkCalendar, builtin_schedules
from clerk_app.errors import DomainError

D = date.fromisoformat
T0 = datetime(2026, 3, 2, 9, 0)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar(base=builtin_schedules())


@pytest.fixture
def matter(ctx):  # type: ignore[no-untyped-def]
    return ctx.catalogue.by_code("000131127004")  # materials 1-2 required, 3 容缺后补, 4 optional; 告知承诺


def new_case(matter) -> Case:  # type: ignore[no-untyped-def]
    return Case.receive(id="c1", number="DEMO-01-20260302-0001", matter=matter, applicant_id="a1", at=T0,
                        window="01", clerk_id="u1")


def _set(case: Case, statuses: dict[int, MaterialStatus]) -> None:
    for m in case.materials:
        m.status = statuses.get(m.seq, m.status)


# -- item 1: 行政许可法 第32条 -------------------------------------------------------------------------
def test_law_32_without_timely_notice_acceptance_counts_from_receipt(cal: WorkCalendar) -> None:
    """行政许可法 第32条: no 一次性告知 within five working days → accepted on the day of receipt."""
    assert one_time_notice_deadline(cal, D("2026-03-02")).date == D("2026-03-09")
    assert acceptance_counts_from(cal, D("2026-03-02"), D("2026-03-12")) == D("2026-03-02")
    assert acceptance_counts_from(cal, D("2026-03-02"), D("2026-03-09")) == D("2026-03-09")  # the fifth day is in time
    # a late notice does not help either; after a timely one, the resubmission is the new receipt
    assert acceptance_counts_from(cal, D("2026-03-02"), D("2026-03-20"), notified=D("2026-03-10")) == D("2026-03-02")
    assert acceptance_counts_from(cal, D("2026-03-02"), D("2026-03-20"), notified=D("2026-03-04"),
                                  resubmitted=D("2026-03-18")) == D("2026-03-20")
    assert acceptance_counts_from(cal, D("2026-03-02"), D("2026-03-30"), notified=D("2026-03-04"),
                                  resubmitted=D("2026-03-18")) == D("2026-03-18")


def test_law_32_five_days_across_2025_national_day_and_2026_spring_festival(cal: WorkCalendar) -> None:
    """第32条 with 第82条 (working days): the 调休 make-up days count, the holiday blocks do not."""
    # Mon 2025-09-29 → 09-30 (1), 10-01..08 off, 10-09 (2), 10-10 (3), Sat 10-11 make-up (4), 10-13 (5)
    assert one_time_notice_deadline(cal, D("2025-09-29")).date == D("2025-10-13")
    # Thu 2026-02-12 → 02-13 (1), Sat 02-14 make-up (2), 02-15..23 off, 02-24..26 (3-5)
    assert one_time_notice_deadline(cal, D("2026-02-12")).date == D("2026-02-26")


# -- the one deadline policy (issue 16 item 3) -------------------------------------------------------
def test_deadline_policy_intake_and_decision_clocks_only(cal: WorkCalendar) -> None:
    """seed 001 §5.3.3 限时办结 and 行政许可法 第32条: only a running clock can be due; 已办结/待出件 never are."""
    today = D("2026-03-05")
    horizon = soon_horizon(cal, today, 2)
    assert horizon == D("2026-03-09")
    assert classify(running_deadline(CaseState.RECEIVED, None, D("2026-03-09")), today, horizon) is DeadlineStatus.DUE_SOON
    assert classify(running_deadline(CaseState.ACCEPTED, D("2026-03-04"), None), today, horizon) is DeadlineStatus.OVERDUE
    assert classify(running_deadline(CaseState.TRANSFERRED, D("2026-03-20"), None), today, horizon) is DeadlineStatus.ON_TIME
    for state in (CaseState.DECIDED, CaseState.RESULT_READY, CaseState.PENDING_SUPPLEMENT, CaseState.ARCHIVED):
        assert classify(running_deadline(state, D("2026-03-04"), D("2026-03-04")), today, horizon) is None
    # a stopped clock (第45条) is not due
    assert running_deadline(CaseState.ACCEPTED, D("2026-03-04"), None, paused=True) is None


# -- item 4: the notice is the one the decision calls for ---------------------------------------------
def test_seed_001_app_e_f_notice_only_for_the_decision_made(matter) -> None:  # type: ignore[no-untyped-def]
    """seed 001 §5.2.2, App. E/F/G: no 受理通知书 for a rejected case, no 不予受理通知书 for an accepted one."""
    rejected = new_case(matter)
    rejected.apply(Action.REJECT, actor="u1", at=T0, reason="不属于本机关职权")
    assert "不能出具受理通知书" in (notice_refusal(rejected, "acceptance") or "")
    assert notice_refusal(rejected, "rejection") is None
    accepted = new_case(matter)
    accepted.apply(Action.ACCEPT, actor="u1", at=T0)
    accepted.accept_mode, accepted.accepted_at = AcceptMode.NORMAL, T0
    assert "不能出具不予受理通知书" in (notice_refusal(accepted, "rejection") or "")
    assert notice_refusal(accepted, "rongque_commitment") is not None
    assert notice_refusal(accepted, "one_time_notice") is not None
    assert notice_refusal(accepted, "guide") is None  # not a decision: always printable
    for case in (rejected, accepted):
        assert all(notice_refusal(case, k) is None for k in formal_notices(case))


# -- item 2: 容缺 lapses -------------------------------------------------------------------------------
def test_seed_001_5_3_5_late_materials_do_not_fulfil_a_lapsed_rongque(matter) -> None:  # type: ignore[no-untyped-def]
    """seed 001 §5.3.5: past the promised date the case is no longer 容缺; late materials do not keep it."""
    case = new_case(matter)
    case.apply(Action.ACCEPT, actor="u1", at=T0)
    case.commitment, case.rongque_due = CommitmentStatus.PENDING, D("2026-03-09")
    with pytest.raises(DomainError, match="已过"):
        case.apply(Action.FULFIL_COMMITMENT, actor="u1", at=datetime(2026, 3, 10, 9))
    case.apply(Action.FULFIL_COMMITMENT, actor="u1", at=datetime(2026, 3, 9, 16))  # on the day is in time


# -- items 3 and 6: 告知承诺 by choice; the credit bar ---------------------------------------------------
def test_seed_001_5_3_6_tell_commit_only_when_the_applicant_chose_it(matter) -> None:  # type: ignore[no-untyped-def]
    """seed 001 §5.3.6: 告知承诺应以服务对象自愿申请为原则; declined → the ordinary procedure."""
    case = new_case(matter)
    no = decide_intake_options(matter, case.materials, tell_commit_choice=False)[IntakeDecision.ACCEPT_TELL_COMMIT]
    assert no is not None and "一般程序" in no
    assert decide_intake_options(matter, case.materials, tell_commit_choice=True)[IntakeDecision.ACCEPT_TELL_COMMIT] is None
    case.tell_commit_choice = False
    assert notice_refusal(case, "tell_commit") is not None


def test_seed_003_c7_credit_bar_for_the_period_the_center_sets(matter) -> None:  # type: ignore[no-untyped-def]
    """requirements §1.4; seed 003 App. C.7 容缺受理失信处理制度: a broken commitment bars 告知承诺 and 容缺."""
    assert credit_bar([D("2026-01-10")], D("2026-03-02"), 365) is not None
    assert credit_bar([D("2025-01-10")], D("2026-03-02"), 365) is None  # the period has passed
    assert credit_bar([D("2026-01-10")], D("2026-03-02"), 0) is None  # the center turned the bar off
    why = credit_bar([D("2026-01-10")], D("2026-03-02"), 365)
    assert why is not None and "2026-01-10" in why and "2027-01-10" in why
    case = new_case(matter)
    _set(case, {1: MaterialStatus.SUBMITTED, 2: MaterialStatus.SUBMITTED, 3: MaterialStatus.MISSING,
                4: MaterialStatus.NOT_APPLICABLE})
    opts = decide_intake_options(matter, case.materials, credit_bar=why, tell_commit_choice=True)
    assert opts[IntakeDecision.ACCEPT_RONGQUE] == why and opts[IntakeDecision.ACCEPT_TELL_COMMIT] == why
    assert opts[IntakeDecision.ONE_TIME_NOTICE] is None  # the ordinary ways stay open


# -- item 12: 一次性告知 lists everything at once --------------------------------------------------------
def test_seed_001_5_3_2_one_time_notice_lists_everything_at_once(matter) -> None:  # type: ignore[no-untyped-def]
    """seed 001 §5.3.2, 行政许可法 第32条: one notice, after every line is checked; no new item later."""
    case = new_case(matter)
    _set(case, {1: MaterialStatus.SUBMITTED, 2: MaterialStatus.SUBMITTED, 3: MaterialStatus.MISSING})
    assert "全部材料核验后" in (decide_intake_options(matter, case.materials)[IntakeDecision.ONE_TIME_NOTICE] or "")
    _set(case, {4: MaterialStatus.NOT_APPLICABLE})
    assert decide_intake_options(matter, case.materials)[IntakeDecision.ONE_TIME_NOTICE] is None
    case.apply(Action.NOTIFY_SUPPLEMENT, actor="u1", at=T0, data={"items": [{"seq": 3, "name": "x"}]})
    case.apply(Action.RESUBMIT, actor="u1", at=T0)
    assert notified_items(case) == frozenset({3})
    _set(case, {2: MaterialStatus.DEFECTIVE, 3: MaterialStatus.SUBMITTED})  # present at the first notice
    why = decide_intake_options(matter, case.materials, notified_before=notified_items(case))[
        IntakeDecision.ONE_TIME_NOTICE]
    assert why is not None and "一次讲清" in why
    _set(case, {2: MaterialStatus.SUBMITTED, 3: MaterialStatus.DEFECTIVE})  # the same item still wrong: allowed
    assert decide_intake_options(matter, case.materials, notified_before=notified_items(case))[
        IntakeDecision.ONE_TIME_NOTICE] is None
    assert Necessity.OPTIONAL in {m.necessity for m in case.materials}


def test_seed_001_5_3_6_d_a_false_tell_commit_can_be_recorded(matter) -> None:  # type: ignore[no-untyped-def]
    """seed 001 §5.3.6 d) 认定申请人未履行承诺、虚假承诺: a 告知承诺 case may be found false; a normal one may not."""
    case = new_case(matter)
    case.apply(Action.ACCEPT, actor="u1", at=T0)
    case.accept_mode = AcceptMode.TELL_COMMIT
    case.apply(Action.BREAK_COMMITMENT, actor="u1", at=T0, reason="虚假承诺")
    normal = new_case(matter)
    normal.apply(Action.ACCEPT, actor="u1", at=T0)
    normal.accept_mode = AcceptMode.NORMAL
    with pytest.raises(DomainError, match="没有待履行的容缺承诺"):
        normal.apply(Action.BREAK_COMMITMENT, actor="u1", at=T0)
