"""Reminding the applicant to collect a result (seed 001 §5.1.3 "提醒申请人领取办件结果").

A result ready for pickup gets a 领取通知 (printed from forms/notices/collect_reminder.toml) and an
SMS text the center can send; a result still not collected after N working days (the setting
``pickup_reminder_working_days``) is listed at the output desk to be reminded again.
"""

from __future__ import annotations

import datetime as dt
import re

from clerk_app.domain.workdays import WorkCalendar
from clerk_app.errors import DomainError

SMS_LIMIT = 300
# A mainland mobile number: an SMS can go nowhere else (a landline is called, not texted).
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
# The SMS is sent once per case (seed 001 §5.1.3): its key at the center's queue and the SMS gateway.
SMS_KEY = "{number}/collect_sms"  # a long SMS is split by the carrier; past this it is a letter, not a reminder


def reminder_due(cal: WorkCalendar, ready_on: dt.date, working_days: int) -> dt.date:
    """The last day the result may wait before it is listed: ``working_days`` after it became ready."""
    return cal.add_working_days(ready_on, working_days)[0]


def not_collected_too_long(cal: WorkCalendar, ready_on: dt.date, today: dt.date, working_days: int) -> bool:
    return today > reminder_due(cal, ready_on, working_days)


def is_mobile(phone: str) -> bool:
    return bool(_MOBILE.match(phone.strip()))


def collection_sms(*, center: str, matter: str, case_number: str, place: str, hours: str, phone: str) -> str:
    """The SMS the center sends: what is ready, where and when to collect it, what to bring. No ID
    number or address: an SMS can be read by anyone holding the phone."""
    if not place.strip():
        raise DomainError("collection.no_place")
    text = (f"【{center}】您申请的“{matter}”（办件编号 {case_number}）已办结，请携带本人身份证件到{place}领取；"
            f"他人代领须携带委托书和双方身份证件。办公时间：{hours}。"
            + (f"咨询电话：{phone}。" if phone.strip() else ""))
    return text[:SMS_LIMIT]
