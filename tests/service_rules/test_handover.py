"""Handover and output with a fixed clock (seed 001 §5.1.3, §5.1.4): the 交接单 of a real transferred
case names the department, person and time (read back from the PDF); an undeliverable result goes
back to the department with a reason and a record; who collected on site is recorded."""

from __future__ import annotations

import re
import sys
from datetime import datetime
from pathlib import Path

import pytest

from clerk_app.domain.cases import Action, CaseState, DeliveryMode, IntakeDecision, MaterialStatus
from clerk_app.errors import DomainError
from clerk_app.services import cases as svc

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from pdftools import flat_text  # noqa: E402

MATTER = "000131127004"


def _accepted(ctx, clerk, applicant_id):  # type: ignore[no-untyped-def]
    case = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=applicant_id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    for seq in (1, 2, 3):
        svc.check_material(ctx, clerk, case.number, seq, MaterialStatus.SUBMITTED)
    svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT)
    return case


def test_seed_001_5_1_4_handover_sheet_names_department_person_and_time(ctx, users, new_applicant, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.documents.from_case import issue_for_case

    clerk = users["clerk"]
    clock.now = datetime(2026, 3, 2, 9, 30)
    case = _accepted(ctx, clerk, new_applicant().id)
    with pytest.raises(DomainError, match="部门接收人"):
        svc.transfer(ctx, clerk, case.number, receiver="")
    clock.now = datetime(2026, 3, 2, 16, 40)
    svc.transfer(ctx, clerk, case.number, receiver="陈科员")
    notice, pdf, _path = issue_for_case(ctx, clerk, case.number, "handover")
    assert notice.handover.receiving_department == case.department and notice.handover.receiver == "陈科员"
    text = flat_text(pdf, tmp_path)
    assert f"接收部门{case.department}" in text and "接收人：陈科员" in text
    assert re.search(r"移交时间2026[-年]0?3[-月]0?2日?16:40", text), text


def test_seed_001_5_1_3_undeliverable_returns_to_department_and_pickup_records_collector(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    applicant = new_applicant()
    posted = _accepted(ctx, clerk, applicant.id)
    picked = _accepted(ctx, clerk, applicant.id)
    for c in (posted, picked):
        svc.transfer(ctx, clerk, c.number, receiver="陈科员")
        svc.record_decision(ctx, clerk, c.number, approved=True)
        svc.mark_result_ready(ctx, clerk, c.number)
    with pytest.raises(DomainError, match="只有无法送达的结果才退回部门"):
        svc.return_to_department(ctx, clerk, posted.number, receiver="陈科员", reason="邮件退回")
    with pytest.raises(DomainError, match="无法送达的原因"):
        svc.mark_undeliverable(ctx, clerk, posted.number, reason="  ")
    svc.mark_undeliverable(ctx, clerk, posted.number, reason="邮件两次退回，电话无人接听")
    clock.now = datetime(2026, 3, 20, 10, 0)
    with pytest.raises(DomainError, match="接收部门和接收人"):
        svc.return_to_department(ctx, clerk, posted.number, receiver="", reason="无法送达")
    done = svc.return_to_department(ctx, clerk, posted.number, receiver="陈科员", reason="无法送达，退回原件")
    assert done.state is CaseState.ARCHIVED
    last = svc.get_case(ctx, clerk, posted.number).history[-1]
    assert (last.action, last.at, dict(last.data)) == (
        Action.RETURN_TO_DEPARTMENT, datetime(2026, 3, 20, 10, 0), {"returned_to": posted.department, "receiver": "陈科员"})
    svc.deliver(ctx, clerk, picked.number, mode=DeliveryMode.ON_SITE, receiver_id_number=applicant.id_number)
    delivered = svc.get_case(ctx, clerk, picked.number).history[-1]
    assert delivered.data["collector"] == "applicant"
