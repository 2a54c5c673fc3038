"""The 受理回执 (acceptance receipt): ESC/POS bytes for 58/80 mm thermal printers, and an A4 PDF
fallback for counters whose thermal printer is down. Both come from ``receipt_lines`` so they
always say the same thing. The ID number is masked: receipts get left on counters."""

from __future__ import annotations

import io

from clerk_app.devices.printer.escpos import EscPosEncoder, char_width, display_width
from clerk_app.documents.context import NoticeContext, cn_date, cn_datetime

TITLE = "受理回执"


def receipt_lines(ctx: NoticeContext) -> list[tuple[str, str]]:
    """(label, value) pairs in print order; rows without a value are left out."""
    due = cn_date(ctx.due_date) + ("（暂定，节假日未公布）" if ctx.due_provisional and ctx.due_date else "")
    rows = [
        ("办件编号", ctx.case_number),
        ("文书编号", ctx.document_number),
        ("办理事项", ctx.matter.name),
        ("办理部门", ctx.matter.department),
        ("申请人", ctx.applicant.name),
        ("证件号码", ctx.applicant.id_masked),
        ("代理人", ctx.agent.name if ctx.agent else ""),
        ("受理方式", ctx.accept_mode),
        ("受理时间", cn_datetime(ctx.accepted_at or ctx.received_at)),
        ("承诺办结", due),
        ("特别程序", "、".join(ctx.matter.special_procedures) + "（所需时间不计入承诺时限）"
         if ctx.matter.special_procedures else ""),
        ("容缺补齐", f"请于{cn_date(ctx.rongque_due)}前补齐" if ctx.rongque_due else ""),
        ("结果送达", ctx.delivery.mode),
        ("受理窗口", f"{ctx.window.number}号窗口　{ctx.window.clerk_name}"),
        ("咨询电话", ctx.center.phone),
        ("监督电话", ctx.center.supervision_phone),
    ]
    return [(label, value) for label, value in rows if value]


def wrap(text: str, columns: int, indent: int = 0) -> list[str]:
    """Break ``text`` into lines of at most ``columns`` half-width columns (CJK counts two);
    continuation lines are indented by ``indent`` columns so values line up after their label."""
    lines: list[str] = []
    current, width = "", 0
    for ch in text:
        w = char_width(ch)
        if width + w > columns:
            lines.append(current)
            current, width = " " * indent, indent
        current += ch
        width += w
    lines.append(current)
    return lines


def receipt_escpos(ctx: NoticeContext, width_mm: int = 80, encoding: str = "gb18030") -> bytes:
    enc = EscPosEncoder(encoding=encoding, width_mm=width_mm).init()
    enc.align("center").bold(True)
    for line in wrap(ctx.center.name, enc.columns):
        enc.line(line)
    enc.size(2, 2).line(TITLE).size(1, 1).bold(False).align("left").rule("-")
    for label, value in receipt_lines(ctx):
        # Labels padded to four Hanzi so the values start in one column.
        head = label.ljust(4, "\u3000") + "："
        for line in wrap(head + value, enc.columns, indent=display_width(head)):
            enc.line(line)
    enc.rule("-").align("center").qr(ctx.case_number, module_size=6 if width_mm == 80 else 5)
    enc.line("扫码或凭办件编号查询办理进度").line(cn_date(ctx.issued_on)).feed(3).cut(partial=True)
    return enc.to_bytes()


def receipt_pdf(ctx: NoticeContext) -> bytes:
    """The same receipt on A4, for a laser printer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from clerk_app.documents.pdf import MARGIN, QrFlowable, _make_table, _p, _styles
    from clerk_app.fonts import check_glyphs, register_font

    font = register_font()
    styles = _styles(font)
    rows = receipt_lines(ctx)
    check_glyphs([TITLE, ctx.center.name, *(label + value for label, value in rows)])
    width = A4[0] - 2 * MARGIN
    table = _make_table([[_p(label, styles["cell"]), _p(value, styles["cell"])] for label, value in rows],
                        [30 * mm, width - 30 * mm - 30 * mm], [("VALIGN", (0, 0), (-1, -1), "TOP")], font)
    body = _make_table([[table, QrFlowable(ctx.case_number, 26 * mm)]], [width - 30 * mm, 30 * mm],
                       [("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT")], font)
    story = [_p(ctx.center.name, styles["center"]), _p(TITLE, styles["title"]), Spacer(1, 4 * mm), body,
             Spacer(1, 4 * mm), _p("扫码或凭办件编号查询办理进度。" + cn_date(ctx.issued_on), styles["small"])]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN, title=TITLE, subject=ctx.case_number, initialFontName=font)
    doc.build(story)
    return out.getvalue()
