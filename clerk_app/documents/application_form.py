"""The printed 申请表, from the same definition the clerk filled in on screen."""

from __future__ import annotations

from collections.abc import Mapping

from clerk_app.domain.forms import FieldType, FormDefinition

REQUIRED_MARK = " *"
TAIL_ROWS = 3
# Least row heights on a blank form, in points: a line of handwriting, several for free text.
BLANK_HEIGHTS = {FieldType.TEXT: 26.0, FieldType.TEXTAREA: 80.0}
TAIL_HEIGHT = 150.0  # points, about 53 mm
LONG_ROW = 60.0  # points: a row this tall may split across pages


def render_blank_application(form: FormDefinition, *, center_name: str) -> bytes:
    """The empty 申请表 to fill in by hand (consultation, or no counter PC at hand): room to write
    in every row, and the choices printed with boxes to tick."""
    return render_application(form, {}, case_number="", center_name=center_name, date_text="______年____月____日",
                              blank=True)


def render_application(form: FormDefinition, values: Mapping[str, str], *, case_number: str, center_name: str,
                       date_text: str, blank: bool = False) -> bytes:
    """A4 PDF: title, case number, the fields in their sections (a section heading spans the table),
    and the applicant's declaration and signature kept together. A long form flows onto further
    pages, each headed with the title and case number and numbered 第x页/共y页."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

    from clerk_app.documents.pdf import _numbered_canvas, _p, _styles
    from clerk_app.fonts import check_glyphs, register_font

    declaration = "本人承诺以上填报内容真实、合法、有效，并对其真实性负责。"
    legend = "带 * 的为必填项"
    texts = [form.title, case_number, center_name, date_text, declaration, legend, form.signature,
             *(f.label for f in form.fields), *(f.section for f in form.fields), *values.values(),
             *(["□", *(c for f in form.fields for c in f.choices)] if blank else [])]
    check_glyphs(texts)
    font = register_font()
    st = _styles(font)
    grey, dark = colors.HexColor("#f2f2f2"), colors.HexColor("#d9d9d9")
    rows: list[tuple[list[object], bool]] = []  # (cells, is a section heading)
    heights: list[float] = []  # the least height of each row: room to write by hand on a blank form
    for f in form.fields:
        if f.section:
            rows.append(([_p(f.section, st["heading"]), ""], True))
            heights.append(0.0)
        answer = values.get(f.key, "")
        if blank and f.type is FieldType.CHOICE:
            answer = "　".join(f"□{c}" for c in f.choices)
        rows.append(([_p(f.label + (REQUIRED_MARK if f.required else ""), st["cellhead"]),
                      _p(answer, st["cell"])], False))
        heights.append(BLANK_HEIGHTS.get(f.type, BLANK_HEIGHTS[FieldType.TEXT]) if blank else 0.0)
    width, height = A4
    margin = 20 * mm
    label_width, value_width = 55 * mm - 12, width - 2 * margin - 55 * mm - 12  # less the cell padding
    natural = [max(least, max(cell.wrap(w, height)[1] for cell, w in  # type: ignore[attr-defined]
                              zip(cells, (label_width + value_width,) if heading else (label_width, value_width),
                                  strict=False)) + 6)
               for (cells, heading), least in zip(rows, heights, strict=True)]

    def first_split(start: int) -> int:
        # A heading never ends a page alone: it takes its first row along, or the start of that
        # row when it is a long answer that may split.
        long_answer = not blank and start + 1 < len(rows) and natural[start + 1] > LONG_ROW
        return 1 if long_answer else 2

    def table(start: int, stop: int, split: bool) -> Table:
        part = rows[start:stop]
        commands: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BACKGROUND", (0, 0), (0, -1), grey)]
        for r, (_cells, heading) in enumerate(part):
            if heading:
                commands += [("SPAN", (0, r), (1, r)), ("BACKGROUND", (0, r), (1, r), dark)]
        # A long answer is split inside its row rather than pushed whole to the next page, which
        # left pages half empty; an empty row to write in is never cut in two.
        t = Table([cells for cells, _h in part], colWidths=[55 * mm, width - 2 * margin - 55 * mm],
                  splitInRow=1 if split and not blank else 0, minRowHeights=heights[start:stop],
                  rowSplitRange=(first_split(start), -1) if part[0][1] else None)
        t.setStyle(TableStyle(commands))
        return t

    # The last rows (up to TAIL_HEIGHT) travel with the declaration and signature, so a signature
    # never stands alone on a page that shows none of what was signed. A taller last row splits
    # across pages instead and the signature follows straight after its end.
    tail = 0
    tail_height = 0.0
    for row_height in reversed(natural):
        tail_height += row_height
        if tail == TAIL_ROWS or tail_height > TAIL_HEIGHT:
            break
        tail += 1
    if 0 < tail < len(rows) and rows[len(rows) - tail - 1][1]:
        tail += 1  # the heading of the last rows goes with them
    body: list[Table] = []
    start = 0
    for i in range(1, len(rows) - tail + 1):
        if i == len(rows) - tail or rows[i][1]:  # a section heading starts the next table
            body.append(table(start, i, split=True))
            start = i

    def continued(canvas, _doc) -> None:  # type: ignore[no-untyped-def]
        # A page torn from the rest still says which form and case it belongs to.
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawString(margin, height - 12 * mm, f"{form.title}（续）")
        if case_number:
            canvas.drawRightString(width - margin, height - 12 * mm, f"办件编号：{case_number}")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=18 * mm,
                            bottomMargin=20 * mm, title=form.title, author=center_name,
                            initialFontName=font)  # the default, Helvetica, would be left unembedded
    story = [_p(center_name, st["center"]), _p(form.title, st["title"]), Spacer(1, 4 * mm),
             _p(f"办件编号：{case_number or '（窗口填写）____________'}", st["right"]), _p(legend, st["small"]), Spacer(1, 1 * mm), *body,
             KeepTogether([*([table(len(rows) - tail, len(rows), split=False)] if tail else []), Spacer(1, 6 * mm),
                           _p(declaration, st["body"]), Spacer(1, 6 * mm),
                           _p(f"{form.signature}：____________________", st["body"]), Spacer(1, 4 * mm),
                           _p(f"日期：{date_text}", st["body"])])]
    doc.build(story, onLaterPages=continued, canvasmaker=_numbered_canvas(f"{form.title}　{center_name}", font))
    return buf.getvalue()
