"""The 社会公众满意度调查表 (seed 003 §7.2.3.4.2, App. E): recording a response — answered on the customer
screen or entered by the clerk from a paper form — and its statistics for the monthly report.

The form and its rules live in ``domain/survey.py``; a response is anonymous (no citizen data) and synced
to the center like the ratings (``survey_responses``, permission ``survey.record``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import select

from clerk_app.domain.ids import uuid7
from clerk_app.domain.roles import Actor
from clerk_app.domain.survey import (
    DEFAULT_FORM,
    Channel,
    SurveyForm,
    SurveyLevel,
    check_answers,
    row_statistics,
    tally,
)
from clerk_app.errors import DomainError
from clerk_app.services.context import ServiceContext
from clerk_app.services.report_tables import Table
from clerk_app.store import audit
from clerk_app.store.tables import SurveyResponseRow

SEPARATOR = "、"


def survey_form(ctx: ServiceContext) -> SurveyForm:
    """The form this counter shows and enters: the one the center distributed (``clerk-center admin survey
    import``), else seed 003 table E.1 with the default wording."""
    import json

    from clerk_app.services.distribution import survey_form_of
    from clerk_app.store.distribution_tables import CenterItemRow

    with ctx.store.read() as s:
        row = s.get(CenterItemRow, ("survey", "form"))
    return survey_form_of(json.loads(row.data)) if row is not None else DEFAULT_FORM


def record_survey(ctx: ServiceContext, actor: Actor, *, channel: str, visit: str, departments: Iterable[str],
                  levels: Sequence[int | SurveyLevel | None], comment: str = "") -> str:
    """Stores one response in one transaction with its audit entry; returns its id. The audit detail
    names the channel only: the answers are the applicant's own (seed 003 §7.2.1.2)."""
    actor.require("survey.record")
    if channel not in Channel.ALL:
        raise DomainError("survey.bad_channel")
    form = survey_form(ctx)
    answers = check_answers(form, visit, departments, levels, comment)
    now = ctx.now()
    rid = uuid7()
    with ctx.store.transaction() as s:
        s.add(SurveyResponseRow(id=rid, form=form.code, channel=channel, window=ctx.settings.window,
                                clerk_id=actor.user_id, at=now, visit=answers.visit,
                                departments=SEPARATOR.join(answers.departments), levels=answers.encoded_levels(),
                                comment=answers.comment))
        audit.append(s, at=now, actor=actor.username, action="survey.record", entity="survey_response",
                     entity_id=rid, detail=channel)
    return rid


def survey_tables(ctx: ServiceContext, actor: Actor, first: dt.date, end: dt.date) -> list[Table]:
    """The month's survey statistics (seed 003 §7.2.3.4.2 分析、总结): per row the four levels and the
    satisfaction rate; when and with which department the respondents last dealt; the comments."""
    actor.require("manager.view")
    lo, hi = dt.datetime.combine(first, dt.time()), dt.datetime.combine(end, dt.time())
    form = survey_form(ctx)
    with ctx.store.read() as s:
        rows = s.execute(select(SurveyResponseRow.form, SurveyResponseRow.at, SurveyResponseRow.channel,
                                SurveyResponseRow.visit,
                                SurveyResponseRow.departments, SurveyResponseRow.levels, SurveyResponseRow.comment)
                         .where(SurveyResponseRow.at >= lo, SurveyResponseRow.at < hi)
                         .order_by(SurveyResponseRow.at)).all()
    # Answers count against the questions they answered: a month that changed forms counts the current one.
    other = sum(1 for r in rows if r.form != form.code)
    rows = [r for r in rows if r.form == form.code]
    screen = sum(1 for r in rows if r.channel == Channel.SCREEN)
    stats = row_statistics(form, [r.levels for r in rows])
    levels = [lv.label for lv in SurveyLevel]
    note = (f"共 {len(rows)} 份（客户屏 {screen} 份，纸质录入 {len(rows) - screen} 份）；"
            "满意率 =（满意 + 比较满意）÷ 已答该项的份数"
            + (f"；另有 {other} 份按此前版本的调查表填写，未计入" if other else ""))
    per_row = Table("满意度调查（社会公众满意度调查表）", ("评价项目", *levels, "未填", "满意率"),
                    [(r.question, *r.counts, r.blank,
                      "" if r.satisfaction is None else f"{r.satisfaction:.1%}") for r in stats], note=note)
    visits = tally((r.visit for r in rows), form.visit_options)
    departments = tally((d for r in rows for d in r.departments.split(SEPARATOR) if d), form.departments)
    profile = Table("满意度调查：办理时间与部门", ("问题", "选项", "份数"),
                    [(form.visit_question, option, n) for option, n in visits]
                    + [(form.department_question, option, n) for option, n in departments])
    comments = Table("满意度调查：意见和建议", ("时间", "来源", "意见和建议"),
                     [(r.at.strftime("%Y-%m-%d %H:%M"), "客户屏" if r.channel == Channel.SCREEN else "纸质",
                       r.comment) for r in rows if r.comment])
    return [per_row, profile, comments]
