"""Seed 001 §5.1.3 (提醒申请人领取办件结果): what the center's 领取通知 SMS may go to, its key, and its words."""

from __future__ import annotations

import pytest

from clerk_app.domain.collection import SMS_KEY, collection_sms, is_mobile
from clerk_app.errors import DomainError


@pytest.mark.parametrize(("phone", "ok"), [("13800138000", True), ("19912345678", True), (" 13800138000 ", True),
                                           ("12345678901", False), ("010-12345678", False), ("1380013800", False),
                                           ("", False), ("138001380001", False)])
def test_seed_001_5_1_3_an_sms_goes_only_to_a_mobile_number(phone: str, ok: bool) -> None:
    assert is_mobile(phone) is ok


def test_seed_001_5_1_3_one_sms_per_case_and_no_citizen_data_in_its_words() -> None:
    assert SMS_KEY.format(number="HD01-01-20260302-0001") == "HD01-01-20260302-0001/collect_sms"
    text = collection_sms(center="海淀政务服务中心", matter="食品经营许可", case_number="HD01-01-20260302-0001",
                          place="一楼出件窗口", hours="工作日 9:00-17:00", phone="010-12345")
    assert text.startswith("【海淀政务服务中心】") and "HD01-01-20260302-0001" in text and "一楼出件窗口" in text
    assert "身份证件" in text and "委托书" in text  # what to bring; never the applicant's own ID or address
    with pytest.raises(DomainError):
        collection_sms(center="c", matter="m", case_number="n", place=" ", hours="", phone="")
