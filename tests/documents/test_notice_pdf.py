"""Notices rendered to real PDFs and read back with pdftotext/pdffonts."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from clerk_app.documents.context import Person, demo_context
from clerk_app.documents.pdf import render_notice
from clerk_app.documents.templates import load_template
from clerk_app.fonts import BODY, face_codepoints

from .pdftools import flat_text, fonts_of, pdf_fonts, pdf_pages, pdf_text


def test_acceptance_notice_reads_back_with_title_applicant_case_and_number(tmp_path: Path) -> None:
    ctx = demo_context()
    pdf = render_notice(load_template("acceptance"), ctx)
    text = pdf_text(pdf, tmp_path)
    for expected in ("受理通知书", ctx.applicant.name, ctx.case_number, ctx.document_number, ctx.center.name,
                     ctx.matter.name, "2026年3月5日", ctx.center.seal_text):
        assert expected in text, expected
    # The notice shows only the masked ID number.
    assert ctx.applicant.id_number not in text
    assert ctx.applicant.id_masked in text


def test_every_font_is_embedded_as_a_subset_in_the_gbt_9704_faces(tmp_path: Path) -> None:
    pdf = render_notice(load_template("acceptance"), demo_context())
    fonts = pdf_fonts(pdf, tmp_path)
    assert fonts, "no font found"
    assert all(emb == "yes" for _, emb in fonts), fonts
    # A subset's name carries a six-letter tag (ABCDEF+Name): never the whole 5-16 MB face.
    assert all(re.fullmatch(r"[A-Z]{6}\+\S+", name) for name, _ in fonts), fonts
    families = {name.split("+", 1)[1] for name, _ in fonts}
    assert families == {"NotoSerifCJKsc-Bold", "FandolFang-Regular", "WenQuanYiZenHei-0"}, families
    # 小标宋-like serif bold for the title, 仿宋 for the text and the tables, the sans for headings.
    assert fonts_of(pdf, "受理通知书") == {"NotoSerifCJKsc-Bold"}
    assert fonts_of(pdf, "提出的") == {"FandolFang-Regular"}
    assert fonts_of(pdf, "经营场所使用证明") == {"FandolFang-Regular"}
    assert fonts_of(pdf, "补齐补正要求") == {"WenQuanYiZenHei-0"}


def test_a_character_the_fangsong_face_lacks_prints_in_the_fallback_face(tmp_path: Path) -> None:
    # 堃 and 玥 are common in names but outside GB2312, so the 仿宋 subset has no glyph for them.
    assert ord("堃") not in face_codepoints(BODY) and ord("玥") not in face_codepoints(BODY)
    ctx = replace(demo_context(), applicant=Person(name="王堃玥", id_number="410102199003071234"))
    pdf = render_notice(load_template("acceptance"), ctx)
    assert "王堃玥" in pdf_text(pdf, tmp_path)
    assert fonts_of(pdf, "王堃玥") == {"FandolFang-Regular", "WenQuanYiZenHei-0"}
    assert fonts_of(pdf, "堃玥") == {"WenQuanYiZenHei-0"}


def test_a_row_whose_values_are_all_empty_prints_none(tmp_path: Path) -> None:
    ctx = replace(demo_context(), agent=None, matter=replace(demo_context().matter, special_procedures=()))
    text = pdf_text(render_notice(load_template("acceptance"), ctx), tmp_path)
    assert re.search(r"代理人\s+无\s*$", text, re.M), text
    assert re.search(r"特别程序\s+无\s*$", text, re.M), text
    # A row with a value keeps it.
    assert re.search(r"办理部门\s+区市场监督管理局", text)


def test_demo_material_names_carry_no_numbering(tmp_path: Path) -> None:
    ctx = demo_context(missing=12)
    text = flat_text(render_notice(load_template("one_time_notice"), ctx), tmp_path)
    assert "经营场所使用证明" in text
    assert not re.search(r"[证明件书见表]（\d+）", text)


def test_two_copies_each_labelled_and_numbered_on_its_own(tmp_path: Path) -> None:
    from dataclasses import replace

    # a normal acceptance fits one page per copy (a 容缺 one lists its missing materials too)
    ctx = replace(demo_context(), mode="normal", accept_mode="受理", rongque_due=None)
    pages = pdf_pages(render_notice(load_template("acceptance"), ctx), tmp_path)
    assert len(pages) == 2
    assert "第一联" in pages[0] and "申请人留存" in pages[0] and "第1页/共1页" in pages[0]
    assert "第二联" in pages[1] and "存档" in pages[1] and "第1页/共1页" in pages[1]
    assert all("受理通知书" in p for p in pages)
