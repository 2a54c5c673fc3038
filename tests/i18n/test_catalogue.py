"""The translation catalogue itself: clerk_en.ts covers every text the UI marks, each one finished and
with its arguments; the committed clerk_en.qm is what lrelease makes of it; no Chinese literal in the
UI escapes the translation functions."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "clerk_en.ts"
QM = TS.with_suffix(".qm")
SOURCES = sorted((ROOT / "clerk_app" / "ui").rglob("*.py")) + [ROOT / "clerk_app" / "i18n.py"]
PLACEHOLDER = re.compile(r"%(?:[1-9]|n)")
CJK = re.compile(r"[\u3400-\u9fff]")
# Chinese literals in the UI that are data, not display text: a domain value compared against and a
# reason stored with the record. Anything else Chinese must go through tr/translate/QT_TRANSLATE_NOOP.
DATA_LITERALS = {"非必要", "带班负责人催办"}


def qt_tool(name: str) -> str:
    tool = Path(sys.executable).parent / name
    found = str(tool) if tool.exists() else shutil.which(name)
    assert found, f"{name} is missing: it comes with PySide6 (pip install PySide6-Essentials)"
    return found


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(ctx.findtext("name", ""), msg.findtext("source", ""), msg)
            for ctx in root.iter("context") for msg in ctx.iter("message")]


def translations(msg: ET.Element) -> list[str]:
    node = msg.find("translation")
    assert node is not None
    forms = node.findall("numerusform")
    return [f.text or "" for f in forms] if msg.get("numerus") == "yes" else [node.text or ""]


def test_catalogue_is_large_and_all_finished() -> None:
    entries = messages(TS)
    assert len(entries) > 250
    unfinished = [(c, s) for c, s, m in entries
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
                  or not all(t.strip() for t in translations(m))]
    assert unfinished == []


def test_every_argument_survives_translation() -> None:
    wrong = []
    for context, source, msg in messages(TS):
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        for text in translations(msg):
            if sorted(set(PLACEHOLDER.findall(text))) != wanted:
                wrong.append((context, source, text))
    assert wrong == []


def test_plural_messages_have_both_english_forms() -> None:
    plurals = [(s, translations(m)) for _c, s, m in messages(TS) if m.get("numerus") == "yes"]
    assert len(plurals) >= 3
    assert all(len(forms) == 2 and forms[0] != forms[1] for _s, forms in plurals)


def test_catalogue_covers_every_text_in_the_code(tmp_path: Path) -> None:
    """lupdate over today's code finds nothing the committed catalogue lacks (run
    scripts/update-translations.sh and translate when this fails)."""
    fresh = tmp_path / "clerk_en.ts"
    shutil.copy(TS, fresh)
    subprocess.run([qt_tool("pyside6-lupdate"), *map(str, SOURCES), "-source-language", "zh_CN",
                    "-target-language", "en", "-no-obsolete", "-ts", str(fresh)],
                   check=True, capture_output=True, timeout=120)
    committed = {(c, s) for c, s, _ in messages(TS)}
    found = {(c, s) for c, s, _ in messages(fresh)}
    assert found - committed == set(), "texts in the code without a translation"
    assert committed - found == set(), "stale texts in the catalogue"


def test_committed_qm_is_what_lrelease_makes_of_the_ts(tmp_path: Path) -> None:
    out = tmp_path / "clerk_en.qm"
    subprocess.run([qt_tool("pyside6-lrelease"), "-nounfinished", str(TS), "-qm", str(out)],
                   check=True, capture_output=True, timeout=120)
    assert out.read_bytes() == QM.read_bytes(), "clerk_en.qm is stale: run scripts/update-translations.sh"


def _untranslated(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    marked: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("tr", "translate", "QT_TRANSLATE_NOOP"):
                marked.update(id(a) for a in node.args)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr):
                marked.add(id(first.value))  # docstrings
    return [f"{path.name}:{n.lineno} {n.value!r}" for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value)
            and id(n) not in marked and n.value not in DATA_LITERALS]


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_no_chinese_literal_escapes_translation(path: Path) -> None:
    assert _untranslated(path) == []
