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
    return {k: tuple(v) for k, v in steps.items()}


def phrase_for(step: str, language: str = "zh_CN") -> str:
    return load_phrases(language)[step][0]
