#!/usr/bin/env python3
"""Build the two notice faces in resources/fonts/ from Debian's packages (run by `make notice-fonts`).

GB/T 9704 sets an official document's title in 小标宋 and its body in 仿宋. The freely licensed
faces that fit are Noto Serif CJK SC Bold (SIL OFL 1.1, Debian `fonts-noto-cjk`) and FandolFang
(GPL v3 with the font exception, CTAN, Debian `texlive-lang-chinese`). Both ship as CFF OpenType,
which reportlab cannot embed, and both are large (27 MB TTC, 7 MB). So this script:

* subsets each face to GB2312 (the characters every Chinese office font covers), ASCII, the
  punctuation of notices, and every character of forms/, the catalogue and the demo data —
  a citizen's rarer character falls back to WenQuanYi glyph by glyph (clerk_app/fonts.py);
* converts the cubic CFF outlines to quadratic TrueType outlines (cu2qu), which reportlab embeds
  and subsets per document;
* keeps the name table, so the copyright and licence travel with each file.

Needs fontTools (build-time only, not an app dependency) and apt-get; the packages are fetched
with `apt-get download` into a temporary folder. The output is deterministic for the same inputs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "fonts"

# (package, path inside the package, subfont name or None, output file)
FACES = [
    ("fonts-noto-cjk", "usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC Bold",
     "NotoSerifCJKsc-Bold-subset.ttf"),
    ("texlive-lang-chinese", "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf",
     None, "FandolFang-Regular-subset.ttf"),
]
# Text sources whose every character must be in both faces (templates, catalogue, demo data).
TEXT_SOURCES = ["forms", "resources/catalogue", "resources/phrases", "resources/demo",
                "clerk_app/documents", "clerk_app/services/demo.py"]
EXTRA = ("，。、；：？！（）《》“”‘’「」『』【】〔〕…—·・％‰℃①②③④⑤⑥⑦⑧⑨⑩　"
         "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ□☑✓×")


def gb2312() -> set[int]:
    chars: set[int] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def wanted_codepoints() -> set[int]:
    wanted = gb2312() | set(range(0x20, 0x7F)) | {ord(c) for c in EXTRA}
    for source in TEXT_SOURCES:
        path = ROOT / source
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for f in files:
            try:
                wanted |= {ord(c) for c in f.read_text(encoding="utf-8") if ord(c) >= 0x20}
            except (UnicodeDecodeError, OSError):
                continue
    return wanted


def fetch(package: str, inner: str, work: Path) -> Path:
    subprocess.run(["apt-get", "download", package], cwd=work, check=True, capture_output=True)
    deb = next(work.glob(f"{package}_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(work / "x")], check=True)
    return work / "x" / inner


def open_face(path: Path, subfont: str | None) -> TTFont:
    if subfont is None:
        return TTFont(str(path))
    for face in TTCollection(str(path)).fonts:
        if face["name"].getDebugName(4) == subfont:
            return face
    raise SystemExit(f"{subfont} not in {path}")


def cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF outlines by TrueType ones (tolerance 1 unit of 1000: invisible)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID fonts have none worth keeping
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True
    font.recalcTimestamp = False  # the same inputs give the same bytes


def build(source: Path, subfont: str | None, out: Path, wanted: set[int]) -> None:
    font = open_face(source, subfont)
    options = subset.Options()
    options.layout_features = []  # reportlab sets no OpenType features
    options.name_IDs = ["*"]  # copyright, licence and its URL stay in the file
    options.name_languages = ["*"]
    options.hinting = False
    options.notdef_outline = True
    options.drop_tables += ["VORG", "vhea", "vmtx", "GSUB", "GPOS", "BASE", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted))
    subsetter.subset(font)
    cff_to_glyf(font)
    font.save(str(out))
    print(f"{out.relative_to(ROOT)}: {out.stat().st_size / 1e6:.1f} MB, "
          f"{len(font.getBestCmap())} characters")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-dir", type=Path, help="an unpacked tree of the two packages (skips apt-get)")
    args = parser.parse_args()
    wanted = wanted_codepoints()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for package, inner, subfont, name in FACES:
            source = args.from_dir / inner if args.from_dir else fetch(package, inner, work)
            build(source, subfont, OUT / name, wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
