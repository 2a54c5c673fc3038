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
