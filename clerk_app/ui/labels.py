"""Domain labels and domain messages in the UI language.

The domain is Qt-free and speaks Chinese (its labels are also what notices print), so the UI
translates at the edge: one table per enum, keyed by the member, with the domain's Chinese label
as the Qt source text (``tests/unit/test_ui_labels.py`` keeps the two equal), and a list of the
messages the domain and the case services raise, matched by pattern so that their arguments (a
case number, a state, a material) survive. In Chinese mode every lookup returns the source.

Public API: ``label(member)``, ``message(text)``.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from clerk_app.domain.cases import (
    AcceptMode,
    Action,
    CaseState,
    CommitmentStatus,
    DeliveryMode,
    IntakeDecision,
    MaterialStatus,
)
from clerk_app.domain.matters import Necessity
from clerk_app.domain.roles import Role
from clerk_app.i18n import arg
from clerk_app.services.search import CaseFilter

# Each table is (Qt context, {member: source text}); the contexts keep 受理 the decision apart
# from 受理 the accept mode and 受理 the history action. Order matters for ``_by_source``.
TABLES: dict[type[Enum], tuple[str, dict]] = {  # type: ignore[type-arg]
    CaseState: ("CaseState", {
        CaseState.RECEIVED: QT_TRANSLATE_NOOP("CaseState", "已接件"),
        CaseState.PENDING_SUPPLEMENT: QT_TRANSLATE_NOOP("CaseState", "待补正"),
        CaseState.ACCEPTED: QT_TRANSLATE_NOOP("CaseState", "已受理"),
        CaseState.REJECTED: QT_TRANSLATE_NOOP("CaseState", "不予受理"),
        CaseState.TRANSFERRED: QT_TRANSLATE_NOOP("CaseState", "已流转"),
        CaseState.BACKOFFICE_SUPPLEMENT: QT_TRANSLATE_NOOP("CaseState", "部门补件"),
        CaseState.RETURNED: QT_TRANSLATE_NOOP("CaseState", "部门退件"),
        CaseState.DECIDED: QT_TRANSLATE_NOOP("CaseState", "已办结"),
        CaseState.RESULT_READY: QT_TRANSLATE_NOOP("CaseState", "待出件"),
        CaseState.DELIVERED: QT_TRANSLATE_NOOP("CaseState", "已出件"),
        CaseState.UNDELIVERABLE: QT_TRANSLATE_NOOP("CaseState", "无法送达"),
        CaseState.ARCHIVED: QT_TRANSLATE_NOOP("CaseState", "已归档"),
        CaseState.WITHDRAWN: QT_TRANSLATE_NOOP("CaseState", "已撤回"),
    }),
    IntakeDecision: ("IntakeDecision", {
        IntakeDecision.ACCEPT: QT_TRANSLATE_NOOP("IntakeDecision", "受理"),
        IntakeDecision.ACCEPT_RONGQUE: QT_TRANSLATE_NOOP("IntakeDecision", "容缺受理"),
        IntakeDecision.ACCEPT_TELL_COMMIT: QT_TRANSLATE_NOOP("IntakeDecision", "告知承诺受理"),
        IntakeDecision.ONE_TIME_NOTICE: QT_TRANSLATE_NOOP("IntakeDecision", "一次性告知"),
        IntakeDecision.REJECT: QT_TRANSLATE_NOOP("IntakeDecision", "不予受理"),
    }),
    AcceptMode: ("AcceptMode", {
        AcceptMode.NORMAL: QT_TRANSLATE_NOOP("AcceptMode", "受理"),
        AcceptMode.RONGQUE: QT_TRANSLATE_NOOP("AcceptMode", "容缺受理"),
        AcceptMode.TELL_COMMIT: QT_TRANSLATE_NOOP("AcceptMode", "告知承诺受理"),
    }),
    MaterialStatus: ("MaterialStatus", {
        MaterialStatus.UNCHECKED: QT_TRANSLATE_NOOP("MaterialStatus", "未核验"),
        MaterialStatus.SUBMITTED: QT_TRANSLATE_NOOP("MaterialStatus", "已收"),
        MaterialStatus.MISSING: QT_TRANSLATE_NOOP("MaterialStatus", "缺少"),
        MaterialStatus.DEFECTIVE: QT_TRANSLATE_NOOP("MaterialStatus", "不符合要求"),
        MaterialStatus.NOT_APPLICABLE: QT_TRANSLATE_NOOP("MaterialStatus", "不适用"),
    }),
    Action: ("CaseAction", {
        Action.ACCEPT: QT_TRANSLATE_NOOP("CaseAction", "受理"),
        Action.REJECT: QT_TRANSLATE_NOOP("CaseAction", "不予受理"),
        Action.NOTIFY_SUPPLEMENT: QT_TRANSLATE_NOOP("CaseAction", "一次性告知"),
        Action.RESUBMIT: QT_TRANSLATE_NOOP("CaseAction", "补正后重新提交"),
        Action.TRANSFER: QT_TRANSLATE_NOOP("CaseAction", "流转至部门"),
        Action.REQUEST_SUPPLEMENT: QT_TRANSLATE_NOOP("CaseAction", "部门要求补件"),
        Action.SUPPLEMENT_DELIVERED: QT_TRANSLATE_NOOP("CaseAction", "补件已送达"),
        Action.RETURN: QT_TRANSLATE_NOOP("CaseAction", "部门退件"),
        Action.DECIDE: QT_TRANSLATE_NOOP("CaseAction", "办结"),
        Action.RESULT_READY: QT_TRANSLATE_NOOP("CaseAction", "结果待领取"),
        Action.DELIVER: QT_TRANSLATE_NOOP("CaseAction", "出件"),
        Action.UNDELIVERABLE: QT_TRANSLATE_NOOP("CaseAction", "无法送达"),
        Action.ARCHIVE: QT_TRANSLATE_NOOP("CaseAction", "归档"),
        Action.WITHDRAW: QT_TRANSLATE_NOOP("CaseAction", "撤回"),
        Action.FULFIL_COMMITMENT: QT_TRANSLATE_NOOP("CaseAction", "容缺材料已补齐"),
        Action.BREAK_COMMITMENT: QT_TRANSLATE_NOOP("CaseAction", "容缺承诺逾期未履行"),
    }),
    DeliveryMode: ("DeliveryMode", {
        DeliveryMode.ON_SITE: QT_TRANSLATE_NOOP("DeliveryMode", "窗口领取"),
        DeliveryMode.POST: QT_TRANSLATE_NOOP("DeliveryMode", "邮寄送达"),
        DeliveryMode.ELECTRONIC: QT_TRANSLATE_NOOP("DeliveryMode", "电子证照"),
    }),
    CommitmentStatus: ("CommitmentStatus", {
        CommitmentStatus.NONE: QT_TRANSLATE_NOOP("CommitmentStatus", "无"),
        CommitmentStatus.PENDING: QT_TRANSLATE_NOOP("CommitmentStatus", "待补交"),
        CommitmentStatus.FULFILLED: QT_TRANSLATE_NOOP("CommitmentStatus", "已补齐"),
        CommitmentStatus.BROKEN: QT_TRANSLATE_NOOP("CommitmentStatus", "逾期未补"),
    }),
    Necessity: ("Necessity", {
        Necessity.REQUIRED: QT_TRANSLATE_NOOP("Necessity", "必要"),
        Necessity.OPTIONAL: QT_TRANSLATE_NOOP("Necessity", "非必要"),
        Necessity.RONGQUE: QT_TRANSLATE_NOOP("Necessity", "容缺后补"),
    }),
    CaseFilter: ("CaseFilter", {
        CaseFilter.ALL: QT_TRANSLATE_NOOP("CaseFilter", "全部"),
        CaseFilter.TODAY: QT_TRANSLATE_NOOP("CaseFilter", "今日"),
        CaseFilter.DUE_SOON: QT_TRANSLATE_NOOP("CaseFilter", "即将到期"),
        CaseFilter.OVERDUE: QT_TRANSLATE_NOOP("CaseFilter", "已超期"),
        CaseFilter.AWAITING_PICKUP: QT_TRANSLATE_NOOP("CaseFilter", "待取件"),
        CaseFilter.PENDING_SUPPLEMENT: QT_TRANSLATE_NOOP("CaseFilter", "待补正"),
    }),
    Role: ("Role", {
        Role.CLERK: QT_TRANSLATE_NOOP("Role", "综合窗口人员"),
        Role.SUPERVISOR: QT_TRANSLATE_NOOP("Role", "带班负责人"),
        Role.ADMIN: QT_TRANSLATE_NOOP("Role", "系统管理员"),
        Role.IT: QT_TRANSLATE_NOOP("Role", "信息技术人员"),
    }),
}


def label(member: Enum) -> str:
    context, table = TABLES[type(member)]
    return QCoreApplication.translate(context, table[member])


# The messages of clerk_app/domain/cases.py, services/cases.py, services/bundles.py, the case
# repository and Actor.require, with their f-string holes written as %1, %2 …
MESSAGES = (
    QT_TRANSLATE_NOOP("DomainMessages", "办件 %1 当前状态为“%2”，不能执行“%3”。"),
    QT_TRANSLATE_NOOP("DomainMessages", "办件 %1 没有待履行的容缺承诺，不能执行“%2”。"),
    QT_TRANSLATE_NOOP("DomainMessages", "事项“%1”未授权综合窗口受理，请引导申请人到%2窗口办理。"),
    QT_TRANSLATE_NOOP("DomainMessages", "还有材料未核验：%1。"),
    QT_TRANSLATE_NOOP("DomainMessages", "材料不齐：%1。"),
    QT_TRANSLATE_NOOP("DomainMessages", "材料齐全，无需容缺受理。"),
    QT_TRANSLATE_NOOP("DomainMessages", "主要材料不齐，不能容缺受理：%1。"),
    QT_TRANSLATE_NOOP("DomainMessages", "事项“%1”不适用告知承诺制。"),
    QT_TRANSLATE_NOOP("DomainMessages", "申请人有严重失信或虚假承诺记录，信用修复前不适用告知承诺制。"),
    QT_TRANSLATE_NOOP("DomainMessages", "没有缺少或不符合要求的材料，无需一次性告知。"),
    QT_TRANSLATE_NOOP("DomainMessages", "不能%1：%2"),
    QT_TRANSLATE_NOOP("DomainMessages", "未知的受理决定。"),
    QT_TRANSLATE_NOOP("DomainMessages", "办件 %1 当前状态为“%2”，不能再核验材料。"),
    QT_TRANSLATE_NOOP("DomainMessages", "办件 %1 没有序号为 %2 的材料。"),
    QT_TRANSLATE_NOOP("DomainMessages", "请写明材料“%1”哪里不符合要求、应如何补正。"),
    QT_TRANSLATE_NOOP("DomainMessages", "联办件须选择至少两个事项；只办一个事项请直接受理。"),
    QT_TRANSLATE_NOOP("DomainMessages", "一次联办最多 %1 个事项：请分两次受理。"),
    QT_TRANSLATE_NOOP("DomainMessages", "事项“%1”选了两次：同一事项在一次联办中只能办理一件。"),
    QT_TRANSLATE_NOOP("DomainMessages", "这些材料不属于同一联办申请，不能一并核验或共用一张影像。"),
    QT_TRANSLATE_NOOP("DomainMessages", "中心代码和窗口号只能包含字母和数字。"),
    QT_TRANSLATE_NOOP("DomainMessages", "代办人办理须先签订代办委托协议。"),
    QT_TRANSLATE_NOOP("DomainMessages", "找不到该申请人，请先读取身份证或录入申请人信息。"),
    QT_TRANSLATE_NOOP("DomainMessages", "找不到该申请人。"),
    QT_TRANSLATE_NOOP("DomainMessages", "办件 %1 当前状态为“%2”，不能作受理决定。"),
    QT_TRANSLATE_NOOP("DomainMessages", "本事项适用告知承诺制：请先向申请人告知并记录其选择，再作受理决定。"),
    QT_TRANSLATE_NOOP("DomainMessages", "容缺材料的补交期限须晚于今天。"),
    QT_TRANSLATE_NOOP("DomainMessages", "不予受理须写明理由和法律依据。"),
    QT_TRANSLATE_NOOP("DomainMessages", "部门补件须写明需补交的内容。"),
    QT_TRANSLATE_NOOP("DomainMessages", "部门退件须写明退件理由，以便向申请人解释。"),
    QT_TRANSLATE_NOOP("DomainMessages", "领取人身份证与申请人或授权代办人不符，不能出件。"),
    QT_TRANSLATE_NOOP("DomainMessages", "邮寄送达须登记收件地址和邮件单号。"),
    QT_TRANSLATE_NOOP("DomainMessages", "找不到办件 %1。"),
    QT_TRANSLATE_NOOP("DomainMessages", "没有选中要核验的材料。"),
    QT_TRANSLATE_NOOP("DomainMessages", "没有选中要拍照的材料。"),
    QT_TRANSLATE_NOOP("DomainMessages", "找不到要关联影像的办件。"),
    QT_TRANSLATE_NOOP("DomainMessages", "%1“%2”无权执行此操作（%3）。"),
)
_HOLE = re.compile(r"%([1-9])")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for source in MESSAGES:
        parts = _HOLE.split(source)  # text, digit, text, digit, …
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<a{p}>.+?)" for i, p in enumerate(parts))
        out.append((re.compile(f"^{regex}$", re.S), source))
    return tuple(out)


@cache
def _by_source() -> dict[str, Enum]:
    """Chinese label → member, for labels quoted inside messages (a state, an action, a role).
    Where two enums share a text, the first table wins: states and actions read the same either way."""
    found: dict[str, Enum] = {}
    for _context, table in TABLES.values():
        for member, source in table.items():
            found.setdefault(source, member)
    return found


def _argument(value: str) -> str:
    member = _by_source().get(value)
    if member is not None:
        return label(member)
    return message(value) if value else value  # a nested message (不能受理：<why>)


def message(text: str) -> str:
    """A domain or service message in the UI language; an unknown one is returned unchanged."""
    for pattern, source in _patterns():
        m = pattern.match(text)
        if m is None:
            continue
        translated = QCoreApplication.translate("DomainMessages", source)
        if translated == source:
            return text  # Chinese UI (or no translation): the original, untouched
        values = [_argument(m.group(f"a{i}")) if f"a{i}" in m.groupdict() else f"%{i}" for i in range(1, 10)]
        return arg(translated, *values)
    return text
