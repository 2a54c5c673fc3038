"""Data-entry forms (申请表) declared per matter in forms/intake/: one definition drives the screen
and the printed application form. Parsing, validation and prefill from the ID card are pure."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from clerk_app.domain.applicants import clean_text
from clerk_app.errors import DomainError
from clerk_app.messages import Text


class FieldType(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    DATE = "date"
    NUMBER = "number"
    CHOICE = "choice"
    INTEGER = "integer"
    CREDIT_CODE = "credit_code"


# What a swiped card can fill (keys of the card reader's JSON contract).
CARD_FIELDS = ("name", "sex", "nation", "birth_date", "address", "id_number", "authority")
# What the identity step of the intake already holds besides the card: the applicant's phone and
# the agent (代办人) typed or swiped there.
INTAKE_FIELDS = ("phone", "agent_name", "agent_id_number")
PREFILL_SOURCES = CARD_FIELDS + INTAKE_FIELDS
FIELD_KEYS = frozenset({"key", "label", "type", "required", "max_length", "min", "max", "choices", "prefill", "help",
                        "section", "pattern"})
FORM_KEYS = frozenset({"matter", "title", "signature"})
NUMERIC_TYPES = frozenset({FieldType.NUMBER, FieldType.INTEGER})
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_INTEGER = re.compile(r"-?\d+")
# GB 32100-2015 统一社会信用代码: 31 characters (no I, O, S, V, Z), weights 3^i mod 31, check digit.
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


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
    section: str = ""  # a field with a section starts a titled group on screen and on paper
    pattern: str = ""  # full-match regular expression for text fields; ``help`` says what is expected


@dataclass(frozen=True)
class FormDefinition:
    matter_code: str
    title: str
    fields: tuple[FieldDef, ...]
    signature: str = "申请人（签字）"  # who signs the printed form: a person, or a unit that also seals it


class FormError(DomainError):
    """A form definition that cannot be used: the message names the file, the field and the key."""


def parse_form(data: Mapping[str, Any], source: str) -> FormDefinition:
    head = data.get("form")
    if not isinstance(head, Mapping) or not head.get("matter") or not head.get("title"):
        raise FormError("form.head_missing", source=source)
    unknown_head = sorted(set(head) - FORM_KEYS)
    if unknown_head:
        raise FormError("form.unknown_head_key", source=source, keys=unknown_head)
    signature = head.get("signature", FormDefinition.signature)
    if not isinstance(signature, str) or not signature.strip():
        raise FormError("form.bad_signature", source=source)
    raw = data.get("field")
    if not isinstance(raw, list) or not raw:
        raise FormError("form.no_fields", source=source)
    fields: list[FieldDef] = []
    for i, f in enumerate(raw):
        where = Text("form.where_field", source=source, position=i + 1,
                     field=f.get("label", f.get("key", "")) if isinstance(f, Mapping) else "")
        if not isinstance(f, Mapping):
            raise FormError("form.field_not_table", where=where)
        unknown = sorted(set(f) - FIELD_KEYS)
        if unknown:
            raise FormError("form.unknown_field_key", where=where, keys=unknown)
        key, label = f.get("key"), f.get("label")
        if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", key) or not isinstance(label, str):
            raise FormError("form.bad_key_or_label", where=where)
        try:
            ftype = FieldType(f.get("type", "text"))
        except ValueError:
            raise FormError("form.bad_type", where=where, value=f.get("type"), allowed=tuple(t.value for t in FieldType)) from None
        choices = f.get("choices", [])
        if ftype is FieldType.CHOICE and (not isinstance(choices, list) or not choices
                                          or not all(isinstance(c, str) for c in choices)):
            raise FormError("form.choices_missing", where=where)
        if "choices" in f and ftype is not FieldType.CHOICE:
            raise FormError("form.choices_not_allowed", where=where)
        prefill = f.get("prefill", "")
        if prefill and prefill not in PREFILL_SOURCES:
            raise FormError("form.bad_prefill", where=where, prefill=prefill, card_fields=CARD_FIELDS, intake_fields=INTAKE_FIELDS)
        max_length = f.get("max_length", 500 if ftype is FieldType.TEXTAREA else 100)
        if not isinstance(max_length, int) or not 1 <= max_length <= 2000:
            raise FormError("form.bad_max_length", where=where)
        low, high = f.get("min"), f.get("max")
        for name, bound in (("min", low), ("max", high)):
            if bound is None:
                continue
            if ftype not in NUMERIC_TYPES:
                raise FormError("form.bound_not_allowed", where=where, key=name)
            if isinstance(bound, bool) or not isinstance(bound, int | float) or not math.isfinite(bound):
                raise FormError("form.bound_not_number", where=where, key=name)
        if low is not None and high is not None and low > high:
            raise FormError("form.min_above_max", where=where, low=low, high=high)
        help_text = f.get("help", "")
        section = f.get("section", "")
        if not isinstance(help_text, str) or not isinstance(section, str):
            raise FormError("form.bad_help", where=where)
        pattern = f.get("pattern", "")
        if pattern:
            if ftype not in (FieldType.TEXT, FieldType.TEXTAREA) or not isinstance(pattern, str):
                raise FormError("form.pattern_not_allowed", where=where)
            try:
                re.compile(pattern)
            except re.error as exc:
                raise FormError("form.bad_pattern", where=where, reason=exc) from None
            if not help_text:
                raise FormError("form.pattern_help_missing", where=where)
        fields.append(FieldDef(key=key, label=label, type=ftype, required=f.get("required") is True,
                               max_length=max_length, min=low, max=high, choices=tuple(choices),
                               prefill=prefill, help=help_text, section=section, pattern=pattern))
    keys = [f.key for f in fields]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise FormError("form.duplicate_keys", source=source, keys=sorted(dup))
    return FormDefinition(matter_code=str(head["matter"]), title=str(head["title"]), fields=tuple(fields),
                          signature=signature.strip())


def prefill(form: FormDefinition, card: Mapping[str, Any]) -> dict[str, str]:
    """The fields a swiped card (and the identity step) fills; a clerk's later edit wins. A typed ID
    number gives the birth date and sex as the card would."""
    from clerk_app.domain.id_numbers import validate_id_number

    source = {k: str(v) for k, v in card.items() if v}
    birth = source.get("birth_date", "")
    if re.fullmatch(r"\d{8}", birth):  # the card's own layout, YYYYMMDD
        source["birth_date"] = f"{birth[:4]}-{birth[4:6]}-{birth[6:]}"
    if source.get("id_number") and not (source.get("birth_date") and source.get("sex")):
        try:
            info = validate_id_number(source["id_number"])
        except DomainError:
            pass  # the identity step reports a wrong number; the form just stays empty
        else:
            source.setdefault("birth_date", info.birth_date.isoformat())
            source.setdefault("sex", info.sex)
    return {f.key: source[f.prefill] for f in form.fields if f.prefill and source.get(f.prefill)}


def credit_code_check(body17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a 统一社会信用代码."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(body17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def _credit_code(value: str, label: str) -> str:
    code = "".join(unicodedata.normalize("NFKC", value).split()).upper()
    if len(code) != 18:
        raise DomainError("form.credit_code_length", field=label, length=len(code))
    wrong = next((c for c in code if c not in _USCC_CHARS), None)
    if wrong is not None:
        raise DomainError("form.credit_code_char", field=label, char=wrong)
    if not code[2:8].isdigit():
        raise DomainError("form.credit_code_region", field=label)
    expected = credit_code_check(code[:17])
    if code[17] != expected:
        raise DomainError("form.credit_code_check", field=label, expected=expected, actual=code[17])
    return code


def validate(form: FormDefinition, values: Mapping[str, str], *, today: date | None = None) -> dict[str, str]:
    """Cleaned values; raises DomainError naming the first wrong field and why (nothing is stored)."""
    from clerk_app.domain.applicants import normalise_phone
    from clerk_app.domain.id_numbers import validate_id_number

    cleaned: dict[str, str] = {}
    for f in form.fields:
        value = clean_text(str(values.get(f.key, "")), Text("field.quoted", label=f.label), f.max_length)
        if not value:
            if f.required:
                raise DomainError("form.value_missing", field=f.label)
            cleaned[f.key] = ""
            continue
        if f.type in (FieldType.ID_NUMBER, FieldType.PHONE):
            try:
                if f.type is FieldType.ID_NUMBER:
                    value = validate_id_number(value, today=today).number
                else:
                    value = normalise_phone(value)
            except DomainError as exc:
                # A form may hold the applicant's and the agent's numbers: say which one is wrong.
                raise DomainError("form.field_invalid", field=f.label, reason=exc) from None
        elif f.type is FieldType.CREDIT_CODE:
            value = _credit_code(value, f.label)
        elif f.type is FieldType.DATE:
            try:
                value = date.fromisoformat(unicodedata.normalize("NFKC", value)).isoformat()
            except ValueError:
                raise DomainError("form.not_a_date", field=f.label) from None
        elif f.type in NUMERIC_TYPES:
            # NFKC: a Chinese IME types full-width digits.
            value = unicodedata.normalize("NFKC", value).replace(" ", "")
            integer = f.type is FieldType.INTEGER
            if not (_INTEGER if integer else _NUMBER).fullmatch(value):
                raise DomainError("form.not_an_integer" if integer else "form.not_a_number", field=f.label)
            number = float(value)
            if (f.min is not None and number < f.min) or (f.max is not None and number > f.max):
                raise DomainError("form.out_of_range", field=f.label, low=_bound(f.min), high=_bound(f.max))
        elif f.type is FieldType.CHOICE and value not in f.choices:
            raise DomainError("form.not_a_choice", field=f.label, choices=f.choices)
        elif f.pattern and not re.fullmatch(f.pattern, value):
            raise DomainError("form.bad_format", field=f.label, help=f.help)
        cleaned[f.key] = value
    return cleaned


def _bound(value: float | None) -> str:
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else str(value)
