"""Unfinished intakes on a real profile: listed per intake (a joint application once), parked,
resumed whole, withdrawn with a reason; a part-decided joint application resumes what is left."""

from __future__ import annotations

import pytest

from clerk_app.domain.cases import CaseState, IntakeDecision, MaterialStatus
from clerk_app.errors import DomainError
from clerk_app.services import bundles
from clerk_app.services import cases as svc
from clerk_app.services.intakes import park_intake, resume_intake, unfinished_intakes, withdraw_intake

DIBAO, JIUZHU = "000119001000", "000119004000"


def test_joint_intake_listed_once_parked_resumed_and_withdrawn(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    a, b = bundles.open_bundle(ctx, clerk, [DIBAO, JIUZHU], new_applicant().id)
    single = svc.open_case(ctx, clerk, matter_code=JIUZHU, applicant_id=new_applicant("440308199901101512", "李四").id)
    listed = unfinished_intakes(ctx, clerk)
    assert sorted(i.numbers for i in listed) == sorted([(a.number, b.number), (single.number,)])
    assert {i.applicant_masked for i in listed} == {"张*丰", "李*"} and not any(i.parked for i in listed)
    park_intake(ctx, clerk, [a.number, b.number])
    assert {i.numbers: i.parked for i in unfinished_intakes(ctx, clerk)}[(a.number, b.number)] is True
    cases, applicant, agent = resume_intake(ctx, clerk, b.number)
    assert [c.number for c in cases] == [a.number, b.number] and applicant.name == "张三丰" and agent is None
    with pytest.raises(DomainError, match="撤回原因"):
        withdraw_intake(ctx, clerk, [single.number], "  ")
    withdraw_intake(ctx, clerk, [single.number], "申请人主动撤回")
    assert svc.get_case(ctx, clerk, single.number).state is CaseState.WITHDRAWN
    assert [i.numbers for i in unfinished_intakes(ctx, clerk)] == [(a.number, b.number)]


def test_part_decided_joint_intake_resumes_what_is_left(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    a, b = bundles.open_bundle(ctx, clerk, [DIBAO, JIUZHU], new_applicant().id)
    svc.record_tell_commit_offer(ctx, clerk, a.number, applicant_chose=False)
    for m in svc.get_case(ctx, clerk, a.number).materials:
        svc.check_material(ctx, clerk, a.number, m.seq, MaterialStatus.SUBMITTED)
    svc.decide_intake(ctx, clerk, a.number, IntakeDecision.ACCEPT)
    park_intake(ctx, clerk, [b.number])
    with pytest.raises(DomainError):
        park_intake(ctx, clerk, [a.number])  # decided: nothing to set aside
    cases, _applicant, _agent = resume_intake(ctx, clerk, b.number)
    assert [c.number for c in cases] == [b.number]
    assert [i.numbers for i in unfinished_intakes(ctx, clerk)] == [(b.number,)]
