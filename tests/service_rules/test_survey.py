"""The 满意度调查表 (seed 003 §7.2.3.4.2, App. E) through the services with a fixed clock: a response
from the customer screen and one entered from paper, refused answers leave nothing, and the month's
statistics in the monthly report, read back from the real Excel and PDF files."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, text

from clerk_app.domain.roles import Actor, Role
from clerk_app.errors import DomainError, PermissionDenied
from clerk_app.services import survey
from clerk_app.services.reauth import reauthenticate
from clerk_app.services.reports import export_report, monthly_report
from clerk_app.store.tables import AuditRow, SurveyResponseRow
from sync.server.record_schema import Invalid, check_record

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from pdftools import flat_text  # noqa: E402


def _count(ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(SurveyResponseRow)) or 0)


def test_seed_003_7_2_3_4_survey_from_screen_and_paper_in_the_monthly_report(ctx, users, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Seed 003 §7.2.3.4.2: 发放满意度调查表, 收集反馈意见, 分析、总结 — both channels, then the month's tables."""
    clerk, sup = users["clerk"], users["supervisor"]
    clock.now = datetime(2026, 3, 10, 10, 15)
    rid = survey.record_survey(ctx, clerk, channel="screen", visit="今天", departments=["市场监管"],
                               levels=[1, 1, 2, 1, 1, 2, 1])
    clock.now = datetime(2026, 3, 11, 16, 40)
    survey.record_survey(ctx, clerk, channel="paper", visit="一个月内", departments=["公安", "市场监管"],
                         levels=[3, 2, 4, None, 1, 1, 3], comment="等候时间太长，希望增加窗口")
    clock.now = datetime(2026, 4, 1, 9, 0)  # next month: not in March
    survey.record_survey(ctx, clerk, channel="paper", visit="今天", departments=[], levels=[4] * 7)

    with ctx.store.read() as s:
        row = s.get(SurveyResponseRow, rid)
        assert row is not None
        assert (row.form, row.channel, row.window, row.clerk_id, row.at, row.levels, row.departments) == (
            "003-E.1", "screen", ctx.settings.window, clerk.user_id, datetime(2026, 3, 10, 10, 15), "1121121", "市场监管")
        audited = s.scalars(select(AuditRow.detail).where(AuditRow.action == "survey.record")).all()
        synced = [json.loads(d) for d in s.execute(text(
            "SELECT data FROM sync_outbox WHERE entity = 'survey_responses' ORDER BY seq")).scalars()]
    assert audited == ["screen", "paper", "paper"]  # the channel only, never the answers
    assert [d["levels"] for d in synced] == ["1121121", "3240113", "4444444"]
    for data in synced:
        check_record("survey_responses", data)  # the center's strict schema accepts what the counter sends

    tables = {t.title: t for t in monthly_report(ctx, sup, "2026-03")}
    rows = tables["满意度调查（社会公众满意度调查表）"]
    assert rows.headers == ("评价项目", "满意", "比较满意", "不太满意", "很不满意", "未填", "满意率")
    assert rows.rows[0][1:] == (1, 0, 1, 0, 0, "50.0%")
    assert rows.rows[3][1:] == (1, 0, 0, 0, 1, "100.0%")  # the paper form left row 4 blank
    assert "共 2 份（客户屏 1 份，纸质录入 1 份）" in rows.note
    profile = tables["满意度调查：办理时间与部门"]
    assert ("您办理的政务业务涉及哪个部门？", "市场监管", 2) in profile.rows
    assert ("您最近办理政务业务是什么时候？", "一个月内", 1) in profile.rows
    assert tables["满意度调查：意见和建议"].rows == [("2026-03-11 16:40", "纸质", "等候时间太长，希望增加窗口")]

    elevation = reauthenticate(ctx, sup, "super1234", "export")
    xlsx = export_report(ctx, sup, "monthly", "2026-03", tmp_path / "m.xlsx", elevation)
    cells = [c for ws in load_workbook(xlsx).worksheets for r in ws.iter_rows(values_only=True) for c in r]
    assert "总体满意度" in cells and "等候时间太长，希望增加窗口" in cells
    assert any(ws.title.startswith("满意度调查") for ws in load_workbook(xlsx).worksheets)
    elevation = reauthenticate(ctx, sup, "super1234", "export")
    pdf = export_report(ctx, sup, "monthly", "2026-03", tmp_path / "m.pdf", elevation)
    flat = flat_text(pdf.read_bytes(), tmp_path)
    assert "满意度调查（社会公众满意度调查表）" in flat and "总体满意度" in flat and "等候时间太长" in flat


def test_seed_003_app_e_refused_answers_leave_nothing(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    with pytest.raises(DomainError, match="全部未填"):
        survey.record_survey(ctx, clerk, channel="paper", visit="今天", departments=[], levels=[None] * 7)
    with pytest.raises(DomainError, match="来源"):
        survey.record_survey(ctx, clerk, channel="phone", visit="今天", departments=[], levels=[1] * 7)
    with pytest.raises(PermissionDenied):
        survey.record_survey(ctx, users["it"], channel="paper", visit="今天", departments=[], levels=[1] * 7)
    assert _count(ctx) == 0
    with pytest.raises(PermissionDenied):  # the statistics are the manager view's
        survey.survey_tables(ctx, clerk, datetime(2026, 3, 1).date(), datetime(2026, 4, 1).date())


@pytest.mark.parametrize("change", [{"levels": "0000000"}, {"levels": "1234567"}, {"levels": 1111111},
                                    {"channel": "phone"}, {"comment": "好\x1b[31m"}, {"name": "张三"}])
def test_the_center_quarantines_a_malformed_survey_response(change) -> None:  # type: ignore[no-untyped-def]
    good = {"id": "s1", "form": "003-E.1", "channel": "paper", "window": "01", "clerk_id": "u1",
            "at": "2026-03-10T10:15:00", "visit": "今天", "departments": "公安", "levels": "1200431", "comment": ""}
    check_record("survey_responses", good)
    with pytest.raises(Invalid):
        check_record("survey_responses", {**good, **change})


def test_survey_permission_is_counter_work_and_the_center_checks_it() -> None:
    from clerk_app.domain.roles import change_permission

    assert Actor("u", "c", "c", Role.CLERK).can("survey.record")
    assert change_permission(Role.CLERK, "survey_responses") is None
    assert change_permission(Role.IT, "survey_responses") == "survey.record"
