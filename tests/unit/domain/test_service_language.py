"""Seed 000 §27(二) and seed 001 App. D: forbidden phrases, and the rule that finds them in a text."""

from __future__ import annotations

from clerk_app.domain.service_language import forbidden_in

SEED_001_APP_D = ["我不知道，你去问XXX", "不行，我说不行就是不行", "不归我管，不清楚", "急什么，没看我正忙着吗！",
                  "我刚才已经说过了，怎么还问", "怎么不说清楚", "找领导去，我管不着", "快点，我下班了", "有牌子，你自己看",
                  "你去投诉好了！"]
SEED_000_27_2 = ["我不知道，你去问XXX", "不行", "不清楚", "急什么，没看我正忙着吗！", "怎么不说清楚", "我不是说过了吗？",
                 "找领导去，我管不着", "快点，我下班了", "有牌子，自己看清楚了再来", "你看不懂汉字吗！"]


def test_seed_000_27_2_and_001_app_d_phrases_are_found_in_what_a_clerk_might_say() -> None:
    """Seed 000 §27(二) / seed 001 App. D: each phrase is caught, with a name in place of XXX."""
    forbidden = SEED_001_APP_D + SEED_000_27_2
    assert [v.phrase for v in forbidden_in("我不知道，你去问民政局的张科长吧。", forbidden)] == ["我不知道，你去问XXX"]
    assert forbidden_in("这个不归我管。", forbidden)[0].phrase == "不归我管，不清楚"
    assert forbidden_in("不行。", forbidden)[0].phrase == "不行，我说不行就是不行"
    assert forbidden_in("你看不懂汉字吗", forbidden)[0].phrase == "你看不懂汉字吗！"
    assert forbidden_in("快点，我下班了", forbidden)
    for phrase in forbidden:  # every listed phrase is caught in its own words
        assert forbidden_in(phrase.replace("XXX", "窗口"), [phrase]), phrase


def test_seed_000_27_2_short_words_are_forbidden_only_when_said_alone() -> None:
    """"不行"/"不清楚" said to an applicant is forbidden; inside an instruction it is ordinary Chinese."""
    forbidden = SEED_000_27_2
    assert forbidden_in("字迹不清楚的，请重新提交。", forbidden) == []
    assert forbidden_in("不行使该权利的，视为放弃。", forbidden) == []
    assert forbidden_in("您好，请坐，很高兴为您服务。", forbidden) == []
    assert [v.clause for v in forbidden_in("不清楚！", forbidden)] == ["不清楚"]
