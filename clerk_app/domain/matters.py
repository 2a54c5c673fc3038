"""The matter catalogue (政务服务事项): what a window may accept and what each matter requires.

Codes (基本编码, 实施编码, 业务办理项编码) are opaque strings: stored, never parsed
(docs/domain-rules.md §1.2). Parsing works on plain dicts, so the domain does no I/O; the
services read the files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from clerk_app.domain.text import unsafe_text
from clerk_app.errors import DomainError
from clerk_app.messages import Text


class MatterType(StrEnum):
    LICENSING = "行政许可"
    CONFIRMATION = "行政确认"
    BENEFIT = "行政给付"
    ADJUDICATION = "行政裁决"
    REWARD = "行政奖励"
    FILING = "行政备案"
    OTHER_POWER = "其他行政权力"
    PUBLIC_SERVICE = "公共服务"


class Level(StrEnum):
    NATIONAL = "国家级"
    PROVINCIAL = "省级"
    CITY = "市级"
    COUNTY = "县级"
    TOWNSHIP = "乡镇（街道）级"
    VILLAGE = "村（社区）级"


class MaterialForm(StrEnum):
    ORIGINAL = "原件"
    COPY = "复印件"
    ELECTRONIC = "电子"
    ORIGINAL_AND_COPY = "原件和复印件"


class Necessity(StrEnum):
    REQUIRED = "必要"
    OPTIONAL = "非必要"
    RONGQUE = "容缺后补"


class LimitUnit(StrEnum):
    WORKING_DAYS = "工作日"
    CALENDAR_DAYS = "自然日"
    IMMEDIATE = "即办"
    NONE = "无"


class CaseKind(StrEnum):
    IMMEDIATE = "即办件"
    PROMISED = "承诺件"


SPECIAL_PROCEDURES = ("检验", "检测", "检疫", "鉴定", "专家评审", "听证", "招标", "拍卖", "现场核查")


@dataclass(frozen=True)
class Material:
    seq: int
    name: str
    form: MaterialForm
    copies: int
    necessity: Necessity
    notes: str = ""

    @property
    def rongque_eligible(self) -> bool:
        return self.necessity is Necessity.RONGQUE

    @property
    def required(self) -> bool:
        """Must be present for a normal acceptance (容缺 items too, unless accepted under 容缺)."""
        return self.necessity is not Necessity.OPTIONAL


@dataclass(frozen=True)
class TimeLimit:
    value: int
    unit: LimitUnit

    def __str__(self) -> str:
        if self.unit in (LimitUnit.IMMEDIATE, LimitUnit.NONE):
            return self.unit.value
        return f"{self.value}个{self.unit.value}"


@dataclass(frozen=True)
class Matter:
    code: str
    name: str
    type: MatterType
    level: Level
    department: str
    legal_limit: TimeLimit
    promise_limit: TimeLimit
    case_kind: CaseKind
    materials: tuple[Material, ...]
    task_code: str = ""
    accept_conditions: str = ""
    fee: str = "不收费"
    tell_commit_eligible: bool = False
    rongque_default_days: int = 5
    special_procedures: tuple[str, ...] = ()
    window_authorised: bool = True
    # 授权期限 (seed 001 App. I): the period of the departments' authorisation; None = open-ended
    authorised_from: dt.date | None = None
    authorised_to: dt.date | None = None
    legal_basis: tuple[str, ...] = ()
    place: str = ""
    phone: str = ""
    keywords: tuple[str, ...] = field(default=())

    @property
    def authorisation_period(self) -> str:
        """授权期限 as the 事项与授权 page shows it; empty when the authorisation has no end."""
        if self.authorised_from is None and self.authorised_to is None:
            return ""
        return f"{self.authorised_from or ''}至{self.authorised_to or '长期'}"

    def authorisation_problem(self, on: dt.date) -> Text | None:
        """Seed 001 App. I: a matter is received at the comprehensive window only within the period
        of its authorisation (授权期限); the sentence the clerk sees, or None when it may be received."""
        if not self.window_authorised:
            return Text("case.matter_not_authorised", matter=self.name, department=self.department)
        if self.authorised_from is not None and on < self.authorised_from:
            return Text("case.authorisation_not_started", matter=self.name, start=self.authorised_from,
                        department=self.department)
        if self.authorised_to is not None and on > self.authorised_to:
            return Text("case.authorisation_ended", matter=self.name, end=self.authorised_to,
                        department=self.department)
        return None

    @property
    def rongque_allowed(self) -> bool:
        return any(m.rongque_eligible for m in self.materials)

    def material(self, seq: int) -> Material:
        for m in self.materials:
            if m.seq == seq:
                return m
        raise DomainError("catalogue.no_material", matter=self.name, seq=seq)


@dataclass(frozen=True)
class Catalogue:
    name: str
    version: str
    matters: tuple[Matter, ...]

    def by_code(self, code: str) -> Matter:
        for m in self.matters:
            if m.code == code:
                return m
        raise DomainError("catalogue.no_matter", matter_code=code)

    def authorised(self) -> tuple[Matter, ...]:
        return tuple(m for m in self.matters if m.window_authorised)

    @property
    def departments(self) -> tuple[str, ...]:
        return tuple(sorted({m.department for m in self.matters}))


class CatalogueError(DomainError):
    """A catalogue file that cannot be used; the message names the file, the matter and the field."""


def _enum(cls: type[StrEnum], value: Any, where: str, fieldname: str) -> Any:
    try:
        return cls(value)
    except ValueError:
        allowed = "、".join(e.value for e in cls)
        raise CatalogueError("catalogue.bad_value", where=where, key=fieldname, value=value, allowed=allowed) from None


def _req(d: Mapping[str, Any], key: str, where: str, kind: type | tuple[type, ...] = str) -> Any:
    if key not in d or d[key] in ("", None):
        raise CatalogueError("catalogue.field_missing", where=where, key=key)
    value = d[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise CatalogueError("catalogue.field_type", where=where, key=key, value=value)
    return value


MATTER_KEYS = frozenset({
    "code", "task_code", "name", "type", "level", "department", "legal_limit_unit", "legal_limit_days",
    "promise_limit_unit", "promise_limit_days", "case_kind", "accept_conditions", "fee", "tell_commit",
    "rongque_default_days", "special_procedures", "window_authorised", "authorised_from", "authorised_to",
    "legal_basis", "place", "phone", "keywords",
    "material"})
MATERIAL_KEYS = frozenset({"name", "form", "copies", "necessity", "notes"})


def _known_keys(d: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(d) - allowed)
    if unknown:
        raise CatalogueError("catalogue.unknown_fields", where=where, keys=unknown)


def _table(value: Any, where: str, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise CatalogueError("catalogue.not_a_table", where=where, what=what, value=value)
    return value


def _bool(d: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
    value = d.get(key, default)
    if not isinstance(value, bool):
        raise CatalogueError("catalogue.not_a_bool", where=where, key=key, value=value)
    return value


def _date(d: Mapping[str, Any], key: str, where: str) -> dt.date | None:
    value = d.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise CatalogueError("catalogue.not_a_date", where=where, key=key, value=value) from None


def _strings(d: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = d.get(key, ())
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise CatalogueError("catalogue.not_a_text_list", where=where, key=key, value=value)
    return tuple(value)


def _limit(d: Mapping[str, Any], prefix: str, where: str) -> TimeLimit:
    unit = _enum(LimitUnit, d.get(f"{prefix}_unit", "工作日"), where, f"{prefix}_unit")
    if unit in (LimitUnit.IMMEDIATE, LimitUnit.NONE):
        return TimeLimit(0, unit)
    value = _req(d, f"{prefix}_days", where, int)
    if not 0 <= value <= 3650:
        raise CatalogueError("catalogue.days_out_of_range", where=where, prefix=prefix, value=value)
    return TimeLimit(value, unit)


def parse_matter(d: Mapping[str, Any], source: str, index: int) -> Matter:
    if not isinstance(d, Mapping):
        raise CatalogueError("catalogue.matter_not_table", source=source, position=index + 1)
    label = d.get("name") or d.get("code")
    where = (Text("catalogue.where_matter", source=source, matter=label) if label
             else Text("catalogue.where_matter_number", source=source, position=index + 1))
    _known_keys(d, MATTER_KEYS, where)
    code = _req(d, "code", where)
    if len(code) > 64:
        raise CatalogueError("catalogue.code_too_long", where=where)
    raw_materials = d.get("material", [])
    if not isinstance(raw_materials, list) or not raw_materials:
        raise CatalogueError("catalogue.no_materials", where=where)
    materials: list[Material] = []
    for i, raw in enumerate(raw_materials):
        m = _table(raw, Text("catalogue.where_material_number", matter=where, position=i + 1), "matter.material")
        mwhere = Text("catalogue.where_material", matter=where, position=i + 1, material=m.get("name", ""))
        _known_keys(m, MATERIAL_KEYS, mwhere)
        copies = m.get("copies", 1)
        if not isinstance(copies, int) or isinstance(copies, bool) or not 0 <= copies <= 99:
            raise CatalogueError("catalogue.bad_copies", where=mwhere)
        materials.append(
            Material(
                seq=i + 1,
                name=_req(m, "name", mwhere),
                form=_enum(MaterialForm, m.get("form", "原件"), mwhere, "form"),
                copies=copies,
                necessity=_enum(Necessity, m.get("necessity", "必要"), mwhere, "necessity"),
                notes=str(m.get("notes", "")),
            )
        )
    specials = _strings(d, "special_procedures", where)
    for s in specials:
        if s not in SPECIAL_PROCEDURES:
            raise CatalogueError("catalogue.bad_special_procedure", where=where, value=s, allowed=SPECIAL_PROCEDURES)
    rq_days = d.get("rongque_default_days", 5)
    if not isinstance(rq_days, int) or isinstance(rq_days, bool) or not 1 <= rq_days <= 60:
        raise CatalogueError("catalogue.bad_rongque_days", where=where)
    legal_limit, promise_limit = _limit(d, "legal_limit", where), _limit(d, "promise_limit", where)
    case_kind = _enum(CaseKind, d.get("case_kind", "承诺件"), where, "case_kind")
    if case_kind is CaseKind.IMMEDIATE and promise_limit.unit is not LimitUnit.IMMEDIATE:
        raise CatalogueError("catalogue.bad_immediate_unit", where=where)
    if (legal_limit.unit is promise_limit.unit is LimitUnit.WORKING_DAYS
            and promise_limit.value > legal_limit.value):
        raise CatalogueError("catalogue.promise_over_legal", where=where, promise=promise_limit.value, legal=legal_limit.value)
    authorised_from, authorised_to = _date(d, "authorised_from", where), _date(d, "authorised_to", where)
    if authorised_from and authorised_to and authorised_to < authorised_from:
        raise CatalogueError("catalogue.authorisation_ends_before_start", where=where, authorised_to=authorised_to, authorised_from=authorised_from)
    return Matter(
        code=code,
        task_code=str(d.get("task_code", "")),
        name=_req(d, "name", where),
        type=_enum(MatterType, _req(d, "type", where), where, "type"),
        level=_enum(Level, _req(d, "level", where), where, "level"),
        department=_req(d, "department", where),
        legal_limit=legal_limit,
        promise_limit=promise_limit,
        case_kind=case_kind,
        materials=tuple(materials),
        accept_conditions=str(d.get("accept_conditions", "")),
        fee=str(d.get("fee", "不收费")),
        tell_commit_eligible=_bool(d, "tell_commit", where, False),
        rongque_default_days=rq_days,
        special_procedures=specials,
        window_authorised=_bool(d, "window_authorised", where, True),
        authorised_from=authorised_from,
        authorised_to=authorised_to,
        legal_basis=_strings(d, "legal_basis", where),
        place=str(d.get("place", "")),
        phone=str(d.get("phone", "")),
        keywords=_strings(d, "keywords", where),
    )


def parse_catalogue(data: Mapping[str, Any], source: str) -> Catalogue:
    if (why := unsafe_text(data)) is not None:  # names reach screens, printers and terminals
        raise CatalogueError("catalogue.file_unsafe", source=source, reason=why)
    head = data.get("catalogue", {})
    if not isinstance(head, Mapping):
        raise CatalogueError("catalogue.head_not_table", source=source, head=head)
    raw = data.get("matter", [])
    if not isinstance(raw, list):
        raise CatalogueError("catalogue.matters_not_tables", source=source)
    if not raw:
        raise CatalogueError("catalogue.empty", source=source)
    matters = [parse_matter(d, source, i) for i, d in enumerate(raw)]
    seen: dict[str, str] = {}
    for m in matters:
        if m.code in seen:
            raise CatalogueError("catalogue.duplicate_code", source=source, matter=m.name, matter_code=m.code, other=seen[m.code])
        seen[m.code] = m.name
    return Catalogue(name=str(head.get("name", source)), version=str(head.get("version", "")), matters=tuple(matters))
