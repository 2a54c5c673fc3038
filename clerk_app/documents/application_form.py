"""The printed 申请表, from the same definition the clerk filled in on screen."""

from __future__ import annotations

from collections.abc import Mapping

from clerk_app.domain.forms import FormDefinition

REQUIRED_MARK = " *"
TAIL_ROWS = 3
TAIL_HEIGHT = 150.0  # points, about 53 mm


def render_application(form: FormDefinition, values: Mapping[str, str], *, case_number: str, center_name: str,
                       date_text: str) -> bytes:
    """A4 PDF: title, case number, the fields in their sections (a section heading spans the table),
    and the applicant's declaration and signature kept together. A long form flows onto further
    pages, each headed with the title and case number and numbered 第x页/共y页."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

    from clerk_app.documents.fonts import check_glyphs, register_font
    from clerk_app.documents.pdf import _numbered_canvas, _p, _styles

    declaration = "本人承诺以上填报内容真实、合法、有效，并对其真实性负责。"
    legend = "带 * 的为必填项"
    texts = [form.title, case_number, center_name, date_text, declaration, legend, form.signature,
             *(f.label for f in form.fields), *(f.section for f in form.fields), *values.values()]
    check_glyphs(texts)
    font = register_font()
    st = _styles(font)
    grey, dark = colors.HexColor("#f2f2f2"), colors.HexColor("#d9d9d9")
    rows: list[tuple[list[object], bool]] = []  # (cells, is a section heading)
    for f in form.fields:
        if f.section:
            rows.append(([_p(f.section, st["heading"]), ""], True))
        rows.append(([_p(f.label + (REQUIRED_MARK if f.required else ""), st["cellhead"]),
                      _p(values.get(f.key, ""), st["cell"])], False))
    width, height = A4
    margin = 20 * mm

    def table(part: list[tuple[list[object], bool]], split: bool) -> Table:
        commands: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BACKGROUND", (0, 0), (0, -1), grey)]
        for r, (_cells, heading) in enumerate(part):
            if heading:
                commands += [("SPAN", (0, r), (1, r)), ("BACKGROUND", (0, r), (1, r), dark)]
        # A section's heading is repeated on the next page; a long answer is split inside its row
        # rather than pushed whole to the next page, which left pages half empty.
        t = Table([cells for cells, _h in part], colWidths=[55 * mm, width - 2 * margin - 55 * mm],
                  splitInRow=1 if split else 0)
        t.setStyle(TableStyle(commands))
        return t

    # The last rows (up to TAIL_HEIGHT) travel with the declaration and signature, so a signature
    # never stands alone on a page that shows none of what was signed. A taller last row splits
    # across pages instead and the signature follows straight after its end.
    tail = 0
    label_width, value_width = 55 * mm - 12, width - 2 * margin - 55 * mm - 12  # less the cell padding
    tail_height = 0.0
    for cells, heading in reversed(rows):
        widths = (label_width + value_width,) if heading else (label_width, value_width)
        tail_height += max(cell.wrap(w, height)[1] for cell, w in zip(cells, widths, strict=False)) + 6
        if tail == TAIL_ROWS or tail_height > TAIL_HEIGHT:
            break
        tail += 1
    body: list[Table] = []
    chunk: list[tuple[list[object], bool]] = []
    for row in rows[: len(rows) - tail]:
        if row[1] and chunk:
            body.append(table(chunk, split=True))
            chunk = []
        chunk.append(row)
    if chunk:
        body.append(table(chunk, split=True))

    def continued(canvas, _doc) -> None:  # type: ignore[no-untyped-def]
        # A page torn from the rest still says which form and case it belongs to.
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawString(margin, height - 12 * mm, f"{form.title}（续）")
        canvas.drawRightString(width - margin, height - 12 * mm, f"办件编号：{case_number}")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=18 * mm,
                            bottomMargin=20 * mm, title=form.title, author=center_name,
                            initialFontName=font)  # the default, Helvetica, would be left unembedded
    story = [_p(center_name, st["center"]), _p(form.title, st["title"]), Spacer(1, 4 * mm),
             _p(f"办件编号：{case_number}", st["right"]), _p(legend, st["small"]), Spacer(1, 1 * mm), *body,
             KeepTogether([*([table(rows[-tail:], split=False)] if tail else []), Spacer(1, 6 * mm),
                           _p(declaration, st["body"]), Spacer(1, 6 * mm),
                           _p(f"{form.signature}：________________　　　　日期：{date_text}", st["body"])])]
    doc.build(story, onLaterPages=continued, canvasmaker=_numbered_canvas(f"{form.title}　{center_name}", font))
    return buf.getvalue()
