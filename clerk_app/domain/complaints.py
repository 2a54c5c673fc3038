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

from clerk_app.domain.labels import FilledLabel
from clerk_app.domain.workdays import WorkCalendar
from clerk_app.errors import DomainError
from clerk_app.messages import Text

# Seed 001 §5.1.5: complex items closed or answered within 5 working days; the default of the setting
# ``complaint_resolve_working_days``, which the deadlines and the handling's label both follow.
COMPLEX_WORKING_DAYS = 5


class Category(StrEnum):
    COMPLAINT = "投诉"
    SUGGESTION = "建议"
    ENQUIRY = "咨询"
    PRAISE = "表扬"


COMPLEX_LABEL = "复杂问题（{days}个工作日内办结）"


class Handling(StrEnum):
    ON_SPOT = "on_spot"
    COMPLEX = "complex"
    TRANSFER = "transfer"
    REFER = "refer"

    def label_for(self, complex_working_days: int) -> str:
        """The handling as the ledger names it; a complex item's with the working days it is due in
        (the setting ``complaint_resolve_working_days``, what ``deadlines`` counts), so there is no
        ``label`` that could name another number."""
        if self is Handling.COMPLEX:
            return FilledLabel(COMPLEX_LABEL, days=complex_working_days)
        return {"on_spot": "当场解决", "transfer": "转本级主管部门（当日转办）",
                "refer": "非本级事权（告知办理途径）"}[self.value]

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
        raise DomainError("complaint.bad_category", value=value) from None


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
        raise DomainError("complaint.content_missing")
    if handling is Handling.ON_SPOT and not answer.strip():
        raise DomainError("complaint.resolution_missing")
    if handling is Handling.REFER and not where_to_go.strip():
        raise DomainError("complaint.route_missing")


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
        raise DomainError("complaint.closed")
    if target is not expected:
        raise DomainError("complaint.skipped_step", current=current, expected=expected, target=target)
    if not note.strip():
        raise DomainError("complaint.step_note_missing", step=target)
    if target is Step.DISPATCHED and (not department.strip() or not person.strip()):
        what = Text("complaint.handling_transfer") if handling is Handling.TRANSFER else Text("complaint.handling_dispatch")
        raise DomainError("complaint.handler_missing", handling=what)


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


# -- 第一时间回访核实 (seed 000 §34) ----------------------------------------------------------------
FIRST_CALL_WORKING_DAYS = 1  # "第一时间安排专人回访核实": by the end of the next working day (a setting)


def needs_first_call(category: Category) -> bool:
    """Seed 000 §34: a complaint (投诉) is called back at once; suggestions, enquiries and praise are not."""
    return category is Category.COMPLAINT


def first_call_due(cal: WorkCalendar, received: dt.date, working_days: int = FIRST_CALL_WORKING_DAYS
                   ) -> tuple[dt.date, bool]:
    """The day the first call is due (0 = the day of receipt) and whether the calendar was provisional."""
    return cal.add_working_days(received, working_days) if working_days else (received, False)


def check_first_call(already_called: bool, note: str) -> None:
    if already_called:
        raise DomainError("complaint.callback_done")
    if not note.strip():
        raise DomainError("complaint.callback_missing")


def first_call_overdue(due: dt.date | None, called_on: dt.date | None, today: dt.date) -> bool:
    if due is None:
        return False
    return (called_on or today) > due


# -- 当日转办 (seed 001 §5.1.5) -------------------------------------------------------------------
class TransferTimeliness(StrEnum):
    NOT_APPLICABLE = ""
    SAME_DAY = "same_day"
    PENDING = "pending"   # not yet transferred, still the day of receipt
    LATE = "late"         # transferred after the day of receipt, or still not transferred after it

    @property
    def label(self) -> str:
        return {"": "", "same_day": "当日转办", "pending": "待转办", "late": "未当日转办"}[self.value]


def transfer_timeliness(handling: Handling, received: dt.date, transferred_on: dt.date | None,
                        today: dt.date) -> TransferTimeliness:
    """Seed 001 §5.1.5: an item of our competence goes to the competent department the same day."""
    if handling is not Handling.TRANSFER:
        return TransferTimeliness.NOT_APPLICABLE
    if transferred_on is not None:
        return TransferTimeliness.SAME_DAY if transferred_same_day(received, transferred_on) else TransferTimeliness.LATE
    return TransferTimeliness.PENDING if today <= received else TransferTimeliness.LATE
