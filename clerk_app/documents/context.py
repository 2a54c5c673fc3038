"""What a notice or receipt says, as plain data: no database, no Qt, no clock.

``NoticeContext.fields()`` flattens it into the ``{group.name}`` placeholders the templates in
``forms/notices/`` use; ``NoticeContext.lists()`` gives the rows of the tables (materials).
Every value is already formatted as it is printed (dates as 2026年3月5日), so a template
never needs format codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from typing import Any

from clerk_app.domain.id_numbers import mask_id_number


def cn_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def cn_datetime(d: datetime | None) -> str:
    return f"{cn_date(d)} {d:%H:%M}" if d else ""


@dataclass(frozen=True)
class Center:
    name: str
    code: str
    address: str = ""
    phone: str = ""
    seal_text: str = ""
    number_prefix: str = ""  # e.g. 演政服, printed before 〔2026〕
    hours: str = ""
    supervision_phone: str = "12345"
    review_body: str = ""  # 行政复议机关
    court: str = ""  # 行政诉讼管辖法院


@dataclass(frozen=True)
class Window:
    number: str
    clerk_name: str


@dataclass(frozen=True)
class MatterInfo:
    code: str
    name: str
    department: str
    type: str = ""
    legal_basis: tuple[str, ...] = ()
    legal_limit: str = ""
    promise_limit: str = ""
    conditions: str = ""
    fee: str = "不收费"
    place: str = ""
    phone: str = ""
    special_procedures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""

    @property
    def id_masked(self) -> str:
        return mask_id_number(self.id_number) if self.id_number else ""


@dataclass(frozen=True)
class MaterialLine:
    name: str
    form: str = ""
    copies: int = 1
    necessity: str = "必要"
    status: str = "已收"  # 已收 / 缺少 / 不符合要求 / 不适用 / 未核验
    fix: str = ""  # what is wrong and how to put it right

    @property
    def needs_fix(self) -> bool:
        return self.status in ("缺少", "不符合要求")


@dataclass(frozen=True)
class Rejection:
    reason: str = ""
    legal_basis: str = ""
    return_place: str = ""
    return_deadline: date | None = None


@dataclass(frozen=True)
class Delivery:
    mode: str = "窗口领取"  # 窗口领取 / 邮寄送达 / 电子证照
    place: str = ""
    recipient: str = ""
    phone: str = ""
    address: str = ""
    tracking_number: str = ""
    collected_at: datetime | None = None
    ready_at: datetime | None = None  # 结果待领取 since (the 领取通知, seed 001 §5.1.3)


@dataclass(frozen=True)
class Delegation:
    scope: str = ""
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class Handover:
    receiving_department: str = ""
    receiver: str = ""
    handed_at: datetime | None = None


@dataclass(frozen=True)
class NoticeContext:
    center: Center
    window: Window
    case_number: str
    matter: MatterInfo
    applicant: Person
    received_at: datetime
    issued_on: date
    document_number: str = ""
    agent: Person | None = None
    accept_mode: str = "受理"
    # the AcceptMode value ("normal", "rongque", "tell_commit"): the 受理通知书 words each differently
    mode: str = ""
    tell_commit_chosen: bool | None = None  # the applicant's answer to the 告知承诺 offer, once given
    accepted_at: datetime | None = None
    due_date: date | None = None
    due_provisional: bool = False
    rongque_due: date | None = None
    materials: tuple[MaterialLine, ...] = ()
    rejection: Rejection = field(default_factory=Rejection)
    delivery: Delivery = field(default_factory=Delivery)
    delegation: Delegation = field(default_factory=Delegation)
    handover: Handover = field(default_factory=Handover)

    def with_number(self, number: str) -> NoticeContext:
        from dataclasses import replace

        return replace(self, document_number=number)

    @property
    def missing(self) -> tuple[MaterialLine, ...]:
        return tuple(m for m in self.materials if m.needs_fix)

    def fields(self) -> dict[str, str]:
        """Every placeholder name → its printed text (empty when unknown)."""
        out: dict[str, str] = {}
        for group in ("center", "window", "matter", "rejection", "delivery", "delegation", "handover"):
            _flatten(group, getattr(self, group), out)
        _flatten("applicant", self.applicant, out)
        out["applicant.id_masked"] = self.applicant.id_masked
        _flatten("agent", self.agent or Person(name=""), out)
        out["agent.id_masked"] = self.agent.id_masked if self.agent else ""
        due = cn_date(self.due_date)
        out.update({
            "case.number": self.case_number,
            "case.accept_mode": self.accept_mode,
            "case.received_at": cn_datetime(self.received_at),
            "case.accepted_at": cn_datetime(self.accepted_at),
            "case.due_date": f"{due}（暂定）" if due and self.due_provisional else due,
            "case.due_note": ("因法定节假日安排尚未公布，办结日期为暂定，如有调整另行告知。"
                              if self.due_provisional else ""),
            "case.rongque_due": cn_date(self.rongque_due),
            # flags for ``when``: the acceptance sentence fits the mode (seed 001 §5.3.5, §5.3.6)
            "case.accept_normal": "是" if self.mode not in ("rongque", "tell_commit") else "",
            "case.accept_rongque": "是" if self.mode == "rongque" else "",
            "case.accept_tell_commit": "是" if self.mode == "tell_commit" else "",
            "case.tell_commit_chosen": "是" if self.tell_commit_chosen else "",
            "case.tell_commit_unanswered": "是" if self.tell_commit_chosen is None else "",
            "case.missing_count": str(len(self.missing)),
            "case.material_count": str(len(self.materials)),
            "document.number": self.document_number,
            "document.date": cn_date(self.issued_on),
        })
        return out

    def lists(self) -> dict[str, list[dict[str, str]]]:
        """Table sources: every material, those to fix, and those received."""
        return {
            "materials": _rows(self.materials),
            "missing": _rows(self.missing),
            "submitted": _rows(tuple(m for m in self.materials if m.status == "已收")),
        }


ITEM_FIELDS = ("item.seq", "item.name", "item.form", "item.copies", "item.necessity", "item.status", "item.fix")
LIST_NAMES = ("materials", "missing", "submitted")


def _rows(items: tuple[MaterialLine, ...]) -> list[dict[str, str]]:
    return [{"item.seq": str(i), "item.name": m.name, "item.form": m.form, "item.copies": str(m.copies),
             "item.necessity": m.necessity, "item.status": m.status, "item.fix": m.fix}
            for i, m in enumerate(items, 1)]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return cn_datetime(value)
    if isinstance(value, date):
        return cn_date(value)
    if isinstance(value, tuple):
        return "；".join(str(v) for v in value)
    return str(value)


def _flatten(prefix: str, obj: Any, out: dict[str, str]) -> None:
    assert is_dataclass(obj)
    for f in fields(obj):
        out[f"{prefix}.{f.name}"] = _text(getattr(obj, f.name))


def field_names() -> frozenset[str]:
    """The placeholder names any context offers (the same for every context)."""
    return frozenset(demo_context().fields())


def demo_center() -> Center:
    return Center(name="演示区政务服务中心", code="DEMO", address="演示区人民路88号政务服务中心一层",
                  phone="0374-1234567", seal_text="演示区政务服务中心综合受理专用章", number_prefix="演政服",
                  hours="工作日 9:00—12:00，13:30—17:00", supervision_phone="12345",
                  review_body="演示区人民政府", court="演示区人民法院")


def demo_context(missing: int = 3) -> NoticeContext:
    """A realistic case for demos, tests and the benchmark; ``missing`` items need fixing."""
    materials = [
        MaterialLine("个体工商户登记（备案）申请书", "原件", 1, "必要", "已收"),
        MaterialLine("经营者身份证件", "原件", 1, "必要", "已收"),
    ]
    fixes = ("请提交房产证明或租赁合同复印件，须与原件核对一致", "复印件须加盖单位公章或经本人签字确认",
             "请补充提交原件，原件当场核验后退还")
    names = ("经营场所使用证明", "租赁合同复印件", "法定代表人身份证明", "授权委托书", "消防安全检查意见",
             "环境影响登记表", "从业人员健康证明", "卫生许可证复印件")
    for i in range(missing):
        status = "缺少" if i % 3 != 1 else "不符合要求"
        # Past the eighth item the names repeat: a long list only tests paging, so no numbering is added.
        materials.append(MaterialLine(names[i % len(names)], "复印件", 1,
                                      "容缺后补" if i == 0 else "必要", status, fixes[i % 3]))
    return NoticeContext(
        center=demo_center(),
        window=Window(number="03", clerk_name="李晓梅"),
        case_number="DEMO-03-20260305-0007",
        matter=MatterInfo(
            code="000131127004", name="个体工商户设立登记", department="区市场监督管理局", type="行政许可",
            legal_basis=("《市场主体登记管理条例》第十九条", "《促进个体工商户发展条例》"),
            legal_limit="3个工作日", promise_limit="1个工作日",
            conditions="申请人为有经营能力的自然人；经营场所真实合法；经营范围不属于禁止类。",
            fee="不收费", place="区政务服务中心一层综合窗口", phone="0374-1234568",
            special_procedures=("现场核查",)),
        applicant=Person(name="王建国", id_number="410102199003071234", phone="13812345678",
                         address="演示区建设路12号3单元502室"),
        agent=Person(name="张丽", id_number="410102198805051226", phone="13900001111"),
        received_at=datetime(2026, 3, 5, 9, 42),
        accepted_at=datetime(2026, 3, 5, 9, 58),
        issued_on=date(2026, 3, 5),
        document_number="演政服〔2026〕第03-000123号",
        accept_mode="容缺受理",
        mode="rongque",
        due_date=date(2026, 3, 6),
        rongque_due=date(2026, 3, 12),
        materials=tuple(materials),
        rejection=Rejection(reason="申请事项不属于本中心综合窗口受理范围（依法应向区自然资源局提出）。",
                            legal_basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
                            return_place="演示区政务服务中心一层综合窗口03号", return_deadline=date(2026, 3, 19)),
        delivery=Delivery(mode="邮寄送达", place="演示区政务服务中心一层出件窗口", recipient="王建国",
                          phone="13812345678", address="演示区建设路12号3单元502室",
                          ready_at=datetime(2026, 3, 16, 10, 0)),
        delegation=Delegation(scope="代为提交个体工商户设立登记申请材料、领取受理通知书及办理结果",
                              valid_from=date(2026, 3, 5), valid_to=date(2026, 6, 30)),
        handover=Handover(receiving_department="区市场监督管理局", receiver="", handed_at=datetime(2026, 3, 5, 16, 30)),
    )
