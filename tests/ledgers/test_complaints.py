"""办不成事 / complaint workflow through its deadlines, across National Day 2026 (10-01..07 off,
10-10 a make-up Saturday): received 09-30, the 5th working day is 10-13."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from clerk_app.domain.complaints import Handling, Step, Timeliness
from clerk_app.errors import DomainError, PermissionDenied
from clerk_app.services import complaints


@pytest.fixture
def eve(clock):  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 9, 30, 10, 0)
    return clock


def _take(ctx, actor, handling=Handling.COMPLEX, **kw):  # type: ignore[no-untyped-def]
    return complaints.take_complaint(ctx, actor, category=kw.pop("category", "投诉"), content="窗口材料要求反复变化",
                                     handling=handling, complainant_name="李四", complainant_phone="13800001234", **kw)


def test_complex_item_walks_six_steps_and_closes_on_time(ctx, users, eve) -> None:  # type: ignore[no-untyped-def]
    clerk, sup = users["clerk"], users["supervisor"]
    cid = _take(ctx, clerk)
    [item] = complaints.list_complaints(ctx, sup)
    assert (item.resolve_due, item.step, item.timeliness) == (date(2026, 10, 13), Step.FOUND, Timeliness.ON_TIME)
    with pytest.raises(DomainError, match="下一步应为“分析原因”"):
        complaints.advance(ctx, clerk, cid, Step.RESOLVED, "已解决")
    complaints.advance(ctx, clerk, cid, Step.ANALYSED, "清单版本不一致")
    with pytest.raises(DomainError, match="承办部门和承办人"):
        complaints.advance(ctx, clerk, cid, Step.DISPATCHED, "派单", department="区市场监督管理局")
    complaints.advance(ctx, clerk, cid, Step.DISPATCHED, "派单", department="区市场监督管理局", person="陈科长")
    eve.now = datetime(2026, 10, 13, 16, 0)  # the last allowed day
    complaints.advance(ctx, clerk, cid, Step.RESOLVED, "统一材料清单并答复申请人")
    complaints.advance(ctx, sup, cid, Step.VERIFIED, "回访申请人，满意")
    complaints.advance(ctx, sup, cid, Step.SUPERVISED, "抽查清单已更新")
    with pytest.raises(DomainError, match="已完成监督检查"):
        complaints.advance(ctx, sup, cid, Step.SUPERVISED, "again")
    [item] = complaints.list_complaints(ctx, sup)
    assert (item.timeliness, item.resolved_on, item.department, item.person) == (
        Timeliness.CLOSED, date(2026, 10, 13), "区市场监督管理局", "陈科长")
    steps = [label for _, label, _, _ in complaints.complaint_history(ctx, sup, cid)]
    assert steps == ["发现问题", "分析原因", "派发工单", "限期解决", "结果核查", "监督检查"]


def test_open_item_past_fifth_working_day_is_overdue(ctx, users, eve) -> None:  # type: ignore[no-untyped-def]
    _take(ctx, users["clerk"])
    eve.now = datetime(2026, 10, 13, 17, 0)
    assert complaints.list_complaints(ctx, users["supervisor"])[0].timeliness is Timeliness.ON_TIME
    eve.now = datetime(2026, 10, 14, 9, 0)
    assert complaints.list_complaints(ctx, users["supervisor"])[0].timeliness is Timeliness.OVERDUE


def test_transfer_is_due_the_same_day_and_records_department_and_person(ctx, users, eve) -> None:  # type: ignore[no-untyped-def]
    cid = _take(ctx, users["clerk"], Handling.TRANSFER)
    [item] = complaints.list_complaints(ctx, users["supervisor"])
    assert item.transfer_due == date(2026, 9, 30)
    complaints.advance(ctx, users["clerk"], cid, Step.ANALYSED, "属医保局职责")
    complaints.advance(ctx, users["clerk"], cid, Step.DISPATCHED, "当日转办并告知申请人", department="区医疗保障局",
                       person="刘科员")
    [item] = complaints.list_complaints(ctx, users["supervisor"])
    assert item.transferred_on == item.transfer_due == date(2026, 9, 30)


def test_simple_items_close_at_intake_with_their_answer(ctx, users, eve) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError, match="解决情况"):
        _take(ctx, users["clerk"], Handling.ON_SPOT)
    with pytest.raises(DomainError, match="办理途径"):
        _take(ctx, users["clerk"], Handling.REFER)
    _take(ctx, users["clerk"], Handling.REFER, where_to_go="请到市公积金中心办理", category="咨询")
    [item] = complaints.list_complaints(ctx, users["supervisor"])
    assert (item.timeliness, item.answer, item.category) == (Timeliness.CLOSED, "请到市公积金中心办理", "咨询")


def test_bad_category_and_foreign_actor_are_refused(ctx, users, eve) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError, match="类别"):
        _take(ctx, users["clerk"], category="举报")
    cid = _take(ctx, users["supervisor"])
    with pytest.raises(PermissionDenied, match="承办人"):
        complaints.advance(ctx, users["clerk"], cid, Step.ANALYSED, "原因")


def test_complainant_identity_only_for_authorised_roles(ctx, users, eve) -> None:  # type: ignore[no-untyped-def]
    _take(ctx, users["clerk"])
    [item] = complaints.list_complaints(ctx, users["supervisor"])
    # Hidden even from supervisors: they reveal one item after the password again (tests/security).
    assert (item.complainant, item.phone) == ("（保密）", "（保密）")
    for who in ("clerk", "it"):
        with pytest.raises(PermissionDenied):
            complaints.list_complaints(ctx, users[who])
