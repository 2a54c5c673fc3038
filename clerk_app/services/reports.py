"""The monthly report (月度报表): the dashboard of the month, the ranking, and every ledger of the month,
as tables ready for the screen, Excel or PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from clerk_app.domain import ledgers as ledger_rules
from clerk_app.domain.labels import FilledLabel
from clerk_app.domain.periods import month_bounds, parse_month
from clerk_app.domain.roles import Actor
from clerk_app.errors import UserError
from clerk_app.services import statistics
from clerk_app.services.complaints import list_complaints
from clerk_app.services.context import ServiceContext
from clerk_app.services.exports import export_tables
from clerk_app.services.followups import list_followups
from clerk_app.services.performance import ranking, ranking_table
from clerk_app.services.reauth import Elevation, require_elevation
from clerk_app.services.report_tables import Table
from clerk_app.services.survey import survey_tables
from clerk_app.store.ledger_tables import (
    AssistanceRow,
    CompTimeRow,
    ConsultationRow,
    EmergencyPersonRow,
    EmergencyRow,
    ExtendedServiceRow,
    PauseRow,
)
from clerk_app.store.tables import UserRow

REPORT_KINDS = ("monthly",)


def _fmt(t: dt.datetime | dt.date | None) -> str:
    if t is None:
        return ""
    return t.strftime("%Y-%m-%d %H:%M") if isinstance(t, dt.datetime) else t.isoformat()


def ledger_tables(ctx: ServiceContext, actor: Actor, first: dt.date, end: dt.date) -> list[Table]:
    """The ledgers of [first, end): pauses, extended service with comp time, consultations, 帮办代办,
    emergencies, complaints and bad-review follow-ups."""
    actor.require("manager.view")
    lo, hi = dt.datetime.combine(first, dt.time()), dt.datetime.combine(end, dt.time())
    with ctx.store.read() as s:
        names = dict(s.execute(select(UserRow.id, UserRow.display_name)).all())
        pauses = s.scalars(select(PauseRow).where(PauseRow.started_at >= lo, PauseRow.started_at < hi)
                           .order_by(PauseRow.started_at)).all()
        ext = s.scalars(select(ExtendedServiceRow).where(ExtendedServiceRow.started_at >= lo,
                                                         ExtendedServiceRow.started_at < hi)
                        .order_by(ExtendedServiceRow.started_at)).all()
        all_ext = s.execute(select(ExtendedServiceRow.clerk_id, ExtendedServiceRow.minutes)).all()
        comp = s.execute(select(CompTimeRow.clerk_id, CompTimeRow.minutes)).all()
        consults = s.scalars(select(ConsultationRow).where(ConsultationRow.at >= lo, ConsultationRow.at < hi)
                             .order_by(ConsultationRow.at)).all()
        assists = s.scalars(select(AssistanceRow).where(AssistanceRow.at >= lo, AssistanceRow.at < hi)
                            .order_by(AssistanceRow.at)).all()
        emergencies = s.execute(select(EmergencyRow, EmergencyPersonRow)
                                .outerjoin(EmergencyPersonRow, EmergencyPersonRow.emergency_id == EmergencyRow.id)
                                .where(EmergencyRow.at >= lo, EmergencyRow.at < hi).order_by(EmergencyRow.at)).all()
    balance: dict[str, int] = {}
    for clerk, minutes in all_ext:
        balance[clerk] = balance.get(clerk, 0) + minutes
    for clerk, minutes in comp:
        balance[clerk] = balance.get(clerk, 0) - minutes
    month_ext: dict[str, int] = {}
    for e in ext:
        month_ext[e.clerk_id] = month_ext.get(e.clerk_id, 0) + e.minutes
    n = names.get
    tables = [
        Table("暂停服务", ("窗口人员", "窗口", "开始", "结束", "分钟", "原因",
                       FilledLabel("超{minutes}分钟", minutes=ledger_rules.PAUSE_REPORT_MINUTES)),
              [(n(p.clerk_id, p.clerk_id), p.window, _fmt(p.started_at), _fmt(p.ended_at),
                int((p.ended_at - p.started_at).total_seconds() // 60) if p.ended_at else "进行中", p.reason,
                "是" if p.flagged else "") for p in pauses]),
        Table("延时服务", ("窗口人员", "开始", "结束", "分钟", "说明"),
              [(n(e.clerk_id, e.clerk_id), _fmt(e.started_at), _fmt(e.ended_at), e.minutes, e.note) for e in ext]),
        Table("延时服务汇总与调休余额", ("窗口人员", "本期延时（分钟）", "调休余额（分钟）"),
              [(n(c, c), month_ext.get(c, 0), balance.get(c, 0)) for c in sorted(set(month_ext) | set(balance))]),
        Table("咨询登记", ("时间", "方式", "问题", "答复", "首问人员", "需回电", "回电期限", "已回电"),
              [(_fmt(c.at), c.channel, c.question, c.answer, n(c.clerk_id, c.clerk_id),
                "是" if c.callback_needed else "", _fmt(c.callback_due), _fmt(c.callback_done_at)) for c in consults]),
        Table("帮办代办", ("时间", "类型", "服务对象", "姓名", "事项", "办件编号", "窗口人员"),
              [(_fmt(a.at), a.kind, a.group, a.person_name, a.matter, a.case_number, n(a.clerk_id, a.clerk_id))
               for a in assists]),
        Table("应急登记", ("时间", "类型", "经过与处置", "未办结人员", "事项", "已优先办理"),
              [(_fmt(e.at), e.kind, e.description, p.name if p else "", p.matter if p else "",
                _fmt(p.served_at) if p else "") for e, p in emergencies]),
    ]
    tables.append(complaint_table(ctx, actor, first, end))
    tables.append(followup_table(ctx, actor, first, end))
    return tables


def complaint_table(ctx: ServiceContext, actor: Actor, first: dt.date | None = None,
                    end: dt.date | None = None) -> Table:
    items = list_complaints(ctx, actor, first=first, end=end)
    days = ctx.settings.complaint_resolve_working_days
    return Table("办不成事与投诉建议台账",
                 ("受理时间", "类别", "内容", "处理方式", "当前环节", "反映人", "联系电话", "承办人", "承办部门/人",
                  "转办日期", "转办时效", "首次回访期限", "首次回访", "办结期限", "办结日期", "时效"),
                 [(_fmt(c.received), c.category, c.content, c.handling.label_for(days), c.step.label, c.complainant, c.phone,
                   c.owner, f"{c.department} {c.person}".strip(), _fmt(c.transferred_on), c.transfer.label,
                   _fmt(c.first_call_due), _first_call(c), _fmt(c.resolve_due), _fmt(c.resolved_on),
                   c.timeliness.label) for c in items])


def _first_call(c) -> str:  # type: ignore[no-untyped-def]
    if c.first_call_due is None:
        return ""
    if c.first_called_at is None:
        return "超时未回访" if c.first_call_overdue else "待回访"
    return _fmt(c.first_called_at) + ("（超时）" if c.first_call_overdue else "")


def followup_table(ctx: ServiceContext, actor: Actor, first: dt.date | None = None,
                   end: dt.date | None = None) -> Table:
    items = [f for f in list_followups(ctx, actor)
             if (first is None or f.rated_at.date() >= first) and (end is None or f.rated_at.date() < end)]
    return Table("差评回访整改台账", ("评价时间", "等级", "办件编号", "被评人员", "负责人", "回访期限", "整改期限",
                                    "核实结论", "整改情况", "评价人意见", "状态", "超期"),
                 [(_fmt(f.rated_at), f.level.label, f.case_number, f.clerk, f.owner, _fmt(f.contact_due),
                   _fmt(f.rectify_due), f.verification, f.rectify_note, f.evaluator_view, f.stage,
                   "是" if f.overdue else "") for f in items])


def monthly_report(ctx: ServiceContext, actor: Actor, month: str) -> list[Table]:
    actor.require("export")
    year, mon = parse_month(month)
    first, end = month_bounds(year, mon)
    as_of = ctx.now()
    dash = statistics.build(ctx, actor, f"{year}年{mon}月", first, end, as_of, as_of.date())
    tables = dash.tables()
    tables.append(ranking_table(ranking(ctx, actor, first, end, as_of.date()), "人员绩效（本月）"))
    tables.extend(ledger_tables(ctx, actor, first, end))
    tables.extend(survey_tables(ctx, actor, first, end))  # seed 003 §7.2.3.4.2: the survey's statistics
    return tables


def export_report(ctx: ServiceContext, actor: Actor, kind: str, month: str, out: Path,
                  elevation: Elevation | None = None) -> Path:
    """An export carries citizen data out of the protected store: the password is asked again."""
    actor.require("export")
    require_elevation(ctx, actor, elevation, "export")
    if kind not in REPORT_KINDS:
        raise UserError("report.unknown_kind", kind=kind, kinds=REPORT_KINDS)
    tables = monthly_report(ctx, actor, month)
    year, mon = parse_month(month)
    return export_tables(tables, out, title=f"{ctx.settings.center_name} {year}年{mon}月 政务服务月度报表")


def export_screen_tables(ctx: ServiceContext, actor: Actor, tables: list[Table], out: Path, title: str,
                         elevation: Elevation | None = None) -> Path:
    """What the manager view's 导出 buttons call: the tables on screen, as they are."""
    actor.require("export")
    require_elevation(ctx, actor, elevation, "export")
    return export_tables(tables, out, title=title)
