"""What the center itself writes for the counters: users (as synced records, so that counters' own user
changes merge with them) and distributed items (catalogue, authorised matters, holiday schedules,
appointments), each validated with the counter's own parsers before anything is stored.

Every function runs inside the caller's ``writer`` transaction.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, select

from clerk_app.domain.ids import uuid7
from clerk_app.domain.matters import parse_catalogue
from clerk_app.domain.passwords import is_valid_verifier
from clerk_app.domain.roles import Role
from clerk_app.domain.workdays import parse_year_schedule
from clerk_app.errors import DomainError
from sync.server.apply import _Effects, _load, _record_changes, _write_record, user_by_name
from sync.server.schema import counters, dist_items, records

CENTER = "center"  # origin of the center's own writes in the change log
MAX_FILE_BYTES = 4 * 1024 * 1024
SLOT = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(-([01]\d|2[0-3]):[0-5]\d)?$")
PHONE = re.compile(r"^[0-9+\-]{0,20}$")


# Control characters other than line breaks and tabs, and bidirectional embeddings/overrides/isolates.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


class AdminError(Exception):
    """A refused administration request; the message is one Chinese line for the operator."""


# -- users ---------------------------------------------------------------------------------------------
def _stamp(conn: Connection, entity_id: str, now: datetime) -> str:
    """An HLC stamp later than every stamp of the record: the center's word on a user wins over any
    earlier counter edit, even one from a counter whose clock runs ahead."""
    ms = int(now.timestamp() * 1000)
    rec = _load(conn, "users", entity_id)
    if rec is not None:
        for stamp in json.loads(rec.hlc).values():
            try:
                ms = max(ms, int(str(stamp)[:13]) + 1)
            except ValueError:
                continue
    return f"{ms:013d}-00000-{CENTER}"


def _find_user(conn: Connection, username: str, center: str) -> Any:
    rec_id = user_by_name(conn, username, center)
    return _load(conn, "users", rec_id) if rec_id else None


def _save_user(conn: Connection, entity_id: str, data: dict[str, Any], changed: list[str], now: datetime,
               *, exists: bool, center: str) -> None:
    stamp = _stamp(conn, entity_id, now)
    stamps = json.loads(_load(conn, "users", entity_id).hlc) if exists else {}
    stamps.update(dict.fromkeys(changed, stamp))
    # A user belongs to one center; users are every window's there (a counter must know a clerk).
    _write_record(conn, "users", entity_id, data, stamps, exists=exists, origin=CENTER, owner=(center, ""))
    fx = _Effects(items=[("users", entity_id, "update" if exists else "insert", data)])
    _record_changes(conn, fx, CENTER)


def add_user(conn: Connection, *, username: str, display_name: str, role: str, password_hash: str,
             now: datetime, center: str) -> str:
    username, display_name = username.strip(), display_name.strip()
    if not username or len(username) > 64 or any(unicodedata.category(c)[0] in "CZ" for c in username):
        raise AdminError("用户名不能为空、不能含空格或控制字符，且不超过 64 个字符。")
    if not display_name or len(display_name) > 64 or any(unicodedata.category(c) == "Cc" for c in display_name):
        raise AdminError("姓名不能为空，且不超过 64 个字符。")
    _check_role(role)
    if not is_valid_verifier(password_hash):
        raise AdminError("密码校验值的参数不符合本系统的规定。")
    if _find_user(conn, username, center) is not None:
        raise AdminError(f"用户名“{username}”已存在。")
    entity_id = uuid7()
    data = {"id": entity_id, "username": username, "display_name": display_name, "role": role,
            "password_hash": password_hash, "active": True, "created_at": now.isoformat()}
    _save_user(conn, entity_id, data, list(data), now, exists=False, center=center)
    return entity_id


def _check_role(role: str) -> None:
    if role not in {r.value for r in Role}:
        raise AdminError(f"角色“{role}”无效，应为：{'、'.join(r.value for r in Role)}。")


def change_user(conn: Connection, username: str, now: datetime, *, center: str, **fields: Any) -> None:
    """Set ``active``, ``role`` or ``password_hash`` of a user; every counter applies it at its next sync."""
    rec = _find_user(conn, username, center)
    if rec is None or rec.deleted:
        raise AdminError(f"中心没有用户“{username}”。")
    if "role" in fields:
        _check_role(fields["role"])
    data = json.loads(rec.data)
    data.update(fields)
    _save_user(conn, rec.entity_id, data, list(fields), now, exists=True, center=center)


def list_users(conn: Connection, center: str | None = None) -> list[dict[str, Any]]:
    query = select(records.c.data, records.c.center_code).where(and_(records.c.entity == "users", ~records.c.deleted))
    if center is not None:
        query = query.where(records.c.center_code == center)
    out = []
    for raw, owner in conn.execute(query).all():
        d = json.loads(raw)
        out.append({"center": owner, **{k: d.get(k) for k in ("username", "display_name", "role", "active")}})
    return sorted(out, key=lambda d: (str(d["center"]), str(d["username"])))


def known_centers(conn: Connection) -> set[str]:
    """Centers the server has heard of: enrolled devices, enrolment codes, records."""
    from sync.server.schema import devices, enrol_codes

    found = set(conn.execute(select(devices.c.center_code).distinct()).scalars())
    found |= set(conn.execute(select(enrol_codes.c.center_code).distinct()).scalars())
    found |= set(conn.execute(select(records.c.center_code).where(records.c.center_code != "").distinct()).scalars())
    return found


# -- distributed items ---------------------------------------------------------------------------------
def publish(conn: Connection, kind: str, key: str, data: dict[str, Any], now: datetime, *, center: str = "",
            window: str = "", by: str = "") -> int:
    """Store (or replace) one item under a fresh version; returns the version."""
    current = conn.execute(select(counters.c.value).where(counters.c.name == "dist_version")).scalar_one()
    version = int(current) + 1
    conn.execute(counters.update().where(counters.c.name == "dist_version").values(value=version))
    where = and_(dist_items.c.kind == kind, dist_items.c.center_code == center, dist_items.c.window == window,
                 dist_items.c.key == key)
    values = dict(version=version, data=json.dumps(data, ensure_ascii=False, sort_keys=True), created_at=now,
                  created_by=by[:64])
    if conn.execute(select(dist_items.c.version).where(where)).first() is None:
        conn.execute(dist_items.insert().values(kind=kind, center_code=center, window=window, key=key, **values))
    else:
        conn.execute(dist_items.update().where(where).values(**values))
    return version


def _text(raw: bytes, name: str) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise AdminError(f"文件 {name} 过大（{len(raw)} 字节），请核对。")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AdminError(f"文件 {name} 第 {line} 行不是 UTF-8 编码：请用 UTF-8 另存后再导入。") from None


def _toml(text: str, name: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AdminError(f"文件 {name} 格式错误（{exc}）。") from None
    except RecursionError:
        raise AdminError(f"文件 {name} 嵌套过深，不是有效的目录或节假日文件。") from None
    _refuse_controls(data, name, [])
    return data


def _refuse_controls(value: Any, name: str, path: list[str], depth: int = 0) -> None:
    """Names and texts the center distributes are printed on notices and shown on terminals: a control
    character (ESC, NUL) or a bidirectional override (RLO) in them is refused, not passed on."""
    if depth > 32:
        raise AdminError(f"文件 {name} 嵌套过深，不是有效的目录或节假日文件。")
    if isinstance(value, str):
        if _CONTROL.search(value):
            where = ".".join(path) or "（顶层）"
            raise AdminError(f"文件 {name} 中“{where[:80]}”含有控制字符，请删除后再导入。")
    elif isinstance(value, dict):
        for k, v in value.items():
            _refuse_controls(k, name, path)
            _refuse_controls(v, name, [*path, str(k)], depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _refuse_controls(v, name, [*path, str(i)], depth + 1)


def validate_catalogue(text: str, name: str) -> tuple[str, str, list[str]]:
    """(catalogue name, version, matter codes) — by the very parser the counters use."""
    try:
        cat = parse_catalogue(_toml(text, name), name)
    except DomainError as exc:
        raise AdminError(exc.message) from None
    return cat.name, cat.version, [m.code for m in cat.matters]


def import_catalogue(conn: Connection, raw: bytes, name: str, now: datetime, *, center: str = "") -> int:
    text = _text(raw, name)
    cat_name, version, codes = validate_catalogue(text, name)
    return publish(conn, "catalogue", "catalogue", {"toml": text, "name": cat_name, "version": version,
                                                    "matters": len(codes)}, now, center=center, by="admin")


def import_survey(conn: Connection, raw: bytes, name: str, now: datetime, *, center: str = "") -> int:
    """The center's 满意度调查表 (seed 003 §7.2.3.4.2), checked by the domain's rule before it is published;
    ``center`` "" for every center."""
    from clerk_app.domain.survey import parse_form
    from clerk_app.errors import DomainError

    text = _text(raw, name)
    try:
        form = parse_form(_toml(text, name))
    except DomainError as exc:
        raise AdminError(f"{name}：{exc.message}") from None
    return publish(conn, "survey", "form", {"toml": text, "code": form.code}, now, center=center)


def set_authorisation(conn: Connection, center: str, window: str, codes: list[str], now: datetime) -> int:
    """The matters authorised to a window; each code must be in the catalogue the center distributes."""
    known = _catalogue_codes(conn, center)
    if known is None:
        raise AdminError("中心还没有导入事项目录，请先执行 clerk-center admin catalogue import。")
    codes = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise AdminError(f"事项目录中没有这些编码：{'、'.join(unknown[:10])}。")
    return publish(conn, "authorisation", "authorisation", {"codes": codes}, now, center=center, window=window,
                   by="admin")


def _catalogue_codes(conn: Connection, center: str) -> set[str] | None:
    for scope in (center, ""):
        raw = conn.execute(select(dist_items.c.data).where(and_(
            dist_items.c.kind == "catalogue", dist_items.c.center_code == scope, dist_items.c.window == ""))).scalar()
        if raw is not None:
            return set(validate_catalogue(json.loads(raw)["toml"], "中心事项目录")[2])
    return None


def import_holidays(conn: Connection, raw: bytes, name: str, now: datetime) -> tuple[int, int]:
    """Returns (year, version)."""
    text = _text(raw, name)
    try:
        schedule = parse_year_schedule(_toml(text, name), name)
    except DomainError as exc:
        raise AdminError(exc.message) from None
    return schedule.year, publish(conn, "holidays", str(schedule.year), {"toml": text, "year": schedule.year},
                                  now, by="admin")


APPOINTMENT_FIELDS = ("date", "slot", "window", "matter_code", "name", "phone")


def parse_appointments(raw: bytes, name: str) -> list[dict[str, str]]:
    """CSV with a header row, or a JSON list of objects; keys ``APPOINTMENT_FIELDS``."""
    text = _text(raw, name)
    rows: list[Any]
    if text.lstrip().startswith("["):
        try:
            rows = json.loads(text)
        except ValueError as exc:
            raise AdminError(f"文件 {name} 不是有效的 JSON（{exc}）。") from None
        if not all(isinstance(r, dict) for r in rows):
            raise AdminError(f"文件 {name} 应为对象列表，每个对象一条预约。")
    else:
        reader = csv.DictReader(io.StringIO(text))
        missing = set(APPOINTMENT_FIELDS) - set(reader.fieldnames or ())
        if missing:
            raise AdminError(f"文件 {name} 的表头缺少：{'、'.join(sorted(missing))}"
                             f"（应为 {','.join(APPOINTMENT_FIELDS)}）。")
        rows = list(reader)
    return [_appointment(r, f"文件 {name} 第 {i} 条") for i, r in enumerate(rows, start=1)]


def _clean(value: Any, limit: int) -> str:
    text = "".join(c for c in str(value if value is not None else "") if unicodedata.category(c)[0] != "C")
    return text.strip()[:limit]


def _appointment(r: dict[str, Any], where: str) -> dict[str, str]:
    item = {k: _clean(r.get(k), 100) for k in APPOINTMENT_FIELDS}
    try:
        date.fromisoformat(item["date"])
    except ValueError:
        raise AdminError(f"{where}：日期“{item['date']}”应写成 YYYY-MM-DD。") from None
    if not SLOT.match(item["slot"]):
        raise AdminError(f"{where}：时段“{item['slot']}”应写成 09:00 或 09:00-09:30。")
    if not item["window"].isalnum() or len(item["window"]) > 8:
        raise AdminError(f"{where}：窗口号“{item['window']}”只能是字母和数字。")
    if not item["matter_code"] or len(item["matter_code"]) > 64:
        raise AdminError(f"{where}：缺少事项编码。")
    if not item["name"]:
        raise AdminError(f"{where}：缺少申请人姓名。")
    if not PHONE.match(item["phone"]):
        raise AdminError(f"{where}：电话号码只能包含数字。")
    return item


def import_appointments(conn: Connection, raw: bytes, name: str, center: str, now: datetime) -> dict[str, int]:
    """One item per (day, window): a re-import replaces that window's day as a whole.
    Returns the number of appointments per "day/window"."""
    items = parse_appointments(raw, name)
    if not items:
        raise AdminError(f"文件 {name} 中没有预约。")
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for it in items:
        groups.setdefault((it["date"], it["window"]), []).append(it)
    for (day, window), group in sorted(groups.items()):
        group.sort(key=lambda it: it["slot"])
        publish(conn, "appointments", day, {"date": day, "window": window, "items": group}, now, center=center, window=window,
                by="admin")
    return {f"{d}/{w}": len(g) for (d, w), g in sorted(groups.items())}


def items_for(conn: Connection, center: str, window: str, since: int, limit: int) -> Sequence[Row[Any]]:
    return conn.execute(select(dist_items).where(and_(
        dist_items.c.version > since, dist_items.c.center_code.in_(("", center)),
        dist_items.c.window.in_(("", window)))).order_by(dist_items.c.version).limit(limit)).all()
