"""Complaints at the service level with a fixed clock: the first call at once (seed 000 §34), the same-
day transfer (seed 001 §5.1.5) shown and counted, and reviews verified 误评/恶意 left out of the ranking."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from clerk_app.domain.complaints import Handling, Step, TransferTimeliness
from clerk_app.domain.evaluation import RatingLevel
from clerk_app.errors import DomainError, UserError
from clerk_app.services import complaints, followups, performance, statistics
from clerk_app.services.evaluation import record_rating
from clerk_app.services.reports import complaint_table


def _take(ctx, actor, handling=Handling.COMPLEX, category="投诉"):  # type: ignore[no-untyped-def]
    return complaints.take_complaint(ctx, actor, category=category, content="窗口材料要求反复变化",
                                     handling=handling, complainant_name="李四", complainant_phone="13800001234")


def test_seed_000_34_complaint_gets_a_first_call_due_next_working_day(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 9, 30, 16, 0)  # the eve of National Day: next working day is 10-08
    clerk, sup = users["clerk"], users["supervisor"]
    cid = _take(ctx, clerk)
    _take(ctx, clerk, category="建议")  # a suggestion is not called back
    items = {i.category: i for i in complaints.list_complaints(ctx, sup)}
    assert (items["投诉"].first_call_due, items["投诉"].first_call_overdue) == (date(2026, 10, 8), False)
    assert items["建议"].first_call_due is None
    clock.now = datetime(2026, 10, 9, 9, 0)
    assert next(i for i in complaints.list_complaints(ctx, sup) if i.id == cid).first_call_overdue
    with pytest.raises(DomainError, match="请填写首次回访核实情况"):
        complaints.record_first_call(ctx, clerk, cid, " ")
    complaints.record_first_call(ctx, clerk, cid, "10-09 电话联系李四，核实材料清单问题")
    with pytest.raises(DomainError, match="已登记首次回访"):
        complaints.record_first_call(ctx, clerk, cid, "again")
    item = next(i for i in complaints.list_complaints(ctx, sup) if i.id == cid)
    assert (item.first_called_at, item.first_call_overdue) == (datetime(2026, 10, 9, 9, 0), True)
    table = complaint_table(ctx, sup)
    assert sorted(table.column("首次回访")) == ["", "2026-10-09 09:00（超时）"]
    dash = statistics.build(ctx, sup, "十月", date(2026, 9, 1), date(2026, 11, 1), clock.now, clock.now.date())
    assert dash.first_calls_late == 1


def test_suggestion_has_no_first_call_to_record(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    cid = _take(ctx, users["clerk"], category="建议")
    with pytest.raises(UserError, match="不是投诉"):
        complaints.record_first_call(ctx, users["clerk"], cid, "电话")


def test_seed_001_5_1_5_transfer_after_the_day_of_receipt_is_late_in_ledger_and_report(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 3, 2, 10, 0)
    clerk, sup = users["clerk"], users["supervisor"]
    same = _take(ctx, clerk, Handling.TRANSFER, category="建议")
    late = _take(ctx, clerk, Handling.TRANSFER, category="建议")
    for cid in (same, late):
        complaints.advance(ctx, clerk, cid, Step.ANALYSED, "属区市场监管局职权")
    complaints.advance(ctx, clerk, same, Step.DISPATCHED, "当日转办", department="区市场监督管理局", person="陈科长")
    assert {i.id: i.transfer for i in complaints.list_complaints(ctx, sup)} == {
        same: TransferTimeliness.SAME_DAY, late: TransferTimeliness.PENDING}
    clock.now = datetime(2026, 3, 5, 9, 0)  # three working days later
    complaints.advance(ctx, clerk, late, Step.DISPATCHED, "转办", department="区市场监督管理局", person="陈科长")
    views = {i.id: i for i in complaints.list_complaints(ctx, sup)}
    assert views[late].transfer is TransferTimeliness.LATE and views[late].transfer.label == "未当日转办"
    table = complaint_table(ctx, sup)
    assert sorted(table.column("转办时效")) == ["当日转办", "未当日转办"]
    dash = statistics.build(ctx, sup, "三月", date(2026, 3, 1), date(2026, 4, 1), clock.now, clock.now.date())
    assert dash.transfers_late == 1
    assert ("未当日转办的办不成事（件）", 1) in dash.summary().rows


def test_review_verified_mistaken_does_not_count_against_the_clerk(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    """Seed 001 §7.1-7.2: a bad review verified 误评 or 恶意 leaves the clerk's ranking."""
    clock.now = datetime(2026, 3, 2, 10, 0)
    clerk, sup = users["clerk"], users["supervisor"]
    record_rating(ctx, clerk, None, int(RatingLevel.VERY_DISSATISFIED))
    record_rating(ctx, clerk, None, int(RatingLevel.DISSATISFIED))
    record_rating(ctx, clerk, None, int(RatingLevel.SATISFIED))

    def figures():  # type: ignore[no-untyped-def]
        fs = performance.clerk_figures(ctx, sup, date(2026, 1, 1), date(2026, 4, 1), date(2026, 3, 2))
        f = next(f for f in fs if f.clerk_id == clerk.user_id)
        return f.rated, f.bad
    assert figures() == (3, 2)
    first, second = followups.list_followups(ctx, sup)
    followups.record_contact(ctx, sup, first.id, "误评", "评价人表示误按")
    followups.record_contact(ctx, sup, second.id, "属实", "等候时间过长")
    assert figures() == (2, 1)
