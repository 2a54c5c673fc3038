"""社会公众满意度调查表 (seed 003 §7.2.3.4.2, App. E table E.1): the form, its validation and its statistics.

Seed 003 §7.2.3.4.2: 定期、不定期向服务对象发放满意度调查表（见附录E），收集服务对象反馈意见，进行分析、总结.
The seed's table E.1 keeps its two opening questions word for word (您最近办理政务业务是什么时候？ /
您办理的政务业务涉及哪个部门？ with nine departments and blank 其他 boxes) and seven rows answered on the
four levels 满意 / 比较满意 / 不太满意 / 很不满意, but the text of the seven rows and the answer choices of the
first question were lost from the seed. Those are ``DEFAULT_FORM``'s own wording, taken from the seed's
evaluation content (003 §7.2.2.2 服务态度、服务效能、工作纪律、工作区域及设备管理; 000 §35 服务环境、服务供给、
服务获取、监督反馈) and marked as such in docs/rules.md; the department list, the levels and the layout are the
seed's.

The survey is anonymous: a response holds no name, ID number or phone — only the answers, the channel
(the customer screen or a paper form entered by the clerk), the window and who entered it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

from clerk_app.errors import DomainError


class SurveyLevel(IntEnum):
    """Table E.1's four answers to each row, in the seed's order."""

    SATISFIED = 1
    FAIRLY_SATISFIED = 2
    NOT_VERY_SATISFIED = 3
    VERY_DISSATISFIED = 4

    @property
    def label(self) -> str:
        return ("满意", "比较满意", "不太满意", "很不满意")[self.value - 1]

    @property
    def satisfied(self) -> bool:
        """满意 and 比较满意 count as satisfied in the rate."""
        return self <= SurveyLevel.FAIRLY_SATISFIED


class Channel:
    SCREEN = "screen"  # answered by the applicant on the customer screen
    PAPER = "paper"  # a paper form, entered by the clerk
    ALL = (SCREEN, PAPER)


@dataclass(frozen=True)
class SurveyForm:
    code: str
    visit_question: str
    visit_options: tuple[str, ...]
    department_question: str
    departments: tuple[str, ...]
    rows: tuple[str, ...]  # the questions answered on the four levels


OTHER_DEPARTMENT = "其他"
DEFAULT_FORM = SurveyForm(
    code="003-E.1",
    visit_question="您最近办理政务业务是什么时候？",  # seed 003 table E.1, word for word
    visit_options=("今天", "一周内", "一个月内", "三个月内", "更早"),  # lost in the seed: our choices
    department_question="您办理的政务业务涉及哪个部门？",  # seed 003 table E.1, word for word
    # seed 003 table E.1: the nine departments in the seed's order, then its blank boxes as 其他
    departments=("税务分局", "公安", "市场监管", "公共服务办", "住建", "卫健分局", "农业", "交通", "人社分局",
                 OTHER_DEPARTMENT),
    # seven rows (the seed's count); their text was lost in the seed: 003 §7.2.2.2 and 000 §35's content
    rows=("服务环境（大厅环境、设施设备）", "服务态度", "办事效率（等候和办理时间）",
          "办事指引（办事指南、一次性告知清楚）", "工作纪律", "办事便利（网上办、预约办、就近办）",
          "总体满意度"),
)
MAX_COMMENT = 500
MAX_ROWS = 20  # one digit per row is stored (survey_responses.levels, the center's schema): at most 20
_FORM_KEYS = ("code", "visit_question", "visit_options", "department_question", "departments", "rows")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def parse_form(data: Mapping[str, object]) -> SurveyForm:
    """A form the center distributes in place of ``DEFAULT_FORM`` (seed 003 §7.2.3.4.2: the center sets
    its questions; the lost row texts of table E.1 may be put back). Every key is required and checked:
    short texts without control characters, each list without repeats, 1 to 20 rows."""
    unknown = sorted(set(data) - set(_FORM_KEYS))
    if unknown:
        raise DomainError("survey.form_unknown_key", key=unknown[0][:40], keys=_FORM_KEYS)
    code = data.get("code")
    if not isinstance(code, str) or not _CODE.match(code):
        raise DomainError("survey.form_bad_code")

    def text(key: str, value: object, limit: int) -> str:
        if not isinstance(value, str) or not value.strip() or len(value) > limit or _CONTROL.search(value):
            raise DomainError("survey.form_bad_text", key=key, limit=limit)
        return value.strip()

    def texts(key: str, limit: int, most: int) -> tuple[str, ...]:
        value = data.get(key)
        if not isinstance(value, list) or not 1 <= len(value) <= most:
            raise DomainError("survey.form_bad_list", key=key, most=most)
        items = tuple(text(key, v, limit) for v in value)
        if len(set(items)) != len(items):
            raise DomainError("survey.form_repeated", key=key)
        return items

    return SurveyForm(code=code, visit_question=text("visit_question", data.get("visit_question"), 60),
                      visit_options=texts("visit_options", 20, 12),
                      department_question=text("department_question", data.get("department_question"), 60),
                      departments=texts("departments", 20, 30), rows=texts("rows", 40, MAX_ROWS))


@dataclass(frozen=True)
class SurveyAnswers:
    """A validated response: ``levels`` has one entry per row of the form, None where left blank."""

    visit: str
    departments: tuple[str, ...]
    levels: tuple[SurveyLevel | None, ...]
    comment: str = ""

    def encoded_levels(self) -> str:
        """One digit per row, 0 for a blank: what the table and the sync record store."""
        return "".join(str(int(x)) if x is not None else "0" for x in self.levels)


def check_answers(form: SurveyForm, visit: str, departments: Iterable[str],
                  levels: Sequence[int | SurveyLevel | None], comment: str = "") -> SurveyAnswers:
    """Seed 003 App. E: the answer to each question is one of the form's choices; a row may be left blank
    (a paper form is entered as it was filled), but a form with no row answered is not a response."""
    visit = visit.strip()
    if visit and visit not in form.visit_options:
        raise DomainError("survey.bad_visit", choices=form.visit_options)
    chosen = {d.strip() for d in departments if d.strip()}
    unknown = sorted(chosen - set(form.departments))
    if unknown:
        raise DomainError("survey.bad_department", department=unknown[0][:20], choices=form.departments)
    if len(levels) != len(form.rows):
        raise DomainError("survey.wrong_count", rows=len(form.rows), answers=len(levels))
    parsed: list[SurveyLevel | None] = []
    for i, value in enumerate(levels):
        if value is None or value == 0:
            parsed.append(None)
            continue
        try:
            parsed.append(SurveyLevel(int(value)))
        except ValueError:
            raise DomainError("survey.bad_level", row=i + 1, question=form.rows[i]) from None
    if all(x is None for x in parsed):
        raise DomainError("survey.empty")
    text = comment.strip()
    if len(text) > MAX_COMMENT:
        raise DomainError("survey.comment_too_long", limit=MAX_COMMENT)
    if any(ord(ch) < 32 and ch not in "\n\t" or 0x7f <= ord(ch) <= 0x9f or 0x202a <= ord(ch) <= 0x202e
           or 0x2066 <= ord(ch) <= 0x2069 for ch in text):
        raise DomainError("survey.comment_control")
    return SurveyAnswers(visit, tuple(d for d in form.departments if d in chosen), tuple(parsed), text)


def decode_levels(encoded: str) -> tuple[SurveyLevel | None, ...]:
    return tuple(SurveyLevel(int(ch)) if ch != "0" else None for ch in encoded)


@dataclass(frozen=True)
class RowStatistics:
    question: str
    counts: tuple[int, int, int, int]  # 满意, 比较满意, 不太满意, 很不满意
    blank: int

    @property
    def answered(self) -> int:
        return sum(self.counts)

    @property
    def satisfaction(self) -> float | None:
        """(满意 + 比较满意) / answered; None when nobody answered the row."""
        return (self.counts[0] + self.counts[1]) / self.answered if self.answered else None


def row_statistics(form: SurveyForm, responses: Iterable[str]) -> list[RowStatistics]:
    """Seed 003 §7.2.3.4.2 (分析、总结): per row, how many chose each level and the satisfaction rate.
    ``responses`` are the stored level strings (``SurveyAnswers.encoded_levels``)."""
    counts = [[0, 0, 0, 0] for _ in form.rows]
    blanks = [0 for _ in form.rows]
    for encoded in responses:
        for i, level in enumerate(decode_levels(encoded)[:len(form.rows)]):
            if level is None:
                blanks[i] += 1
            else:
                counts[i][level - 1] += 1
    return [RowStatistics(q, (c[0], c[1], c[2], c[3]), b) for q, c, b in zip(form.rows, counts, blanks, strict=True)]


def tally(values: Iterable[str], choices: Sequence[str]) -> list[tuple[str, int]]:
    """How often each choice was given, in the form's order (a 部门 answer may name several)."""
    counts = dict.fromkeys(choices, 0)
    for v in values:
        if v in counts:
            counts[v] += 1
    return list(counts.items())
