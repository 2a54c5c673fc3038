"""A4 printing through Qt: QPrinter's PDF output works offscreen and keeps every page."""

from __future__ import annotations

import subprocess
from pathlib import Path

from clerk_app.documents.context import demo_context
from clerk_app.documents.pdf import render_notice
from clerk_app.documents.templates import load_template


def test_qprinter_pdf_output_has_every_page_at_a4(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.documents.printing import print_to_pdf_file

    pdf = render_notice(load_template("one_time_notice"), demo_context(missing=40))
    out = tmp_path / "printed.pdf"
    print_to_pdf_file(pdf, str(out))
    info = subprocess.run(["pdfinfo", str(out)], check=True, capture_output=True, text=True).stdout
    src = tmp_path / "src.pdf"
    src.write_bytes(pdf)
    src_info = subprocess.run(["pdfinfo", str(src)], check=True, capture_output=True, text=True).stdout
    pages = next(line for line in info.splitlines() if line.startswith("Pages:"))
    assert pages == next(line for line in src_info.splitlines() if line.startswith("Pages:"))
    assert int(pages.split()[1]) >= 4
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    assert "(A4)" in size
