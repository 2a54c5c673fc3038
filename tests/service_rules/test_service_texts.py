"""Seed 000 §27(二), seed 001 App. D: the phrase book lists the forbidden phrases, and none of the
app's own service texts uses one: the phrases, every notice in forms/notices, every UI text."""

from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from clerk_app.domain.service_language import forbidden_in
from clerk_app.errors import UserError
from clerk_app.paths import RESOURCES
from clerk_app.services import phrases

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "forms"
SEED_001_APP_D = ["我不知道，你去问XXX", "不行，我说不行就是不行", "不归我管，不清楚", "急什么，没看我正忙着吗！",
                  "我刚才已经说过了，怎么还问", "怎么不说清楚", "找领导去，我管不着", "快点，我下班了", "有牌子，你自己看",
                  "你去投诉好了！"]
SEED_000_27_2 = ["我不知道，你去问XXX", "不行", "不清楚", "急什么，没看我正忙着吗！", "怎么不说清楚", "我不是说过了吗？",
                 "找领导去，我管不着", "快点，我下班了", "有牌子，自己看清楚了再来", "你看不懂汉字吗！"]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _service_texts() -> list[tuple[str, str]]:
    texts = [(f"phrases:{step}", t) for step, ts in phrases.load_phrases().items() for t in ts]
    for path in sorted(FORMS.rglob("*.toml")):  # notices, intake forms, the center file
        texts += [(path.name, t) for t in _strings(tomllib.loads(path.read_text(encoding="utf-8")))]
    ts = ET.parse(RESOURCES / "translations" / "clerk_en.ts")
    texts += [("ui", m.text or "") for m in ts.iter("source")]
    return texts


def test_phrase_book_has_every_forbidden_phrase_of_both_seeds() -> None:
    assert set(SEED_001_APP_D) | set(SEED_000_27_2) <= set(phrases.forbidden_phrases())


def test_no_service_text_of_the_app_uses_a_forbidden_phrase() -> None:
    texts = _service_texts()
    assert len(texts) > 700  # phrases, every notice and every UI text were read
    bad = [(where, text, [v.phrase for v in found]) for where, text in texts
           if (found := forbidden_in(text, phrases.forbidden_phrases()))]
    assert bad == []


def test_an_edited_phrase_book_with_a_forbidden_phrase_is_refused(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    book = (RESOURCES / "phrases" / "zh_CN.toml").read_text(encoding="utf-8")
    (tmp_path / "phrases").mkdir()
    (tmp_path / "phrases" / "zh_CN.toml").write_text(
        book.replace('waiting = ["对不起，让您久等了。"', 'waiting = ["急什么，没看我正忙着吗！"'), encoding="utf-8")
    monkeypatch.setattr(phrases, "RESOURCES", tmp_path)
    phrases.load_phrases.cache_clear()
    try:
        with pytest.raises(UserError, match="“waiting”的用语含有服务禁忌用语“急什么，没看我正忙着吗！”"):
            phrases.load_phrases()
    finally:
        phrases.load_phrases.cache_clear()
