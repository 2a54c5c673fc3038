"""Chinese line breaking (避头尾) for reportlab paragraphs.

reportlab's CJK wrap cuts anywhere and only knows the Japanese no-start marks: a full-width comma
or a closing quote could start a line and an opening bracket could end one, which reads as a typo
on an official notice. ``CjkParagraph`` breaks lines itself:

* a line never starts with closing punctuation (，。、；：？！）》” …) — a single such mark
  hangs in the right margin instead (挤进), otherwise the break moves back (推出);
* a line never ends with opening punctuation (（《“ …);
* a run of Latin letters and digits (a case number, a phone number) is not cut unless it is
  longer than the whole line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines, _handleBulletWidth, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

NO_START = frozenset("，。、；：？！）》”’」』】〕〉〗｝］％‰℃・·…—,.;:?!)]}%")
NO_END = frozenset("（《“‘「『【〔〈〖｛［([{")
# Characters a Latin "word" is made of: a break inside 0374-1234568 or DEMO-03-… would split it.
WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./*@#+:")


def _allowed(text: str, j: int, keep_words: bool = True) -> bool:
    """May a line break fall before ``text[j]``?"""
    before, after = text[j - 1], text[j]
    if after in NO_START or before in NO_END:
        return False
    return not (keep_words and before in WORD and after in WORD)


def _back_off(text: str, start: int, end: int) -> int | None:
    """The last allowed break in (start, end]: first keeping Latin runs whole, then (for a run
    longer than the line) cutting the run but still not before a closing mark."""
    for keep_words in (True, False):
        for j in range(end, start, -1):
            if _allowed(text, j, keep_words):
                return j
    return None


def break_points(text: str, widths: Sequence[float], max_widths: Sequence[float]) -> list[tuple[int, int, float]]:
    """Split ``text`` (no hard breaks) into lines: (start, end, width used) per line.

    ``max_widths[k]`` is the width of line k (the last one repeats). Leading spaces of a
    continuation line are dropped, as a typesetter would.
    """
    lines: list[tuple[int, int, float]] = []
    n, start = len(text), 0
    while start < n:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        used, end = 0.0, start
        while end < n and used + widths[end] <= limit + _FUZZ:
            used += widths[end]
            end += 1
        if end >= n:
            lines.append((start, n, used))
            break
        end = max(end, start + 1)  # a glyph wider than the line still goes somewhere
        if text[end] in NO_START and text[end - 1] not in NO_END and (end + 1 >= n or _allowed(text, end + 1)):
            end += 1  # hang the one mark in the margin
        else:
            end = _back_off(text, start, end) or end
        lines.append((start, end, sum(widths[start:end])))
        start = end
        while start < n and text[start] == " ":
            start += 1
    return lines


_widths: dict[tuple[str, float, str], float] = {}


def char_widths(text: str, font_name: str, size: float) -> list[float]:
    """Advance width of each character, cached: the same few hundred characters recur in every
    notice, and measuring them one by one dominated the render time."""
    out = []
    for ch in text:
        key = (font_name, size, ch)
        width = _widths.get(key)
        if width is None:
            width = _widths[key] = stringWidth(ch, font_name, size)
        out.append(width)
    return out


class CjkParagraph(Paragraph):
    """A Paragraph whose CJK wrap follows the Chinese rules above (style.wordWrap must be "CJK")."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802 - reportlab's name
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]  # noqa: N806
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        frags = self.frags
        if len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not style.endDots:
            return self._single_frag(frags[0], maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        glyphs: list[Any] = []
        for frag in self.frags:
            text = frag.text if hasattr(frag, "text") else "".join(getattr(frag, "words", []))
            # An empty frag (a <br/>) still becomes one zero-width glyph that carries the break.
            glyphs.extend(cjkU(t, frag, "utf8") for t in (text or [""]))
        if not glyphs:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName, textColor=style.textColor,
                             lines=[], ascent=style.fontSize, descent=-0.2 * style.fontSize)
        calc_bounds = getattr(self, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off")
        lines: list[Any] = []
        segment: list[Any] = []
        for glyph in glyphs:
            if hasattr(glyph.frag, "lineBreak"):
                self._emit(segment, maxWidths, lines, calc_bounds, hard_break=glyph)
                segment = []
            else:
                segment.append(glyph)
        if segment:
            self._emit(segment, maxWidths, lines, calc_bounds, hard_break=None)
        return ParaLines(kind=1, lines=lines)

    def _single_frag(self, frag: Any, max_widths: Sequence[float]) -> Any:
        """The common case (one run of text in one font): plain string lines, as reportlab's own
        single-fragment path returns, which is several times faster than per-glyph fragments."""
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return frag.clone(kind=0, lines=self.blPara.lines)
        text = frag.text if hasattr(frag, "text") else "".join(getattr(frag, "words", []))
        widths = char_widths(text, frag.fontName, frag.fontSize)
        lines = []
        for k, (start, end, used) in enumerate(break_points(text, widths, max_widths)):
            limit = max_widths[min(k, len(max_widths) - 1)]
            lines.append((limit - used, [text[start:end]]))
        return frag.clone(kind=0, lines=lines, ascent=frag.fontSize, descent=-0.2 * frag.fontSize)

    @staticmethod
    def _emit(segment: list[Any], max_widths: Sequence[float], lines: list[Any], calc_bounds: bool,
              hard_break: Any) -> None:
        remaining = list(max_widths[len(lines):]) or [max_widths[-1]]
        spans = break_points("".join(segment), [g.width for g in segment], remaining) or [(0, 0, 0.0)]
        for k, (start, end, used) in enumerate(spans):
            width = remaining[min(k, len(remaining) - 1)]
            last = k == len(spans) - 1
            glyphs = segment[start:end] + ([hard_break] if last and hard_break is not None else [])
            if not glyphs:
                continue
            lines.append(makeCJKParaLine(glyphs, width, used, width - used, bool(last and hard_break is not None),
                                         calc_bounds))
