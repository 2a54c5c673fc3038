"""办不成事 and complaint ledger rules (seed 001 §5.1.5, 000 §33-34, 003 §6.14).

Categories 投诉/建议/咨询/表扬; how an item is handled decides its deadlines: on the spot, complex
(closed or answered within 5 working days), ours but another department's (transferred the same day,
with the department and person named), or not our level (the person is told where to go). Complex
and transferred items walk the six steps 发现问题 → 分析原因 → 派发工单 → 限期解决 → 结果核查 → 监督检查
in order, one owner from start to end (一跟到底).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from clerk_app.domain.workdays import WorkCalendar
from clerk_app.errors import DomainError

COMPLEX_WORKING_DAYS = 5  # seed 001 §5.1.5: complex items closed or answered within 5 working days


class Category(StrEnum):
    COMPLAINT = "投诉"
    SUGGESTION = "建议"
    ENQUIRY = "咨询"
    PRAISE = "表扬"


class Handling(StrEnum):
    ON_SPOT = "on_spot"
    COMPLEX = "complex"
    TRANSFER = "transfer"
    REFER = "refer"

    @property
    def label(self) -> str:
        return {"on_spot": "当场解决", "complex": "复杂问题（5个工作日内办结）",
                "transfer": "转本级主管部门（当日转办）", "refer": "非本级事权（告知办理途径）"}[self.value]

    @property
    def closes_at_intake(self) -> bool:
        return self in (Handling.ON_SPOT, Handling.REFER)


class Step(StrEnum):
    FOUND = "found"
    ANALYSED = "analysed"
    DISPATCHED = "dispatched"
    RESOLVED = "resolved"
    VERIFIED = "verified"
    SUPERVISED = "supervised"

    @property
    def label(self) -> str:
        return STEP_LABELS[self]


STEP_LABELS = {Step.FOUND: "发现问题", Step.ANALYSED: "分析原因", Step.DISPATCHED: "派发工单",
               Step.RESOLVED: "限期解决", Step.VERIFIED: "结果核查", Step.SUPERVISED: "监督检查"}
STEPS = tuple(Step)


def parse_category(value: str) -> Category:
    try:
        return Category(value)
    except ValueError:
        raise DomainError(f"类别“{value}”无效：应为 投诉、建议、咨询 或 表扬。") from None


@dataclass(frozen=True)
class Deadlines:
    transfer_due: dt.date | None  # the same day, for items transferred to the competent department
    resolve_due: dt.date | None
    provisional: bool


def deadlines(cal: WorkCalendar, handling: Handling, received: dt.date,
              working_days: int = COMPLEX_WORKING_DAYS) -> Deadlines:
    """Deadlines from the day the item was received (that day is day 0); ``working_days`` is the
    local count for complex items (the setting ``complaint_resolve_working_days``)."""
    if handling.closes_at_intake:
        return Deadlines(None, received, False)
    due, provisional = cal.add_working_days(received, working_days)
    return Deadlines(received if handling is Handling.TRANSFER else None, due, provisional)


def check_intake(handling: Handling, *, content: str, answer: str, where_to_go: str) -> None:
    if not content.strip():
        raise DomainError("请填写反映的问题内容。")
    if handling is Handling.ON_SPOT and not answer.strip():
        raise DomainError("当场解决的问题须填写解决情况。")
    if handling is Handling.REFER and not where_to_go.strip():
        raise DomainError("非本级事权的问题须填写告知申请人的办理途径。")


def initial_step(handling: Handling) -> Step:
    return Step.SUPERVISED if handling.closes_at_intake else Step.FOUND


def next_step(current: Step) -> Step | None:
    i = STEPS.index(current)
    return STEPS[i + 1] if i + 1 < len(STEPS) else None


def check_advance(handling: Handling, current: Step, target: Step, *, note: str, department: str = "",
                  person: str = "") -> None:
    """The steps are taken in order, each with its record; a work order names who must solve it."""
    expected = next_step(current)
    if expected is None:
        raise DomainError("该事项已完成监督检查并办结，不能再推进。")
    if target is not expected:
        raise DomainError(f"当前环节为“{current.label}”，下一步应为“{expected.label}”，不能跳到“{target.label}”。")
    if not note.strip():
        raise DomainError(f"请填写“{target.label}”环节的情况说明。")
    if target is Step.DISPATCHED and (not department.strip() or not person.strip()):
        what = "转办" if handling is Handling.TRANSFER else "派发工单"
        raise DomainError(f"{what}须写明承办部门和承办人，并告知申请人。")


class Timeliness(StrEnum):
    ON_TIME = "on_time"
    OVERDUE = "overdue"          # still open after its due day
    CLOSED = "closed"
    CLOSED_LATE = "closed_late"

    @property
    def label(self) -> str:
        return {"on_time": "办理中", "overdue": "已超期", "closed": "按时办结", "closed_late": "超期办结"}[self.value]


def timeliness(resolve_due: dt.date | None, resolved_on: dt.date | None, today: dt.date) -> Timeliness:
    if resolved_on is not None:
        return Timeliness.CLOSED_LATE if resolve_due and resolved_on > resolve_due else Timeliness.CLOSED
    if resolve_due is not None and today > resolve_due:
        return Timeliness.OVERDUE
    return Timeliness.ON_TIME


def transferred_same_day(received: dt.date, transferred_on: dt.date | None) -> bool:
    return transferred_on is not None and transferred_on == received
