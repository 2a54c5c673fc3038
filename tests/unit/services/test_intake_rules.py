"""The intake rules the wizard used to hold, asked of the services (issue 16 item 3): the 告知承诺
offer comes before any decision but 不予受理 where it is offerable, the proposed 容缺 date counts
working days, and the applicant with an agent is registered in one transaction. Real SQLite profile."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from clerk_app.domain.applicants import ApplicantKind, Delegation
from clerk_app.domain.cases import IntakeDecision, MaterialStatus
from clerk_app.errors import DomainError
from clerk_app.services import cases as svc
from clerk_app.store.tables import ApplicantRow

SHOP = "000131127004"  # 个体工商户设立登记: 告知承诺 allowed; 3 容缺后补 (default days from the catalogue)
JIUZHU = "000119004000"  # 临时救助: no 告知承诺


def _checked(ctx, clerk, applicant_id, matter):  # type: ignore[no-untyped-def]
    case = svc.open_case(ctx, clerk, matter_code=matter, applicant_id=applicant_id)
    for m in case.materials:
        svc.check_material(ctx, clerk, case.number, m.seq, MaterialStatus.SUBMITTED)
    return case.number


def test_offer_first_where_offerable_then_the_checklist_decides(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    number = _checked(ctx, clerk, new_applicant().id, SHOP)
    choices = svc.intake_choices(ctx, clerk, number)
    assert choices.tell_commit_offerable and choices.tell_commit_offer_pending
    assert "请先告知申请人可选择告知承诺" in (choices.options[IntakeDecision.ACCEPT] or "")
    assert choices.options[IntakeDecision.REJECT] is None
    with pytest.raises(DomainError, match="请先告知申请人可选择告知承诺"):  # the service refuses as the step shows
        svc.decide_intake(ctx, clerk, number, IntakeDecision.ACCEPT)
    svc.record_tell_commit_offer(ctx, clerk, number, applicant_chose=False)
    after = svc.intake_choices(ctx, clerk, number)
    assert not after.tell_commit_offer_pending and after.options[IntakeDecision.ACCEPT] is None
    assert svc.decide_intake(ctx, clerk, number, IntakeDecision.ACCEPT).accept_mode is not None


def test_no_offer_where_the_matter_does_not_allow_it(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    number = _checked(ctx, clerk, new_applicant().id, JIUZHU)
    choices = svc.intake_choices(ctx, clerk, number)
    assert not choices.tell_commit_offerable and choices.options[IntakeDecision.ACCEPT] is None


def test_no_offer_owed_to_an_applicant_the_credit_bar_excludes(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    """A broken 容缺 commitment bars 告知承诺 (seed 003 App. C.7): nothing to offer, nothing to wait for."""
    clerk = users["clerk"]
    applicant = new_applicant().id
    first = svc.open_case(ctx, clerk, matter_code=SHOP, applicant_id=applicant)
    for m in first.materials:
        svc.check_material(ctx, clerk, first.number, m.seq,
                           MaterialStatus.MISSING if m.necessity.value == "容缺后补" else MaterialStatus.SUBMITTED)
    svc.record_tell_commit_offer(ctx, clerk, first.number, applicant_chose=False)
    svc.decide_intake(ctx, clerk, first.number, IntakeDecision.ACCEPT_RONGQUE, rongque_due=date(2026, 3, 4))
    clock.now = datetime(2026, 3, 5, 9)
    svc.break_overdue_commitments(ctx, users["supervisor"])
    number = _checked(ctx, clerk, applicant, SHOP)
    choices = svc.intake_choices(ctx, clerk, number)
    assert not choices.tell_commit_offerable and not choices.tell_commit_offer_pending
    assert "失信" in (choices.options[IntakeDecision.ACCEPT_TELL_COMMIT] or "")
    assert choices.options[IntakeDecision.ACCEPT] is None
    assert svc.decide_intake(ctx, clerk, number, IntakeDecision.ACCEPT).accept_mode is not None


def test_the_proposed_rongque_date_counts_working_days(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    """From Thursday 2026-09-24 the matter's working days skip the weekend and National Day (10-01..
    10-07, with 调休): 10-09, where counting calendar days gave 10-01, a holiday."""
    clerk = users["clerk"]
    clock.now = datetime(2026, 9, 24, 10)
    number = _checked(ctx, clerk, new_applicant().id, SHOP)
    choices = svc.intake_choices(ctx, clerk, number)
    assert choices.rongque_due == date(2026, 10, 9) and not choices.rongque_due_provisional


def _applicants(ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(ApplicantRow)))


def test_applicant_and_agent_in_one_transaction(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    before = _applicants(ctx)
    expired = Delegation(agent_id="", scope="代为办理", valid_to=date(2026, 3, 1), liabilities_acknowledged=True)
    with pytest.raises(DomainError):
        svc.register_intake_people(ctx, clerk, kind=ApplicantKind.PERSON, name="张三丰", id_number="11010519491231002X",
                                   delegation=expired, agent_name="李代办", agent_id_number="440524188001010014")
    with pytest.raises(DomainError):  # a wrong agent's number: the applicant is not written either
        svc.register_intake_people(ctx, clerk, kind=ApplicantKind.PERSON, name="张三丰", id_number="11010519491231002X",
                                   delegation=Delegation(agent_id="", scope="代为办理", valid_to=date(2026, 4, 1),
                                                         liabilities_acknowledged=True),
                                   agent_name="李代办", agent_id_number="440524188001010015")
    assert _applicants(ctx) == before
    applicant, agent = svc.register_intake_people(
        ctx, clerk, kind=ApplicantKind.PERSON, name="张三丰", id_number="11010519491231002X",
        delegation=Delegation(agent_id="", scope="代为办理", valid_to=date(2026, 4, 1), liabilities_acknowledged=True),
        agent_name="李代办", agent_id_number="440524188001010014")
    assert agent is not None and agent.id_number == "440524188001010014" and applicant.id != agent.id
    assert _applicants(ctx) == before + 2
    alone, none = svc.register_intake_people(ctx, clerk, kind=ApplicantKind.PERSON, name="张三丰",
                                             id_number="11010519491231002X")
    assert none is None and alone.id == applicant.id  # the same ID number finds the same applicant
