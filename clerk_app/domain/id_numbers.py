"""GB 11643 citizen ID numbers, HK/Macau/Taiwan residence permits and 2023 foreigner permanent residence numbers.

Public API:
    validate_id_number(s, *, today=None) -> IdNumberInfo   (raises DomainError saying why)
    mask_id_number(s) -> str                                ("110105********002X")
    check_digit(body17) -> str
    IdNumberInfo, IdKind, PROVINCES

All three number kinds share the layout "6 region digits, 8 birth digits, 3 sequence digits, check"
and the ISO 7064 MOD 11-2 check digit; the 2023 foreigner number puts "9", the province of issue and
a 3-digit nationality code into the first six digits. The county part of the region code is not
checked: retired county codes stay on valid cards for life (domain-rules.md §5).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from clerk_app.errors import DomainError
from clerk_app.messages import Text

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# Cards of people born before this are not plausibly still in use; the standard's own example is 1880.
EARLIEST_BIRTH_YEAR = 1850

PROVINCES: dict[str, str] = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省", "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区", "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
    "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区", "82": "澳门特别行政区", "83": "台湾地区",
}
PERMIT_PREFIXES = frozenset({"81", "82", "83"})


class IdKind(StrEnum):
    RESIDENT = "resident"
    HK_MO_TW = "hk_mo_tw"
    FOREIGNER_2023 = "foreigner_2023"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    IdKind.RESIDENT: "居民身份证号码",
    IdKind.HK_MO_TW: "港澳台居民居住证号码",
    IdKind.FOREIGNER_2023: "外国人永久居留身份证号码",
}


@dataclass(frozen=True)
class IdNumberInfo:
    number: str  # normalised: 18 characters, upper-case X
    kind: IdKind
    birth_date: date
    sex: str  # "男" / "女", as the card reader reports it
    province_code: str  # 2 digits: where registered; for foreigners, the province of issue
    province_name: str
    converted_from_15: bool = False
    nationality_code: str = ""  # 3 digits, 2023 foreigner numbers only

    @property
    def masked(self) -> str:
        return mask_id_number(self.number)


def check_digit(body17: str) -> str:
    """The MOD 11-2 check character for 17 digits."""
    return CHECK_CHARS[sum(int(c) * w for c, w in zip(body17, WEIGHTS, strict=True)) % 11]


def mask_id_number(s: str) -> str:
    """First six and last four kept, as screens, receipts and logs may show."""
    s = s.strip()
    if len(s) <= 10:
        return "*" * len(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


def _normalise(s: str) -> str:
    # NFKC turns full-width digits and "ｘ" typed through a Chinese IME into ASCII.
    text = unicodedata.normalize("NFKC", s)
    return "".join(text.split()).upper()


def validate_id_number(s: str, *, today: date | None = None) -> IdNumberInfo:
    """Check an ID number and decode it; ``today`` enables the future-birth-date check."""
    if not isinstance(s, str):
        raise DomainError("id.not_text")
    number = _normalise(s)
    if not number:
        raise DomainError("id.missing")
    if len(number) not in (15, 18):
        raise DomainError("id.bad_length", length=len(number))
    for i, c in enumerate(number, start=1):
        ok = (c.isascii() and c.isdigit()) or (c == "X" and i == 18)
        if not ok:
            rule = Text("id.rule_last_char") if i == 18 else Text("id.rule_digits")
            raise DomainError("id.bad_char", position=i, char=c, rule=rule)
    converted = len(number) == 15
    if converted:
        body = number[:6] + "19" + number[6:]
        number = body + check_digit(body)
    return _decode(number, converted, today)


def _decode(number: str, converted: bool, today: date | None) -> IdNumberInfo:
    nationality = ""
    if number[0] == "9":
        kind = IdKind.FOREIGNER_2023
        province = number[1:3]
        nationality = number[3:6]
        if province not in PROVINCES or province in PERMIT_PREFIXES:
            raise DomainError("id.bad_foreigner_region", province=province)
    else:
        province = number[:2]
        kind = IdKind.HK_MO_TW if province in PERMIT_PREFIXES else IdKind.RESIDENT
        if province not in PROVINCES:
            raise DomainError("id.bad_region", province=province)
    digits = number[6:14]
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise DomainError("id.no_such_birth_date", kind=kind, digits=digits) from None
    if birth.year < EARLIEST_BIRTH_YEAR:
        raise DomainError("id.bad_birth_year", kind=kind, year=birth.year)
    if today is not None and birth > today:
        raise DomainError("id.birth_in_future", kind=kind, birth=birth.isoformat(), today=today.isoformat())
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise DomainError("id.bad_check_digit", kind=kind, expected=expected, actual=number[17])
    return IdNumberInfo(
        number=number,
        kind=kind,
        birth_date=birth,
        sex="男" if int(number[16]) % 2 else "女",
        province_code=province,
        province_name=PROVINCES[province],
        converted_from_15=converted,
        nationality_code=nationality,
    )
