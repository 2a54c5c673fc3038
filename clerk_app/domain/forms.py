"""Data-entry forms (申请表) declared per matter in forms/intake/: one definition drives the screen
and the printed application form. Parsing, validation and prefill from the ID card are pure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from clerk_app.domain.applicants import clean_text
from clerk_app.errors import DomainError


class FieldType(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    DATE = "date"
    NUMBER = "number"
    CHOICE = "choice"


# What a swiped card can fill (keys of the card reader's JSON contract).
CARD_FIELDS = ("name", "sex", "nation", "birth_date", "address", "id_number", "authority")
FIELD_KEYS = frozenset({"key", "label", "type", "required", "max_length", "min", "max", "choices", "prefill", "help"})


@dataclass(frozen=True)
class FieldDef:
    key: str
    label: str
    type: FieldType
    required: bool = False
    max_length: int = 100
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    prefill: str = ""
    help: str = ""


@dataclass(frozen=True)
class FormDefinition:
    matter_code: str
    title: str
    fields: tuple[FieldDef, ...]


class FormError(DomainError):
    """A form definition that cannot be used: the message names the file, the field and the key."""


def parse_form(data: Mapping[str, Any], source: str) -> FormDefinition:
    head = data.get("form")
    if not isinstance(head, Mapping) or not head.get("matter") or not head.get("title"):
        raise FormError(f"申请表定义 {source}：缺少 [form] 段的 matter（事项编码）或 title（标题）。")
    raw = data.get("field")
    if not isinstance(raw, list) or not raw:
        raise FormError(f"申请表定义 {source}：没有任何字段（[[field]]）。")
    fields: list[FieldDef] = []
    for i, f in enumerate(raw):
        where = f"申请表定义 {source} 的第 {i + 1} 个字段“{f.get('label', f.get('key', '')) if isinstance(f, Mapping) else ''}”"
        if not isinstance(f, Mapping):
            raise FormError(f"{where}：应写成 [[field]] 双方括号段。")
        unknown = sorted(set(f) - FIELD_KEYS)
        if unknown:
            raise FormError(f"{where}：不认识的键“{'、'.join(unknown)}”（是否拼写错误？）。")
        key, label = f.get("key"), f.get("label")
        if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", key) or not isinstance(label, str):
            raise FormError(f"{where}：key 应为小写英文字母开头的标识符，label 应为文字。")
        try:
            ftype = FieldType(f.get("type", "text"))
        except ValueError:
            raise FormError(f"{where}：type“{f.get('type')}”无效，应为：{'、'.join(t.value for t in FieldType)}。") from None
        choices = f.get("choices", [])
        if ftype is FieldType.CHOICE and (not isinstance(choices, list) or not choices
                                          or not all(isinstance(c, str) for c in choices)):
            raise FormError(f"{where}：选择题须给出 choices 文字列表。")
        prefill = f.get("prefill", "")
        if prefill and prefill not in CARD_FIELDS:
            raise FormError(f"{where}：prefill“{prefill}”不是身份证上的项目（{'、'.join(CARD_FIELDS)}）。")
        max_length = f.get("max_length", 500 if ftype is FieldType.TEXTAREA else 100)
        if not isinstance(max_length, int) or not 1 <= max_length <= 2000:
            raise FormError(f"{where}：max_length 应为 1–2000 的整数。")
        fields.append(FieldDef(key=key, label=label, type=ftype, required=f.get("required") is True,
                               max_length=max_length, min=f.get("min"), max=f.get("max"), choices=tuple(choices),
                               prefill=prefill, help=str(f.get("help", ""))))
    keys = [f.key for f in fields]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise FormError(f"申请表定义 {source}：字段 key 重复：{'、'.join(sorted(dup))}。")
    return FormDefinition(matter_code=str(head["matter"]), title=str(head["title"]), fields=tuple(fields))


def prefill(form: FormDefinition, card: Mapping[str, Any]) -> dict[str, str]:
    """The fields a swiped card fills; a clerk's later edit wins."""
    return {f.key: str(card[f.prefill]) for f in form.fields if f.prefill and card.get(f.prefill)}


def validate(form: FormDefinition, values: Mapping[str, str], *, today: date | None = None) -> dict[str, str]:
    """Cleaned values; raises DomainError naming the first wrong field and why (nothing is stored)."""
    from clerk_app.domain.applicants import normalise_phone
    from clerk_app.domain.id_numbers import validate_id_number

    cleaned: dict[str, str] = {}
    for f in form.fields:
        value = clean_text(str(values.get(f.key, "")), f"“{f.label}”", f.max_length)
        if not value:
            if f.required:
                raise DomainError(f"请填写“{f.label}”。")
            cleaned[f.key] = ""
            continue
        if f.type is FieldType.ID_NUMBER:
            value = validate_id_number(value, today=today).number
        elif f.type is FieldType.PHONE:
            value = normalise_phone(value)
        elif f.type is FieldType.DATE:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise DomainError(f"“{f.label}”应为日期，如 2026-03-02。") from None
        elif f.type is FieldType.NUMBER:
            try:
                number = float(value)
            except ValueError:
                raise DomainError(f"“{f.label}”应为数字。") from None
            if (f.min is not None and number < f.min) or (f.max is not None and number > f.max):
                raise DomainError(f"“{f.label}”应在 {f.min if f.min is not None else '—'} 到 "
                                  f"{f.max if f.max is not None else '—'} 之间。")
        elif f.type is FieldType.CHOICE and value not in f.choices:
            raise DomainError(f"“{f.label}”只能选：{'、'.join(f.choices)}。")
        cleaned[f.key] = value
    return cleaned
