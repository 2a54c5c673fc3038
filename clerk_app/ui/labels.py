"""Domain labels in the UI language, and the message catalogue's sentences in it.

The domain and the devices are Qt-free and speak Chinese (the domain's labels are also what notices
print), so the UI translates at the edge: one table per enum or status code, keyed by the member or
code, with the lower layer's Chinese text as the Qt source text (``tests/unit/test_ui_labels.py``
keeps the two equal). Sentences (errors, refusals, device and sync statuses) come from
``clerk_app/messages.py`` by code, in both languages; ``message`` renders them in the UI language and
names the enums inside them through these tables. In Chinese mode every lookup returns the source.

Public API: ``label(member)``, ``device_kind(kind)``, ``message(text)``.
"""

from __future__ import annotations

from enum import Enum
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from clerk_app.devices.base import DeviceState
from clerk_app.domain.cases import (
    AcceptMode,
    Action,
    CaseState,
    CommitmentStatus,
    DeliveryMode,
    IntakeDecision,
    MaterialStatus,
)
from clerk_app.domain.complaints import Step
from clerk_app.domain.followups import Verification
from clerk_app.domain.id_numbers import IdKind
from clerk_app.domain.matters import CaseKind, LimitUnit, MaterialForm, Necessity
from clerk_app.domain.queue import TicketState
from clerk_app.domain.roles import Role
from clerk_app.errors import UserError
from clerk_app.i18n import current as current_language
from clerk_app.messages import Text
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
        Action.RETURN_TO_DEPARTMENT: QT_TRANSLATE_NOOP("CaseAction", "退回部门"),
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
    # The catalogue editor and the follow-up of a bad rating (manager view).
    MaterialForm: ("MaterialForm", {
        MaterialForm.ORIGINAL: QT_TRANSLATE_NOOP("MaterialForm", "原件"),
        MaterialForm.COPY: QT_TRANSLATE_NOOP("MaterialForm", "复印件"),
        MaterialForm.ELECTRONIC: QT_TRANSLATE_NOOP("MaterialForm", "电子"),
        MaterialForm.ORIGINAL_AND_COPY: QT_TRANSLATE_NOOP("MaterialForm", "原件和复印件"),
    }),
    LimitUnit: ("LimitUnit", {
        LimitUnit.WORKING_DAYS: QT_TRANSLATE_NOOP("LimitUnit", "工作日"),
        LimitUnit.CALENDAR_DAYS: QT_TRANSLATE_NOOP("LimitUnit", "自然日"),
        LimitUnit.IMMEDIATE: QT_TRANSLATE_NOOP("LimitUnit", "即办"),
        LimitUnit.NONE: QT_TRANSLATE_NOOP("LimitUnit", "无"),
    }),
    CaseKind: ("CaseKind", {
        CaseKind.IMMEDIATE: QT_TRANSLATE_NOOP("CaseKind", "即办件"),
        CaseKind.PROMISED: QT_TRANSLATE_NOOP("CaseKind", "承诺件"),
    }),
    Verification: ("Verification", {
        Verification.FOUNDED: QT_TRANSLATE_NOOP("Verification", "属实"),
        Verification.UNFOUNDED: QT_TRANSLATE_NOOP("Verification", "不属实"),
        Verification.MISTAKEN: QT_TRANSLATE_NOOP("Verification", "误评"),
        Verification.MALICIOUS: QT_TRANSLATE_NOOP("Verification", "恶意"),
    }),
    CaseFilter: ("CaseFilter", {
        CaseFilter.ALL: QT_TRANSLATE_NOOP("CaseFilter", "全部"),
        CaseFilter.TODAY: QT_TRANSLATE_NOOP("CaseFilter", "今日"),
        CaseFilter.DUE_SOON: QT_TRANSLATE_NOOP("CaseFilter", "即将到期"),
        CaseFilter.OVERDUE: QT_TRANSLATE_NOOP("CaseFilter", "已超期"),
        CaseFilter.AWAITING_PICKUP: QT_TRANSLATE_NOOP("CaseFilter", "待取件"),
        CaseFilter.PENDING_SUPPLEMENT: QT_TRANSLATE_NOOP("CaseFilter", "待补正"),
    }),
    # Named inside catalogue sentences (a ticket that cannot be called, a complaint step skipped).
    TicketState: ("TicketState", {
        TicketState.WAITING: QT_TRANSLATE_NOOP("TicketState", "等候中"),
        TicketState.CALLED: QT_TRANSLATE_NOOP("TicketState", "已叫号"),
        TicketState.DONE: QT_TRANSLATE_NOOP("TicketState", "已办结"),
        TicketState.SKIPPED: QT_TRANSLATE_NOOP("TicketState", "已过号"),
        TicketState.TRANSFERRED: QT_TRANSLATE_NOOP("TicketState", "已转窗口"),
    }),
    Step: ("ComplaintStep", {
        Step.FOUND: QT_TRANSLATE_NOOP("ComplaintStep", "发现问题"),
        Step.ANALYSED: QT_TRANSLATE_NOOP("ComplaintStep", "分析原因"),
        Step.DISPATCHED: QT_TRANSLATE_NOOP("ComplaintStep", "派发工单"),
        Step.RESOLVED: QT_TRANSLATE_NOOP("ComplaintStep", "限期解决"),
        Step.VERIFIED: QT_TRANSLATE_NOOP("ComplaintStep", "结果核查"),
        Step.SUPERVISED: QT_TRANSLATE_NOOP("ComplaintStep", "监督检查"),
    }),
    Role: ("Role", {
        Role.CLERK: QT_TRANSLATE_NOOP("Role", "综合窗口人员"),
        Role.SUPERVISOR: QT_TRANSLATE_NOOP("Role", "带班负责人"),
        Role.ADMIN: QT_TRANSLATE_NOOP("Role", "系统管理员"),
        Role.IT: QT_TRANSLATE_NOOP("Role", "信息技术人员"),
    }),
    # id_numbers.KIND_LABELS: the kind of number named inside the ID-number messages.
    IdKind: ("IdKind", {
        IdKind.RESIDENT: QT_TRANSLATE_NOOP("IdKind", "居民身份证号码"),
        IdKind.HK_MO_TW: QT_TRANSLATE_NOOP("IdKind", "港澳台居民居住证号码"),
        IdKind.FOREIGNER_2023: QT_TRANSLATE_NOOP("IdKind", "外国人永久居留身份证号码"),
    }),
    DeviceState: ("DeviceState", {
        DeviceState.READY: QT_TRANSLATE_NOOP("DeviceState", "就绪"),
        DeviceState.NOT_CONNECTED: QT_TRANSLATE_NOOP("DeviceState", "未连接"),
        DeviceState.ERROR: QT_TRANSLATE_NOOP("DeviceState", "故障"),
    }),
}

# Tables keyed by a string or a status code rather than an enum: (Qt context, {key: source text}).
# devices/base.KIND_LABELS (the four status dots) and sync/client/distribution.LABELS (what the
# center hands out).
DEVICE_KINDS: tuple[str, dict[str, str]] = ("DeviceKind", {
    "id_reader": QT_TRANSLATE_NOOP("DeviceKind", "身份证阅读器"),
    "printer": QT_TRANSLATE_NOOP("DeviceKind", "小票打印机"),
    "camera": QT_TRANSLATE_NOOP("DeviceKind", "高拍仪"),
    "evaluator": QT_TRANSLATE_NOOP("DeviceKind", "评价器"),
})
SYNC_ITEMS: tuple[str, dict[str, str]] = ("SyncItem", {
    "catalogue": QT_TRANSLATE_NOOP("SyncItem", "事项目录"),
    "authorisation": QT_TRANSLATE_NOOP("SyncItem", "授权事项清单"),
    "holidays": QT_TRANSLATE_NOOP("SyncItem", "节假日安排"),
    "appointments": QT_TRANSLATE_NOOP("SyncItem", "预约"),
    "survey": QT_TRANSLATE_NOOP("SyncItem", "满意度调查表"),
})
KEYED = (DEVICE_KINDS, SYNC_ITEMS)


def label(member: Enum) -> str:
    context, table = TABLES[type(member)]
    return QCoreApplication.translate(context, table[member])


def device_kind(kind: str) -> str:
    """The name of a device kind ("printer" …) as the status dots and the self-check show it."""
    context, table = DEVICE_KINDS
    source = table.get(kind)
    return kind if source is None else QCoreApplication.translate(context, source)


@cache
def _by_source() -> dict[str, tuple[str, str]]:
    """Chinese text → (Qt context, source), for a label that reaches the UI as text (a state in a
    report). Where two tables share a text, the first wins: states and actions read the same either
    way."""
    found: dict[str, tuple[str, str]] = {}
    for context, table in [*TABLES.values(), *KEYED]:
        for source in table.values():
            found.setdefault(source, (context, source))
    return found


def _enum_label(member: Enum) -> str:
    """An enum named inside a catalogue sentence: from the tables above, else the domain's Chinese."""
    return label(member) if type(member) in TABLES else str(getattr(member, "label", member.value))


def message(text: str | UserError) -> str:
    """A sentence of the message catalogue (a ``Text``, or a ``UserError``'s) in the UI language.
    A plain text is a label of the tables above (a state in a report) or data, shown as it is."""
    if isinstance(text, UserError):
        text = text.message
    if isinstance(text, Text):
        return text.in_language(current_language(), _enum_label)
    keyed = _by_source().get(text)
    return text if keyed is None else QCoreApplication.translate(*keyed)
