"""The per-province mapping file: which GB/T 39046-2020 data item goes to which field of the
province's interface, from which fact of the center's records, through which transform.

The file is data, written by the center's IT for its province; it is validated whole before the
exchange starts (an unknown source, transform or code table is refused with the item it is in), so a
typo never turns into thousands of wrong records at the province.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

MAX_FILE = 256 * 1024  # a mapping is a few KB; a larger file is not a mapping
KINDS = ("case", "rating")
# The stages a case is reported in (GB/T 39046-2020: 申请, 受理, 办理, 办结), in the order they happen.
STAGES = ("申请", "受理", "办理", "办结")
# Facts the feeder extracts from the center's records, by kind. ``stage`` and ``stage_time`` are the
# reported event; ``center.region`` the 行政区划代码 of the case's center from [centers].
SOURCES: dict[str, frozenset[str]] = {
    "case": frozenset({
        "case.number", "case.matter_code", "case.matter_name", "case.department", "case.window",
        "case.channel", "case.state", "case.accept_mode", "case.received_at", "case.accepted_at",
        "case.due_date", "applicant.name", "applicant.kind", "applicant.id_number", "applicant.phone",
        "stage", "stage_time", "stage_result", "center.code", "center.region"}),
    "rating": frozenset({
        "case.number", "case.matter_code", "case.matter_name", "case.window", "rating.level",
        "rating.channel", "rating.real_name", "rating.rater", "rating.comment", "rating.at", "center.code",
        "center.region"}),
}
TRANSFORMS = frozenset({"text", "datetime", "date", "int", "matter_code", "code"})
_REGION = re.compile(r"^\d{6}$")
_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_PATH = re.compile(r"^/[A-Za-z0-9_./-]{0,199}$")


class MappingError(ValueError):
    """The mapping file is not usable; the message is one Chinese sentence naming where."""


@dataclass(frozen=True)
class Item:
    item: str        # the standard's data item name, e.g. 办件编号
    field: str       # the province's field name
    source: str = ""
    value: str | None = None  # a constant instead of a source
    transform: str = "text"
    codes: str = ""  # the code table for transform = "code"
    required: bool = False


@dataclass(frozen=True)
class Mapping:
    name: str
    region_code: str
    endpoints: dict[str, str]
    items: dict[str, tuple[Item, ...]]
    centers: dict[str, str] = field(default_factory=dict)
    matter_codes: dict[str, str] = field(default_factory=dict)
    code_tables: dict[str, dict[str, str]] = field(default_factory=dict)

    def build(self, kind: str, facts: dict[str, Any], task_codes: dict[str, str] | None = None) -> dict[str, Any]:
        """The province's record for one queued event; MappingError names a missing or unmappable item
        (the event then waits in the dead-letter list until the mapping or the data is fixed).

        ``task_codes`` are the 实施编码 of the catalogue the center distributes; [matter_codes] in the
        mapping overrides them."""
        facts = {**facts, "center.region": self.centers.get(str(facts.get("center.code", "")), "")}
        out: dict[str, Any] = {}
        for it in self.items[kind]:
            raw = it.value if it.value is not None else facts.get(it.source)
            value = self._transform(it, raw, task_codes or {})
            if value in (None, "") and it.required:
                raise MappingError(f"缺少必填数据项“{it.item}”（来源 {it.source or '常量'}）。")
            out[it.field] = value
        return out

    def _transform(self, it: Item, raw: Any, task_codes: dict[str, str]) -> Any:
        if raw is None or raw == "":
            return raw
        if it.transform == "text":
            return str(raw)
        if it.transform == "int":
            return int(raw)
        if it.transform == "datetime":
            return datetime.fromisoformat(str(raw)).strftime("%Y-%m-%d %H:%M:%S")
        if it.transform == "date":
            return date.fromisoformat(str(raw)[:10]).isoformat()
        if it.transform == "matter_code":
            code = self.matter_codes.get(str(raw)) or task_codes.get(str(raw))
            if not code:
                raise MappingError(f"事项编码“{raw}”没有实施编码：中心事项目录中没有，映射文件的 [matter_codes] 中也没有。")
            return code
        table = self.code_tables[it.codes]
        key = str(raw).lower() if isinstance(raw, bool) else str(raw)
        if key not in table:
            raise MappingError(f"数据项“{it.item}”的值在代码表 [codes.{it.codes}] 中没有对应代码。")
        return table[key]


def _text(value: Any, where: str, *, limit: int = 200) -> str:
    if not isinstance(value, str) or not value or len(value) > limit:
        raise MappingError(f"映射文件中 {where} 应为不超过 {limit} 个字符的非空文本。")
    if any(not ch.isprintable() for ch in value):
        raise MappingError(f"映射文件中 {where} 含有控制字符。")
    return value


def _only(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise MappingError(f"映射文件中 {where} 有未知的键：{', '.join(unknown)[:100]}。")


def parse(data: dict[str, Any]) -> Mapping:
    _only(data, {"province", "centers", "matter_codes", "endpoints", "codes", *KINDS}, "顶层")
    prov = data.get("province")
    if not isinstance(prov, dict):
        raise MappingError("映射文件缺少 [province] 段。")
    _only(prov, {"name", "region_code"}, "[province]")
    name = _text(prov.get("name"), "province.name")
    region = _text(prov.get("region_code"), "province.region_code")
    if not _REGION.match(region):
        raise MappingError("province.region_code 应为 6 位行政区划代码。")
    centers = data.get("centers", {})
    if not isinstance(centers, dict):
        raise MappingError("[centers] 应为“中心代码 = 行政区划代码”的表。")
    for code, reg in centers.items():
        if not isinstance(reg, str) or not _REGION.match(reg):
            raise MappingError(f"[centers] 中 {code[:20]} 的行政区划代码应为 6 位数字。")
    matter_codes = data.get("matter_codes", {})
    if not isinstance(matter_codes, dict):
        raise MappingError("[matter_codes] 应为“本地事项编码 = 实施编码”的表。")
    for local, national in matter_codes.items():
        _text(national, f"matter_codes.{local[:40]}", limit=64)
    codes = data.get("codes", {})
    if not isinstance(codes, dict):
        raise MappingError("[codes] 应为代码表的集合。")
    tables: dict[str, dict[str, str]] = {}
    for tname, table in codes.items():
        if not isinstance(table, dict) or not table:
            raise MappingError(f"代码表 [codes.{tname[:40]}] 应为非空的表。")
        tables[tname] = {str(k): _text(v, f"codes.{tname}.{k}", limit=64) for k, v in table.items()}
    endpoints = data.get("endpoints")
    if not isinstance(endpoints, dict):
        raise MappingError("映射文件缺少 [endpoints] 段。")
    _only(endpoints, set(KINDS), "[endpoints]")
    items: dict[str, tuple[Item, ...]] = {}
    for kind in KINDS:
        path = endpoints.get(kind)
        if not isinstance(path, str) or not _PATH.match(path):
            raise MappingError(f"endpoints.{kind} 应为以 / 开头的接口路径。")
        section = data.get(kind)
        if not isinstance(section, dict) or not isinstance(section.get("items"), list) or not section["items"]:
            raise MappingError(f"映射文件缺少 [[{kind}.items]]。")
        _only(section, {"items"}, f"[{kind}]")
        parsed: list[Item] = []
        seen: set[str] = set()
        for n, raw in enumerate(section["items"], 1):
            where = f"{kind}.items 第 {n} 项"
            if not isinstance(raw, dict):
                raise MappingError(f"{where} 应为表。")
            _only(raw, {"item", "field", "source", "value", "transform", "codes", "required"}, where)
            it = Item(item=_text(raw.get("item"), f"{where} 的 item", limit=40),
                      field=_text(raw.get("field"), f"{where} 的 field", limit=64),
                      source=raw.get("source", ""), value=raw.get("value"),
                      transform=raw.get("transform", "text"), codes=raw.get("codes", ""),
                      required=raw.get("required", False))
            if not _FIELD.match(it.field) or it.field in seen:
                raise MappingError(f"{where} 的字段名 {it.field[:64]} 不合法或重复。")
            seen.add(it.field)
            if (it.value is None) == (not it.source):
                raise MappingError(f"{where} 应有 source 或 value 之一。")
            if it.value is not None:
                _text(it.value, f"{where} 的 value")
            elif it.source not in SOURCES[kind]:
                raise MappingError(f"{where} 的来源 {str(it.source)[:40]} 不是可用的数据来源。")
            if it.transform not in TRANSFORMS:
                raise MappingError(f"{where} 的转换 {str(it.transform)[:20]} 未知。")
            if it.transform == "code" and it.codes not in tables:
                raise MappingError(f"{where} 引用的代码表 [codes.{str(it.codes)[:40]}] 不存在。")
            if not isinstance(it.required, bool):
                raise MappingError(f"{where} 的 required 应为 true 或 false。")
            parsed.append(it)
        if not any(i.source == "case.number" and i.required for i in parsed):
            raise MappingError(f"[[{kind}.items]] 必须把 case.number（办件编号）列为必填项：它是重发去重的依据。")
        items[kind] = tuple(parsed)
    return Mapping(name=name, region_code=region, endpoints={k: endpoints[k] for k in KINDS}, items=items,
                   centers=dict(centers), matter_codes=dict(matter_codes), code_tables=tables)


def load(path: Path) -> Mapping:
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_FILE + 1)
    except OSError:
        raise MappingError(f"无法读取映射文件 {path.name}。") from None
    if len(raw) > MAX_FILE:
        raise MappingError(f"映射文件 {path.name} 过大（上限 {MAX_FILE // 1024} KB）。")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        raise MappingError(f"映射文件 {path.name} 不是有效的 UTF-8 TOML：{str(exc)[:80]}") from None
    return parse(data)


DEFAULT = Path(__file__).parent / "mappings" / "demo-province.toml"
