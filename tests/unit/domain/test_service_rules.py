"""Counter-service rules of issue 14, each against the seed that states it (pure domain, no store)."""

from __future__ import annotations

import tomllib

import pytest

from clerk_app.domain.evaluation import DIMENSIONS, check_one_rating, parse_dimensions
from clerk_app.errors import DomainError

SEED_001_7_1 = "工作纪律、仪容仪表、行为举止、服务态度、服务用语、服务效率、业务能力、落实服务制度"


def test_seed_001_7_1_evaluation_content_is_the_seed_list_in_its_order() -> None:
    """Seed 001 §7.1 评价内容包括但不限于：工作纪律、仪容仪表、行为举止、服务态度、服务用语、服务效率、业务能力、落实服务制度."""
    assert "、".join(DIMENSIONS) == SEED_001_7_1
    assert parse_dimensions(["服务效率", "工作纪律", "服务效率"]) == ("工作纪律", "服务效率")
    assert parse_dimensions("仪容仪表、服务态度") == ("仪容仪表", "服务态度")
    with pytest.raises(DomainError, match="评价内容“颜值”无效"):
        parse_dimensions(["颜值"])


def test_seed_001_7_1_one_service_one_rating() -> None:
    """Seed 001 §7.1 / 003 §7.2.1.2: the applicant rates a service once; a second level is refused."""
    check_one_rating(False, level_given=True)
    with pytest.raises(DomainError, match="一次服务只评价一次"):
        check_one_rating(True, level_given=True)
    with pytest.raises(DomainError, match="无需再记录未评价"):
        check_one_rating(True, level_given=False)


def _cal():  # type: ignore[no-untyped-def]
    from clerk_app.domain.workdays import WorkCalendar, builtin_schedules

    return WorkCalendar(base=builtin_schedules())


def test_seed_000_34_first_call_at_once_for_complaints_only() -> None:
    """Seed 000 §34 接到投诉时应第一时间安排专人回访核实: due the next working day (0 = the same day)."""
    from datetime import date

    from clerk_app.domain.complaints import (
        Category,
        check_first_call,
        first_call_due,
        first_call_overdue,
        needs_first_call,
    )

    assert needs_first_call(Category.COMPLAINT) and not needs_first_call(Category.SUGGESTION)
    assert first_call_due(_cal(), date(2026, 9, 30), 1) == (date(2026, 10, 8), False)  # over National Day
    assert first_call_due(_cal(), date(2026, 9, 30), 0) == (date(2026, 9, 30), False)
    assert not first_call_overdue(date(2026, 10, 8), None, date(2026, 10, 8))
    assert first_call_overdue(date(2026, 10, 8), None, date(2026, 10, 9))
    assert first_call_overdue(date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 20))
    with pytest.raises(DomainError, match="已登记首次回访"):
        check_first_call(True, "电话")
    with pytest.raises(DomainError, match="请填写首次回访"):
        check_first_call(False, "")


def test_seed_001_5_1_5_transfer_the_same_day() -> None:
    """Seed 001 §5.1.5 属于本级事权的，当日转交主管部门: later than the day of receipt is late."""
    from datetime import date

    from clerk_app.domain.complaints import Handling, TransferTimeliness, transfer_timeliness

    d = date(2026, 3, 2)
    assert transfer_timeliness(Handling.TRANSFER, d, d, d) is TransferTimeliness.SAME_DAY
    assert transfer_timeliness(Handling.TRANSFER, d, None, d) is TransferTimeliness.PENDING
    assert transfer_timeliness(Handling.TRANSFER, d, None, date(2026, 3, 3)) is TransferTimeliness.LATE
    assert transfer_timeliness(Handling.TRANSFER, d, date(2026, 3, 3), date(2026, 3, 3)) is TransferTimeliness.LATE
    assert transfer_timeliness(Handling.COMPLEX, d, None, date(2026, 3, 9)) is TransferTimeliness.NOT_APPLICABLE


def test_seed_001_7_1_reviews_verified_mistaken_or_malicious_do_not_count() -> None:
    """Seed 001 §7.1 评价结果…作为考核依据; §7.2 调查核实: 误评/恶意 once verified are not the clerk's."""
    from clerk_app.domain.followups import DISCOUNTED, Verification

    assert set(DISCOUNTED) == {"误评", "恶意"}
    assert Verification.FOUNDED.counts_against_clerk and Verification.UNFOUNDED.counts_against_clerk


def test_seed_000_25_4_running_pause_past_15_minutes_is_reported_while_running() -> None:
    """Seed 000 §25(四) / seed 001 §4.2: 暂停服务 over 15 minutes reported to the duty leader."""
    from datetime import datetime

    from clerk_app.domain.ledgers import running_pause_to_report

    start = datetime(2026, 3, 2, 10, 0)
    assert not running_pause_to_report(start, datetime(2026, 3, 2, 10, 15))
    assert running_pause_to_report(start, datetime(2026, 3, 2, 10, 15, 1))
    assert not running_pause_to_report(start, datetime(2026, 3, 2, 9, 0))  # a clock set back is not a pause


def test_seed_001_5_1_4_handover_names_department_and_receiver() -> None:
    """Seed 001 §5.1.4 / §5.2.3: the handover register names the receiving department and person."""
    from clerk_app.domain.handover import check_transfer_receiver

    check_transfer_receiver("区市场监督管理局", "陈科员")
    with pytest.raises(DomainError, match="接收人"):
        check_transfer_receiver("区市场监督管理局", " ")
    with pytest.raises(DomainError, match="接收部门"):
        check_transfer_receiver("", "陈科员")


def test_seed_001_5_1_3_undeliverable_goes_back_with_reason_and_receiver() -> None:
    """Seed 001 §5.1.3 无法送达的退回业务部门: a reason, and to whom."""
    from clerk_app.domain.handover import Collector, check_return_to_department, check_undeliverable

    with pytest.raises(DomainError, match="无法送达的原因"):
        check_undeliverable("")
    with pytest.raises(DomainError, match="接收部门和接收人"):
        check_return_to_department("区市场监督管理局", "", "邮件两次退回")
    with pytest.raises(DomainError, match="退回部门的原因"):
        check_return_to_department("区市场监督管理局", "陈科员", "")
    assert Collector.AGENT.label == "代办人"


def test_seed_001_5_1_3_collection_reminder_after_n_working_days() -> None:
    """Seed 001 §5.1.3 提醒申请人领取: listed once N working days have passed since the result was ready."""
    from datetime import date

    from clerk_app.domain.collection import collection_sms, not_collected_too_long, reminder_due

    assert reminder_due(_cal(), date(2026, 9, 29), 5) == date(2026, 10, 12)
    assert not not_collected_too_long(_cal(), date(2026, 9, 29), date(2026, 10, 12), 5)
    assert not_collected_too_long(_cal(), date(2026, 9, 29), date(2026, 10, 13), 5)
    sms = collection_sms(center="演示区政务服务中心", matter="个体工商户设立登记", case_number="D-1",
                         place="一层出件窗口", hours="工作日 9:00—17:00", phone="")
    assert sms.startswith("【演示区政务服务中心】") and "咨询电话" not in sms
    with pytest.raises(DomainError, match="领取地点"):
        collection_sms(center="c", matter="m", case_number="n", place=" ", hours="h", phone="p")


def test_seed_000_3_opening_hours_decide_the_closing_time() -> None:
    """Seed 000 §3: weekdays 9:00-12:00, 13:00-17:00; extended 8:30-9:00, 12:00-13:30, 17:00-17:30;
    Saturday 9:00-12:00, 13:30-15:30, not on statutory holidays."""
    from datetime import date, time

    from clerk_app.domain.hours import OpeningHours, parse_sessions

    hours = OpeningHours.parse()
    cal = _cal()
    assert hours.closing(cal, date(2026, 3, 2)) == time(17, 0)                       # Monday
    assert hours.closing(cal, date(2026, 3, 2), with_extended=True) == time(17, 30)
    assert hours.closing(cal, date(2026, 3, 7)) == time(15, 30)                      # an ordinary Saturday
    assert hours.closing(cal, date(2026, 3, 8)) is None                              # Sunday
    assert hours.closing(cal, date(2026, 10, 3)) is None                             # National Day (Saturday)
    assert hours.closing(cal, date(2026, 10, 10)) == time(17, 0)                     # 调休 make-up Saturday
    with pytest.raises(DomainError, match="格式不对"):
        parse_sessions("9点-17点")
    with pytest.raises(DomainError, match="结束时间应晚于开始时间"):
        parse_sessions("17:00-09:00")
    with pytest.raises(DomainError, match="重叠"):
        parse_sessions("09:00-12:00,11:00-13:00")


def test_seed_001_app_i_matter_outside_its_authorisation_period_cannot_be_received() -> None:
    """Seed 001 App. I 授权清单 (事项编码/名称/行使层级/事项类型 and 授权期限): outside it, no receipt."""
    from dataclasses import replace
    from datetime import date, datetime

    from clerk_app.domain.cases import Case
    from clerk_app.domain.catalogue_edit import matter_to_dict
    from clerk_app.domain.matters import CatalogueError, parse_catalogue, parse_matter
    from clerk_app.paths import RESOURCES

    demo = parse_catalogue(tomllib.loads((RESOURCES / "catalogue" / "demo.toml").read_text(encoding="utf-8")), "demo")
    matter = replace(demo.by_code("000131127004"), authorised_from=date(2026, 1, 1),
                     authorised_to=date(2026, 6, 30))
    assert matter.authorisation_period == "2026-01-01至2026-06-30"
    assert matter.authorisation_problem(date(2026, 6, 30)) is None
    assert "已于 2026-06-30 到期" in matter.authorisation_problem(date(2026, 7, 1))
    assert "自 2026-01-01 起生效" in matter.authorisation_problem(date(2025, 12, 31))
    with pytest.raises(DomainError, match="授权已于 2026-06-30 到期"):
        Case.receive(id="c", number="n", matter=matter, applicant_id="a", at=datetime(2026, 7, 1, 9), window="01",
                     clerk_id="u")
    d = matter_to_dict(matter)
    assert parse_matter(d, "t", 0) == matter  # the catalogue format keeps the period
    d["authorised_to"] = "2025-01-01"
    with pytest.raises(CatalogueError, match="早于开始日期"):
        parse_matter(d, "t", 0)
