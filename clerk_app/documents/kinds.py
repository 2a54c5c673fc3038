"""The kinds of document, each with its Chinese name: their own module, without the template machinery,
because ``clerk-app`` builds its parser (``documents render --kind``) on every start (start-up time)."""

from __future__ import annotations

KINDS: dict[str, str] = {
    "acceptance": "受理通知书",
    "rejection": "不予受理通知书",
    "one_time_notice": "一次性告知书",
    "rongque_commitment": "容缺受理承诺书",
    "tell_commit": "告知承诺书",
    "delegation": "代办委托协议",
    "guide": "办事指南",
    "pickup": "结果领取登记单",
    "collect_reminder": "领取通知",
    "handover": "材料交接单",
}
