"""Reminder to collect (seed 001 §5.1.3) with a fixed clock: the 领取通知 read back from the real PDF,
its SMS text, and the output desk's list of results not collected after N working days."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from clerk_app.domain.cases import DeliveryMode, IntakeDecision, MaterialStatus
from clerk_app.errors import DomainError
from clerk_app.services import cases as svc
from clerk_app.services import collection

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from pdftools import flat_text  # noqa: E402

MATTER = "000131127004"


def _ready(ctx, clerk, applicant_id):  # type: ignore[no-untyped-def]
    case = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=applicant_id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    for seq in (1, 2, 3):
        svc.check_material(ctx, clerk, case.number, seq, MaterialStatus.SUBMITTED)
    svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT)
    svc.transfer(ctx, clerk, case.number, receiver="陈科员")
    svc.record_decision(ctx, clerk, case.number, approved=True)
    return svc.mark_result_ready(ctx, clerk, case.number)


def test_seed_001_5_1_3_collect_reminder_notice_and_sms(ctx, users, new_applicant, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.documents.from_case import issue_for_case

    clerk = users["clerk"]
    clock.now = datetime(2026, 9, 29, 15, 0)
    case = _ready(ctx, clerk, new_applicant().id)
    _notice, pdf, _path = issue_for_case(ctx, clerk, case.number, "collect_reminder")
    text = flat_text(pdf, tmp_path)
    assert "领取通知" in text and "张三丰：" in text and case.number in text
    assert "办理结果自2026年9月29日15:00起可以领取" in text and "本人有效身份证件" in text
    sms = collection.reminder_sms(ctx, clerk, case.number, address="演示区人民路88号", hours="工作日 9:00—17:00",
                                  phone="0374-1234567")
    assert case.number in sms and "个体工商户设立登记" in sms and "身份证件" in sms
    assert "11010519491231002X" not in sms and "13800138000" not in sms  # an SMS carries no ID or phone


def test_seed_001_5_1_3_results_not_collected_after_n_working_days_are_listed(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    applicant = new_applicant()
    clock.now = datetime(2026, 9, 29, 15, 0)  # 5 working days over National Day: 09-30, 10-08, 09, 10 (调休), 12
    waiting = _ready(ctx, clerk, applicant.id)
    collected = _ready(ctx, clerk, applicant.id)
    svc.deliver(ctx, clerk, collected.number, mode=DeliveryMode.ON_SITE, receiver_id_number=applicant.id_number)
    clock.now = datetime(2026, 10, 12, 9, 0)
    assert collection.uncollected(ctx, clerk) == []
    clock.now = datetime(2026, 10, 13, 9, 0)
    [item] = collection.uncollected(ctx, clerk)
    assert (item.number, item.ready_on, item.remind_after, item.phone_masked) == (
        waiting.number, date(2026, 9, 29), date(2026, 10, 12), "138****8000")
    with pytest.raises(DomainError, match="只有待领取的结果才发送领取提醒"):
        collection.reminder_sms(ctx, clerk, collected.number, address="a", hours="h", phone="p")
