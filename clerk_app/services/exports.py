"""Writes tables to Excel (openpyxl) or PDF (reportlab with the notices' embedded Chinese font: a
PDF naming a non-embedded CID font shows blank on PCs without Adobe's Asian font pack and reads back
as nothing). The file appears whole or not at all: written beside, then renamed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from clerk_app.errors import UserError
from clerk_app.services.report_tables import Table

SHEET_TITLE_MAX = 31  # Excel's limit on sheet names


def check_target(out: Path) -> str:
    """The file's format from its suffix; refuses what cannot be written before any work is done."""
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise UserError(f"不支持的导出格式“{out.suffix or '（无扩展名）'}”：请使用 .xlsx 或 .pdf。")
    if not out.parent.is_dir():
        raise UserError(f"导出目录 {out.parent} 不存在。")
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
        raise UserError(f"无法写入导出文件 {out}：{exc.strerror or exc}。") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return out


def _sheet_name(title: str, used: set[str]) -> str:
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in title)[:SHEET_TITLE_MAX] or "表"
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
    wb.remove(wb.active)
    used: set[str] = set()
    for t in tables:
        ws = wb.create_sheet(_sheet_name(t.title, used))
        ws.append([t.title])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append(list(t.headers))
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for row in t.rows:
            ws.append(list(row))
        if t.note:
            ws.append([])
            ws.append([t.note])
        for i, h in enumerate(t.headers):
            width = max([len(str(h))] + [len(str(r[i])) for r in t.rows[:200]])
            ws.column_dimensions[ws.cell(row=2, column=i + 1).column_letter].width = min(60, 4 + width * 2)
    wb.properties.title = title
    wb.save(path)


def _pdf(tables: Sequence[Table], path: Path, title: str) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as PdfTable

    from clerk_app.fonts import register_font

    font = register_font()
    h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=22, wordWrap="CJK")
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12, leading=18, spaceBefore=8, wordWrap="CJK")
    body = ParagraphStyle("body", fontName=font, fontSize=8, leading=11, wordWrap="CJK")

    def para(value: object, style: ParagraphStyle) -> Paragraph:
        # Cell values are free text (complaint summaries, names): escaped so "<" or "&" print as typed.
        return Paragraph(escape("" if value is None else str(value)), style)

    story: list = [para(title, h1), Spacer(1, 4 * mm)]
    for t in tables:
        story.append(para(t.title, h2))
        data = [[para(h, body) for h in t.headers]]
        data += [[para(c, body) for c in row] for row in t.rows]
        grid = PdfTable(data, repeatRows=1, hAlign="LEFT")
        grid.setStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
                       ("VALIGN", (0, 0), (-1, -1), "TOP")])
        story.append(grid)
        if t.note:
            story.append(Paragraph(t.note.replace("\n", "<br/>"), body))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), title=title, leftMargin=12 * mm,
                            rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm)
    doc.build(story)
