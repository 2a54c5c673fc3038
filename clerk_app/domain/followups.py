"""差评回访整改: the loop every real-name bad review goes through (国办发〔2019〕51号; seed 001 §7.2).

回访核实 (contact the evaluator, verify) → 整改 (rectify, when the review is founded) → 反馈 (tell the
evaluator, record their view) → closed. Day counts are local, not national, so they are a policy in
working days counted from the day of the review; the target is 实名差评回访整改率 100%.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from clerk_app.domain.workdays import WorkCalendar
from clerk_app.errors import DomainError


@dataclass(frozen=True)
class FollowupPolicy:
    contact_working_days: int = 1
    rectify_working_days: int = 5  # Dezhou: 5 working days to rectify and answer (domain-rules §3.1)


class Verification(StrEnum):
    FOUNDED = "属实"
    UNFOUNDED = "不属实"
    MISTAKEN = "误评"
    MALICIOUS = "恶意"

    @property
    def needs_rectification(self) -> bool:
        return self is Verification.FOUNDED

    @property
    def counts_against_clerk(self) -> bool:
        """A review verified as mistaken (误评) or malicious (恶意) does not count in the clerk's
        assessment (seed 001 §7.1: 评价结果作为考核依据 — the result, once verified)."""
        return self not in (Verification.MISTAKEN, Verification.MALICIOUS)


DISCOUNTED = tuple(v.value for v in Verification if not v.counts_against_clerk)


def parse_verification(value: str) -> Verification:
    try:
        return Verification(value)
    except ValueError:
        raise DomainError("followup.bad_finding", value=value) from None


@dataclass(frozen=True)
class FollowupDue:
    contact_due: dt.date
    rectify_due: dt.date
    provisional: bool


def followup_due(cal: WorkCalendar, rated_on: dt.date, policy: FollowupPolicy) -> FollowupDue:
    contact, p1 = cal.add_working_days(rated_on, policy.contact_working_days)
    rectify, p2 = cal.add_working_days(rated_on, policy.rectify_working_days)
    return FollowupDue(contact, rectify, p1 or p2)


@dataclass(frozen=True)
class FollowupRecord:
    """What has been recorded so far; the service maps its row onto this to ask the rules."""

    contacted: bool
    verification: Verification | None
    rectified: bool
    feedback_given: bool
    closed: bool


def check_contact(record: FollowupRecord, note: str) -> None:
    if record.closed:
        raise DomainError("followup.closed")
    if not note.strip():
        raise DomainError("followup.verification_missing")


def check_rectify(record: FollowupRecord, note: str) -> None:
    if record.closed:
        raise DomainError("followup.closed")
    if not record.contacted:
        raise DomainError("followup.verify_first")
    if not note.strip():
        raise DomainError("followup.correction_missing")


def check_feedback(record: FollowupRecord, evaluator_view: str) -> None:
    if record.closed:
        raise DomainError("followup.closed")
    if not record.contacted:
        raise DomainError("followup.verify_before_feedback")
    if record.verification is not None and record.verification.needs_rectification and not record.rectified:
        raise DomainError("followup.correct_before_feedback")
    if not evaluator_view.strip():
        raise DomainError("followup.feedback_missing")


def check_close(record: FollowupRecord) -> None:
    """A bad review is never closed without its follow-up record (seed 001 §7.2: 100%)."""
    if record.closed:
        raise DomainError("followup.closed")
    missing = []
    if not record.contacted:
        missing.append("回访核实")
    if record.verification is not None and record.verification.needs_rectification and not record.rectified:
        missing.append("整改")
    if not record.feedback_given:
        missing.append("反馈评价人")
    if missing:
        raise DomainError("followup.incomplete", missing=missing)


def is_overdue(due: dt.date, done_on: dt.date | None, today: dt.date) -> bool:
    return (done_on or today) > due
