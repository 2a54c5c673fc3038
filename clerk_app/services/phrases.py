"""Standard service phrases per step (seed 001 App. C; seed 000 §26), from an editable file.

A phrase may name the case's values in braces — ``{center}``, ``{matter}``, ``{materials}``,
``{missing}``, ``{limit}`` — filled from the case at the counter; a value the screen does not know
yet falls back to a neutral wording, so no "XX" is ever read out. ``outcome_step`` picks the phrase
that fits what was decided (no "资料已收到…办结" after a rejection).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from functools import cache

from clerk_app.errors import UserError
from clerk_app.paths import RESOURCES

STEPS = ("greet", "identity", "matter", "materials", "capture", "incomplete", "tell_commit", "accepted",
         "rejected", "delivery", "rating", "farewell", "consult", "complaint", "waiting")
# What a placeholder says when the case does not (yet) tell: never "XX".
FALLBACKS = {"center": "政务服务中心", "matter": "本事项", "materials": "有关申报材料", "missing": "所缺材料",
             "limit": "在承诺时限内"}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
MAX_LISTED = 3


@cache
def load_phrases(language: str = "zh_CN") -> dict[str, tuple[str, ...]]:
    path = RESOURCES / "phrases" / f"{language}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError("phrases.unreadable", path=path, reason=exc) from exc
    steps = data.get("steps", {})
    missing = [s for s in STEPS if not steps.get(s)]
    if missing:
        raise UserError("phrases.missing_steps", path=path, steps=missing)
    from clerk_app.domain.service_language import forbidden_in

    forbidden = [p for lst in data.get("forbidden", {}).values() for p in lst]
    for step, texts in steps.items():  # an edited phrase book may not put a forbidden phrase in a clerk's mouth
        for text in texts:
            found = forbidden_in(text, forbidden)
            if found:
                raise UserError("phrases.forbidden_in_file", path=path, step=step, phrase=found[0].phrase)
    unknown = sorted({name for texts in steps.values() for t in texts for name in _PLACEHOLDER.findall(t)}
                     - set(FALLBACKS))
    if unknown:
        raise UserError("phrases.unknown_placeholder", path=path, placeholders=unknown, allowed=tuple('{' + k + '}' for k in FALLBACKS))
    return {k: tuple(v) for k, v in steps.items()}


def phrase_for(step: str, values: Mapping[str, str] | None = None, language: str = "zh_CN") -> str:
    """The step's phrase with the case's values filled in (neutral words where a value is unknown)."""
    known = {**FALLBACKS, **{k: v for k, v in (values or {}).items() if v}}
    return _PLACEHOLDER.sub(lambda m: known.get(m.group(1), m.group(0)), load_phrases(language)[step][0])


def listed(names: Sequence[str]) -> str:
    """A few names for the spoken sentence: 甲、乙、丙等 5 项."""
    names = [n for n in names if n]
    if len(names) <= MAX_LISTED:
        return "、".join(names)
    return "、".join(names[:MAX_LISTED]) + f"等 {len(names)} 项"


def limit_words(limit: object) -> str:
    """The matter's promised time limit as spoken: 在5个工作日之内 / 当场."""
    unit = getattr(getattr(limit, "unit", None), "value", "")
    if unit == "即办":
        return "当场"
    if not unit or unit == "无":
        return ""
    return f"在{limit}之内"


def outcome_step(state: str) -> str:
    """The phrase for the end of an intake, by what was decided."""
    return {"rejected": "rejected", "pending_supplement": "incomplete"}.get(state, "accepted")


@cache
def forbidden_phrases(language: str = "zh_CN") -> tuple[str, ...]:
    """禁忌用语 from the phrase book (seed 000 §27(二), seed 001 App. D), every list of ``[forbidden]``."""
    path = RESOURCES / "phrases" / f"{language}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError("phrases.unreadable", path=path, reason=exc) from exc
    lists = data.get("forbidden", {})
    return tuple(dict.fromkeys(p for key in sorted(lists) for p in lists[key]))


def check_service_text(text: str, language: str = "zh_CN") -> None:
    """Refuses a service text (a phrase, a notice's wording) that uses a forbidden phrase."""
    from clerk_app.domain.service_language import forbidden_in

    found = forbidden_in(text, forbidden_phrases(language))
    if found:
        raise UserError("phrases.forbidden", phrase=found[0].phrase)
