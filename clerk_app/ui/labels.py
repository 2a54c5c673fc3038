"""Domain labels and domain, device and sync messages in the UI language.

The domain, the devices and the sync client are Qt-free and speak Chinese (the domain's labels are
also what notices print), so the UI translates at the edge: one table per enum or status code,
keyed by the member or code, with the lower layer's Chinese text as the Qt source text
(``tests/unit/test_ui_labels.py`` keeps the two equal), and lists of the messages the domain, the
case services, the ID-number check, the device adapters and the sync client raise, matched by
pattern so that their arguments (a case number, a state, a port, a status code) survive. In
Chinese mode every lookup returns the source.

Public API: ``label(member)``, ``device_kind(kind)``, ``message(text)``.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from clerk_app.devices.base import DeviceState
from clerk_app.devices.printer.status import PrinterCondition
from clerk_app.domain.cases import (
    AcceptMode,
    Action,
    CaseState,
    CommitmentStatus,
    DeliveryMode,
    IntakeDecision,
    MaterialStatus,
)
from clerk_app.domain.followups import Verification
from clerk_app.domain.id_numbers import IdKind
from clerk_app.domain.matters import CaseKind, LimitUnit, MaterialForm, Necessity
from clerk_app.domain.roles import Role
from clerk_app.errors import UserError
from clerk_app.i18n import arg
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
    # printer/status.MESSAGES: what the printer's status bytes mean and what to do.
    PrinterCondition: ("PrinterCondition", {
        PrinterCondition.READY: QT_TRANSLATE_NOOP("PrinterCondition", "打印机就绪。"),
        PrinterCondition.PAPER_NEAR_END: QT_TRANSLATE_NOOP("PrinterCondition", "打印纸快用完了：请准备新纸卷，本张仍可打印。"),
        PrinterCondition.PAPER_OUT: QT_TRANSLATE_NOOP("PrinterCondition", "打印机缺纸：请装入新纸卷并合上盖子，然后点“重新打印”。"),
        PrinterCondition.COVER_OPEN: QT_TRANSLATE_NOOP("PrinterCondition", "打印机盖子没有合上：请合好盖子，然后点“重新打印”。"),
        PrinterCondition.OFFLINE: QT_TRANSLATE_NOOP("PrinterCondition", "打印机处于离线状态：请检查电源指示灯，按一下进纸键或重开打印机后再试。"),
        PrinterCondition.ERROR: QT_TRANSLATE_NOOP("PrinterCondition", "打印机报告故障（切刀或机械错误）：请关机检查卡纸后重开；仍不行请联系信息科。"),
    }),
}

# Tables keyed by a string or a status code rather than an enum: (Qt context, {key: source text}).
# devices/base.KIND_LABELS (the four status dots), id_reader/protocol.SW3_MESSAGES (the reader's
# status word) and sync/client/distribution.LABELS (what the center hands out).
DEVICE_KINDS: tuple[str, dict[str, str]] = ("DeviceKind", {
    "id_reader": QT_TRANSLATE_NOOP("DeviceKind", "身份证阅读器"),
    "printer": QT_TRANSLATE_NOOP("DeviceKind", "小票打印机"),
    "camera": QT_TRANSLATE_NOOP("DeviceKind", "高拍仪"),
    "evaluator": QT_TRANSLATE_NOOP("DeviceKind", "评价器"),
})
READER_CODES: tuple[str, dict[int, str]] = ("IdReaderCode", {
    0x90: QT_TRANSLATE_NOOP("IdReaderCode", "操作成功。"),
    0x9F: QT_TRANSLATE_NOOP("IdReaderCode", "已找到身份证。"),
    0x91: QT_TRANSLATE_NOOP("IdReaderCode", "此证件没有该项信息。"),
    0x10: QT_TRANSLATE_NOOP("IdReaderCode", "阅读器收到的数据校验出错：请重新放置证件再读一次。"),
    0x11: QT_TRANSLATE_NOOP("IdReaderCode", "阅读器收到的数据长度出错：请重新放置证件再读一次。"),
    0x21: QT_TRANSLATE_NOOP("IdReaderCode", "阅读器不支持该命令：请联系信息科检查阅读器型号与设置。"),
    0x23: QT_TRANSLATE_NOOP("IdReaderCode", "阅读器拒绝了该操作（越权）：请联系信息科。"),
    0x24: QT_TRANSLATE_NOOP("IdReaderCode", "阅读器发生未知错误：请拔插阅读器后重试。"),
    0x31: QT_TRANSLATE_NOOP("IdReaderCode", "证件未通过阅读器认证：请确认是有效的二代证件，重新放置后再读。"),
    0x32: QT_TRANSLATE_NOOP("IdReaderCode", "阅读器未通过证件认证：请确认是有效的二代证件，重新放置后再读。"),
    0x33: QT_TRANSLATE_NOOP("IdReaderCode", "证件信息校验错误：请重新放置证件再读一次；仍失败请人工核验证件。"),
    0x37: QT_TRANSLATE_NOOP("IdReaderCode", "指纹信息校验错误：请重新放置证件再读一次。"),
    0x3F: QT_TRANSLATE_NOOP("IdReaderCode", "证件信息长度错误：请重新放置证件再读一次。"),
    0x40: QT_TRANSLATE_NOOP("IdReaderCode", "无法识别的证件类型：请放置居民身份证、居住证或外国人永久居留身份证。"),
    0x41: QT_TRANSLATE_NOOP("IdReaderCode", "读证失败：请把证件平放在阅读区不要移动，再读一次。"),
    0x47: QT_TRANSLATE_NOOP("IdReaderCode", "取随机数失败：请重新放置证件再读一次。"),
    0x60: QT_TRANSLATE_NOOP("IdReaderCode", "阅读器安全模块自检失败：请拔插阅读器电源；仍失败请联系信息科报修。"),
    0x66: QT_TRANSLATE_NOOP("IdReaderCode", "阅读器安全模块未授权：请联系信息科报修。"),
    0x80: QT_TRANSLATE_NOOP("IdReaderCode", "未找到证件：请把证件放在阅读区。"),
    0x81: QT_TRANSLATE_NOOP("IdReaderCode", "选卡失败：请把证件拿起后重新放好。"),
})
SYNC_ITEMS: tuple[str, dict[str, str]] = ("SyncItem", {
    "catalogue": QT_TRANSLATE_NOOP("SyncItem", "事项目录"),
    "authorisation": QT_TRANSLATE_NOOP("SyncItem", "授权事项清单"),
    "holidays": QT_TRANSLATE_NOOP("SyncItem", "节假日安排"),
    "appointments": QT_TRANSLATE_NOOP("SyncItem", "预约"),
    "survey": QT_TRANSLATE_NOOP("SyncItem", "满意度调查表"),
})
KEYED = (DEVICE_KINDS, READER_CODES, SYNC_ITEMS)


def label(member: Enum) -> str:
    context, table = TABLES[type(member)]
    return QCoreApplication.translate(context, table[member])


def device_kind(kind: str) -> str:
    """The name of a device kind ("printer" …) as the status dots and the self-check show it."""
    context, table = DEVICE_KINDS
    source = table.get(kind)
    return kind if source is None else QCoreApplication.translate(context, source)


# The messages of clerk_app/domain/cases.py, services/cases.py, services/bundles.py, the case
# repository and Actor.require, with their f-string holes written as %1, %2 …
MESSAGES = (
    QT_TRANSLATE_NOOP("DomainMessages", "找不到办件 %1。"),
)
# The messages of clerk_app/devices (DeviceStatus.message and DeviceError): what is wrong and what
# to do. The specific "就绪（…）" forms come before the general one, as the first match wins.
DEVICE_MESSAGES = (
    QT_TRANSLATE_NOOP("DeviceMessages", "就绪。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "就绪（安全模块号 %1）。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "就绪（%1）。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "无法打开设备端口 %1：请检查设备电源和数据线是否插好，或在设置中核对端口。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "与设备 %1 的连接中断：请检查数据线，重新插好后再试。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "设备地址 %1 格式不对：应为 tcp://主机:端口，例如 tcp://192.168.1.50:9100。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "模拟设备须经设备管理器打开。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "模拟阅读器没有名为“%1”的示例证件。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "模拟打印机不认识“%1”状态。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "%1 票据已保存在打印队列中，可稍后重新打印。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "证件已读过，仍在阅读区：如需重读，请拿起证件后重新放置。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "未检测到证件：请把证件平放在阅读区。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "%1 秒内未检测到证件：请把证件平放在阅读区后再读。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "身份证阅读器没有应答：请检查阅读器电源和数据线，拔插后再试。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "与身份证阅读器通信出错：请拔插阅读器后再试。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "证件已过有效期（%1）：请提醒申请人及时换领，并按事项规定决定能否受理。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "读到的证件数据不完整：请重新放置证件再读一次。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "已取消读卡。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "阅读器返回未知状态码 %1：请重新放置证件再读；仍失败请联系信息科。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "证件号码未通过校验（%1）：请人工核对证件。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "评价器没有应答：请检查评价器电源和数据线。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "评价器拒绝了指令：请拔插评价器后再试。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "打印机没有回应状态查询：请检查打印机电源和连接线（网络打印机请检查网线和 IP 地址）。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "打印机的状态回复无法识别：请确认设置的是 ESC/POS 小票打印机。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "打印过程中出现问题，这张票据可能不完整。%1"),
    QT_TRANSLATE_NOOP("DeviceMessages", "打印机编码“%1”不受支持：请在设置中选择 GB18030、GBK 或 UTF-8。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "纸宽 %1 毫米不受支持：请在设置中选择 58 或 80 毫米。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "打印内容含有控制字符（%1）：请删除后重新打印。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "打印机编码 %1 无法表示字符 %2：请改用 GB18030 编码，或把这些字符改为可打印的写法。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "二维码内容为空：请检查要打印的内容。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "二维码内容过长（%1 字节，上限 %2）：请缩短内容。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "此打印任务的内容未保存在磁盘上（本机未启用加密，程序重启后不保留），请从办件中重新打印。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "找不到这个打印任务：它可能已被打印或删除。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "模拟高拍仪的图片文件夹 %1 里没有图片：请放入 JPG 或 PNG 图片。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "连接不上高拍仪服务：请确认良田高拍仪服务已启动、高拍仪已插好，然后再试。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "高拍仪服务的回复无法识别：请联系信息科检查高拍仪服务版本。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "高拍仪拍照失败：请检查高拍仪连接后重拍。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "高拍仪拍照失败：%1。请重试，或改用“导入文件”。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "超时未返回图像"),
    QT_TRANSLATE_NOOP("DeviceMessages", "高拍仪返回的图片数据损坏：请重拍。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "高拍仪没有返回图片：请检查镜头前是否有遮挡后重拍。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "高拍仪预览画面中断：请检查高拍仪连接；拍照仍可一试。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "本机未安装 Qt 多媒体组件，无法使用 USB 高拍仪：请安装完整版本，或改用良田高拍仪服务（eloam://）。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "未找到 USB 高拍仪：请检查数据线和电源，拔插一次后点“重新检测”。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "未找到名称含“%1”的摄像头（本机有：%2）：请检查配置。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "USB 高拍仪的预览直接显示在拍照窗口中。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "本窗口未配置高拍仪：请用“导入文件”添加材料图片。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "高拍仪预览画面无法识别：请检查高拍仪设置。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "这个文件不是可识别的图片：请选择 JPG、PNG、BMP 或 TIFF 图片。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "图片压缩后仍超过大小上限：请降低高拍仪分辨率后重拍。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "高拍仪地址“%1”无法识别：应为 sim:、uvc:、eloam://127.0.0.1:38088 或 file:。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "无法读取文件 %1：请确认文件存在且未被其他程序占用。"),
    QT_TRANSLATE_NOOP("DeviceMessages", "文件 %1 不是有效的 PDF：请重新扫描，或选择图片文件。"),
)

# The messages of sync/client (SyncError, kept as SyncStatus.last_error). "%1（HTTP %2）。" wraps
# one of the fallbacks listed before it when the center's reply carries no message of its own.
SYNC_MESSAGES = (
    QT_TRANSLATE_NOOP("SyncMessages", "本机已被中心停用，已停止同步；本机数据全部保留。请联系信息技术人员。"),
    QT_TRANSLATE_NOOP("SyncMessages", "本机尚未注册到中心服务器，请先执行 clerk-app sync enroll。"),
    QT_TRANSLATE_NOOP("SyncMessages", "无法连接中心服务器 %1：%2。请检查网络和地址后重新执行注册（注册码仍可使用）。"),
    QT_TRANSLATE_NOOP("SyncMessages", "系统密钥库中找不到本机的注册凭证，请重新注册本机。"),
    QT_TRANSLATE_NOOP("SyncMessages", "与中心服务器通信中断（%1），稍后自动重试，本机数据不受影响。"),
    QT_TRANSLATE_NOOP("SyncMessages", "中心服务器暂时出错（%1），稍后自动重试。"),
    QT_TRANSLATE_NOOP("SyncMessages", "附件 %1… 在本机找不到，相关材料暂不上传；请重新扫描该材料。"),
    QT_TRANSLATE_NOOP("SyncMessages", "附件 %1… 上传后校验不一致，本地文件可能已损坏，请重新扫描。"),
    QT_TRANSLATE_NOOP("SyncMessages", "附件尚未完整上传到中心，相关材料稍后自动重试。"),
    QT_TRANSLATE_NOOP("SyncMessages", "中心要求从第 %1 条修改开始上传，但本机已无该记录；请联系信息技术人员核对。"),
    QT_TRANSLATE_NOOP("SyncMessages", "中心服务器的数据版本（epoch）反复变化，本轮同步已停止，稍后自动重试；如持续出现，请联系信息技术人员检查中心服务器。"),
    QT_TRANSLATE_NOOP("SyncMessages", "找不到中心服务器的 CA 证书文件 %1，请检查配置项 sync_ca_file 或 --ca；本机数据全部保留。"),
    QT_TRANSLATE_NOOP("SyncMessages", "CA 证书文件 %1 无法读取，或不是 PEM 格式的证书（%2）；请检查配置项 sync_ca_file 或 --ca。本机数据全部保留。"),
    QT_TRANSLATE_NOOP("SyncMessages", "中心服务器 %1 的证书未通过验证（不是由配置的 CA 签发，或与地址不符），已拒绝连接。请信息技术人员检查配置项 sync_ca_file（或 --ca）指向中心的 CA 证书。本机数据和待上传记录全部保留。"),
    QT_TRANSLATE_NOOP("SyncMessages", "无法保存中心下发的%1（%2），稍后自动重试。"),
    QT_TRANSLATE_NOOP("SyncMessages", "注册失败"),
    QT_TRANSLATE_NOOP("SyncMessages", "本机已被中心停用"),
    QT_TRANSLATE_NOOP("SyncMessages", "获取访问凭证失败"),
    QT_TRANSLATE_NOOP("SyncMessages", "中心拒绝了本机的同步请求"),
    QT_TRANSLATE_NOOP("SyncMessages", "中心服务器繁忙，稍后自动重试"),
    QT_TRANSLATE_NOOP("SyncMessages", "中心服务器拒绝了请求（%1）"),
    QT_TRANSLATE_NOOP("SyncMessages", "%1（HTTP %2）。"),
    QT_TRANSLATE_NOOP("SyncMessages", "中心服务器地址 %1 使用未加密的 http://，注册码、本机凭证和群众信息会以明文在网络上传输，已拒绝连接；请改用 https:// 地址，并把配置项 sync_ca_file 设为信息技术人员提供的中心 CA 证书文件。"),
    QT_TRANSLATE_NOOP("SyncMessages", "%1然后重新注册本机（clerk-app sync enroll）。"),
    QT_TRANSLATE_NOOP("SyncMessages", "本机没有可用的系统密钥库（Windows 凭据管理器或 Secret Service），无法保存注册凭证；注册码尚未使用，请信息技术人员启用密钥库后重试。"),
    QT_TRANSLATE_NOOP("SyncMessages", "中心已接受注册，但本机系统密钥库拒绝保存注册凭证；请解锁或修复系统密钥库后，用同一注册码重新执行 clerk-app sync enroll。"),
    QT_TRANSLATE_NOOP("SyncMessages", "中心服务器返回的数据无法读取，稍后自动重试；如持续出现，请联系信息技术人员。"),
    QT_TRANSLATE_NOOP("SyncMessages", "中心服务器返回的同步数据格式不正确，本轮同步已停止，稍后自动重试；如持续出现，请联系信息技术人员。本机数据全部保留。"),
    QT_TRANSLATE_NOOP("SyncMessages", "同步未完成：本机处理中心数据时出错（%1），稍后自动重试；如持续出现，请联系信息技术人员并提供诊断包。本机数据全部保留。"),
    QT_TRANSLATE_NOOP("SyncMessages", "同步未完成：%1"),
    QT_TRANSLATE_NOOP("SyncMessages", "系统密钥库无法使用，读不到本机的注册凭证；请解锁系统密钥库或联系信息技术人员。本机数据全部保留。"),
)

# (Qt context, sources) per family, tried in this order; the first match wins.
FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("DomainMessages", MESSAGES),
    ("DeviceMessages", DEVICE_MESSAGES),
    ("SyncMessages", SYNC_MESSAGES),
)
_HOLE = re.compile(r"%([1-9])")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    out = []
    for context, sources in FAMILIES:
        for source in sources:
            parts = _HOLE.split(source)  # text, digit, text, digit, …
            regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<a{p}>.+?)" for i, p in enumerate(parts))
            out.append((re.compile(f"^{regex}$", re.S), context, source))
    return tuple(out)


@cache
def _by_source() -> dict[str, tuple[str, str]]:
    """Chinese text → (Qt context, source), for labels quoted inside messages (a state, an action, a
    role, a kind of ID number) and for whole messages that come from a keyed table (a printer
    condition, a reader status word). Where two tables share a text, the first wins: states and
    actions read the same either way."""
    found: dict[str, tuple[str, str]] = {}
    for context, table in [*TABLES.values(), *KEYED]:
        for source in table.values():
            found.setdefault(source, (context, source))
    return found


def _argument(value: str) -> str:
    return message(value) if value else value  # a label, or a nested message (不能受理：<why>)


def _enum_label(member: Enum) -> str:
    """An enum named inside a catalogue sentence: from the tables above, else the domain's Chinese."""
    return label(member) if type(member) in TABLES else str(getattr(member, "label", member.value))


def message(text: str | UserError) -> str:
    """A sentence of the message catalogue (a ``Text``, or a ``UserError``'s) in the UI language.
    A plain Chinese text (a lower layer not yet on the catalogue) is still matched against the
    tables below; an unknown one is returned unchanged."""
    if isinstance(text, UserError):
        text = text.message
    if isinstance(text, Text):
        return text.in_language(current_language(), _enum_label)
    keyed = _by_source().get(text)
    if keyed is not None:
        return QCoreApplication.translate(*keyed)
    for pattern, context, source in _patterns():
        m = pattern.match(text)
        if m is None:
            continue
        translated = QCoreApplication.translate(context, source)
        if translated == source:
            return text  # Chinese UI (or no translation): the original, untouched
        values = [_argument(m.group(f"a{i}")) if f"a{i}" in m.groupdict() else f"%{i}" for i in range(1, 10)]
        return arg(translated, *values)
    return text
