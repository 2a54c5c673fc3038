"""Masks for citizen identifiers (no national pattern exists: this follows common practice, see
docs/domain-rules.md §4) and a logging filter that masks them in free text.

Public API: ``mask_id_number`` (re-exported from the domain), ``mask_id_strong``, ``mask_phone``,
``mask_name``, ``mask_address``, ``scrub``, ``PiiLogFilter``.
"""

from __future__ import annotations

import logging
import re

from clerk_app.domain.id_numbers import mask_id_number

__all__ = ["PiiLogFilter", "mask_address", "mask_id_number", "mask_id_strong", "mask_name", "mask_phone", "scrub"]

# 18-digit resident numbers (last char may be X), 15-digit old ones, mainland mobiles; the
# look-arounds keep case numbers and longer digit runs (tracking numbers) intact.
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d{9})(?!\d)")


def mask_id_strong(number: str) -> str:
    """For the customer screen and receipts, which strangers may see: only the last four remain."""
    s = number.strip()
    return "*" * max(len(s) - 4, 0) + s[-4:] if len(s) > 4 else "*" * len(s)


def mask_phone(phone: str) -> str:
    digits = phone.strip()
    if len(digits) >= 11:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    if len(digits) >= 7:
        return "*" * (len(digits) - 4) + digits[-4:]
    return "*" * len(digits)


def mask_name(name: str) -> str:
    """张三丰 → 张*丰, 李四 → 李*; organisation names (long) keep their first four characters."""
    n = name.strip()
    if len(n) <= 1:
        return n
    if len(n) == 2:
        return n[0] + "*"
    if len(n) <= 4:
        return n[0] + "*" * (len(n) - 2) + n[-1]
    return n[:4] + "*" * (len(n) - 4)


def mask_address(address: str) -> str:
    """Keeps the first six characters (province, city, district); a fixed mask hides the length too."""
    a = address.strip()
    return a[:6] + "****" if len(a) > 6 else a


def scrub(text: str) -> str:
    """Masks every ID number and mobile number found in free text (log lines, exception messages)."""
    return _MOBILE.sub(lambda m: mask_phone(m.group(1)), _ID.sub(lambda m: mask_id_number(m.group(1)), text))


class PiiLogFilter(logging.Filter):
    """Attach to every handler: the formatted message is scrubbed before it reaches a file."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
        return True
