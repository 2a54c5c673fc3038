"""Chinese line breaking: no line starts with closing punctuation or ends with an opening one,
and a case or phone number is never cut, in real PDFs read back with pdftotext."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from clerk_app.documents.context import demo_context
from clerk_app.documents.linebreak import NO_END, NO_START, break_points
from clerk_app.documents.pdf import _p, _styles, render_notice
from clerk_app.documents.templates import KINDS, load_center, load_template
from clerk_app.fonts import register_font

from .pdftools import pdf_text

BAD_START = re.compile(r"^\s*[，。、；：？！）》”’]", re.M)
BAD_END = re.compile(r"[（《“‘]\s*$", re.M)


def _lines(text: str, chars_per_line: int) -> list[str]:
    spans = break_points(text, [1.0] * len(text), [float(chars_per_line)])
    return [text[a:b] for a, b, _ in spans]


def test_a_comma_after_a_full_line_hangs_in_the_margin() -> None:
    assert _lines("一二三四五，六七八", 5) == ["一二三四五，", "六七八"]


def test_two_closing_marks_are_pushed_back_with_the_character_before() -> None:
    # “）。” cannot both hang: the break moves back so that 五 starts the next line.
    assert _lines("一二三四（五）。六七", 6) == ["一二三四", "（五）。六七"]


def test_an_opening_bracket_never_ends_a_line() -> None:
    lines = _lines("一二三四《条例》第十条", 5)
    assert lines[0] == "一二三四" and lines[1].startswith("《")


def test_a_latin_run_moves_whole_to_the_next_line() -> None:
    assert _lines("办件编号DEMO-03-0007已受理", 12) == ["办件编号", "DEMO-03-0007", "已受理"]


def test_a_run_longer_than_the_line_is_still_cut_and_nothing_is_lost() -> None:
    text = "号" + "1" * 25 + "。"
    lines = _lines(text, 10)
    assert "".join(lines) == text
    assert all(len(line) <= 11 for line in lines)


@pytest.mark.parametrize("width", [3, 7, 13, 29])
def test_every_character_kept_in_order_and_rules_hold(width: int) -> None:
    text = "你（单位）于2026年3月5日提出的“个体工商户设立登记”申请，经审查，符合法定形式（办件编号DEMO-03-0007）。" * 3
    lines = _lines(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines[1:]:
        assert line[0] not in NO_START, lines
    for line in lines[:-1]:
        assert line[-1] not in NO_END, lines


def test_paragraph_in_a_pdf_hangs_the_comma(tmp_path: Path) -> None:
    style = _styles(register_font())["body"]
    # Exactly ten Hanzi fit on a line ten em wide (plus the frame's 6 pt padding each side):
    # the comma would start line two.
    line = 10 * style.fontSize
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=(line + 12 + 2 * 36, A4[1]), leftMargin=36, rightMargin=36,
                      initialFontName=style.fontName).build([_p("一二三四五六七八九十，甲乙丙\n丁戊", style)])
    lines = [line.strip() for line in pdf_text(buf.getvalue(), tmp_path).splitlines() if line.strip()]
    assert lines == ["一二三四五六七八九十，", "甲乙丙", "丁戊"]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_notice_line_starts_or_ends_with_the_wrong_punctuation(kind: str, tmp_path: Path) -> None:
    pdf = render_notice(load_template(kind), demo_context(missing=6), load_center().copies)
    text = pdf_text(pdf, tmp_path)
    assert not BAD_START.findall(text), [line for line in text.splitlines() if BAD_START.match(line)]
    assert not BAD_END.search(text), [line for line in text.splitlines() if BAD_END.search(line)]
