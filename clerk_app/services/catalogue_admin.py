"""事项与授权: the matter catalogue as the manager view shows and changes it.

Public API (use cases, role-checked, every change audited):
    list_matters(ctx, actor, query="") -> list[Matter]        manager.view
    origin(ctx, actor) -> CatalogueOrigin                     manager.view
    update_matter(ctx, actor, code, changes) -> Matter        catalogue.manage
    set_authorised(ctx, actor, codes) -> tuple[added, removed] catalogue.manage
    preview_import(ctx, actor, file) -> CatalogueImport       catalogue.manage
    apply_import(ctx, actor, preview) -> CatalogueDiff        catalogue.manage

Where the catalogue lives: an edit or an import writes the whole catalogue to the profile's working
copy ``<profile>/catalogue/catalogue.toml`` (same format as docs/catalogue-format.md) and its origin
to ``origin.json`` beside it; ``bootstrap.open_context`` loads the working copy when it exists, else the
``catalogue_file`` setting, else the demo file. Whoever writes the working copy (this module, or the
sync client with a catalogue distributed by the center) calls ``write_working_catalogue``.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from clerk_app.domain.catalogue_edit import (
    FIELD_LABELS,
    CatalogueDiff,
    catalogue_toml,
    changed_fields,
    diff,
    matter_to_dict,
)
from clerk_app.domain.matters import Catalogue, CatalogueError, Matter, parse_catalogue, parse_matter
from clerk_app.domain.roles import Actor
from clerk_app.errors import DomainError, UserError
from clerk_app.fsutil import FileTooLarge, atomic_write, loads_toml, read_capped
from clerk_app.messages import Text
from clerk_app.paths import ProfilePaths
from clerk_app.services.catalogue_search import MatterIndex
from clerk_app.services.changes import Changes, record
from clerk_app.services.context import ServiceContext, base_catalogue_path, working_catalogue_path
from clerk_app.store import audit
from clerk_app.store.tables import CaseRow

ORIGIN_FILE = "origin.json"
MAX_FILE_BYTES = 8 * 1024 * 1024  # the demo catalogue of 24 matters is 25 KB; a county's is a few hundred
EDIT_SOURCE = "\x00edit"  # the parser's "file" while checking an edit: the prefix is cut from its message
FINISHED = ("rejected", "delivered", "archived", "withdrawn")


class Source:
    FILE = "file"
    CENTER = "center"


SOURCE_LABELS = {Source.FILE: "本机文件", Source.CENTER: "中心下发"}


@dataclass(frozen=True)
class CatalogueOrigin:
    kind: str  # Source.FILE or Source.CENTER
    detail: str  # the file, or what the center said (e.g. its address)
    as_of: dt.datetime | None
    name: str
    version: str
    authorised: int
    total: int

    @property
    def label(self) -> str:
        return SOURCE_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class CatalogueImport:
    """A validated catalogue file, not yet applied: the bytes shown are the bytes written."""

    file: Path
    raw: bytes
    catalogue: Catalogue
    diff: CatalogueDiff
    open_cases_of_removed: int


# -- reading --------------------------------------------------------------------------------------------
def list_matters(ctx: ServiceContext, actor: Actor, query: str = "") -> list[Matter]:
    """Every matter, authorised or not, by name, keyword, code or pinyin (as the intake searches)."""
    actor.require("manager.view")
    catalogue = ctx.catalogue
    if not query.strip():
        return list(catalogue.matters)
    return MatterIndex(catalogue, authorised_only=False).search(query, limit=len(catalogue.matters))


def _read_origin(paths: ProfilePaths) -> dict[str, Any]:
    try:
        data = json.loads((working_catalogue_path(paths).parent / ORIGIN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def origin(ctx: ServiceContext, actor: Actor) -> CatalogueOrigin:
    """Where the catalogue in use came from and as of when (a file's time when nothing was recorded)."""
    actor.require("manager.view")
    c = ctx.catalogue
    authorised, total = len(c.authorised()), len(c.matters)
    working = working_catalogue_path(ctx.paths)
    recorded = _read_origin(ctx.paths) if working.exists() else {}
    if recorded:
        try:
            as_of = dt.datetime.fromisoformat(str(recorded.get("as_of")))
        except ValueError:
            as_of = None
        return CatalogueOrigin(kind=str(recorded.get("kind", Source.FILE)), detail=str(recorded.get("detail", "")),
                               as_of=as_of, name=c.name, version=c.version, authorised=authorised, total=total)
    path = base_catalogue_path(ctx.paths, ctx.settings)
    try:
        as_of = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    except OSError:
        as_of = None
    return CatalogueOrigin(kind=Source.FILE, detail=str(path), as_of=as_of, name=c.name, version=c.version,
                           authorised=authorised, total=total)


# -- writing --------------------------------------------------------------------------------------------
def write_working_catalogue(paths: ProfilePaths, raw: bytes, *, kind: str, detail: str, as_of: dt.datetime) -> None:
    """Stores a validated catalogue as the profile's working copy, with its origin; each file atomic."""
    target = working_catalogue_path(paths)
    try:
        atomic_write(target, raw)
        atomic_write(target.parent / ORIGIN_FILE, json.dumps(
            {"kind": kind, "detail": detail, "as_of": as_of.isoformat(timespec="seconds")},
            ensure_ascii=False).encode("utf-8"))
    except OSError as exc:
        raise UserError("catalogue.cannot_save", target=target, reason=exc.strerror or exc) from None


def write_center_catalogue(paths: ProfilePaths, raw: bytes, authorised: Collection[str] | None, *, detail: str,
                           as_of: dt.datetime) -> Catalogue:
    """For the sync client: stores the catalogue the center distributed, with the center's list of
    matters authorised to this window applied to it when given, as the working copy with source
    "center". Validated by the catalogue parser first; a refusal writes nothing. The running context
    takes it at the next start (or the caller sets ``ctx.catalogue`` to the result)."""
    catalogue = _parse(raw, detail or "中心下发的事项目录")
    if authorised is not None:
        wanted = set(authorised)
        catalogue = replace(catalogue, matters=tuple(replace(m, window_authorised=m.code in wanted)
                                                     for m in catalogue.matters))
        raw = catalogue_toml(catalogue, header_comment="中心下发的事项目录（已按本窗口的授权清单标注）。").encode("utf-8")
    write_working_catalogue(paths, raw, kind=Source.CENTER, detail=detail, as_of=as_of)
    return catalogue


def _commit(ctx: ServiceContext, actor: Actor, catalogue: Catalogue, raw: bytes, *, detail: str, action: str,
            entity_id: str, audit_detail: str) -> None:
    now = ctx.now()
    # The audit entry and the file go together: a failed write raises inside the transaction.
    with ctx.store.transaction() as s:
        audit.append(s, at=now, actor=actor.username, action=action, entity="catalogue", entity_id=entity_id,
                     detail=audit_detail)
        write_working_catalogue(ctx.paths, raw, kind=Source.FILE, detail=detail, as_of=now)
    ctx.catalogue = catalogue
    record(Changes.CATALOGUE)  # a file, not a table row: declared where it is written


def _local_version(c: Catalogue, now: dt.datetime) -> str:
    # docs/catalogue-format.md: every change gets a new version, so a case can be traced to its catalogue.
    base = c.version.split("（本机修改", 1)[0]
    return f"{base}（本机修改 {now:%Y-%m-%d %H:%M}）"


def _save_edit(ctx: ServiceContext, actor: Actor, catalogue: Catalogue, *, action: str, entity_id: str,
               audit_detail: str) -> None:
    catalogue = replace(catalogue, version=_local_version(catalogue, ctx.now()))
    text = catalogue_toml(catalogue, header_comment="事项目录（管理视图中编辑后保存）。格式见 docs/catalogue-format.md。")
    _commit(ctx, actor, catalogue, text.encode("utf-8"), detail=f"本机编辑（{actor.display_name}）", action=action,
            entity_id=entity_id, audit_detail=audit_detail)


def _plain(exc: CatalogueError) -> CatalogueError:
    """The parser names the file; for an edit on screen the matter and the field are what count."""
    def where(value: Any) -> Any:
        if not isinstance(value, Text):
            return value
        if value.code == "catalogue.where_matter" and value.params.get("source") == EDIT_SOURCE:
            return Text("catalogue.where_edited_matter", matter=value.params["matter"])
        return Text(value.code, **{k: where(v) for k, v in value.params.items()})

    params = {k: where(v) for k, v in exc.params.items()}
    for name in ("key", "fieldname"):
        if params.get(name) in FIELD_LABELS:
            params[name] = f"{FIELD_LABELS[params[name]]}（{params[name]}）"
    return CatalogueError(exc.code, **params)


def update_matter(ctx: ServiceContext, actor: Actor, code: str, changes: Mapping[str, Any]) -> Matter:
    """Changes fields of one matter (catalogue keys, as in the file); checked by the catalogue parser."""
    actor.require("catalogue.manage")
    if not isinstance(changes, Mapping):
        raise UserError("catalogue.bad_changes")
    current = ctx.catalogue.by_code(code)
    if "code" in changes and changes["code"] != code:
        raise UserError("catalogue.code_fixed")
    data = {**matter_to_dict(current), **changes}
    try:
        matter = parse_matter(data, EDIT_SOURCE, 0)
    except CatalogueError as exc:
        raise _plain(exc) from None
    if matter == current:
        return current
    fields = changed_fields(matter_to_dict(current), matter_to_dict(matter))
    catalogue = replace(ctx.catalogue, matters=tuple(matter if m.code == code else m for m in ctx.catalogue.matters))
    _save_edit(ctx, actor, catalogue, action="catalogue.edit_matter", entity_id=code,
               audit_detail=f"{matter.name}：{'、'.join(fields)}")
    return matter


def set_authorised(ctx: ServiceContext, actor: Actor, codes: Collection[str]) -> tuple[list[str], list[str]]:
    """The matters authorised to this window (授权委托书); returns the codes added and withdrawn."""
    actor.require("catalogue.manage")
    wanted = set(codes)
    known = {m.code for m in ctx.catalogue.matters}
    if unknown := sorted(wanted - known):
        raise UserError("catalogue.no_matter", matter_code=unknown)
    added = [m.code for m in ctx.catalogue.matters if m.code in wanted and not m.window_authorised]
    withdrawn = [m.code for m in ctx.catalogue.matters if m.code not in wanted and m.window_authorised]
    if not added and not withdrawn:
        return [], []
    catalogue = replace(ctx.catalogue, matters=tuple(replace(m, window_authorised=m.code in wanted)
                                                     for m in ctx.catalogue.matters))
    _save_edit(ctx, actor, catalogue, action="catalogue.authorise", entity_id="*",
               audit_detail=f"授权 {','.join(added) or '—'}；取消 {','.join(withdrawn) or '—'}")
    return added, withdrawn


def _read_file(file: Path) -> bytes:
    try:
        return read_capped(file, MAX_FILE_BYTES)
    except FileTooLarge:
        raise UserError("catalogue.file_too_large", file=file, limit_mb=MAX_FILE_BYTES // 1024 // 1024) from None
    except FileNotFoundError:
        raise UserError("catalogue.file_not_found", file=file) from None
    except IsADirectoryError:
        raise UserError("catalogue.is_folder", file=file) from None
    except OSError as exc:
        raise UserError("catalogue.unreadable", file=file, reason=exc.strerror or exc) from None


def _parse(raw: bytes, name: str) -> Catalogue:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CatalogueError("catalogue.not_utf8", name=name, line=line) from None
    try:
        data = loads_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError("catalogue.bad_toml", name=name, reason=exc) from None
    return parse_catalogue(data, name)


def preview_import(ctx: ServiceContext, actor: Actor, file: Path) -> CatalogueImport:
    """Reads and fully validates ``file``; nothing changes until ``apply_import``."""
    actor.require("catalogue.manage")
    file = Path(file)
    raw = _read_file(file)
    catalogue = _parse(raw, str(file))
    changes = diff(ctx.catalogue, catalogue)
    removed = [m.code for m in changes.removed]
    open_cases = 0
    if removed:
        with ctx.store.read() as s:
            open_cases = int(s.scalar(select(func.count()).select_from(CaseRow).where(
                CaseRow.matter_code.in_(removed), CaseRow.state.not_in(FINISHED))) or 0)
    return CatalogueImport(file, raw, catalogue, changes, open_cases)


def apply_import(ctx: ServiceContext, actor: Actor, preview: CatalogueImport) -> CatalogueDiff:
    actor.require("catalogue.manage")
    if not isinstance(preview, CatalogueImport):
        raise DomainError("catalogue.preview_first")
    changes = diff(ctx.catalogue, preview.catalogue)
    detail = (f"{preview.file}：新增 {len(changes.added)}，修改 {len(changes.changed)}，删除 {len(changes.removed)}；"
              f"版本 {preview.catalogue.version or '—'}")
    _commit(ctx, actor, preview.catalogue, preview.raw, detail=str(preview.file), action="catalogue.import",
            entity_id=preview.catalogue.version or "*", audit_detail=detail)
    return changes
