"""The printed 申请表, from the same definition the clerk filled in on screen."""

from __future__ import annotations

from collections.abc import Mapping

from clerk_app.domain.forms import FormDefinition


def render_application(form: FormDefinition, values: Mapping[str, str], *, case_number: str, center_name: str,
                       date_text: str) -> bytes:
    """A4 PDF: title, case number, one row per field, and the applicant's signature line."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    from clerk_app.documents.fonts import check_glyphs, register_font
    from clerk_app.documents.pdf import _p, _styles

    texts = [form.title, case_number, center_name, *(f.label for f in form.fields), *values.values()]
    check_glyphs(texts)
    font = register_font()
    st = _styles(font)
    rows = [[_p(f.label + ("（必填）" if f.required else ""), st["cellhead"]), _p(values.get(f.key, ""), st["cell"])]
            for f in form.fields]
    table = Table(rows, colWidths=[55 * mm, 115 * mm], repeatRows=0)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2"))]))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=form.title, author=center_name,
                            initialFontName=font)  # the default, Helvetica, would be left unembedded
    story = [_p(center_name, st["center"]), _p(form.title, st["title"]), Spacer(1, 4 * mm),
             _p(f"办件编号：{case_number}", st["right"]), Spacer(1, 3 * mm), table, Spacer(1, 10 * mm),
             _p("本人承诺以上填报内容真实、合法、有效，并对其真实性负责。", st["body"]), Spacer(1, 8 * mm),
             _p(f"申请人（签字）：________________　　　　日期：{date_text}", st["body"])]
    doc.build(story)
    return buf.getvalue()
