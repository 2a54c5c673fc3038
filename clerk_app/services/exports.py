"""Writes tables to Excel (openpyxl) or PDF (reportlab with the notices' embedded Chinese font: a
PDF naming a non-embedded CID font shows blank on PCs without Adobe's Asian font pack and reads back
as nothing). The file appears whole or not at all: written beside, then renamed."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from clerk_app.errors import UserError
from clerk_app.messages import Text
from clerk_app.services.report_tables import Table

SHEET_TITLE_MAX = 31  # Excel's limit on sheet names
# Counts and amounts; not codes: "01" (a window), an 11-digit phone or an ID number stay text.
_INT = re.compile(r"^-?(0|[1-9]\d{0,8})$")
_FLOAT = re.compile(r"^-?(0|[1-9]\d{0,8})\.\d+$")
_PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?)%$")
_WITH_EXTRA = re.compile(r"^([^（）]+)（([^（）]+)）$")  # "38（74.5%）", "100.0%（3/3）"
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
SIGNATURE = "制表人：__________　　审核人：__________　　日期：______年____月____日"


def check_target(out: Path) -> str:
    """The file's format from its suffix; refuses what cannot be written before any work is done."""
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise UserError("export.bad_format", suffix=out.suffix or Text("export.no_suffix"))
    if not out.parent.is_dir():
        raise UserError("export.no_folder", folder=out.parent)
    return suffix


def export_tables(tables: Sequence[Table], out: Path, *, title: str) -> Path:
    suffix = check_target(out)
    fd, tmp_name = tempfile.mkstemp(prefix=".export-", suffix=suffix, dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        (_xlsx if suffix == ".xlsx" else _pdf)(tables, tmp, title)
        os.replace(tmp, out)
    except OSError as exc:
        raise UserError("export.cannot_write", file=out, reason=exc.strerror or exc) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return out


def _short_title(title: str) -> str:
    """A sheet name within Excel's 31 characters, never cut inside a date: bracketed parts (a date
    range, a note) go first, then whole words from the end."""
    text = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip()
    if len(text) > SHEET_TITLE_MAX:
        text = _BRACKETED.sub("", text).strip()
    while len(text) > SHEET_TITLE_MAX and " " in text:
        text = text.rsplit(" ", 1)[0].strip()
    return text[:SHEET_TITLE_MAX] or "表"


def _typed(value: object) -> tuple[object, str | None]:
    """A cell as Excel should hold it: numbers as numbers with a number format, text as text."""
    if isinstance(value, bool) or value is None:
        return value, None
    if isinstance(value, int):
        return value, "0"
    if isinstance(value, float):
        return value, "0.00"
    text = str(value).strip()
    if _INT.match(text):
        return int(text), "0"
    if _FLOAT.match(text):
        return float(text), "0.00"
    m = _PERCENT.match(text)
    if m:
        return round(float(m.group(1)) / 100, 6), "0.0%"
    return value, None


def _split(value: object) -> tuple[object, object]:
    """"38（74.5%）" → ("38", "74.5%"): the figure and what the brackets add, each in its own cell."""
    if isinstance(value, str):
        m = _WITH_EXTRA.match(value.strip())
        if m and _typed(m.group(1))[1] is not None:
            return m.group(1), m.group(2)
    return value, None


def _sheet_name(title: str, used: set[str]) -> str:
    base = _short_title(title)
    name, n = base, 2
    while name in used:
        name = f"{base[:SHEET_TITLE_MAX - 3]}({n})"
        n += 1
    used.add(name)
    return name


def _xlsx(tables: Sequence[Table], path: Path, title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the empty sheet a new workbook starts with
    used: set[str] = set()
    for t in tables:
        ws = wb.create_sheet(_sheet_name(t.title, used))
        ws.append([t.title])
        ws["A1"].font = Font(bold=True, size=13)
        # A column of "figure（share）" cells becomes two numeric columns: the figure and its share.
        split_cols = {i for i in range(len(t.headers)) if any(_split(r[i])[1] is not None for r in t.rows)}
        headers: list[str] = []
        for i, h in enumerate(t.headers):
            headers += [h, f"{h}（补充）"] if i in split_cols else [h]
        ws.append(headers)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for row in t.rows:
            values: list[object] = []
            for i, v in enumerate(row):
                values += list(_split(v)) if i in split_cols else [v]
            typed = [_typed(v) for v in values]
            ws.append([v for v, _f in typed])
            for col, (_v, fmt) in enumerate(typed, start=1):
                if fmt is not None:
                    ws.cell(row=ws.max_row, column=col).number_format = fmt
        ws.freeze_panes = "A3"  # the title and the header row stay while scrolling
        if t.note:
            ws.append([])
            ws.append([t.note])
        for i, h in enumerate(headers):
            width = max([len(str(h))] + [len(str(ws.cell(row=r, column=i + 1).value or ""))
                                         for r in range(3, min(ws.max_row, 203) + 1)])
            ws.column_dimensions[ws.cell(row=2, column=i + 1).column_letter].width = min(60, 4 + width * 2)
    wb.properties.title = title
    wb.save(path)


def _pdf(tables: Sequence[Table], path: Path, title: str) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as PdfTable

    from clerk_app.fonts import printable, register_font

    font = register_font()
    h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=22, wordWrap="CJK")
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12, leading=18, spaceBefore=8, wordWrap="CJK", keepWithNext=1)
    body = ParagraphStyle("body", fontName=font, fontSize=8, leading=11, wordWrap="CJK")

    def para(value: object, style: ParagraphStyle) -> Paragraph:
        # Cell values are free text (complaint summaries, names): escaped so "<" or "&" print as typed.
        return Paragraph(escape(printable("" if value is None else str(value))), style)

    story: list[Flowable] = [para(title, h1), Spacer(1, 4 * mm)]
    for t in tables:
        story.append(para(t.title, h2))  # keepWithNext: a heading never ends a page without its table
        data = [[para(h, body) for h in t.headers]]
        data += [[para(c, body) for c in row] for row in t.rows]
        grid = PdfTable(data, repeatRows=1, hAlign="LEFT")
        grid.setStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
                       ("VALIGN", (0, 0), (-1, -1), "TOP")])
        story.append(grid)
        if t.note:
            story.append(Paragraph(printable(t.note).replace("\n", "<br/>"), body))
    sign = ParagraphStyle("sign", fontName=font, fontSize=10, leading=16, spaceBefore=14, wordWrap="CJK")
    story.append(para(SIGNATURE, sign))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), title=title, leftMargin=12 * mm,
                            rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=16 * mm)
    doc.build(story, canvasmaker=_numbered_canvas(font))


def _numbered_canvas(font: str):  # type: ignore[no-untyped-def]
    """A canvas that prints 第x页/共y页 at the foot of every page (known only after the last page)."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []  # type: ignore[type-arg]

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own, not in its stubs

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 9)
                width = self._pagesize[0]  # type: ignore[attr-defined]  # reportlab's own, not in its stubs
                self.drawCentredString(width / 2, 8 * mm, f"第{self.getPageNumber()}页/共{total}页")
                super().showPage()
            super().save()

    return NumberedCanvas
