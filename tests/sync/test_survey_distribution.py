"""The center sets the 满意度调查表 (seed 003 §7.2.3.4.2): imported with ``clerk-center admin survey import``,
checked by the domain's rule, distributed to the counters (SQLite and PostgreSQL), used for the next
response and for the month's statistics; a bad file is refused with one sentence and nothing published."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from test_adversarial_tenancy import PASSWORDS, _add_center_users
from test_distribution_users import center_cli

from clerk_app.domain.survey import DEFAULT_FORM
from clerk_app.services import auth, survey

FORM = """code = "HD-2027.1"
visit_question = "您最近一次来中心办事是什么时候？"
visit_options = ["今天", "本月", "更早"]
department_question = "您办理的业务涉及哪个部门？"
departments = ["税务", "公安", "其他"]
rows = ["服务环境", "服务态度", "办事效率", "总体满意度"]
"""


def test_seed_003_7_2_3_4_the_centers_form_reaches_the_counter(center: Any, counter_factory: Any, tmp_path: Path,
                                                               monkeypatch: Any, capsys: Any) -> None:
    _add_center_users(center)
    a = counter_factory("a")
    a.sync_once()
    wang = auth.login(a.ctx, "wang", PASSWORDS["wang"])
    assert survey.survey_form(a.ctx) == DEFAULT_FORM
    survey.record_survey(a.ctx, wang, channel="paper", visit="今天", departments=["公安"], levels=[1] * 7)
    bad = tmp_path / "bad.toml"
    bad.write_text(FORM.replace('"办事效率", ', '"办事效率", "办事效率", '), encoding="utf-8")
    rc, _out, err = center_cli(center, "survey", "import", str(bad), monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and "rows 有重复的项" in err and len(err.strip().splitlines()) == 1
    good = tmp_path / "survey.toml"
    good.write_text(FORM, encoding="utf-8")
    rc, out, err = center_cli(center, "survey", "import", str(good), monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0 and "已导入满意度调查表" in out, err
    a.sync_once()
    form = survey.survey_form(a.ctx)
    assert (form.code, form.rows, form.visit_options) == ("HD-2027.1", ("服务环境", "服务态度", "办事效率", "总体满意度"),
                                                          ("今天", "本月", "更早"))
    survey.record_survey(a.ctx, wang, channel="screen", visit="本月", departments=["税务"], levels=[2, 2, 1, 2])
    sup = auth.login(a.ctx, "zhou", PASSWORDS["zhou"])
    today = a.ctx.now().date()
    per_row = survey.survey_tables(a.ctx, sup, date(today.year, today.month, 1), date(today.year + 1, 1, 1))[0]
    assert [r[0] for r in per_row.rows] == list(form.rows) and per_row.rows[0][1:3] == (0, 1)
    assert "另有 1 份按此前版本的调查表填写，未计入" in per_row.note
