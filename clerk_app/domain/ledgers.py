"""Counter ledgers: pauses (暂停服务), extended service (延时服务) and comp time, consultations,
帮办代办 and the emergency register. Pure rules; the services store what these allow."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from clerk_app.errors import DomainError

PAUSE_REPORT_MINUTES = 15  # seed 001 §4.2, 000 §25(四): longer pauses are reported to the duty leader
MAX_EXTENDED_MINUTES = 12 * 60  # a start left running overnight is a forgotten stop, not overtime
CALLBACK_WORKING_DAYS = 1


def pause_minutes(started: dt.datetime, ended: dt.datetime) -> int:
    if ended < started:
        raise DomainError("ledger.pause_ends_before_start")
    return int((ended - started).total_seconds() // 60)


def pause_is_long(started: dt.datetime, ended: dt.datetime) -> bool:
    return (ended - started) > dt.timedelta(minutes=PAUSE_REPORT_MINUTES)


def running_pause_to_report(started: dt.datetime, now: dt.datetime) -> bool:
    """Seed 000 §25(四), seed 001 §4.2: a pause still running past 15 minutes is reported to the
    duty leader now, not only once it ends (the clerk may not come back to end it)."""
    return now >= started and pause_is_long(started, now)


def check_end_pause(started: dt.datetime, ended: dt.datetime, reason: str) -> bool:
    """Returns whether the pause is flagged for the supervisor; a long pause needs its reason."""
    pause_minutes(started, ended)
    long = pause_is_long(started, ended)
    if long and not reason.strip():
        raise DomainError("ledger.pause_reason_missing", minutes=PAUSE_REPORT_MINUTES)
    return long


def extended_minutes(started: dt.datetime, ended: dt.datetime) -> int:
    if ended <= started:
        raise DomainError("ledger.extended_ends_before_start")
    minutes = int((ended - started).total_seconds() // 60)
    if minutes > MAX_EXTENDED_MINUTES:
        raise DomainError("ledger.extended_too_long", minutes=minutes, limit=MAX_EXTENDED_MINUTES)
    return minutes


def check_comp_time(minutes: int, balance: int) -> None:
    if minutes <= 0:
        raise DomainError("ledger.time_off_not_positive")
    if minutes > balance:
        raise DomainError("ledger.time_off_over_balance", minutes=minutes, balance=balance)


class ConsultChannel(StrEnum):
    ON_SITE = "现场"
    PHONE = "电话"
    ONLINE = "网上"


def parse_channel(value: str) -> ConsultChannel:
    try:
        return ConsultChannel(value)
    except ValueError:
        raise DomainError("ledger.bad_channel", value=value) from None


def check_consultation(*, question: str, answer: str, callback_needed: bool, contact_phone: str) -> None:
    """Answered once and completely (一次性告知), or recorded with a call-back (seed 001 App.C)."""
    if not question.strip():
        raise DomainError("ledger.question_missing")
    if not callback_needed and not answer.strip():
        raise DomainError("ledger.answer_missing")
    if callback_needed and not _looks_like_phone(contact_phone):
        raise DomainError("ledger.callback_phone_missing")


def _looks_like_phone(phone: str) -> bool:
    digits = phone.replace("-", "").replace(" ", "")
    return digits.isdigit() and 7 <= len(digits) <= 12


class AssistKind(StrEnum):
    HELP = "帮办"
    AGENCY = "代办"


class PriorityGroup(StrEnum):
    ELDERLY = "老年人"
    DISABLED = "残疾人"
    PREGNANT = "孕妇"
    VETERAN = "军人"
    OTHER = "其他"


def check_assistance(kind: str, group: str, person: str, matter: str) -> tuple[AssistKind, PriorityGroup]:
    try:
        k = AssistKind(kind)
    except ValueError:
        raise DomainError("ledger.bad_help_kind", kind=kind) from None
    try:
        g = PriorityGroup(group)
    except ValueError:
        raise DomainError("ledger.bad_group", group=group) from None
    if not person.strip() or not matter.strip():
        raise DomainError("ledger.helped_person_missing")
    return k, g


class EmergencyKind(StrEnum):
    POWER_CUT = "停电"
    DEVICE_FAILURE = "设备故障"
    NETWORK = "网络中断"
    DISORDER = "秩序混乱"
    ILLNESS = "突发疾病"
    FIRE = "火灾"
    OTHER = "其他"


def check_emergency(kind: str, description: str, persons: list[tuple[str, str, str]]) -> EmergencyKind:
    """``persons``: (name, phone, matter) of those who could not finish, served first next time."""
    try:
        k = EmergencyKind(kind)
    except ValueError:
        raise DomainError("ledger.bad_incident_kind", kind=kind) from None
    if not description.strip():
        raise DomainError("ledger.incident_missing")
    for position, (name, phone, matter) in enumerate(persons, start=1):
        if not name.strip() or not matter.strip():
            raise DomainError("ledger.unfinished_person_missing")
        if phone and not _looks_like_phone(phone):
            raise DomainError("ledger.bad_phone", position=position)  # never the name: no citizen data in errors
    return k
