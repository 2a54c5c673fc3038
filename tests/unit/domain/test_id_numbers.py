"""GB 11643 ID numbers: the standard's vectors, each rejection's reason, and property tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.domain.id_numbers import (
    PERMIT_PREFIXES,
    PROVINCES,
    IdKind,
    check_digit,
    mask_id_number,
    validate_id_number,
)
from clerk_app.errors import DomainError


@pytest.mark.parametrize(
    ("number", "kind", "birth", "sex", "province"),
    [
        ("11010519491231002X", IdKind.RESIDENT, date(1949, 12, 31), "女", "北京市"),
        ("440524188001010014", IdKind.RESIDENT, date(1880, 1, 1), "男", "广东省"),
        ("810000199408230021", IdKind.HK_MO_TW, date(1994, 8, 23), "女", "香港特别行政区"),
        ("830000199201300022", IdKind.HK_MO_TW, date(1992, 1, 30), "女", "台湾地区"),
        ("820000200009100032", IdKind.HK_MO_TW, date(2000, 9, 10), "男", "澳门特别行政区"),
        ("360426199101010071", IdKind.RESIDENT, date(1991, 1, 1), "男", "江西省"),
        ("440308199901101512", IdKind.RESIDENT, date(1999, 1, 10), "男", "广东省"),
        ("500154199804106120", IdKind.RESIDENT, date(1998, 4, 10), "女", "重庆市"),
    ],
)
def test_valid_vectors_decode(number: str, kind: IdKind, birth: date, sex: str, province: str) -> None:
    info = validate_id_number(number, today=date(2026, 3, 2))
    assert (info.number, info.kind, info.birth_date, info.sex, info.province_name) == (number, kind, birth, sex,
                                                                                        province)
    assert info.converted_from_15 is False


def test_lower_case_x_and_full_width_input_are_normalised() -> None:
    assert validate_id_number("11010519491231002x").number == "11010519491231002X"
    assert validate_id_number(" １１０１０５１９４９１２３１００２ｘ ").number == "11010519491231002X"


def test_fifteen_digit_number_is_converted() -> None:
    info = validate_id_number("110105491231002")
    assert info.number == "11010519491231002X"
    assert info.converted_from_15 is True and info.birth_date == date(1949, 12, 31)


def test_foreigner_2023_number() -> None:
    body = "911840" + "19850615" + "003"  # province 11, nationality 840
    info = validate_id_number(body + check_digit(body))
    assert info.kind is IdKind.FOREIGNER_2023
    assert (info.province_code, info.nationality_code, info.sex, info.birth_date) == ("11", "840", "男",
                                                                                        date(1985, 6, 15))


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("440308199901101513", ["校验位", "应为“2”", "实际是“3”"]),
        ("110105194912310021", ["校验位", "应为“X”"]),
        ("440308199902301512", ["出生日期不存在", "19990230"]),
        ("1101051949123100", ["18 位", "16 位"]),
        ("11010519491231002X1", ["19 位"]),
        ("", ["请填写"]),
        ("1101051949123100A2", ["第 17 位", "“A”"]),
        ("X10105194912310021", ["第 1 位"]),
        ("110105491231002X", ["16 位"]),
        ("000105194912310021", ["前两位“00”", "省级行政区划代码"]),
        ("999840198506150031", ["第 2–3 位“99”"]),
        ("110105174912310021", ["出生年份 1749"]),
        ("110105491331002", ["出生日期不存在", "19491331"]),
    ],
)
def test_each_rejection_says_why(number: str, words: list[str]) -> None:
    with pytest.raises(DomainError) as err:
        validate_id_number(number)
    for word in words:
        assert word in err.value.message


def test_future_birth_date_is_refused_only_when_today_is_known() -> None:
    body = "110105" + "20300101" + "001"
    number = body + check_digit(body)
    assert validate_id_number(number).birth_date == date(2030, 1, 1)
    with pytest.raises(DomainError, match="晚于今天（2026-03-02）"):
        validate_id_number(number, today=date(2026, 3, 2))


def test_mask() -> None:
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("123") == "***"


REGION = st.sampled_from(sorted(p for p in PROVINCES if p not in PERMIT_PREFIXES)).flatmap(
    lambda p: st.integers(0, 9999).map(lambda n: f"{p}{n:04d}"))
PERMIT = st.sampled_from(sorted(PERMIT_PREFIXES)).map(lambda p: p + "0000")
BIRTH = st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 3, 2))


@st.composite
def valid_numbers(draw: st.DrawFn) -> tuple[str, date, int]:
    region = draw(st.one_of(REGION, PERMIT))
    birth = draw(BIRTH)
    seq = draw(st.integers(0, 999))
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + check_digit(body), birth, seq


@settings(max_examples=300, deadline=None)
@given(valid_numbers())
def test_generated_numbers_round_trip(case: tuple[str, date, int]) -> None:
    number, birth, seq = case
    info = validate_id_number(number.lower(), today=date(2026, 3, 2))
    assert info.number == number and info.birth_date == birth
    assert info.sex == ("男" if seq % 2 else "女")
    assert info.kind is (IdKind.HK_MO_TW if number[:2] in PERMIT_PREFIXES else IdKind.RESIDENT)
    assert validate_id_number(info.number) == info


@settings(max_examples=500, deadline=None)
@given(valid_numbers(), st.integers(0, 17), st.integers(1, 10))
def test_any_single_character_change_is_caught(case: tuple[str, date, int], pos: int, shift: int) -> None:
    number = case[0]
    alphabet = "0123456789X" if pos == 17 else "0123456789"
    new_char = alphabet[(alphabet.index(number[pos]) + shift) % len(alphabet)] if number[pos] in alphabet else "0"
    if new_char == number[pos]:
        new_char = alphabet[(alphabet.index(new_char) + 1) % len(alphabet)]
    changed = number[:pos] + new_char + number[pos + 1:]
    assert changed != number
    with pytest.raises(DomainError):
        validate_id_number(changed)


@settings(max_examples=200, deadline=None)
@given(BIRTH.filter(lambda d: d.year < 2000), st.integers(0, 999))
def test_fifteen_digit_conversion_round_trips(birth: date, seq: int) -> None:
    old = f"110105{birth:%y%m%d}{seq:03d}"
    info = validate_id_number(old)
    assert info.converted_from_15 and info.number[:6] == "110105" and info.birth_date == birth
    assert validate_id_number(info.number).number == info.number


def test_every_check_character_occurs() -> None:
    seen = {check_digit(f"11010519491231{n:03d}") for n in range(1000)}
    assert seen == set("0123456789X")
