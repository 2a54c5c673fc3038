"""Every real-name bad review opens a follow-up with working-day deadlines; it closes only with its
record complete. Rated on 2026-09-30: contact due 10-08, rectification due 10-13 (National Day)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from clerk_app.domain.evaluation import RatingLevel
from clerk_app.domain.periods import Period
from clerk_app.errors import DomainError, PermissionDenied
from clerk_app.services import followups, statistics
from clerk_app.services.evaluation import record_rating


@pytest.fixture
def rated(ctx, users, clock):  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 9, 30, 11, 0)
    clerk = users["clerk"]
    record_rating(ctx, clerk, None, int(RatingLevel.VERY_DISSATISFIED), comment="等了一个小时")
    record_rating(ctx, clerk, None, int(RatingLevel.DISSATISFIED))
    record_rating(ctx, clerk, None, int(RatingLevel.DISSATISFIED), real_name=False)  # anonymous: no loop
    record_rating(ctx, clerk, None, int(RatingLevel.BASICALLY_SATISFIED))
    record_rating(ctx, clerk, None, None)
    return clock


def test_followups_open_once_with_deadlines_across_holiday(ctx, users, rated) -> None:  # type: ignore[no-untyped-def]
    sup = users["supervisor"]
    # Opened at the counter when the rating was recorded (a supervisor exists): nothing is missing.
    assert followups.open_missing_followups(ctx, sup) == 0
    items = followups.list_followups(ctx, sup)
    assert {(f.level, f.contact_due, f.rectify_due, f.stage) for f in items} == {
        (RatingLevel.VERY_DISSATISFIED, date(2026, 10, 8), date(2026, 10, 13), "待回访"),
        (RatingLevel.DISSATISFIED, date(2026, 10, 8), date(2026, 10, 13), "待回访")}
    with pytest.raises(PermissionDenied):
        followups.open_missing_followups(ctx, users["clerk"])


def test_bad_review_opens_its_followup_unassigned_when_no_supervisor_exists(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    """Seed 001 §7.2 (实名差评回访整改率 100%): opened when the rating is recorded, not when a
    supervisor first opens the ratings page; the first supervisor who acts on it owns it."""
    from clerk_app.domain.roles import Role
    from clerk_app.services.auth import create_user

    clock.now = datetime(2026, 9, 30, 11, 0)
    clerk = create_user(ctx, None, username="c", display_name="窗口", role=Role.CLERK, password="clerk1234")
    record_rating(ctx, clerk, None, int(RatingLevel.VERY_DISSATISFIED))
    sup = create_user(ctx, None, username="s", display_name="带班", role=Role.SUPERVISOR, password="super1234")
    (item,) = followups.list_followups(ctx, sup)
    assert (item.owner, item.contact_due, item.stage) == ("待指派", date(2026, 10, 8), "待回访")
    assert followups.open_missing_followups(ctx, sup) == 0
    followups.record_contact(ctx, sup, item.id, "误评", "电话联系，评价人表示误按")
    assert followups.list_followups(ctx, sup)[0].owner == "带班"


def test_founded_review_needs_rectification_and_feedback_before_closing(ctx, users, rated) -> None:  # type: ignore[no-untyped-def]
    sup = users["supervisor"]
    followups.open_missing_followups(ctx, sup)
    fid = next(f.id for f in followups.list_followups(ctx, sup) if f.level is RatingLevel.VERY_DISSATISFIED)
    with pytest.raises(DomainError, match="尚缺回访核实、反馈评价人"):
        followups.close_followup(ctx, sup, fid)
    with pytest.raises(DomainError, match="请先回访核实"):
        followups.record_rectification(ctx, sup, fid, "调整叫号")
    with pytest.raises(DomainError, match="核实结论"):
        followups.record_contact(ctx, sup, fid, "差不多", "电话联系")
    followups.record_contact(ctx, sup, fid, "属实", "10-08 电话联系，高峰期窗口不足")
    with pytest.raises(DomainError, match="先登记整改结果"):
        followups.record_feedback(ctx, sup, fid, "评价人表示理解")
    with pytest.raises(DomainError, match="尚缺整改、反馈评价人"):
        followups.close_followup(ctx, sup, fid)
    followups.record_rectification(ctx, sup, fid, "高峰期开潮汐窗口")
    followups.record_feedback(ctx, sup, fid, "评价人认可整改")
    followups.close_followup(ctx, sup, fid)
    [done] = [f for f in followups.list_followups(ctx, sup) if f.id == fid]
    assert (done.stage, done.overdue) == ("已办结", False)


def test_follow_up_rate_and_overdue_flag(ctx, users, rated) -> None:  # type: ignore[no-untyped-def]
    sup = users["supervisor"]
    followups.open_missing_followups(ctx, sup)
    mild = next(f.id for f in followups.list_followups(ctx, sup) if f.level is RatingLevel.DISSATISFIED)
    rated.now = datetime(2026, 10, 9, 9, 0)  # past the contact day
    assert all(f.overdue for f in followups.list_followups(ctx, sup))
    followups.record_contact(ctx, sup, mild, "误评", "评价人误按按键")
    followups.record_feedback(ctx, sup, mild, "已说明")
    followups.close_followup(ctx, sup, mild)
    dash = statistics.dashboard(ctx, sup, Period.MONTH, date(2026, 9, 30))
    assert (dash.bad_total, dash.bad_closed, dash.followup_rate) == (2, 1, 0.5)  # the anonymous one is not counted
    # rated: 4 levels given, 1 explicit "not rated"
    assert dash.rated == 4 and dash.ratings[None] == 1
