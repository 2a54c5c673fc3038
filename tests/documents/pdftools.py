"""Read rendered PDFs back with poppler, as a person or an archive system would."""

from __future__ import annotations

import subprocess
from pathlib import Path


def pdf_text(pdf: bytes, tmp: Path, name: str = "doc.pdf", layout: bool = True) -> str:
    """With ``layout`` the page as laid out (columns side by side); without it, reading order,
    which keeps the wrapped lines of one table cell together."""
    path = tmp / name
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def flat_text(pdf: bytes, tmp: Path) -> str:
    """Reading-order text with all white space removed (line breaks fall anywhere in CJK)."""
    return "".join(pdf_text(pdf, tmp, layout=False).split())


def pdf_pages(pdf: bytes, tmp: Path, name: str = "doc.pdf", layout: bool = True) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    return pdf_text(pdf, tmp, name, layout).split("\f")[:-1]


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


def fonts_of(pdf: bytes, text: str, page: int = 0) -> set[str]:
    """The names of the fonts that draw the first occurrence of ``text`` on ``page`` (pdfium's
    reading of the text layer: which face each character was set in)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(pdf)
    try:
        textpage = doc[page].get_textpage()
        chars: list[str] = []
        fonts: list[str] = []
        buf = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        for i in range(raw.FPDFText_CountChars(textpage)):
            chars.append(chr(raw.FPDFText_GetUnicode(textpage, i)))
            size = raw.FPDFText_GetFontInfo(textpage, i, buf, len(buf), ctypes.byref(flags))
            fonts.append(buf.value.decode("utf-8", "replace") if size else "")
    finally:
        doc.close()
    start = "".join(chars).find(text)
    assert start >= 0, f"{text!r} not on page {page}"
    return set(fonts[start:start + len(text)])
