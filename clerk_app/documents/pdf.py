"""A4 notices as PDF bytes (reportlab platypus), from a template and a context.

Each copy of the 一式二份 starts on a new page and is numbered on its own (第x页/共y页), because
the applicant's copy and the archive copy are separate papers once torn apart.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from clerk_app.documents.context import NoticeContext
from clerk_app.documents.linebreak import CjkParagraph
from clerk_app.documents.templates import DEFAULT_COPIES, Block, Template, fill, fill_or_none
from clerk_app.fonts import BODY, FACES, SANS, TITLE, Face, check_glyphs, markup, register_font, runs

MARGIN = 18 * mm
QR_SIZE = 22 * mm


def _styles(font: str) -> dict[str, ParagraphStyle]:
    """GB/T 9704 faces: the title in a 小标宋-like serif bold, the text in 仿宋, headings (and table
    heads) in the sans 黑体-like face. ``font`` is the body face."""
    title, sans = register_font(TITLE), register_font(SANS)
    base = ParagraphStyle("body", fontName=font, fontSize=11.5, leading=18, wordWrap="CJK", alignment=TA_LEFT)
    return {
        "body": base,
        "indent": ParagraphStyle("indent", parent=base, firstLineIndent=23),
        "small": ParagraphStyle("small", parent=base, fontSize=9.5, leading=13),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "heading": ParagraphStyle("heading", parent=base, fontName=sans, fontSize=12, leading=18, spaceBefore=4),
        "title": ParagraphStyle("title", parent=base, fontName=title, fontSize=22, leading=30, alignment=TA_CENTER),
        "center": ParagraphStyle("center", parent=base, fontSize=10.5, leading=14, alignment=TA_CENTER),
        "cell": ParagraphStyle("cell", parent=base, fontSize=10, leading=13),
        "cellhead": ParagraphStyle("cellhead", parent=base, fontName=sans, fontSize=9.5, leading=13,
                                   alignment=TA_CENTER),
    }


_FACE_OF = {face.name: face for face in FACES}


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    # Values are citizens' data: markup() escapes them so a name with "<" or "&" prints as typed.
    return CjkParagraph(markup(text, _FACE_OF[style.fontName]).replace("\n", "<br/>"), style)


def _draw(canv: Canvas, x: float, y: float, text: str, face: Face, size: float, right: bool = False) -> None:
    """One line on the canvas in ``face``, characters it lacks in the fallback face."""
    parts = runs(text, face)
    if right:
        x -= sum(canv.stringWidth(part, name, size) for name, part in parts)
    for name, part in parts:
        canv.setFont(name, size)
        canv.drawString(x, y, part)
        x += canv.stringWidth(part, name, size)


class _CopyMarker(Flowable):
    """Zero-size flowable telling the canvas which copy the following pages belong to."""

    def __init__(self, index: int, label: str) -> None:
        super().__init__()
        self.index, self.label = index, label
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv._copy = (self.index, self.label)  # type: ignore[attr-defined]


class QrFlowable(Flowable):
    """A QR code drawn as filled rectangles: reportlab's own QR widget goes through the graphics
    renderer, which selects Helvetica and so leaves a non-embedded font in the file."""

    def __init__(self, data: str, size: float = QR_SIZE) -> None:
        super().__init__()
        import qrcode

        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(data)
        code.make(fit=True)
        self.matrix: list[list[bool]] = code.get_matrix()
        self.width = self.height = size

    def draw(self) -> None:
        n = len(self.matrix)
        cell = self.width / n
        canv = self.canv
        canv.setFillColor(colors.black)
        for r, row in enumerate(self.matrix):
            y = self.height - (r + 1) * cell
            c = 0
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    canv.rect(start * cell, y, (c - start) * cell, cell, stroke=0, fill=1)
                else:
                    c += 1


def _numbered_canvas(footer_left: str, font: str) -> type[Canvas]:
    face = _FACE_OF[font]

    class NumberedCanvas(Canvas):
        """Defers page output until the end so each page can say 第x页/共y页 of its own copy."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._copy = (0, "")

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            totals: dict[int, int] = {}
            for state in self._pages:
                totals[state["_copy"][0]] = totals.get(state["_copy"][0], 0) + 1
            seen: dict[int, int] = {}
            for state in self._pages:
                self.__dict__.update(state)
                index, label = self._copy
                seen[index] = seen.get(index, 0) + 1
                self._footer(label, seen[index], totals[index])
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, label: str, page: int, total: int) -> None:
            width, _ = A4
            self.saveState()
            self.setStrokeColor(colors.grey)
            self.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)
            _draw(self, MARGIN, 10 * mm, footer_left, face, 9)
            _draw(self, width - MARGIN, 10 * mm, f"{label}　第{page}页/共{total}页", face, 9, right=True)
            self.restoreState()

    return NumberedCanvas


def _make_table(data: list[list[Any]], widths: Sequence[float], commands: list[tuple[Any, ...]], font: str,
                repeat: int = 0) -> Table:
    table = Table(data, colWidths=widths, repeatRows=repeat)
    # A cell holding a plain string switches to the table's font, Helvetica unless told otherwise.
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), *commands]))
    return table


class _Builder:
    """Turns template blocks into flowables and remembers every string for the glyph check."""

    def __init__(self, template: Template, ctx: NoticeContext, font: str) -> None:
        self.template, self.ctx = template, ctx
        self.values = ctx.fields()
        self.lists = ctx.lists()
        self.font = font
        self.styles = _styles(font)
        self.texts: list[str] = []
        self.width = A4[0] - 2 * MARGIN

    def text(self, raw: str, values: dict[str, str] | None = None) -> str:
        out = fill(raw, values or self.values)
        self.texts.append(out)
        return out

    def para(self, raw: str, style: str = "body", values: dict[str, str] | None = None) -> Paragraph:
        return _p(self.text(raw, values), self.styles[style])

    def value(self, raw: str, values: dict[str, str] | None = None) -> Paragraph:
        """A table value: 无 where all its placeholders are empty, so no row looks forgotten."""
        out = fill_or_none(raw, values or self.values)
        self.texts.append(out)
        return _p(out, self.styles["cell"])

    def header(self, title: str) -> list[Flowable]:
        s = self.styles
        stack = [self.para("{center.name}", "center"), _p(self.text(title), s["title"]),
                 self.para("{document.number}", "center"), self.para("办件编号：{case.number}", "center")]
        side = QR_SIZE + 4 * mm
        head = _make_table([[Spacer(side, 1), stack, QrFlowable(self.ctx.case_number)]],
                           [side, self.width - 2 * side, side],
                           [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (2, 0), (2, 0), "CENTER"),
                            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)], self.font)
        return [head, Spacer(1, 4 * mm)]

    def block(self, b: Block) -> list[Flowable]:
        if b.when and not (self.lists.get(b.when) if b.when in self.lists else self.values.get(b.when)):
            return []
        if b.type in ("text", "heading"):
            return [self.para(b.text, "heading" if b.type == "heading" else b.style), Spacer(1, 1.5 * mm)]
        if b.type == "fields":
            return [self._fields(b), Spacer(1, 3 * mm)]
        if b.type == "table":
            return [self._table(b), Spacer(1, 3 * mm)]
        if b.type == "signature":
            return [KeepTogether([Spacer(1, 4 * mm), *(self.para(line, b.style) for line in b.lines)]),
                    Spacer(1, 2 * mm)]
        return [self._seal(b)]

    def _grid(self, data: list[list[Any]], widths: Sequence[float], header: bool) -> Table:
        style: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")))
        else:
            style.append(("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F3F3F3")))
        return _make_table(data, widths, style, self.font, repeat=1 if header else 0)

    def _fields(self, b: Block) -> Table:
        data = [[self.para(label, "cell"), self.value(value)] for label, value in b.rows]
        return self._grid(data, [32 * mm, self.width - 32 * mm], header=False)

    def _table(self, b: Block) -> Flowable:
        rows = self.lists[b.source]
        if not rows:
            return self.para(b.empty)
        total = sum(c.width for c in b.columns)
        widths = [self.width * c.width / total for c in b.columns]
        data: list[list[Any]] = [[self.para(c.header, "cellhead") for c in b.columns]]
        for row in rows:
            values = {**self.values, **row}
            data.append([self.value(c.value, values) for c in b.columns])
        return self._grid(data, widths, header=True)

    def _seal(self, b: Block) -> Flowable:
        lines = [b.text or "{center.seal_text}", "（盖章）", "{document.date}"]
        box = _make_table([[self.para(line, "center")] for line in lines], [70 * mm],
                          [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 6)], self.font)
        outer = _make_table([["", box]], [self.width - 70 * mm, 70 * mm],
                            [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)], self.font)
        # The seal area needs room for a 42 mm stamp; never leave it alone at the top of a page.
        return KeepTogether([CondPageBreak(40 * mm), Spacer(1, 6 * mm), outer])


def render_notice(template: Template, ctx: NoticeContext, copies: Sequence[str] = DEFAULT_COPIES) -> bytes:
    """The notice as PDF bytes; a character missing from the font raises ``UserError``."""
    font = register_font(BODY)
    builder = _Builder(template, ctx, font)
    labels = list(copies) if template.two_copies else ["　"]
    story: list[Flowable] = []
    for index, label in enumerate(labels):
        if index:
            story.append(PageBreak())
        story.append(_CopyMarker(index, label))
        story.extend(builder.header(template.title))
        for block in template.blocks:
            story.extend(builder.block(block))
    footer = f"{ctx.center.name}　{ctx.document_number}"
    check_glyphs([*builder.texts, footer, *labels])
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=20 * mm, title=fill(template.title, builder.values),
                            author=ctx.center.name, subject=ctx.case_number, creator="clerk-app",
                            initialFontName=font)  # the default, Helvetica, would be left unembedded
    doc.build(story, canvasmaker=_numbered_canvas(footer, font))
    return out.getvalue()
