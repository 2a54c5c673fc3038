"""Applicants (natural persons or legal entities) and agents acting under a delegation agreement."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from clerk_app.errors import DomainError
from clerk_app.messages import Text


class ApplicantKind(StrEnum):
    PERSON = "person"
    ENTITY = "entity"


_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
_USCC = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
MAX_TEXT = {"name": 100, "address": 200, "phone": 20}


def clean_text(value: str, field_label: str, limit: int) -> str:
    """Trim, drop control characters (they would corrupt printouts) and enforce a length limit."""
    cleaned = "".join(ch for ch in value.strip() if ch.isprintable())
    if len(cleaned) > limit:
        raise DomainError("text.too_long", field=field_label, limit=limit, length=len(cleaned))
    return cleaned


def normalise_phone(phone: str) -> str:
    phone = clean_text(phone, Text("field.phone"), MAX_TEXT["phone"]).replace(" ", "")
    if phone and not _PHONE.match(phone):
        raise DomainError("applicant.bad_phone", phone=phone)
    return phone


@dataclass(frozen=True)
class Applicant:
    id: str
    kind: ApplicantKind
    name: str
    id_number: str  # resident ID / permit number for persons; 统一社会信用代码 for entities
    phone: str = ""
    address: str = ""

    @classmethod
    def create(cls, *, id: str, kind: ApplicantKind, name: str, id_number: str, phone: str = "",
               address: str = "", today: date | None = None) -> Applicant:
        name = clean_text(name, Text("field.name"), MAX_TEXT["name"])
        if not name:
            raise DomainError("applicant.name_missing")
        if kind is ApplicantKind.PERSON:
            from clerk_app.domain.id_numbers import validate_id_number

            id_number = validate_id_number(id_number, today=today).number
        else:
            id_number = id_number.strip().upper()
            if not _USCC.match(id_number):
                raise DomainError("applicant.bad_credit_code", credit_code=id_number)
        return cls(id=id, kind=kind, name=name, id_number=id_number, phone=normalise_phone(phone),
                   address=clean_text(address, Text("field.address"), MAX_TEXT["address"]))


@dataclass(frozen=True)
class Delegation:
    """代办委托协议: who acts for whom, for what, until when (seed 001 §5.1.6)."""

    agent_id: str
    scope: str
    valid_to: date
    liabilities_acknowledged: bool

    def check(self, today: date) -> None:
        if not self.liabilities_acknowledged:
            raise DomainError("delegation.terms_unconfirmed")
        if self.valid_to < today:
            raise DomainError("delegation.expired", valid_to=self.valid_to)
        if not self.scope.strip():
            raise DomainError("delegation.scope_missing")
