"""Templates: every kind renders and says what the law asks; a bad template is refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.documents.context import demo_context
from clerk_app.documents.pdf import render_notice
from clerk_app.documents.templates import KINDS, load_center, load_template, load_template_file
from clerk_app.errors import UserError

from .pdftools import flat_text

MUST_SAY = {
    # the demo is a 容缺 acceptance: it names the missing items, the date and the consequence (seed 001 §5.3.5)
    "acceptance": ["决定予以容缺受理", "承诺办结日期", "现场核查", "2026年3月12日前", "经营场所使用证明",
                   "不再适用容缺办理", "失信名单"],
    "rejection": ["不予受理理由", "六十日内", "演示区人民政府", "六个月内", "演示区人民法院",
                  "2026年3月19日前", "一层综合窗口03号"],
    "one_time_notice": ["补齐补正要求", "共3项"],
    "rongque_commitment": ["2026年3月12日前", "不再适用容缺办理", "失信"],
    # seed 001 §5.3.6 a–d: legal basis; conditions, time limit, materials and consequences;
    # the department's service and supervision; how a false commitment is judged and the remedies.
    "tell_commit": ["《市场主体登记管理条例》第十九条", "申请人为有经营能力的自然人", "承诺1个工作日",
                    "虚假承诺的法律后果", "监管", "双随机", "整改期限", "申诉", "信用修复"],
    "delegation": ["张丽", "代为提交个体工商户设立登记申请材料", "2026年6月30日", "责任"],
    "guide": ["个体工商户设立登记办事指南", "受理条件", "承诺时限", "收费标准", "0374-1234568",
              "区政务服务中心一层综合窗口"],
    "pickup": ["邮寄送达", "演示区建设路12号3单元502室"],
    "handover": ["区市场监督管理局", "个体工商户登记（备案）申请书", "经营者身份证件"],
    # seed 001 §5.1.3 提醒申请人领取: what is ready since when, where, when, what to bring
    "collect_reminder": ["已办理完结", "2026年3月16日", "演示区政务服务中心一层出件窗口", "本人有效身份证件",
                         "委托书", "工作日9:00"],
}


def test_every_kind_has_a_template_and_a_check() -> None:
    assert set(MUST_SAY) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_reads_back(kind: str, tmp_path: Path) -> None:
    ctx = demo_context()
    flat = flat_text(render_notice(load_template(kind), ctx, load_center().copies), tmp_path)
    assert KINDS[kind] in flat
    assert ctx.case_number in flat and ctx.center.name in flat
    for phrase in MUST_SAY[kind]:
        assert phrase in flat, (kind, phrase)
    assert ctx.applicant.id_number not in flat
    if kind == "acceptance":  # only a normal acceptance may say the materials are complete
        assert "申请材料齐全、符合法定形式" not in flat


def test_one_time_notice_lists_every_missing_item_with_its_fix(tmp_path: Path) -> None:
    ctx = demo_context(missing=5)
    flat = flat_text(render_notice(load_template("one_time_notice"), ctx), tmp_path)
    assert len(ctx.missing) == 5
    for item in ctx.missing:
        assert item.name in flat and item.fix in flat
    # Received materials are not listed as missing.
    assert "经营者身份证件" not in flat


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "broken.toml"
    path.write_text('[document]\nkind = "acceptance"\ntitle = "受理通知书"\n' + body, encoding="utf-8")
    return path


def test_unknown_placeholder_is_refused_naming_file_and_placeholder(tmp_path: Path) -> None:
    path = _write(tmp_path, '[[block]]\ntype = "text"\ntext = "申请人：{applicant.nmae}"\n')
    with pytest.raises(UserError) as err:
        load_template_file(path)
    assert "broken.toml" in err.value.message and "{applicant.nmae}" in err.value.message


def test_unknown_placeholder_in_a_table_column_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, '[[block]]\ntype = "table"\nsource = "missing"\n'
                            'columns = [{ header = "材料", value = "{item.title}" }]\n')
    with pytest.raises(UserError, match=r"\{item\.title\}"):
        load_template_file(path)


def test_unknown_table_source_and_block_type_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="清单“lacking”不存在"):
        load_template_file(_write(tmp_path, '[[block]]\ntype = "table"\nsource = "lacking"\n'
                                            'columns = [{ header = "a", value = "b" }]\n'))
    with pytest.raises(UserError, match="类型“picture”不存在"):
        load_template_file(_write(tmp_path, '[[block]]\ntype = "picture"\n'))


def test_center_settings_reject_a_misspelt_key(tmp_path: Path) -> None:
    path = tmp_path / "center.toml"
    path.write_text('[center]\nname = "甲中心"\ncode = "A1"\nseal_txt = "章"\n', encoding="utf-8")
    with pytest.raises(UserError, match="seal_txt"):
        load_center(path)
