"""Numbers in report labels come from their rule (issue 16 item 2): the pause limit, the complex
complaints' working days and the ranking's coefficients and bands are written once; the Chinese
label, its English translation (a template in the Qt catalogue, filled afterwards), the computation,
the exported report and the manager screens all follow when that one place changes."""

from __future__ import annotations

import string
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from clerk_app.domain import ledgers as ledger_rules
from clerk_app.domain.complaints import COMPLEX_LABEL, Handling
from clerk_app.domain.labels import FilledLabel
from clerk_app.domain.matters import LimitUnit, TimeLimit
from clerk_app.domain.performance import (
    FORMULA_TEMPLATE,
    ClerkFigures,
    ScoreRules,
    complexity_weight,
    formula,
    rank,
)
from clerk_app.errors import DomainError
from clerk_app.services import complaints, ledgers, statistics
from clerk_app.services.bootstrap import open_context
from clerk_app.services.performance import ranking, ranking_table
from clerk_app.services.reauth import reauthenticate
from clerk_app.services.reports import complaint_table, export_report, ledger_tables, monthly_report
from clerk_app.ui.report_labels import TEMPLATES, report_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from pdftools import flat_text  # noqa: E402

# What the labels read today, word for word (supervisors read them; docs may cite them).
TODAY_FORMULA = (
    "得分 = 50 × 加权办件量 ÷ 本季最高加权办件量 + 30 × 好评率 + 20 × 按时办结率 − 2 × 差评数（最低 0 分）。\n"
    "加权办件量 = Σ 事项复杂度权重：即办件 1.0；承诺时限 ≤5 个工作日 1.2；6–15 个工作日 1.5；15 个工作日以上 2.0。\n"
    "好评率 = （非常满意＋满意＋基本满意）÷ 已评价数，无评价记 0；按时办结率 = 1 − 逾期件数 ÷ 有办结期限的件数，无期限件记 1。\n"
    "差评回访核实为误评或恶意的评价不计入。")
MONDAY = date(2026, 3, 2)


def _at(hour: int, minute: int) -> datetime:
    return datetime.combine(MONDAY, datetime.min.time()).replace(hour=hour, minute=minute)


def _dashboard(ctx, sup, clock) -> statistics.Dashboard:  # type: ignore[no-untyped-def]
    return statistics.build(ctx, sup, "今日", MONDAY, date(2026, 3, 3), clock.now, MONDAY)


def test_labels_read_as_today_with_todays_rules(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    sup = users["supervisor"]
    names = [r[0] for r in _dashboard(ctx, sup, clock).summary().rows]
    assert "超 15 分钟的暂停服务（次）" in names and "正在暂停且已超 15 分钟（个窗口）" in names
    pauses = ledger_tables(ctx, sup, MONDAY, date(2026, 3, 3))[0]
    assert pauses.headers[-1] == "超15分钟"
    assert Handling.COMPLEX.label_for(ctx.settings.complaint_resolve_working_days) == "复杂问题（5个工作日内办结）"
    assert formula() == TODAY_FORMULA
    assert ranking_table(ranking(ctx, sup, MONDAY, date(2026, 3, 3)), "排名").note == TODAY_FORMULA


def test_pause_limit_changed_in_one_place_moves_rule_labels_report_and_screen(  # type: ignore[no-untyped-def]
        qtbot, ctx, users, clock, language, monkeypatch, tmp_path: Path) -> None:
    from clerk_app.ui.manager.dashboard import DashboardPage
    from clerk_app.ui.tasks import TaskRunner

    monkeypatch.setattr(ledger_rules, "PAUSE_REPORT_MINUTES", 20)
    clerk, sup = users["clerk"], users["supervisor"]
    # The rule: 18 minutes is no longer a long pause (with 15 it would need a reason) ...
    clock.now = _at(10, 0)
    ledgers.start_pause(ctx, clerk)
    clock.now = _at(10, 18)
    assert ledgers.end_pause(ctx, clerk) is False
    # ... a running pause is reported only past 20 minutes, and a 21-minute one needs its reason.
    clock.now = _at(10, 30)
    ledgers.start_pause(ctx, clerk)
    clock.now = _at(10, 50)
    assert ledgers.running_long_pauses(ctx, sup) == []
    clock.now = _at(10, 51)
    assert len(ledgers.running_long_pauses(ctx, sup)) == 1
    rows = dict(_dashboard(ctx, sup, clock).summary().rows)
    assert rows["正在暂停且已超 20 分钟（个窗口）"] == 1 and rows["超 20 分钟的暂停服务（次）"] == 0
    with pytest.raises(DomainError, match="20 分钟"):
        ledgers.end_pause(ctx, clerk)
    assert ledgers.end_pause(ctx, clerk, reason="协助处理群众突发疾病") is True
    summary = _dashboard(ctx, sup, clock).summary()
    rows = dict(summary.rows)
    assert rows["超 20 分钟的暂停服务（次）"] == 1 and rows["正在暂停且已超 20 分钟（个窗口）"] == 0
    assert not any("15" in str(r[0]) for r in summary.rows)

    # The exported monthly report prints the same labels.
    elevation = reauthenticate(ctx, sup, "super1234", "export")
    xlsx = export_report(ctx, sup, "monthly", "2026-03", tmp_path / "m.xlsx", elevation)
    cells = [c for ws in load_workbook(xlsx).worksheets for r in ws.iter_rows(values_only=True) for c in r]
    assert "超 20 分钟的暂停服务（次）" in cells and "正在暂停且已超 20 分钟（个窗口）" in cells and "超20分钟" in cells
    assert not any(isinstance(c, str) and ("15 分钟" in c or "15分钟" in c) for c in cells)
    elevation = reauthenticate(ctx, sup, "super1234", "export")
    pdf = flat_text(export_report(ctx, sup, "monthly", "2026-03", tmp_path / "m.pdf", elevation).read_bytes(), tmp_path)
    assert "超20分钟的暂停服务（次）" in pdf and "正在暂停且已超20分钟（个窗口）" in pdf and "超20分钟" in pdf
    assert "超15分钟" not in pdf

    # English: the template is translated, then filled with the rule's number.
    language("en")
    assert report_text(rows_label(summary, "超 20 分钟的暂停服务（次）")) == "Pauses over 20 minutes"
    assert report_text(rows_label(summary, "正在暂停且已超 20 分钟（个窗口）")) == "Windows paused for over 20 minutes now"
    pause_table = ledger_tables(ctx, sup, MONDAY, date(2026, 3, 3))[0]
    assert report_text(pause_table.headers[-1]) == "Over 20 min"

    # The manager's dashboard: the indicator and the running pause's alert.
    clock.now = _at(11, 0)
    ledgers.start_pause(ctx, clerk)
    clock.now = _at(11, 21)
    runner = TaskRunner()
    page = DashboardPage(ctx, sup, runner)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.refresh()
    qtbot.waitUntil(page.pause_alert.isVisible, timeout=5000)
    shown = [page.summary.item(r, 0).text() for r in range(page.summary.rowCount())]
    assert "Pauses over 20 minutes" in shown and "Windows paused for over 20 minutes now" in shown
    assert page.pause_alert.text().endswith("paused for 21 minutes, over 20 minutes"), page.pause_alert.text()
    runner.shutdown()


def rows_label(table, chinese: str) -> str:  # type: ignore[no-untyped-def]
    """The table's own label object (a ``FilledLabel``, not an equal plain string)."""
    [label] = [r[0] for r in table.rows if r[0] == chinese]
    assert isinstance(label, FilledLabel)
    return label


def test_complex_complaint_days_setting_moves_deadline_labels_and_form(  # type: ignore[no-untyped-def]
        qtbot, profile, clock, language) -> None:
    from clerk_app.domain.roles import Role
    from clerk_app.services.auth import create_user
    from clerk_app.ui.counter_ledgers import ComplaintIntakeForm
    from clerk_app.ui.tasks import TaskRunner

    (profile.root / "settings.toml").write_text("complaint_resolve_working_days = 7\n", encoding="utf-8")
    clock.now = _at(10, 0)
    ctx = open_context(profile, clock=clock)
    try:
        sup = create_user(ctx, None, username="sup", display_name="李带班", role=Role.SUPERVISOR, password="super1234")
        clerk = create_user(ctx, None, username="clerk", display_name="王小明", role=Role.CLERK, password="clerk1234")
        complaints.take_complaint(ctx, clerk, category="投诉", content="材料要求反复变化", handling=Handling.COMPLEX)
        [c] = complaints.list_complaints(ctx, sup)
        assert c.resolve_due == ctx.calendar.add_working_days(MONDAY, 7)[0] == date(2026, 3, 11)
        table = complaint_table(ctx, sup)
        [label] = table.column("处理方式")
        assert label == "复杂问题（7个工作日内办结）"
        language("en")
        assert report_text(label) == "Complex (closed within 7 working days)"
        runner = TaskRunner()
        form = ComplaintIntakeForm(ctx, clerk, runner)
        qtbot.addWidget(form)
        items = [form.handling.itemText(i) for i in range(form.handling.count())]
        assert "Complex (closed within 7 working days)" in items and len(items) == len(Handling)
        runner.shutdown()
    finally:
        ctx.store.close()


OTHER_RULES = ScoreRules(volume=60.0, good=25.0, on_time=15.0, bad_penalty=3.0, immediate_weight=1.1, short_days=3,
                         short_weight=1.3, medium_days=10, medium_weight=1.6, long_weight=2.5)


@pytest.mark.parametrize(("rules", "chinese", "english", "weights", "expected_score"), [
    (ScoreRules(),
     TODAY_FORMULA.split("\n")[:2],
     ["Score = 50 × weighted cases ÷ the quarter's highest weighted cases + 30 × good-rating share + "
      "20 × closed-on-time share − 2 × bad ratings (at least 0).",
      "Weighted cases = Σ matter complexity weight: immediate case 1.0; promised within ≤5 working days 1.2; "
      "6–15 working days 1.5; over 15 working days 2.0."],
     (1.0, 1.2, 1.2, 1.5, 1.5, 2.0, 2.0, 1.5), 25 + 22.5 + 10 - 2),
    (OTHER_RULES,
     ["得分 = 60 × 加权办件量 ÷ 本季最高加权办件量 + 25 × 好评率 + 15 × 按时办结率 − 3 × 差评数（最低 0 分）。",
      "加权办件量 = Σ 事项复杂度权重：即办件 1.1；承诺时限 ≤3 个工作日 1.3；4–10 个工作日 1.6；10 个工作日以上 2.5。"],
     ["Score = 60 × weighted cases ÷ the quarter's highest weighted cases + 25 × good-rating share + "
      "15 × closed-on-time share − 3 × bad ratings (at least 0).",
      "Weighted cases = Σ matter complexity weight: immediate case 1.1; promised within ≤3 working days 1.3; "
      "4–10 working days 1.6; over 10 working days 2.5."],
     (1.1, 1.3, 1.6, 1.6, 2.5, 2.5, 2.5, 1.6), 30 + 18.75 + 7.5 - 3),
])
def test_ranking_formula_text_and_score_read_the_same_rules(  # type: ignore[no-untyped-def]
        language, rules, chinese, english, weights, expected_score) -> None:
    text = formula(rules)
    assert text.split("\n")[:2] == chinese
    assert text.split("\n")[2:] == TODAY_FORMULA.split("\n")[2:]
    language("en")
    assert report_text(text).split("\n")[:2] == english
    limits = (TimeLimit(0, LimitUnit.IMMEDIATE), TimeLimit(3, LimitUnit.WORKING_DAYS), TimeLimit(4, LimitUnit.WORKING_DAYS),
              TimeLimit(10, LimitUnit.WORKING_DAYS), TimeLimit(12, LimitUnit.WORKING_DAYS),
              TimeLimit(16, LimitUnit.WORKING_DAYS),
              TimeLimit(30, LimitUnit.CALENDAR_DAYS), TimeLimit(14, LimitUnit.CALENDAR_DAYS))
    assert tuple(complexity_weight(limit, rules) for limit in limits) == weights
    # weighted 5 of the top 10, 3 good of 4 rated, 1 of 2 with a due date late, 1 bad rating
    mine = ClerkFigures("a", "甲", 5, 5.0, 4, 3, 1, 2, 1, None)
    top = ClerkFigures("b", "乙", 10, 10.0, 0, 0, 0, 0, 0, None)
    by_id = {r.figures.clerk_id: r for r in rank([mine, top], rules)}
    assert by_id["a"].score == pytest.approx(expected_score)
    assert by_id["b"].score == pytest.approx(rules.volume + rules.on_time)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_rule_label_is_translated_as_a_template_with_the_same_numbers(  # type: ignore[no-untyped-def]
        ctx, users, clock, language) -> None:
    """Every label the services and the domain fill from a rule is in the Qt catalogue by its template,
    and its English names exactly the same fields (a missing or misspelt one would fail to fill)."""
    from PySide6.QtCore import QCoreApplication

    sup = users["supervisor"]
    tables = monthly_report(ctx, sup, "2026-03")
    cells = [x for t in tables for x in (t.title, *t.headers, t.note, *(c for r in t.rows for c in r))]
    filled = [c for c in cells if isinstance(c, FilledLabel)]
    filled += [Handling.COMPLEX.label_for(5), formula()]
    used = {f.template for f in filled}
    assert used == {*TEMPLATES} and COMPLEX_LABEL in used and FORMULA_TEMPLATE in used
    language("en")
    for template in TEMPLATES:
        english = QCoreApplication.translate("ReportText", template)
        assert english != template and _fields(english) == _fields(template), template
