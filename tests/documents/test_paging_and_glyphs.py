"""Long lists flow over pages with repeated headers and 第x页/共y页; unprintable characters are refused."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from clerk_app.documents.context import Person, demo_context
from clerk_app.documents.pdf import render_notice
from clerk_app.documents.templates import load_template
from clerk_app.errors import UserError
from clerk_app.fonts import missing_glyphs

from .pdftools import pdf_pages

# A material row as laid out: its number, then one of the demo's material names (each ends in one
# of these words).
ROW = r"^\s*(\d{1,2})\s+\S+(?:证明|复印件|意见|登记表|委托书)"


def test_forty_items_flow_over_pages_with_repeated_header_and_page_numbers(tmp_path: Path) -> None:
    ctx = demo_context(missing=40)
    pdf = render_notice(load_template("one_time_notice"), ctx)
    pages = pdf_pages(pdf, tmp_path)
    reading = pdf_pages(pdf, tmp_path, layout=False)
    copies: dict[str, list[int]] = {"第一联": [], "第二联": []}
    for index, page in enumerate(pages):
        copies["第一联" if "第一联" in page else "第二联"].append(index)
    for label, indexes in copies.items():
        total = len(indexes)
        assert total >= 2, f"{label}: 40 items should not fit on one page"
        rows_seen: list[int] = []
        for number, index in enumerate(indexes, 1):
            page = pages[index]
            assert f"第{number}页/共{total}页" in page
            rows = [int(n) for n in re.findall(ROW, page, re.M)]
            if rows:
                assert "补齐补正要求" in page, f"table header missing on page {number} of {label}"
            rows_seen += rows
        assert sum(1 for i in indexes if re.search(ROW, pages[i], re.M)) >= 2
        # Rows 1..40 each appear once in the copy, in order, and each item reads back whole.
        assert rows_seen == list(range(1, 41))
        flat = "".join("".join(reading[i] for i in indexes).split())
        for item in ctx.missing:
            assert item.name in flat and item.fix in flat


def test_character_missing_from_the_font_is_reported() -> None:
    ctx = replace(demo_context(), applicant=Person(name="王𠀀明", id_number="410102199003071234"))
    with pytest.raises(UserError) as err:
        render_notice(load_template("acceptance"), ctx)
    assert "𠀀" in err.value.message and "U+20000" in err.value.message
    assert err.value.code == "document.missing_glyph"


def test_common_and_rare_but_covered_characters_pass_the_glyph_check() -> None:
    assert missing_glyphs(["王建国“〔2026〕”—…·①", "龘鑫燚"]) == []
    assert missing_glyphs(["甲\U0001F600乙\U00020000\U0001F600"]) == ["\U0001F600", "\U00020000"]


def test_markup_characters_in_citizen_data_print_as_typed(tmp_path: Path) -> None:
    ctx = replace(demo_context(), applicant=Person(name="A&B<商行>", id_number="410102199003071234"))
    pages = pdf_pages(render_notice(load_template("acceptance"), ctx), tmp_path)
    assert "A&B<商行>" in pages[0]
