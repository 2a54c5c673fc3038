"""The 256-byte card text block (UCS-2 LE, space padded) for all four card types.

Public API: ``IdCard`` (parsed card; ``to_json_dict`` gives the CLI contract), ``CardType``,
``parse_card_text(text, photo_wlt=b"", today=None)``, ``build_card_text(fields, card_type)``
(used by the simulator and tests), ``FIELD_LAYOUTS``.

Layouts follow docs/devices.md A.7. The 2023 foreigner card ('Y') is only partly confirmed by
sources (name, ID, dates, nationality, type); the rest of its layout is our best reading and the
raw block is always kept so that a correction needs no re-read.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from clerk_app.devices.id_reader.nations import nation_name
from clerk_app.messages import Text

TEXT_LEN = 256
TYPE_OFFSET = 248
LONG_TERM = "长期"


class CardType(enum.Enum):
    RESIDENT = "resident"
    HK_MO_TW = "hk_mo_tw"
    FOREIGNER_2017 = "foreigner_2017"
    FOREIGNER_2023 = "foreigner_2023"

    @property
    def label(self) -> str:
        return {
            "resident": "居民身份证",
            "hk_mo_tw": "港澳台居民居住证",
            "foreigner_2017": "外国人永久居留身份证（2017版）",
            "foreigner_2023": "外国人永久居留身份证（2023版）",
        }[self.value]


TYPE_MARKS = {"J": CardType.HK_MO_TW, "I": CardType.FOREIGNER_2017, "Y": CardType.FOREIGNER_2023}
MARK_OF = {v: k for k, v in TYPE_MARKS.items()}

# field -> (byte offset, byte length) inside the 256-byte block
_COMMON_TAIL = {"valid_from": (188, 16), "valid_to": (204, 16)}
FIELD_LAYOUTS: dict[CardType, dict[str, tuple[int, int]]] = {
    CardType.RESIDENT: {
        "name": (0, 30), "sex": (30, 2), "nation": (32, 4), "birth_date": (36, 16),
        "address": (52, 70), "id_number": (122, 36), "authority": (158, 30), **_COMMON_TAIL,
    },
    CardType.HK_MO_TW: {
        "name": (0, 30), "sex": (30, 2), "birth_date": (36, 16), "address": (52, 70),
        "id_number": (122, 36), "authority": (158, 30), **_COMMON_TAIL,
        "pass_number": (220, 18), "issue_count": (238, 4),
    },
    CardType.FOREIGNER_2017: {
        "english_name": (0, 120), "sex": (120, 2), "id_number": (122, 30), "nationality": (152, 6),
        "name": (158, 30), **_COMMON_TAIL, "birth_date": (220, 16), "card_version": (236, 4),
        "authority": (240, 8),
    },
    CardType.FOREIGNER_2023: {
        "name": (0, 30), "sex": (30, 2), "issue_count": (32, 4), "birth_date": (36, 16),
        "english_name": (52, 70), "id_number": (122, 36), "authority": (158, 30), **_COMMON_TAIL,
        "english_name_more": (220, 22), "nationality": (242, 6),
    },
}

SEXES = {"1": "男", "2": "女"}
SEX_CODES = {"男": "1", "女": "2"}


def _date(raw: str) -> str | None:
    """YYYYMMDD -> YYYY-MM-DD; None when it is not a real date."""
    try:
        return dt.datetime.strptime(raw, "%Y%m%d").date().isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class IdCard:
    card_type: CardType
    name: str
    sex: str | None
    nation: str | None
    nation_code: str | None
    birth_date: str | None
    address: str | None
    id_number: str
    authority: str | None
    valid_from: str | None
    valid_to: str | None
    english_name: str | None
    nationality: str | None
    photo_wlt: bytes
    raw_text: bytes
    extra: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    appended_address: str | None = None

    def expired(self, today: dt.date) -> bool:
        if not self.valid_to or self.valid_to == LONG_TERM:
            return False
        return dt.date.fromisoformat(self.valid_to) < today

    @property
    def masked_id(self) -> str:
        from clerk_app.domain.id_numbers import mask_id_number

        return mask_id_number(self.id_number)

    def to_json_dict(self) -> dict[str, object]:
        """Exactly the keys of the ``devices read-id --json`` contract."""
        import base64

        return {
            "card_type": self.card_type.value,
            "name": self.name,
            "sex": self.sex,
            "nation": self.nation,
            "birth_date": self.birth_date,
            "address": self.address,
            "id_number": self.id_number,
            "authority": self.authority,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "english_name": self.english_name,
            "nationality": self.nationality,
            "photo_wlt": base64.b64encode(self.photo_wlt).decode("ascii"),
        }

    def __repr__(self) -> str:  # never print citizen data in logs or tracebacks
        return f"IdCard({self.card_type.value}, id={self.masked_id})"


def card_type_of(text: bytes) -> CardType:
    mark = text[TYPE_OFFSET:TYPE_OFFSET + 2].decode("utf-16-le", errors="replace")
    return TYPE_MARKS.get(mark, CardType.RESIDENT)


def _fields(text: bytes, layout: dict[str, tuple[int, int]]) -> dict[str, str]:
    out = {}
    for key, (off, length) in layout.items():
        # U+0000 padding appears on some cards besides the standard U+0020
        out[key] = text[off:off + length].decode("utf-16-le", errors="replace").replace("\x00", " ").strip()
    return out


def parse_card_text(text: bytes, photo_wlt: bytes = b"") -> IdCard:
    """Parse the block; odd values are kept raw and listed in ``problems``, never fatal."""
    if len(text) != TEXT_LEN:
        raise ValueError(f"card text must be {TEXT_LEN} bytes, got {len(text)}")
    ctype = card_type_of(text)
    f = _fields(text, FIELD_LAYOUTS[ctype])
    problems: list[Text] = []

    sex = SEXES.get(f.get("sex", ""))
    if sex is None:
        problems.append(Text("card.bad_sex", value=f.get("sex", "")))
    nation = code = None
    if ctype is CardType.RESIDENT:
        code = f["nation"]
        nation = nation_name(code)
        if nation is None:
            problems.append(Text("card.unknown_nation", value=code))
    birth = _date(f.get("birth_date", ""))
    if birth is None:
        problems.append(Text("card.bad_birth_date"))  # never the value: it is the holder's
    valid_from = _date(f["valid_from"])
    if valid_from is None:
        problems.append(Text("card.bad_valid_from"))
    valid_to = LONG_TERM if f["valid_to"] == LONG_TERM else _date(f["valid_to"])
    if valid_to is None:
        problems.append(Text("card.bad_valid_to"))

    english = f.get("english_name")
    if ctype is CardType.FOREIGNER_2023 and f.get("english_name_more"):
        english = (english or "") + f["english_name_more"]
    known = {"name", "sex", "nation", "birth_date", "address", "id_number", "authority",
             "valid_from", "valid_to", "english_name", "english_name_more", "nationality"}
    extra = {k: v for k, v in f.items() if k not in known and v}
    return IdCard(
        card_type=ctype,
        name=f.get("name", ""),
        sex=sex,
        nation=nation,
        nation_code=code,
        birth_date=birth,
        address=f.get("address") or None,
        id_number=f["id_number"],
        authority=f.get("authority") or None,
        valid_from=valid_from,
        valid_to=valid_to,
        english_name=english or None,
        nationality=f.get("nationality") or None,
        photo_wlt=bytes(photo_wlt),
        raw_text=bytes(text),
        extra=extra,
        problems=tuple(problems),
    )


def build_card_text(fields: dict[str, str], card_type: CardType) -> bytes:
    """Inverse of ``parse_card_text`` for raw field strings (dates as YYYYMMDD, sex as 1/2)."""
    block = bytearray(" ".encode("utf-16-le") * (TEXT_LEN // 2))
    layout = dict(FIELD_LAYOUTS[card_type])
    for key, value in fields.items():
        if key not in layout:
            raise KeyError(f"{card_type.value} card has no field {key!r}")
        off, length = layout[key]
        data = value.encode("utf-16-le")
        if len(data) > length:
            raise ValueError(f"{key} too long for its {length}-byte slot")
        block[off:off + len(data)] = data
    if card_type in MARK_OF:
        block[TYPE_OFFSET:TYPE_OFFSET + 2] = MARK_OF[card_type].encode("utf-16-le")
    return bytes(block)
