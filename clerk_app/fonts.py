"""The one CJK font every document embeds (WenQuanYi Zen Hei, resources/fonts/, GPLv2 with the
font-embedding exception), and the check that every character to print has a glyph in it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from clerk_app.errors import UserError
from clerk_app.paths import RESOURCES

FONT_FILE = RESOURCES / "fonts" / "wqy-zenhei.ttc"
FONT_NAME = "WQYZenHei"


@cache
def register_font(path: Path = FONT_FILE) -> str:
    """Register the font with reportlab once per process; returns the font name to use in styles."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        # Subfont 0 of the TTC is the proportional Zen Hei face; reportlab embeds it as a subset.
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
    except (OSError, TTFError) as exc:
        raise UserError(f"无法加载文书字体 {path.name}：{exc}。请重新安装本程序。") from None
    # One face only: <b> in a paragraph maps to the same face instead of failing.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT_NAME, bold, italic, FONT_NAME)
    return FONT_NAME


@cache
def covered_codepoints() -> frozenset[int]:
    """Code points with a glyph in the font's cmap."""
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(register_font()).face.charToGlyph)


def missing_glyphs(texts: Iterable[str]) -> list[str]:
    """Characters of ``texts`` the font cannot draw, in order of first appearance."""
    covered = covered_codepoints()
    missing: list[str] = []
    for text in texts:
        for ch in text:
            if ord(ch) not in covered and ch not in missing and unicodedata.category(ch) not in ("Cc", "Zl", "Zp"):
                missing.append(ch)
    return missing


def check_glyphs(texts: Iterable[str]) -> None:
    """Refuse to print a character the font lacks: it would come out as an empty box."""
    missing = missing_glyphs(texts)
    if missing:
        shown = "、".join(f"“{ch}”(U+{ord(ch):04X})" for ch in missing)
        raise UserError(f"文书字体中没有字符 {shown}，打印出来会是空白方框：请改用常用字或同音规范字，"
                        "或请管理员更换字体后再打印。", code="missing_glyph")
