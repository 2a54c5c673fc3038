"""The thermal receipt: GB18030 text, masked ID, native QR and a cut; and its A4 fallback."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from clerk_app.devices.printer.escpos import display_width
from clerk_app.documents.context import demo_context
from clerk_app.documents.receipts import receipt_escpos, receipt_pdf

from .pdftools import pdf_fonts, pdf_text

GS_QR = b"\x1d(k"


def _text_lines(data: bytes) -> list[str]:
    """The printable lines: command bytes before the QR stripped, QR payload removed."""
    head, _, tail = data.partition(GS_QR)
    text = head.decode("gb18030")
    lines = []
    for raw in text.split("\n"):
        # drop ESC/GS/FS commands and their argument bytes
        cleaned = raw
        for cmd in ("\x1b@", "\x1c&", "\x1ba\x00", "\x1ba\x01", "\x1bE\x01", "\x1bE\x00", "\x1d!\x11", "\x1d!\x00"):
            cleaned = cleaned.replace(cmd, "")
        lines.append(cleaned)
    return lines


@pytest.mark.parametrize(("width", "columns"), [(58, 32), (80, 48)])
def test_receipt_lines_masked_id_qr_and_cut(width: int, columns: int) -> None:
    ctx = demo_context()
    data = receipt_escpos(ctx, width_mm=width)
    lines = _text_lines(data)
    assert lines[0] == ctx.center.name and lines[1] == "受理回执"
    body = "".join(line.strip() for line in lines)
    for expected in (ctx.case_number, ctx.matter.name, ctx.applicant.name, "410102********1234",
                     "2026年3月6日", "现场核查", "2026年3月12日"):
        assert expected in body, expected
    assert ctx.applicant.id_number.encode() not in data
    assert all(display_width(line) <= columns for line in lines), [line for line in lines
                                                                    if display_width(line) > columns]
    # QR: model, size, error level, store (payload = case number) and print functions.
    store = GS_QR + bytes([len(ctx.case_number) + 3, 0]) + b"\x31\x50\x30" + ctx.case_number.encode()
    assert store in data and GS_QR + b"\x03\x00\x31\x51\x30" in data
    assert data.rstrip(b"\x00").endswith(b"\x1dV\x01")  # partial cut is the last command


def test_provisional_due_date_is_said_on_the_receipt() -> None:
    data = receipt_escpos(replace(demo_context(), due_provisional=True), width_mm=80)
    assert "暂定" in data.split(GS_QR)[0].decode("gb18030")


def test_a4_fallback_receipt(tmp_path: Path) -> None:
    ctx = demo_context()
    pdf = receipt_pdf(ctx)
    flat = "".join(pdf_text(pdf, tmp_path).split())
    for expected in ("受理回执", ctx.case_number, ctx.applicant.name, "410102********1234"):
        assert expected in flat
    assert all(emb == "yes" for _, emb in pdf_fonts(pdf, tmp_path))
