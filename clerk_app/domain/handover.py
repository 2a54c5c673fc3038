"""Handing a case over (seed 001 §5.1.4 一事一档, §5.2.3 移交登记; §5.1.3 results that cannot be delivered).

The record names who received what and when: a transferred case names the receiving department and
person (the 交接单 prints them); an undeliverable result goes back to the department with a reason
and the person who took it back; an on-site pickup records who collected it.
"""

from __future__ import annotations

from enum import StrEnum

from clerk_app.errors import DomainError


def check_transfer_receiver(department: str, receiver: str) -> None:
    """Seed 001 §5.1.4/§5.2.3: the handover register names the receiving department and person."""
    if not department.strip():
        raise DomainError("handover.department_missing")
    if not receiver.strip():
        raise DomainError("handover.receiver_missing")


def check_undeliverable(reason: str) -> None:
    """Seed 001 §5.1.3: why the result could not be delivered is part of the record."""
    if not reason.strip():
        raise DomainError("handover.undeliverable_reason_missing")


def check_return_to_department(department: str, receiver: str, reason: str) -> None:
    """Seed 001 §5.1.3 无法送达的办件结果退回业务部门: to whom, and why."""
    if not department.strip() or not receiver.strip():
        raise DomainError("handover.return_receiver_missing")
    if not reason.strip():
        raise DomainError("handover.return_reason_missing")


class Collector(StrEnum):
    """Who collected a result on site (seed 001 §5.1.3 出件登记)."""

    APPLICANT = "applicant"
    AGENT = "agent"

    @property
    def label(self) -> str:
        return {"applicant": "申请人本人", "agent": "代办人"}[self.value]
