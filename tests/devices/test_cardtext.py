"""The 256-byte card text block for all four card types."""

from __future__ import annotations

import datetime as dt

import pytest

from clerk_app.devices.id_reader.cardtext import CardType, build_card_text, parse_card_text
from clerk_app.devices.id_reader.simulator import load_demo_cards


def _card(key: str):
    c = next(c for c in load_demo_cards() if c.key == key)
    return parse_card_text(c.text, c.photo)


def test_resident_card() -> None:
    card = _card("01_resident")
    assert card.card_type is CardType.RESIDENT
    assert (card.name, card.sex, card.nation, card.birth_date) == ("张丽华", "女", "汉", "1949-12-31")
    assert card.address == "北京市朝阳区建国路88号院3号楼2单元501室"
    assert card.id_number == "11010519491231002X"
    assert (card.valid_from, card.valid_to) == ("2015-01-01", "长期")
    assert card.english_name is None and card.nationality is None
    assert not card.expired(dt.date(2099, 1, 1))
    assert card.problems == ()


def test_type_marks_at_offset_248() -> None:
    for key, ctype in [("03_hk_mo_tw", CardType.HK_MO_TW), ("04_foreigner_2017", CardType.FOREIGNER_2017),
                       ("05_foreigner_2023", CardType.FOREIGNER_2023)]:
        c = next(c for c in load_demo_cards() if c.key == key)
        assert c.text[248:250].decode("utf-16-le") == {"hk_mo_tw": "J", "foreigner_2017": "I",
                                                       "foreigner_2023": "Y"}[ctype.value]
        assert parse_card_text(c.text).card_type is ctype


def test_hk_mo_tw_card() -> None:
    card = _card("03_hk_mo_tw")
    assert (card.name, card.sex, card.id_number) == ("陈美玲", "女", "810000199408230021")
    assert card.nation is None
    assert card.extra == {"pass_number": "H60123456", "issue_count": "01"}
    assert card.expired(dt.date(2025, 1, 16)) and not card.expired(dt.date(2025, 1, 15))


def test_foreigner_2017_card() -> None:
    card = _card("04_foreigner_2017")
    assert card.english_name == "SMITH, JOHN ALEXANDER"
    assert (card.name, card.sex, card.nationality) == ("约翰", "男", "USA")
    assert card.id_number == "USA110085061200"
    assert card.birth_date == "1985-06-12"
    assert card.authority == "1500"


def test_foreigner_2023_card() -> None:
    card = _card("05_foreigner_2023")
    assert (card.name, card.id_number, card.nationality) == ("玛丽亚", "933110198506120022", "ESP")
    assert card.english_name == "GARCIA LOPEZ, MARIA"
    assert (card.valid_from, card.valid_to) == ("2024-01-05", "2034-01-05")


def test_unknown_nation_code_kept_raw() -> None:
    card = _card("06_resident_unknown_nation")
    assert card.nation is None and card.nation_code == "99"
    assert any("99" in p for p in card.problems)


def test_bad_dates_become_problems_not_crashes() -> None:
    text = build_card_text({"name": "测试", "sex": "3", "nation": "01", "birth_date": "19991340",
                            "id_number": "X", "valid_from": "", "valid_to": "2020"}, CardType.RESIDENT)
    card = parse_card_text(text)
    assert card.birth_date is None and card.sex is None and card.valid_to is None
    assert len(card.problems) == 4


def test_repr_masks_id_number() -> None:
    card = _card("01_resident")
    assert "11010519491231002X" not in repr(card)
    assert "110105********002X" in repr(card)


def test_json_dict_has_exactly_the_contract_keys() -> None:
    d = _card("01_resident").to_json_dict()
    assert set(d) == {"card_type", "name", "sex", "nation", "birth_date", "address", "id_number",
                      "authority", "valid_from", "valid_to", "english_name", "nationality", "photo_wlt"}


def test_wrong_length_rejected() -> None:
    with pytest.raises(ValueError):
        parse_card_text(b"\x00" * 255)
