"""社会公众满意度调查表 (seed 003 §7.2.3.4.2, App. E table E.1): the form, the answers it accepts and the
statistics of the monthly report, as pure rules."""

from __future__ import annotations

import pytest

from clerk_app.domain.survey import (
    DEFAULT_FORM,
    OTHER_DEPARTMENT,
    SurveyLevel,
    check_answers,
    decode_levels,
    parse_form,
    row_statistics,
    tally,
)
from clerk_app.errors import DomainError

FORM = DEFAULT_FORM


def test_seed_003_app_e_the_form_keeps_the_seeds_questions_departments_and_four_levels() -> None:
    """Seed 003 table E.1: the two opening questions word for word, the nine departments in its order
    (its blank boxes as 其他), seven rows on 满意 / 比较满意 / 不太满意 / 很不满意."""
    assert FORM.visit_question == "您最近办理政务业务是什么时候？"
    assert FORM.department_question == "您办理的政务业务涉及哪个部门？"
    assert FORM.departments == ("税务分局", "公安", "市场监管", "公共服务办", "住建", "卫健分局", "农业", "交通",
                                "人社分局", OTHER_DEPARTMENT)
    assert len(FORM.rows) == 7 and len(set(FORM.rows)) == 7
    assert [lv.label for lv in SurveyLevel] == ["满意", "比较满意", "不太满意", "很不满意"]
    assert [lv.satisfied for lv in SurveyLevel] == [True, True, False, False]


def test_seed_003_app_e_answers_are_the_forms_choices_and_blanks_stay_blank() -> None:
    a = check_answers(FORM, "一周内", ["公安", " 税务分局 ", "公安"], [1, 2, None, 0, 4, 3, 1], "  窗口很耐心\n谢谢 ")
    assert a.departments == ("税务分局", "公安")  # the form's order, each once
    assert a.levels == (SurveyLevel.SATISFIED, SurveyLevel.FAIRLY_SATISFIED, None, None,
                        SurveyLevel.VERY_DISSATISFIED, SurveyLevel.NOT_VERY_SATISFIED, SurveyLevel.SATISFIED)
    assert a.encoded_levels() == "1200431" and decode_levels("1200431") == a.levels
    assert a.comment == "窗口很耐心\n谢谢"
    assert check_answers(FORM, "", [], [None] * 6 + [2]).visit == ""  # a paper form may skip a question


@pytest.mark.parametrize(("visit", "departments", "levels", "comment", "words"), [
    ("昨天", [], [1] * 7, "", "“办理时间”的答案无效"),
    ("今天", ["教育局"], [1] * 7, "", "部门“教育局”不在调查表中"),
    ("今天", [], [1] * 6, "", "调查表有 7 个评价项目，收到 6 个答案"),
    ("今天", [], [1, 1, 5, 1, 1, 1, 1], "", "第 3 项"),
    ("今天", [], [None] * 7, "", "全部未填"),
    ("今天", [], [1] * 7, "好" * 501, "过长"),
    ("今天", [], [1] * 7, "好\x1b[31m", "控制字符"),
    ("今天", [], [1] * 7, "\u202e反", "控制字符"),
])
def test_seed_003_app_e_a_wrong_answer_is_one_sentence(visit, departments, levels, comment, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError, match=words) as info:
        check_answers(FORM, visit, departments, levels, comment)
    assert "\n" not in info.value.message


def test_seed_003_7_2_3_4_statistics_count_each_level_and_the_satisfaction_rate() -> None:
    """Seed 003 §7.2.3.4.2 (分析、总结): per row the four levels, the blanks, and (满意 + 比较满意) ÷ answered."""
    stats = row_statistics(FORM, ["1111111", "2222222", "3300000", "4400001"])
    assert stats[0].counts == (1, 1, 1, 1) and stats[0].blank == 0 and stats[0].satisfaction == 0.5
    assert stats[2].counts == (1, 1, 0, 0) and stats[2].blank == 2 and stats[2].satisfaction == 1.0
    assert stats[6].counts == (2, 1, 0, 0) and stats[6].satisfaction == 1.0
    assert row_statistics(FORM, [])[0].satisfaction is None  # nobody answered: no rate, not 0 %
    assert tally(["今天", "今天", "更早", "昨天"], FORM.visit_options) == [
        ("今天", 2), ("一周内", 0), ("一个月内", 0), ("三个月内", 0), ("更早", 1)]


CENTER_FORM = {"code": "HD-2027.1", "visit_question": "您最近一次来中心办事是什么时候？",
               "visit_options": ["今天", "本月", "更早"], "department_question": "您办理的业务涉及哪个部门？",
               "departments": ["税务", "公安", "其他"], "rows": ["服务环境", "服务态度", "办事效率", "总体满意度"]}


def test_seed_003_7_2_3_4_the_center_may_set_its_own_questions() -> None:
    """Seed 003 §7.2.3.4.2: the center hands out its 满意度调查表; table E.1's lost rows may be put back."""
    form = parse_form(CENTER_FORM)
    assert (form.code, form.rows, form.departments[-1]) == ("HD-2027.1", ("服务环境", "服务态度", "办事效率", "总体满意度"),
                                                            "其他")
    assert check_answers(form, "本月", ["税务"], [1, 2, 3, 4]).encoded_levels() == "1234"
    with pytest.raises(DomainError, match="7 个评价项目"):
        check_answers(DEFAULT_FORM, "今天", [], [1, 2, 3, 4])


@pytest.mark.parametrize(("change", "words"), [
    ({"extra": 1}, "不认识“extra”"), ({"code": "有空格 的代码"}, "code"), ({"rows": []}, "rows 应为 1 到 20"),
    ({"rows": ["服务"] * 2}, "重复"), ({"rows": [f"第{i}项" for i in range(21)]}, "1 到 20"),
    ({"visit_question": "问\x1b[31m"}, "控制字符"), ({"departments": ["税务", 3]}, "departments"),
    ({"department_question": ""}, "department_question"),
])
def test_a_bad_center_form_is_refused_naming_the_key(change, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError, match=words):
        parse_form({**CENTER_FORM, **change})
