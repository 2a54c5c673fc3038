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
from clerk_app.documents.kinds import KINDS
from clerk_app.errors import UserError
from clerk_app.messages import Text
from clerk_app.paths import FORMS

NOTICES_DIR = FORMS / "notices"
CENTER_FILE = FORMS / "center.toml"

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
        raise UserError("template.not_found", path=path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError("template.bad_toml", name=path.name, reason=exc) from None


def _str(d: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = d.get(key, default)
    if not isinstance(value, str):
        if value is None:
            raise UserError("template.key_missing", where=where, key=key)
        raise UserError("template.not_text", where=where, key=key, value=value)
    return value


def _check_placeholders(text: str, allowed: frozenset[str], where: str) -> None:
    for name in PLACEHOLDER.findall(text):
        if name not in allowed:
            raise UserError("template.unknown_placeholder", where=where, name=name)


def _columns(raw: Any, where: str) -> tuple[Column, ...]:
    if not isinstance(raw, list) or not raw:
        raise UserError("template.columns_missing", where=where)
    cols = []
    for i, c in enumerate(raw, 1):
        if not isinstance(c, Mapping):
            raise UserError("template.bad_column", where=where, position=i)
        width = c.get("width", 1)
        if not isinstance(width, int | float) or isinstance(width, bool) or width <= 0:
            raise UserError("template.bad_width", where=where, position=i)
        cols.append(Column(_str(c, "header", f"{where}的第 {i} 列"), _str(c, "value", f"{where}的第 {i} 列"),
                           float(width)))
    return tuple(cols)


def _block(raw: Any, index: int, path: Path, names: frozenset[str]) -> Block:
    where = Text("template.where_block", name=path.name, position=index)
    if not isinstance(raw, Mapping):
        raise UserError("template.block_not_table", where=where)
    btype = _str(raw, "type", where)
    if btype not in BLOCK_KINDS:
        raise UserError("template.bad_block_type", where=where, value=btype, allowed=BLOCK_KINDS)
    style = _str(raw, "style", where, "body")
    if style not in STYLES:
        raise UserError("template.bad_style", where=where, value=style, allowed=STYLES)
    when = _str(raw, "when", where, "")
    if when and when not in names and when not in LIST_NAMES:
        raise UserError("template.bad_when", where=where, when=when)
    rows: tuple[tuple[str, str], ...] = ()
    if btype == "fields":
        raw_rows = raw.get("rows")
        if not isinstance(raw_rows, list) or not all(
                isinstance(r, list) and len(r) == 2 and all(isinstance(x, str) for x in r) for r in raw_rows):
            raise UserError("template.bad_rows", where=where)
        rows = tuple((r[0], r[1]) for r in raw_rows)
    source, columns = "", ()
    if btype == "table":
        source = _str(raw, "source", where)
        if source not in LIST_NAMES:
            raise UserError("template.bad_list", where=where, value=source, allowed=LIST_NAMES)
        columns = _columns(raw.get("columns"), where)
    lines = raw.get("lines", [])
    if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
        raise UserError("template.bad_lines", where=where)
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
        raise UserError("document.unknown_kind", kind=kind, kinds=KINDS)
    return load_template_file(directory / f"{kind}.toml")


def load_template_file(path: Path) -> Template:
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise UserError("template.not_found", path=path) from None
    cached = _cache.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    data = _read_toml(path)
    doc = data.get("document")
    where = Text("template.where_document", name=path.name)
    if not isinstance(doc, Mapping):
        raise UserError("template.head_missing", name=path.name)
    names = field_names()
    title = _str(doc, "title", where)
    _check_placeholders(title, names, where)
    raw_blocks = data.get("block", [])
    if not isinstance(raw_blocks, list) or not raw_blocks:
        raise UserError("template.no_blocks", name=path.name)
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
        raise UserError("template.center_missing", name=path.name)
    unknown = sorted(set(raw) - set(CENTER_KEYS))
    if unknown:
        raise UserError("template.unknown_center_key", name=path.name, keys=unknown)
    where = Text("template.where_center", name=path.name)
    values = {k: _str(raw, k, where, "") for k in CENTER_KEYS}
    if not values["name"] or not values["code"]:
        raise UserError("template.center_name_missing", where=where)
    copies = data.get("document", {}).get("copies", list(DEFAULT_COPIES))
    if not isinstance(copies, list) or not copies or not all(isinstance(c, str) for c in copies):
        raise UserError("template.bad_copies", name=path.name)
    mark = data.get("document", {}).get("reprint_mark", "")
    if not isinstance(mark, str) or len(mark) > 8:
        raise UserError("template.bad_reprint_mark", name=path.name)
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
