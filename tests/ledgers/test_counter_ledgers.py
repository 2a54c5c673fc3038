"""Counter ledgers through the real services on a real SQLite profile: pauses, extended service and
comp time, consultations with call-backs, 帮办代办 and the emergency register."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from clerk_app.errors import DomainError, PermissionDenied
from clerk_app.services import ledgers
from clerk_app.store.ledger_tables import PauseRow
from clerk_app.store.tables import AuditRow


def _audit(ctx, action: str) -> int:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == action))


def test_short_pause_needs_no_reason_and_is_not_flagged(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    ledgers.start_pause(ctx, clerk)
    clock.now += timedelta(minutes=15)
    assert ledgers.pause_needs_reason(ctx, clerk) is False
    assert ledgers.end_pause(ctx, clerk) is False
    assert _audit(ctx, "pause.end") == 1


def test_long_pause_refused_without_reason_then_flagged(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    ledgers.start_pause(ctx, clerk)
    clock.now += timedelta(minutes=15, seconds=1)
    assert ledgers.pause_needs_reason(ctx, clerk) is True
    with pytest.raises(DomainError, match="超过 15 分钟"):
        ledgers.end_pause(ctx, clerk, "  ")
    with ctx.store.read() as s:  # nothing half-written: the pause is still open
        assert s.scalars(select(PauseRow)).one().ended_at is None
    assert ledgers.end_pause(ctx, clerk, "协助老人填表") is True
    with ctx.store.read() as s:
        row = s.scalars(select(PauseRow)).one()
    assert (row.flagged, row.reason, row.ended_at) == (True, "协助老人填表", clock.now.replace(microsecond=0))


def test_pause_twice_and_end_without_pause_are_refused(ctx, users) -> None:  # type: ignore[no-untyped-def]
    ledgers.start_pause(ctx, users["clerk"])
    with pytest.raises(DomainError, match="已处于暂停"):
        ledgers.start_pause(ctx, users["clerk"])
    with pytest.raises(DomainError, match="没有进行中的暂停"):
        ledgers.end_pause(ctx, users["supervisor"])
    with pytest.raises(PermissionDenied):
        ledgers.start_pause(ctx, users["it"])


def test_extended_service_feeds_comp_time_balance(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clerk, sup = users["clerk"], users["supervisor"]
    clock.now = datetime(2026, 3, 2, 17, 0)
    ledgers.start_extended(ctx, clerk)
    clock.now = datetime(2026, 3, 2, 17, 45)
    assert ledgers.stop_extended(ctx, clerk) == 45
    clock.now = datetime(2026, 3, 7, 9, 0)  # Saturday 9:00-9:30
    ledgers.start_extended(ctx, clerk)
    clock.now = datetime(2026, 3, 7, 9, 30)
    assert ledgers.stop_extended(ctx, clerk) == 30
    assert ledgers.comp_balance(ctx, clerk.user_id) == 75
    assert ledgers.grant_comp_time(ctx, sup, clerk.user_id, date(2026, 3, 9), 60) == 15
    with pytest.raises(DomainError, match="超过可调休余额 15"):
        ledgers.grant_comp_time(ctx, sup, clerk.user_id, date(2026, 3, 10), 20)
    with pytest.raises(PermissionDenied):
        ledgers.grant_comp_time(ctx, clerk, clerk.user_id, date(2026, 3, 10), 5)
    assert ledgers.comp_balance(ctx, clerk.user_id) == 15


def test_extended_service_left_running_overnight_is_refused(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    ledgers.start_extended(ctx, users["clerk"])
    clock.now += timedelta(hours=13)
    with pytest.raises(DomainError, match="请核对"):
        ledgers.stop_extended(ctx, users["clerk"])
    assert ledgers.comp_balance(ctx, users["clerk"].user_id) == 0


def test_consultation_answered_or_called_back_across_national_day(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    with pytest.raises(DomainError, match="请填写答复内容"):
        ledgers.record_consultation(ctx, clerk, channel="电话", question="社保转移要带什么？")
    with pytest.raises(DomainError, match="联系电话"):
        ledgers.record_consultation(ctx, clerk, channel="电话", question="社保转移要带什么？", callback_needed=True)
    with pytest.raises(DomainError, match="咨询方式"):
        ledgers.record_consultation(ctx, clerk, channel="信件", question="q", answer="a")
    ledgers.record_consultation(ctx, clerk, channel="现场", question="营业执照遗失怎么办？", answer="登报声明后补领")
    clock.now = datetime(2026, 9, 30, 16, 0)  # the eve of National Day: 10-01..07 off, next working day 10-08
    cid = ledgers.record_consultation(ctx, clerk, channel="网上", question="跨省迁户口需要哪些材料？",
                                      callback_needed=True, contact_name="赵六", contact_phone="13912345678")
    [pending] = ledgers.pending_callbacks(ctx, clerk)
    assert (pending.id, pending.due, pending.overdue) == (cid, date(2026, 10, 8), False)
    clock.now = datetime(2026, 10, 9, 9, 0)
    assert ledgers.pending_callbacks(ctx, users["supervisor"])[0].overdue is True
    ledgers.complete_callback(ctx, clerk, cid, "已电话告知需准迁证")
    assert ledgers.pending_callbacks(ctx, clerk) == []
    with pytest.raises(DomainError, match="已回电"):
        ledgers.complete_callback(ctx, clerk, cid, "again")


def test_assistance_record_validates(ctx, users) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError, match="服务类型"):
        ledgers.record_assistance(ctx, users["clerk"], kind="跑腿", group="老年人", person_name="钱七", matter="养老认证")
    with pytest.raises(DomainError, match="姓名和所办事项"):
        ledgers.record_assistance(ctx, users["clerk"], kind="帮办", group="老年人", person_name="", matter="养老认证")
    ledgers.record_assistance(ctx, users["clerk"], kind="代办", group="军人", person_name="钱七", matter="优待证申领")
    assert _audit(ctx, "assistance.record") == 1


def test_power_cut_register_gives_priority_next_time(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    with pytest.raises(DomainError, match="姓名和所办事项"):
        ledgers.register_emergency(ctx, clerk, kind="停电", description="14:05 全厅停电", persons=[("", "", "x")])
    assert ledgers.priority_people(ctx, clerk) == []  # the refused register wrote nothing
    ledgers.register_emergency(ctx, clerk, kind="停电", description="14:05 全厅停电，15:10 恢复",
                               persons=[("孙八", "13700001111", "个体工商户设立登记"), ("周九", "", "临时救助")])
    clock.now += timedelta(days=1)
    people = ledgers.priority_people(ctx, clerk)
    assert [(p.name, p.matter, p.emergency_kind) for p in people] == [
        ("孙八", "个体工商户设立登记", "停电"), ("周九", "临时救助", "停电")]
    [found] = ledgers.priority_people(ctx, clerk, "13700001111")
    ledgers.mark_priority_served(ctx, clerk, found.id)
    assert [p.name for p in ledgers.priority_people(ctx, clerk)] == ["周九"]
