"""Counter-service rules of issue 14, each against the seed that states it (pure domain, no store)."""

from __future__ import annotations

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
