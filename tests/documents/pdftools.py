"""Read rendered PDFs back with poppler, as a person or an archive system would."""

from __future__ import annotations

import subprocess
from pathlib import Path


def pdf_text(pdf: bytes, tmp: Path, name: str = "doc.pdf") -> str:
    path = tmp / name
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def pdf_pages(pdf: bytes, tmp: Path, name: str = "doc.pdf") -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    return pdf_text(pdf, tmp, name).split("\f")[:-1]


def pdf_fonts(pdf: bytes, tmp: Path, name: str = "fonts.pdf") -> list[tuple[str, str]]:
    """(font name, emb column) for every font object in the file."""
    path = tmp / name
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    result = []
    for row in rows:
        parts = row.split()
        # columns: name type [type...] encoding emb sub uni id gen; emb is 5th from the end.
        result.append((parts[0], parts[-5]))
    return result
