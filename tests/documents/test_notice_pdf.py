"""Notices rendered to real PDFs and read back with pdftotext/pdffonts."""

from __future__ import annotations

from pathlib import Path

from clerk_app.documents.context import demo_context
from clerk_app.documents.pdf import render_notice
from clerk_app.documents.templates import load_template

from .pdftools import pdf_fonts, pdf_pages, pdf_text


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


def test_every_font_is_embedded(tmp_path: Path) -> None:
    pdf = render_notice(load_template("acceptance"), demo_context())
    fonts = pdf_fonts(pdf, tmp_path)
    assert fonts, "no font found"
    assert all(emb == "yes" for _, emb in fonts), fonts
    assert all("WenQuanYi" in name for name, _ in fonts), fonts


def test_two_copies_each_labelled_and_numbered_on_its_own(tmp_path: Path) -> None:
    from dataclasses import replace

    # a normal acceptance fits one page per copy (a 容缺 one lists its missing materials too)
    ctx = replace(demo_context(), mode="normal", accept_mode="受理", rongque_due=None)
    pages = pdf_pages(render_notice(load_template("acceptance"), ctx), tmp_path)
    assert len(pages) == 2
    assert "第一联" in pages[0] and "申请人留存" in pages[0] and "第1页/共1页" in pages[0]
    assert "第二联" in pages[1] and "存档" in pages[1] and "第1页/共1页" in pages[1]
    assert all("受理通知书" in p for p in pages)
