"""The CJK faces documents embed (resources/fonts/, licences beside them), the per-glyph fallback
between them, and the check that every character to print has a glyph in some face.

* ``SANS`` — WenQuanYi Zen Hei (GPLv2 with the font-embedding exception): receipts, forms, exports,
  and the headings of notices. It covers the most characters, so it is every face's fallback.
* ``TITLE`` — Noto Serif CJK SC Bold (SIL OFL 1.1), the 小标宋 of GB/T 9704 for notice titles.
* ``BODY`` — FandolFang (GPL v3 with the font exception), the 仿宋 of GB/T 9704 for notice text.

TITLE and BODY are subsets (GB2312 plus every character of forms/ and the catalogue) converted to
TrueType outlines by scripts/build-notice-fonts.py; reportlab embeds a further subset per PDF.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import cast
from xml.sax.saxutils import escape

from clerk_app.errors import UserError
from clerk_app.paths import RESOURCES

FONTS_DIR = RESOURCES / "fonts"


@dataclass(frozen=True)
class Face:
    name: str  # the name reportlab knows it by
    path: Path
    subfont: int = 0


SANS = Face("WQYZenHei", FONTS_DIR / "wqy-zenhei.ttc")  # subfont 0: the proportional Zen Hei
TITLE = Face("NotoSerifCJKscBold", FONTS_DIR / "NotoSerifCJKsc-Bold-subset.ttf")
BODY = Face("FandolFang", FONTS_DIR / "FandolFang-Regular-subset.ttf")
FACES = (SANS, TITLE, BODY)
FALLBACK = SANS


@cache
def register_font(face: Face = SANS) -> str:
    """Register the face with reportlab once per process; returns the font name to use in styles."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        pdfmetrics.registerFont(TTFont(face.name, str(face.path), subfontIndex=face.subfont))
    except (OSError, TTFError) as exc:
        raise UserError("document.font_unloadable", name=face.path.name, reason=exc) from None
    # One weight per face: <b> in a paragraph maps to the same face instead of failing.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(face.name, bold, italic, face.name)
    return face.name


@cache
def face_codepoints(face: Face) -> frozenset[int]:
    """Code points with a glyph in the face's cmap."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = cast(TTFont, pdfmetrics.getFont(register_font(face)))  # register_font registers a TrueType face
    return frozenset(font.face.charToGlyph)


@cache
def covered_codepoints() -> frozenset[int]:
    """Code points some face can draw (through the fallback, every document can use them)."""
    return frozenset().union(*(face_codepoints(face) for face in FACES))


def _drawable(ch: str, covered: frozenset[int]) -> bool:
    # Control characters and line separators are layout, not glyphs.
    return ord(ch) in covered or unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def runs(text: str, face: Face) -> list[tuple[str, str]]:
    """``text`` cut into (font name, text) runs: characters the face lacks go to the fallback face,
    so a rare character in a name prints in WenQuanYi instead of as an empty box."""
    own = face_codepoints(face)
    if face == FALLBACK or own.issuperset(map(ord, text.replace("\n", ""))):
        return [(face.name, text)]  # the usual case, without a look at each character
    register_font(FALLBACK)
    out: list[tuple[str, str]] = []
    for ch in text:
        name = face.name if _drawable(ch, own) or ch == " " else FALLBACK.name
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + ch)
        else:
            out.append((name, ch))
    return out


def markup(text: str, face: Face) -> str:
    """``text`` escaped for a reportlab paragraph in ``face``, with fallback runs in <font> tags;
    the caller turns newlines into <br/> after this."""
    return "".join(escape(part) if name == face.name else f'<font face="{name}">{escape(part)}</font>'
                   for name, part in runs(text, face))


# Characters no face draws that stand for a plain one every face has: printed as that one. The
# ranking's formula writes U+2212 MINUS SIGN, which left a gap in exported PDFs ("按时办结率  2 × 差评数").
PLAIN_FORMS = str.maketrans({"\u2212": "-"})


def printable(text: str) -> str:
    """``text`` with every character of ``PLAIN_FORMS`` replaced by its plain form."""
    return text.translate(PLAIN_FORMS)


def missing_glyphs(texts: Iterable[str]) -> list[str]:
    """Characters of ``texts`` no face can draw, in order of first appearance."""
    covered = covered_codepoints()
    missing: list[str] = []
    for text in texts:
        for ch in text:
            if not _drawable(ch, covered) and ch not in missing:
                missing.append(ch)
    return missing


def check_glyphs(texts: Iterable[str]) -> None:
    """Refuse to print a character no face has: it would come out as an empty box."""
    missing = missing_glyphs(texts)
    if missing:
        shown = "、".join(f"“{ch}”(U+{ord(ch):04X})" for ch in missing)
        raise UserError("document.missing_glyph", chars=shown)
