"""The strict schema of every synced entity, checked by the center before anything is stored.

The center shares only ``clerk_app.domain`` and ``sync.protocol`` with the counter, so the columns are
listed here (tests/sync/test_record_schema.py checks them against the counter's tables). Values are
checked by type, length and enum; ID numbers, names and phones by the domain's own rules; dates and
times must parse; text must hold no control characters (multi-line text may hold line breaks and tabs)
and no bidirectional overrides (a name that prints backwards on a notice). A record that fails is
quarantined with the reason, never stored and never served by pull.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from clerk_app.domain.applicants import Applicant, ApplicantKind, clean_text, normalise_phone
from clerk_app.domain.cases import (
    AcceptMode,
    Action,
    CaseState,
    CommitmentStatus,
    DeliveryMode,
    MaterialStatus,
)
from clerk_app.domain.complaints import Category
from clerk_app.domain.id_numbers import validate_id_number
from clerk_app.domain.passwords import MAX_VERIFIER_LENGTH
from clerk_app.domain.roles import Role
from clerk_app.errors import DomainError

MAX_TEXT = 20_000  # a Text column (reasons, comments, audit details)
# C0/C1 controls and DEL (line breaks and tabs only where MULTILINE allows them), and bidirectional
# embeddings, overrides and isolates (RLO makes a name print reversed) and the BOM: one pass per text.
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff"
_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}]")
_CONTROL_MULTILINE = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{_BIDI}]")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class Invalid(Exception):
    """One sentence in Chinese naming the field, never its value (it may be citizen data)."""


Check = Callable[[str, Any], None]


def text(limit: int, *, multiline: bool = False, required: bool = False) -> Check:
    def check(name: str, value: Any) -> None:
        if not isinstance(value, str):
            raise Invalid(f"字段“{name}”应为文字。")
        if len(value) > limit:
            raise Invalid(f"字段“{name}”过长（最多 {limit} 个字符）。")
        if (_CONTROL_MULTILINE if multiline else _CONTROL).search(value):
            raise Invalid(f"字段“{name}”含有控制字符。")
        if required and not value.strip():
            raise Invalid(f"字段“{name}”不能为空。")
    return check


def nullable(inner: Check) -> Check:
    def check(name: str, value: Any) -> None:
        if value is not None:
            inner(name, value)
    return check


def enum(values: Any) -> Check:
    allowed = frozenset(v.value for v in values)

    def check(name: str, value: Any) -> None:
        if not isinstance(value, str) or value not in allowed:
            raise Invalid(f"字段“{name}”的取值无法识别。")
    return check


def boolean(name: str, value: Any) -> None:
    # SQLite hands a bulk-inserted boolean over as 0/1.
    if not (isinstance(value, bool) or (type(value) is int and value in (0, 1))):
        raise Invalid(f"字段“{name}”应为是/否。")


def integer(low: int, high: int) -> Check:
    def check(name: str, value: Any) -> None:
        if type(value) is not int or not low <= value <= high:
            raise Invalid(f"字段“{name}”应为 {low} 至 {high} 之间的整数。")
    return check


def a_date(name: str, value: Any) -> None:
    if not isinstance(value, str) or len(value) != 10:
        raise Invalid(f"字段“{name}”应为日期（YYYY-MM-DD）。")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"字段“{name}”应为日期（YYYY-MM-DD）。") from None


def a_datetime(name: str, value: Any) -> None:
    if not isinstance(value, str) or not 10 <= len(value) <= 32 or not value.isascii():
        raise Invalid(f"字段“{name}”应为日期时间（ISO 8601）。")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise Invalid(f"字段“{name}”应为日期时间（ISO 8601）。") from None


def sha256(name: str, value: Any) -> None:
    if not isinstance(value, str) or not _SHA256.match(value):
        raise Invalid(f"字段“{name}”应为 64 位小写十六进制摘要。")


def username(name: str, value: Any) -> None:
    text(64, required=True)(name, value)
    if any(c.isspace() for c in value):
        raise Invalid(f"字段“{name}”不能含空格。")


def one_of(*allowed: str) -> Check:
    def check(name: str, value: Any) -> None:
        if not isinstance(value, str) or value not in allowed:
            raise Invalid(f"字段“{name}”的取值无法识别。")
    return check


_SURVEY_LEVELS = re.compile(r"^[0-4]{1,20}$")


def survey_levels(name: str, value: Any) -> None:
    """One digit per row of the 满意度调查表 (seed 003 App. E), 0 for a blank; at least one row answered."""
    if not isinstance(value, str) or not _SURVEY_LEVELS.match(value) or set(value) == {"0"}:
        raise Invalid(f"字段“{name}”应为调查表各项的答案（每项一位 0–4，至少一项已答）。")


ID = text(36, required=True)
REF = nullable(text(36, required=True))
SCHEMA: dict[str, dict[str, Check]] = {
    "users": {"id": ID, "username": username, "display_name": text(64, required=True), "role": enum(Role),
              "password_hash": text(MAX_VERIFIER_LENGTH, required=True), "active": boolean,
              "created_at": a_datetime},
    "applicants": {"id": ID, "kind": enum(ApplicantKind), "name": text(100, required=True),
                   "id_number": text(32, required=True), "phone": text(20), "address": text(200),
                   "created_at": a_datetime, "updated_at": a_datetime},
    "cases": {"id": ID, "number": text(40, required=True), "matter_code": text(64, required=True),
              "matter_name": text(200), "department": text(100), "applicant_id": ID, "agent_id": REF,
              "delegation_scope": text(200), "delegation_valid_to": nullable(a_date), "window": text(8, required=True),
              "clerk_id": text(36), "channel": text(16), "state": enum(CaseState),
              "accept_mode": nullable(enum(AcceptMode)), "received_at": a_datetime,
              "accepted_at": nullable(a_datetime), "due_date": nullable(a_date), "due_provisional": boolean,
              "rongque_due": nullable(a_date), "commitment": enum(CommitmentStatus),
              "tell_commit_offered": boolean, "decision_approved": nullable(boolean),
              "delivery_mode": nullable(enum(DeliveryMode)), "bundle_id": REF, "notice_due": nullable(a_date),
              "counted_from": nullable(a_date), "tell_commit_choice": nullable(boolean),
              "clock": text(MAX_TEXT, multiline=True), "clock_paused": boolean, "updated_at": a_datetime},
    "case_materials": {"id": ID, "case_id": ID, "seq": integer(0, 10_000), "name": text(200, required=True),
                       "necessity": text(8), "status": enum(MaterialStatus), "note": text(500, multiline=True),
                       "attachment_sha256": nullable(sha256)},
    "case_events": {"id": ID, "case_id": ID, "at": a_datetime, "actor": text(36), "action": enum(Action),
                    "from_state": enum(CaseState), "to_state": enum(CaseState),
                    "reason": text(MAX_TEXT, multiline=True), "data": text(MAX_TEXT, multiline=True)},
    "ratings": {"id": ID, "case_id": REF, "level": nullable(integer(1, 5)), "channel": text(16),
                "real_name": boolean, "clerk_id": text(36), "comment": text(MAX_TEXT, multiline=True),
                "dimensions": text(MAX_TEXT, multiline=True),
                "at": a_datetime},
    "complaints": {"id": ID, "category": enum(Category), "content": text(MAX_TEXT, multiline=True),
                   "complainant_id": REF, "case_id": REF, "status": text(16), "owner_id": text(36),
                   "due_date": nullable(a_date), "created_at": a_datetime},
    # seed 003 App. E: an anonymous survey response; levels one digit per row (0 blank, 1 满意 … 4 很不满意)
    "survey_responses": {"id": ID, "form": text(16, required=True), "channel": one_of("screen", "paper"),
                         "window": text(8, required=True), "clerk_id": text(36), "at": a_datetime,
                         "visit": text(16), "departments": text(200), "levels": survey_levels,
                         "comment": text(500, multiline=True)},
    "audit_log": {"id": ID, "at": a_datetime, "actor": text(64), "action": text(64, required=True),
                  "entity": text(32), "entity_id": text(64), "detail": text(MAX_TEXT, multiline=True)},
}
COLUMNS: dict[str, frozenset[str]] = {entity: frozenset(fields) for entity, fields in SCHEMA.items()}


def check_record(entity: str, data: dict[str, Any], *, kind: str | None = None) -> None:
    """Raise ``Invalid`` unless every field present is valid; ``kind`` is an applicant's current kind
    when an update does not carry it."""
    fields = SCHEMA[entity]
    for key, value in data.items():
        check = fields.get(key)
        if check is None:
            raise Invalid(f"“{entity}”含有中心不认识的字段“{str(key)[:40]}”。")
        check(key, value)
    if entity == "applicants":
        _check_applicant(data, kind)


def _check_applicant(data: dict[str, Any], kind: str | None) -> None:
    """By the domain's own rules, and already in the form the counter stores (no second spelling)."""
    kind = data.get("kind", kind)
    try:
        if {"kind", "name", "id_number"} <= data.keys():
            made = Applicant.create(id=str(data.get("id", "")), kind=ApplicantKind(data["kind"]), name=data["name"],
                                    id_number=data["id_number"], phone=data.get("phone", ""),
                                    address=data.get("address", ""))
            if (made.name, made.id_number, made.phone, made.address) != (
                    data["name"], data["id_number"], data.get("phone", ""), data.get("address", "")):
                raise Invalid("申请人信息未按规范格式保存（姓名、证件号码、电话或地址）。")
            return
        if "name" in data and clean_text(data["name"], "姓名/名称", 100) != data["name"]:
            raise Invalid("字段“name”未按规范格式保存。")
        if "phone" in data and normalise_phone(data["phone"]) != data["phone"]:
            raise Invalid("字段“phone”不是有效的电话号码。")
        if "address" in data and clean_text(data["address"], "地址", 200) != data["address"]:
            raise Invalid("字段“address”未按规范格式保存。")
        if "id_number" in data:
            if kind == ApplicantKind.PERSON.value:
                if validate_id_number(data["id_number"]).number != data["id_number"]:
                    raise Invalid("字段“id_number”未按规范格式保存。")
            elif kind == ApplicantKind.ENTITY.value:
                made = Applicant.create(id="x", kind=ApplicantKind.ENTITY, name="x", id_number=data["id_number"])
                if made.id_number != data["id_number"]:
                    raise Invalid("字段“id_number”未按规范格式保存。")
    except DomainError:
        # The domain's message may quote the value (a citizen's ID number): name the rule only.
        raise Invalid("申请人信息不符合规则（证件号码、姓名、电话或地址）。") from None
