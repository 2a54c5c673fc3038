"""The message catalogue (clerk_app/messages.py) and the raise sites agree.

Every code has a Chinese and an English sentence with the same fields; every call that names a code
(``UserError("area.what", **params)``, a subclass, or ``Text(...)``) passes exactly those fields; every
code is used somewhere; and no error is raised with a finished sentence instead of a code. Found by
reading the source (AST), so a sentence reworded, a parameter renamed or a code mistyped fails here.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from clerk_app.errors import UserError
from clerk_app.messages import CATALOGUE, EN, ZH, Text, fields, render

ROOT = Path(__file__).parents[2]
SOURCES = sorted(p for d in ("clerk_app", "sync") for p in (ROOT / d).rglob("*.py") if p.name != "messages.py")
# Keyword arguments of the error classes themselves, not of the sentence.
OWN_KEYWORDS = {"UserError": {"detail"}, "DeviceError": {"state"}, "SyncError": {"permanent", "retry_after"}}
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Site:
    path: Path
    line: int
    codes: tuple[str, ...]  # the literal code(s); several for ``"a" if x else "b"``
    prefix: str | None  # an f-string code (``f"calendar.weekday_{n}"``): the codes it may name
    keywords: frozenset[str] | None  # None when ``**params`` is passed on
    raw: str | None  # a finished sentence passed where a code belongs

    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def _error_classes(trees: dict[Path, ast.Module]) -> dict[str, set[str]]:
    """Each error class (and ``Text``) with the keywords that belong to the class, not the sentence."""
    own: dict[str, set[str]] = {"UserError": set(OWN_KEYWORDS["UserError"]), "Text": set()}
    # the class definitions found in one walk: the fixed point below re-reads only them, not every tree
    class_defs = [node for tree in trees.values() for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    grew = True
    while grew:
        grew = False
        for node in class_defs:
            if node.name in own:
                continue
            bases = [b.id if isinstance(b, ast.Name) else getattr(b, "attr", None) for b in node.bases]
            parent = next((b for b in bases if b in own), None)
            if parent is not None:
                own[node.name] = own[parent] | OWN_KEYWORDS.get(node.name, set())
                grew = True
    return own


def _codes(node: ast.expr) -> tuple[tuple[str, ...], str | None, str | None]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return ((node.value,), None, None) if node.value in CATALOGUE else ((), None, node.value)
    if isinstance(node, ast.IfExp):
        a, pa, ra = _codes(node.body)
        b, pb, rb = _codes(node.orelse)
        return a + b, pa or pb, ra or rb
    if isinstance(node, ast.JoinedStr):
        head = node.values[0]
        if isinstance(head, ast.Constant) and re.fullmatch(r"[a-z_]+\.[a-z_.0-9]*", str(head.value)):
            return (), str(head.value), None
        return (), None, ast.unparse(node)
    return (), None, None  # a variable: checked where it was made


@pytest.fixture(scope="module")
def sites() -> list[Site]:
    # Only a file that names an error class (or ``Text``) can define a subclass or hold a site: the others
    # (most of the sources, ~1 s of CPU to parse) are skipped, growing the names until no file adds one.
    texts = {p: p.read_text("utf-8") for p in SOURCES}
    trees: dict[Path, ast.Module] = {}
    classes = _error_classes(trees)
    while True:
        named = re.compile(r"\b(?:" + "|".join(map(re.escape, classes)) + r")\b")
        more = [p for p, text in texts.items() if p not in trees and named.search(text)]
        if not more:
            break
        trees.update((p, ast.parse(texts[p])) for p in more)
        classes = _error_classes(trees)
    found = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in classes:
                continue
            codes, prefix, raw = _codes(node.args[0])
            spread = any(k.arg is None for k in node.keywords)
            keywords = None if spread else frozenset(k.arg for k in node.keywords if k.arg) - classes[name]
            found.append(Site(path, node.lineno, codes, prefix, keywords, raw))
    return found


def test_every_code_has_both_sentences_with_the_same_fields() -> None:
    for code, (zh, en) in CATALOGUE.items():
        assert re.fullmatch(r"[a-z][a-z_0-9]*(\.[a-z_0-9]+)+", code), code
        assert zh.strip(), (code, "no Chinese")
        assert en.strip() and (re.search("[A-Za-z]", en) or not CJK.search(zh)), (code, "no English")
        assert fields(zh) == fields(en), (code, fields(zh), fields(en))
        assert not fields(zh) & {"code", "detail"}, code  # the error's own arguments


class _Any:
    """A parameter that formats under any format spec (a date's ``%Y-%m-%d``, a number's ``g``)."""

    def __format__(self, spec: str) -> str:
        return "7"

    def __repr__(self) -> str:
        return "7"


def test_every_sentence_renders_with_its_fields() -> None:
    for code, (zh, _en) in CATALOGUE.items():
        params = {name: _Any() for name in fields(zh)}
        for language in (ZH, EN):
            rendered = render(code, params, language)  # a field without its parameter raises KeyError
            assert not any("{" + name + "}" in rendered for name in params), code


def test_raise_sites_pass_exactly_the_fields_of_their_sentence(sites: list[Site]) -> None:
    for site in sites:
        codes = site.codes + tuple(c for c in CATALOGUE if site.prefix and c.startswith(site.prefix))
        if site.keywords is None:
            continue
        for code in codes:
            assert site.keywords == fields(CATALOGUE[code][0]), (site.where(), code, set(site.keywords))


def test_every_code_is_used(sites: list[Site]) -> None:
    text = "\n".join(p.read_text("utf-8") for p in SOURCES)
    used = set(re.findall(r"""["']([a-z][a-z_0-9]*(?:\.[a-z_0-9]+)+)["']""", text))
    prefixes = {s.prefix for s in sites if s.prefix}
    unused = [c for c in CATALOGUE if c not in used and not any(c.startswith(p) for p in prefixes)]
    assert unused == []


def test_no_error_is_raised_with_a_finished_sentence(sites: list[Site]) -> None:
    raw = [(s.where(), s.raw) for s in sites if s.raw is not None]
    assert raw == [], "raise UserError(code, **params) with a code of clerk_app/messages.py (docs/architecture.md)"


def test_an_error_renders_in_either_language_with_enums_and_nested_sentences() -> None:
    from clerk_app.domain.cases import Action, CaseState

    err = UserError("case.illegal_transition", number="C-1", state=CaseState.RECEIVED, action=Action.ARCHIVE)
    assert err.message == "办件 C-1 当前状态为“已接件”，不能执行“归档”。" == str(err)
    assert err.code == "case.illegal_transition" and err.params["number"] == "C-1"
    assert err.text(EN) == "Case C-1 is “已接件”: “归档” is not possible now."  # no label function: Chinese names
    assert err.text(EN, label=lambda m: m.name.title()) == "Case C-1 is “Received”: “Archive” is not possible now."
    outer = UserError("case.decision_not_allowed", decision="X", why=Text("intake.unchecked", materials=["甲", "乙"]))
    assert outer.message == "不能X：还有材料未核验：甲、乙。"
    assert outer.text(EN) == "Cannot X: Materials not checked yet: 甲, 乙."
