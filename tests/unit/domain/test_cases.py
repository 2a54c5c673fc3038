from datetime import datetime

import pytest

from clerk_app.domain.cases import (
    TERMINAL_STATES,
    TRANSITIONS,
    Action,
    Case,
    CaseState,
    IntakeDecision,
    MaterialStatus,
    decide_intake_options,
    format_case_number,
)
from clerk_app.domain.matters import Necessity
from clerk_app.errors import DomainError

T0 = datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def matter(ctx):  # type: ignore[no-untyped-def]
    return ctx.catalogue.by_code("000131127004")  # 个体工商户设立登记: one 容缺 item, one optional, 告知承诺


def new_case(matter) -> Case:  # type: ignore[no-untyped-def]
    return Case.receive(id="c1", number="DEMO-01-20260302-0001", matter=matter, applicant_id="a1", at=T0,
                        window="01", clerk_id="u1")


def test_transition_appends_who_when_from_to_why(matter) -> None:  # type: ignore[no-untyped-def]
    case = new_case(matter)
    t = case.apply(Action.NOTIFY_SUPPLEMENT, actor="u1", at=T0, reason="缺经营场所证明")
    assert (t.from_state, t.to_state, t.actor, t.at, t.reason) == (
        CaseState.RECEIVED, CaseState.PENDING_SUPPLEMENT, "u1", T0, "缺经营场所证明")
    case.apply(Action.RESUBMIT, actor="u2", at=T0)
    assert case.state is CaseState.RECEIVED and [h.action for h in case.history] == [Action.NOTIFY_SUPPLEMENT,
                                                                                     Action.RESUBMIT]


def test_illegal_transition_says_state_and_action(matter) -> None:  # type: ignore[no-untyped-def]
    case = new_case(matter)
    with pytest.raises(DomainError, match="当前状态为“已接件”，不能执行“出件”"):
        case.apply(Action.DELIVER, actor="u1", at=T0)
    assert case.state is CaseState.RECEIVED and case.history == []


def test_terminal_states_have_no_way_out() -> None:
    for (state, _action) in TRANSITIONS:
        assert state not in TERMINAL_STATES


def test_unauthorised_matter_cannot_be_received(ctx) -> None:  # type: ignore[no-untyped-def]
    matter = next((m for m in ctx.catalogue.matters if not m.window_authorised), None)
    assert matter is not None, "the demo catalogue must hold a matter not authorised to the window"
    with pytest.raises(DomainError, match="未授权综合窗口受理"):
        new_case(matter)


def _set(case: Case, status_by_necessity: dict[Necessity, MaterialStatus]) -> None:
    for m in case.materials:
        m.status = status_by_necessity[m.necessity]


def test_intake_options_follow_the_rules(matter) -> None:  # type: ignore[no-untyped-def]
    case = new_case(matter)
    opts = decide_intake_options(matter, case.materials)
    assert opts[IntakeDecision.ACCEPT] is not None and "未核验" in opts[IntakeDecision.ACCEPT]
    assert opts[IntakeDecision.REJECT] is None

    _set(case, {Necessity.REQUIRED: MaterialStatus.SUBMITTED, Necessity.RONGQUE: MaterialStatus.SUBMITTED,
                Necessity.OPTIONAL: MaterialStatus.NOT_APPLICABLE})
    opts = decide_intake_options(matter, case.materials)
    assert opts[IntakeDecision.ACCEPT] is None
    assert opts[IntakeDecision.ACCEPT_RONGQUE] == "材料齐全，无需容缺受理。"
    assert opts[IntakeDecision.ONE_TIME_NOTICE] is not None
    assert "自愿选择" in (opts[IntakeDecision.ACCEPT_TELL_COMMIT] or "")  # not before the applicant answered
    assert decide_intake_options(matter, case.materials, tell_commit_choice=True)[IntakeDecision.ACCEPT_TELL_COMMIT] is None

    _set(case, {Necessity.REQUIRED: MaterialStatus.SUBMITTED, Necessity.RONGQUE: MaterialStatus.MISSING,
                Necessity.OPTIONAL: MaterialStatus.UNCHECKED})
    opts = decide_intake_options(matter, case.materials)
    assert opts[IntakeDecision.ACCEPT_RONGQUE] is None  # only 容缺-eligible items are missing
    assert opts[IntakeDecision.ACCEPT] is not None
    assert "全部材料核验后" in (opts[IntakeDecision.ONE_TIME_NOTICE] or "")  # the optional line is unchecked
    _set(case, {Necessity.REQUIRED: MaterialStatus.SUBMITTED, Necessity.RONGQUE: MaterialStatus.MISSING,
                Necessity.OPTIONAL: MaterialStatus.NOT_APPLICABLE})
    assert decide_intake_options(matter, case.materials)[IntakeDecision.ONE_TIME_NOTICE] is None

    _set(case, {Necessity.REQUIRED: MaterialStatus.MISSING, Necessity.RONGQUE: MaterialStatus.MISSING,
                Necessity.OPTIONAL: MaterialStatus.NOT_APPLICABLE})
    opts = decide_intake_options(matter, case.materials)
    assert "主要材料不齐" in (opts[IntakeDecision.ACCEPT_RONGQUE] or "")
    assert opts[IntakeDecision.ONE_TIME_NOTICE] is None

    opts = decide_intake_options(matter, case.materials, applicant_credit_ok=False)
    assert "失信" in (opts[IntakeDecision.ACCEPT_TELL_COMMIT] or "")


def test_tell_commit_refused_for_ineligible_matter(ctx) -> None:  # type: ignore[no-untyped-def]
    matter = next(m for m in ctx.catalogue.matters if not m.tell_commit_eligible and m.window_authorised)
    case = new_case(matter)
    assert "不适用告知承诺制" in (decide_intake_options(matter, case.materials)[IntakeDecision.ACCEPT_TELL_COMMIT] or "")


def test_case_number_format_and_refusal() -> None:
    from datetime import date

    assert format_case_number("HD01", "03", date(2026, 11, 22), 7) == "HD01-03-20261122-0007"
    with pytest.raises(DomainError):
        format_case_number("HD-01", "03", date(2026, 11, 22), 7)


def test_commitment_actions_need_a_pending_commitment(matter) -> None:  # type: ignore[no-untyped-def]
    case = new_case(matter)
    with pytest.raises(DomainError, match="没有待履行的容缺承诺"):
        case.apply(Action.BREAK_COMMITMENT, actor="u1", at=T0)


def test_formal_notices_follow_the_decision(matter) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.domain.cases import AcceptMode, formal_notices

    case = new_case(matter)
    assert formal_notices(case) == ()  # nothing decided yet
    case.apply(Action.NOTIFY_SUPPLEMENT, actor="u1", at=T0)
    assert formal_notices(case) == ("one_time_notice",)
    case.apply(Action.RESUBMIT, actor="u1", at=T0)
    case.apply(Action.REJECT, actor="u1", at=T0, reason="不属于本机关职权")
    assert formal_notices(case) == ("rejection",)
    for mode, expected in ((AcceptMode.NORMAL, ("acceptance",)),
                           (AcceptMode.RONGQUE, ("acceptance", "rongque_commitment")),
                           (AcceptMode.TELL_COMMIT, ("acceptance", "tell_commit"))):
        accepted = new_case(matter)
        accepted.apply(Action.ACCEPT, actor="u1", at=T0)
        accepted.accept_mode = mode
        assert formal_notices(accepted) == expected
    accepted.agent_id = "agent-1"
    assert formal_notices(accepted)[-1] == "delegation"
