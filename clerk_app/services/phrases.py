"""Standard service phrases per step (seed 001 App. C; seed 000 §26), from an editable file."""

from __future__ import annotations

import tomllib
from functools import cache

from clerk_app.errors import UserError
from clerk_app.paths import RESOURCES

STEPS = ("greet", "identity", "matter", "materials", "capture", "incomplete", "tell_commit", "accepted",
         "rejected", "delivery", "rating", "farewell", "consult", "complaint", "waiting")


@cache
def load_phrases(language: str = "zh_CN") -> dict[str, tuple[str, ...]]:
    path = RESOURCES / "phrases" / f"{language}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"服务用语文件 {path} 无法读取：{exc}。") from exc
    steps = data.get("steps", {})
    missing = [s for s in STEPS if not steps.get(s)]
    if missing:
        raise UserError(f"服务用语文件 {path} 缺少这些步骤的用语：{'、'.join(missing)}。")
    from clerk_app.domain.service_language import forbidden_in

    forbidden = [p for lst in data.get("forbidden", {}).values() for p in lst]
    for step, texts in steps.items():  # an edited phrase book may not put a forbidden phrase in a clerk's mouth
        for text in texts:
            found = forbidden_in(text, forbidden)
            if found:
                raise UserError(f"服务用语文件 {path} 中“{step}”的用语含有服务禁忌用语“{found[0].phrase}”，请改用规范用语。")
    return {k: tuple(v) for k, v in steps.items()}


def phrase_for(step: str, language: str = "zh_CN") -> str:
    return load_phrases(language)[step][0]


@cache
def forbidden_phrases(language: str = "zh_CN") -> tuple[str, ...]:
    """禁忌用语 from the phrase book (seed 000 §27(二), seed 001 App. D), every list of ``[forbidden]``."""
    path = RESOURCES / "phrases" / f"{language}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"服务用语文件 {path} 无法读取：{exc}。") from exc
    lists = data.get("forbidden", {})
    return tuple(dict.fromkeys(p for key in sorted(lists) for p in lists[key]))


def check_service_text(text: str, language: str = "zh_CN") -> None:
    """Refuses a service text (a phrase, a notice's wording) that uses a forbidden phrase."""
    from clerk_app.domain.service_language import forbidden_in

    found = forbidden_in(text, forbidden_phrases(language))
    if found:
        raise UserError(f"这段用语含有服务禁忌用语“{found[0].phrase}”，请改用规范用语。")
