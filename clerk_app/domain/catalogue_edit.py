"""Editing the matter catalogue: a matter back to the plain dict ``parse_matter`` reads (so an edit is
validated by exactly the parser's rules), the catalogue as TOML text in the format of
docs/catalogue-format.md, and the differences between two catalogues for an import preview.

Pure: no I/O; the service reads and writes the files.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clerk_app.domain.matters import Catalogue, LimitUnit, Matter

# What the manager view calls each catalogue key; refusals name the field in these words too.
FIELD_LABELS: dict[str, str] = {
    "code": "基本编码", "task_code": "实施编码", "name": "事项名称", "type": "事项类型", "level": "行使层级",
    "department": "实施主体", "legal_limit_unit": "法定时限单位", "legal_limit_days": "法定时限",
    "promise_limit_unit": "承诺时限单位", "promise_limit_days": "承诺时限", "case_kind": "办件类型",
    "accept_conditions": "受理条件", "fee": "收费", "tell_commit": "告知承诺", "rongque_default_days": "容缺补交天数",
    "special_procedures": "特别程序", "window_authorised": "窗口授权",
    "authorised_from": "授权起始日期", "authorised_to": "授权截止日期", "legal_basis": "设定依据", "place": "办理地点",
    "phone": "咨询电话", "keywords": "检索关键词", "material": "申请材料", "form": "材料形式", "copies": "份数",
    "necessity": "必要性（容缺）", "notes": "填报须知",
}


def material_dicts(m: Matter) -> list[dict[str, Any]]:
    return [{"name": x.name, "form": x.form.value, "copies": x.copies, "necessity": x.necessity.value,
             "notes": x.notes} for x in m.materials]


def matter_to_dict(m: Matter) -> dict[str, Any]:
    """The inverse of ``parse_matter``: ``parse_matter(matter_to_dict(m), …) == m``."""
    d: dict[str, Any] = {"code": m.code, "task_code": m.task_code, "name": m.name, "type": m.type.value,
                         "level": m.level.value, "department": m.department}
    for prefix, limit in (("legal_limit", m.legal_limit), ("promise_limit", m.promise_limit)):
        d[f"{prefix}_unit"] = limit.unit.value
        if limit.unit not in (LimitUnit.IMMEDIATE, LimitUnit.NONE):
            d[f"{prefix}_days"] = limit.value
    d.update({"case_kind": m.case_kind.value, "accept_conditions": m.accept_conditions, "fee": m.fee,
              "tell_commit": m.tell_commit_eligible, "rongque_default_days": m.rongque_default_days,
              "special_procedures": list(m.special_procedures), "window_authorised": m.window_authorised,
              "legal_basis": list(m.legal_basis), "place": m.place, "phone": m.phone, "keywords": list(m.keywords),
              "material": material_dicts(m)})
    for key, day in (("authorised_from", m.authorised_from), ("authorised_to", m.authorised_to)):
        if day is not None:  # 授权期限 (seed 001 App. I), written only when the authorisation has one
            d[key] = day.isoformat()
    return d


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    # A JSON string is a valid TOML basic string (the same escapes), with Chinese kept readable.
    return json.dumps(str(v), ensure_ascii=False)


def catalogue_toml(c: Catalogue, *, header_comment: str = "") -> str:
    lines = [f"# {line}" for line in header_comment.splitlines()]
    lines += ["[catalogue]", f"name = {_value(c.name)}", f"version = {_value(c.version)}"]
    for m in c.matters:
        d = matter_to_dict(m)
        materials = d.pop("material")
        lines += ["", "[[matter]]", *(f"{k} = {_value(v)}" for k, v in d.items())]
        for mat in materials:
            lines += ["", "  [[matter.material]]", *(f"  {k} = {_value(v)}" for k, v in mat.items())]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class MatterChange:
    code: str
    name: str
    fields: tuple[str, ...]  # labels of FIELD_LABELS


@dataclass(frozen=True)
class CatalogueDiff:
    added: tuple[Matter, ...]
    changed: tuple[MatterChange, ...]
    removed: tuple[Matter, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[str, ...]:
    keys = list(dict.fromkeys([*old, *new]))
    return tuple(FIELD_LABELS.get(k, k) for k in keys if old.get(k) != new.get(k))


def diff(old: Catalogue, new: Catalogue) -> CatalogueDiff:
    before = {m.code: m for m in old.matters}
    after = {m.code: m for m in new.matters}
    changed = tuple(MatterChange(code, m.name, changed_fields(matter_to_dict(before[code]), matter_to_dict(m)))
                    for code, m in after.items() if code in before and before[code] != m)
    return CatalogueDiff(added=tuple(m for c, m in after.items() if c not in before), changed=changed,
                         removed=tuple(m for c, m in before.items() if c not in after))
