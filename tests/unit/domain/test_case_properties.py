"""Property: no sequence of commands drives a case into an illegal state."""

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.domain.cases import (
    COMMITMENT_ACTIONS,
    TERMINAL_STATES,
    TRANSITIONS,
    Action,
    Case,
    CaseState,
    CommitmentStatus,
)
from clerk_app.domain.matters import (
    CaseKind,
    Level,
    LimitUnit,
    Material,
    MaterialForm,
    Matter,
    MatterType,
    Necessity,
    TimeLimit,
)
from clerk_app.errors import DomainError

MATTER = Matter(code="X1", name="测试事项", type=MatterType.LICENSING, level=Level.COUNTY, department="测试局",
                legal_limit=TimeLimit(20, LimitUnit.WORKING_DAYS), promise_limit=TimeLimit(5, LimitUnit.WORKING_DAYS),
                case_kind=CaseKind.PROMISED,
                materials=(Material(1, "申请书", MaterialForm.ORIGINAL, 1, Necessity.REQUIRED),))
REACHABLE_FROM: dict[CaseState, set[CaseState]] = {}
for (src, _a), dst in TRANSITIONS.items():
    REACHABLE_FROM.setdefault(src, set()).add(dst)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(Action)), st.booleans()), max_size=40))
def test_no_command_sequence_reaches_an_illegal_state(commands) -> None:  # type: ignore[no-untyped-def]
    case = Case.receive(id="c", number="N-1-20260101-0001", matter=MATTER, applicant_id="a", at=datetime(2026, 1, 5),
                        window="1", clerk_id="u")
    at = datetime(2026, 1, 5, 9)
    accepted = 0
    for action, rongque in commands:
        at += timedelta(minutes=1)
        before = case.state
        legal = (before, action) in TRANSITIONS or (
            action in COMMITMENT_ACTIONS and case.commitment is CommitmentStatus.PENDING and before not in TERMINAL_STATES)
        try:
            t = case.apply(action, actor="u", at=at)
        except DomainError:
            assert not legal, f"{action} refused from {before}"
            assert case.state is before
            continue
        assert legal, f"{action} allowed from {before}"
        accepted += 1
        assert t.from_state is before and t.to_state is case.state
        if action not in COMMITMENT_ACTIONS:
            assert case.state in REACHABLE_FROM[before]
        if action is Action.ACCEPT and rongque:
            case.commitment = CommitmentStatus.PENDING
        if action is Action.BREAK_COMMITMENT:
            case.commitment = CommitmentStatus.BROKEN
        assert action in Action and case.state in CaseState
    assert len(case.history) == accepted
    for prev, nxt in zip(case.history, case.history[1:], strict=False):
        assert prev.to_state is nxt.from_state
    if case.state in TERMINAL_STATES:
        assert not (case.allowed_actions() - COMMITMENT_ACTIONS)
