"""Declarative notice templates (``forms/notices/<kind>.toml``) and the per-center settings
(``forms/center.toml``). Format for non-programmers: docs/documents.md.

A template is checked when it is loaded: an unknown block type, table source or placeholder is
refused with one sentence naming the file, so a typo never reaches a citizen's paper.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clerk_app.documents.context import ITEM_FIELDS, LIST_NAMES, Center, field_names
from clerk_app.errors import UserError
from clerk_app.paths import FORMS

NOTICES_DIR = FORMS / "notices"
CENTER_FILE = FORMS / "center.toml"

KINDS: dict[str, str] = {
    "acceptance": "受理通知书",
    "rejection": "不予受理通知书",
    "one_time_notice": "一次性告知书",
    "rongque_commitment": "容缺受理承诺书",
    "tell_commit": "告知承诺书",
    "delegation": "代办委托协议",
    "guide": "办事指南",
    "pickup": "结果领取登记单",
    "collect_reminder": "领取通知",
    "handover": "材料交接单",
}
BLOCK_KINDS = ("heading", "text", "fields", "table", "signature", "seal")
STYLES = ("body", "indent", "small", "right")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
DEFAULT_COPIES = ("第一联　申请人留存", "第二联　存档")


@dataclass(frozen=True)
class Column:
    header: str
    value: str
    width: float = 1.0


@dataclass(frozen=True)
class Block:
    type: str
    text: str = ""
    style: str = "body"
    when: str = ""
    rows: tuple[tuple[str, str], ...] = ()
    source: str = ""
    columns: tuple[Column, ...] = ()
    empty: str = "（无）"
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    kind: str
    title: str
    source: Path
    blocks: tuple[Block, ...]
    two_copies: bool = True


@dataclass(frozen=True)
class CenterSettings:
    center: Center
    copies: tuple[str, ...] = DEFAULT_COPIES
    reprint_mark: str = ""  # [document] reprint_mark = "补打": printed beside each copy's name on a reprint


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"找不到模板文件 {path}。") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"模板文件 {path.name} 格式错误：{exc}。") from None


def _str(d: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = d.get(key, default)
    if not isinstance(value, str):
        if value is None:
            raise UserError(f"{where}缺少“{key}”。")
        raise UserError(f"{where}的“{key}”应为文字（加引号），现为 {value!r}。")
    return value


def _check_placeholders(text: str, allowed: frozenset[str], where: str) -> None:
    for name in PLACEHOLDER.findall(text):
        if name not in allowed:
            raise UserError(f"{where}中的占位符“{{{name}}}”不存在，请检查拼写（可用的占位符见 docs/documents.md）。")


def _columns(raw: Any, where: str) -> tuple[Column, ...]:
    if not isinstance(raw, list) or not raw:
        raise UserError(f"{where}缺少“columns”列定义。")
    cols = []
    for i, c in enumerate(raw, 1):
        if not isinstance(c, Mapping):
            raise UserError(f"{where}的第 {i} 列应写成 {{ header = \"…\", value = \"…\" }}。")
        width = c.get("width", 1)
        if not isinstance(width, int | float) or isinstance(width, bool) or width <= 0:
            raise UserError(f"{where}的第 {i} 列的“width”应为正数。")
        cols.append(Column(_str(c, "header", f"{where}的第 {i} 列"), _str(c, "value", f"{where}的第 {i} 列"),
                           float(width)))
    return tuple(cols)


def _block(raw: Any, index: int, path: Path, names: frozenset[str]) -> Block:
    where = f"模板文件 {path.name} 的第 {index} 段（[[block]]）"
    if not isinstance(raw, Mapping):
        raise UserError(f"{where}应写成 [[block]] 双方括号段。")
    btype = _str(raw, "type", where)
    if btype not in BLOCK_KINDS:
        raise UserError(f"{where}的类型“{btype}”不存在，应为：{'、'.join(BLOCK_KINDS)}。")
    style = _str(raw, "style", where, "body")
    if style not in STYLES:
        raise UserError(f"{where}的样式“{style}”不存在，应为：{'、'.join(STYLES)}。")
    when = _str(raw, "when", where, "")
    if when and when not in names and when not in LIST_NAMES:
        raise UserError(f"{where}的条件“when = {when}”不是已知的占位符或材料清单名。")
    rows: tuple[tuple[str, str], ...] = ()
    if btype == "fields":
        raw_rows = raw.get("rows")
        if not isinstance(raw_rows, list) or not all(
                isinstance(r, list) and len(r) == 2 and all(isinstance(x, str) for x in r) for r in raw_rows):
            raise UserError(f"{where}的“rows”应写成 [[\"标签\", \"{{占位符}}\"], …]。")
        rows = tuple((r[0], r[1]) for r in raw_rows)
    source, columns = "", ()
    if btype == "table":
        source = _str(raw, "source", where)
        if source not in LIST_NAMES:
            raise UserError(f"{where}的清单“{source}”不存在，应为：{'、'.join(LIST_NAMES)}。")
        columns = _columns(raw.get("columns"), where)
    lines = raw.get("lines", [])
    if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
        raise UserError(f"{where}的“lines”应为文字列表。")
    block = Block(type=btype, text=_str(raw, "text", where, ""), style=style, when=when, rows=rows, source=source,
                  columns=columns, empty=_str(raw, "empty", where, "（无）"), lines=tuple(lines))
    texts = [block.text, block.empty, *block.lines, *(x for r in rows for x in r), *(c.header for c in columns)]
    for t in texts:
        _check_placeholders(t, names, where)
    for c in columns:
        _check_placeholders(c.value, names | frozenset(ITEM_FIELDS), where)
    return block


_cache: dict[Path, tuple[float, Template]] = {}


def load_template(kind: str, directory: Path = NOTICES_DIR) -> Template:
    if kind not in KINDS:
        raise UserError(f"文书种类“{kind}”不存在，应为：{'、'.join(KINDS)}。")
    return load_template_file(directory / f"{kind}.toml")


def load_template_file(path: Path) -> Template:
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise UserError(f"找不到模板文件 {path}。") from None
    cached = _cache.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    data = _read_toml(path)
    doc = data.get("document")
    where = f"模板文件 {path.name} 的 [document] 段"
    if not isinstance(doc, Mapping):
        raise UserError(f"模板文件 {path.name} 缺少 [document] 段（kind、title）。")
    names = field_names()
    title = _str(doc, "title", where)
    _check_placeholders(title, names, where)
    raw_blocks = data.get("block", [])
    if not isinstance(raw_blocks, list) or not raw_blocks:
        raise UserError(f"模板文件 {path.name} 中没有任何内容段（[[block]]）。")
    template = Template(kind=_str(doc, "kind", where), title=title, source=path,
                        blocks=tuple(_block(b, i, path, names) for i, b in enumerate(raw_blocks, 1)),
                        two_copies=bool(doc.get("two_copies", True)))
    _cache[path] = (mtime, template)
    return template


CENTER_KEYS = ("name", "code", "address", "phone", "seal_text", "number_prefix", "hours", "supervision_phone",
               "review_body", "court")


def load_center(path: Path = CENTER_FILE) -> CenterSettings:
    data = _read_toml(path)
    raw = data.get("center")
    if not isinstance(raw, Mapping):
        raise UserError(f"中心设置文件 {path.name} 缺少 [center] 段。")
    unknown = sorted(set(raw) - set(CENTER_KEYS))
    if unknown:
        raise UserError(f"中心设置文件 {path.name} 中的设置项“{'、'.join(unknown)}”不存在（是否拼写错误？）。")
    where = f"中心设置文件 {path.name} 的 [center] 段"
    values = {k: _str(raw, k, where, "") for k in CENTER_KEYS}
    if not values["name"] or not values["code"]:
        raise UserError(f"{where}须填写中心名称（name）和编码（code）。")
    copies = data.get("document", {}).get("copies", list(DEFAULT_COPIES))
    if not isinstance(copies, list) or not copies or not all(isinstance(c, str) for c in copies):
        raise UserError(f"中心设置文件 {path.name} 的 copies 应为文字列表，如 [\"第一联　申请人留存\", \"第二联　存档\"]。")
    mark = data.get("document", {}).get("reprint_mark", "")
    if not isinstance(mark, str) or len(mark) > 8:
        raise UserError(f"中心设置文件 {path.name} 的 reprint_mark 应为不超过 8 个字的文字，如 \"补打\"，不需要时留空。")
    return CenterSettings(center=Center(**values), copies=tuple(copies), reprint_mark=mark.strip())


def fill(text: str, values: Mapping[str, str]) -> str:
    """Placeholders replaced by their values; names were checked at load time."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), text)


NONE_TEXT = "无"


def fill_or_none(text: str, values: Mapping[str, str]) -> str:
    """A table value: "无" where the text has placeholders and every one of them is empty (代理人 of
    a case without an agent), so a blank row never looks forgotten or left to be filled by hand."""
    names = PLACEHOLDER.findall(text)
    if names and not any(values.get(name, "").strip() for name in names):
        return NONE_TEXT
    return fill(text, values)
