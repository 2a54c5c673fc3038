"""Forbidden phrases (禁忌用语): seed 000 §27(二) and seed 001 App. D list what a clerk must never say.

The lists live in the editable phrase book (``resources/phrases/<language>.toml`` ``[forbidden]``);
this module holds the one rule for deciding whether a text uses one. A phrase is matched by its
clauses (split at punctuation, "XXX" standing for any name): a clause of four characters or more
is forbidden anywhere in a text ("找领导去", "我管不着"); a shorter one ("不行", "不清楚") only as a
whole clause of the text, because as a word inside a sentence it is ordinary Chinese
("字迹不清楚的，请重新提交" is a correct instruction, "不清楚。" said to an applicant is not).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CLAUSE_SPLIT = re.compile(r"[，。！？、；：,.!?;:\s（）()“”\"'…—-]+")
PLACEHOLDER = re.compile(r"X{2,}|x{2,}|某某")
SHORT = 4  # clauses shorter than this are forbidden only when said on their own


@dataclass(frozen=True)
class Violation:
    phrase: str   # the forbidden phrase as the phrase book has it
    clause: str   # the part of it found in the text


def clauses(text: str) -> list[str]:
    return [c for c in CLAUSE_SPLIT.split(text) if c]


def _patterns(phrase: str) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for clause in clauses(phrase):
        parts = [re.escape(p) for p in PLACEHOLDER.split(clause)]
        core = ".{0,12}".join(parts)
        if not core.replace("\\", ""):
            continue
        bare = PLACEHOLDER.sub("", clause)
        whole = len(bare) < SHORT
        out.append((clause, re.compile(f"^{core}$" if whole else core)))
    return out


def forbidden_in(text: str, forbidden: Iterable[str]) -> list[Violation]:
    """The forbidden phrases ``text`` uses (seed 000 §27(二); seed 001 App. D), each once."""
    found: list[Violation] = []
    pieces = clauses(text)
    for phrase in dict.fromkeys(forbidden):  # the two seeds share phrases: each reported once
        for clause, pattern in _patterns(phrase):
            if pattern.pattern.startswith("^"):
                hit = any(pattern.match(p) for p in pieces)
            else:
                hit = pattern.search(text) is not None
            if hit:
                found.append(Violation(phrase, clause))
                break
    return found
