"""Golden bytes of the ESC/POS encoder."""

from __future__ import annotations

import pytest

from clerk_app.devices.printer.escpos import EscPosEncoder, display_width
from clerk_app.errors import UserError


def test_golden_chinese_text_gb18030() -> None:
    assert EscPosEncoder().text("中文票据").to_bytes() == bytes.fromhex("d6d0cec4c6b1bedd")


def test_golden_yuan_sign() -> None:
    assert EscPosEncoder().text("￥").to_bytes() == bytes.fromhex("a3a4")


def test_punctuation_only_text_is_not_question_marks() -> None:
    out = EscPosEncoder().text("，：【】").to_bytes()
    assert b"?" not in out
    assert out == "，：【】".encode("gb18030")


def test_init_turns_on_hanzi_mode_for_gb_encodings_only() -> None:
    assert EscPosEncoder("gb18030").init().to_bytes() == b"\x1b@\x1c&"
    assert EscPosEncoder("gbk").init().to_bytes() == b"\x1b@\x1c&"
    assert EscPosEncoder("utf-8").init().to_bytes() == b"\x1b@\x1c."


def test_utf8_encoding() -> None:
    assert EscPosEncoder("utf-8").text("中").to_bytes() == "中".encode()


def test_gbk_lacks_rare_character_named_in_error() -> None:
    with pytest.raises(UserError) as info:
        EscPosEncoder("gbk").text("张㐀丽€")
    assert "U+3400" in info.value.message
    assert "GBK" in info.value.message


def test_gb18030_encodes_extension_a_as_four_bytes() -> None:
    assert EscPosEncoder().text("㐀").to_bytes() == bytes.fromhex("8139ee39")


def test_control_characters_refused() -> None:
    with pytest.raises(UserError, match=r"U\+001B"):
        EscPosEncoder().text("a\x1b@b")


def test_modes_bytes() -> None:
    enc = EscPosEncoder().align("center").size(2, 3).bold().bold(False).align("right").align("left")
    assert enc.to_bytes() == b"\x1ba\x01\x1d!\x12\x1bE\x01\x1bE\x00\x1ba\x02\x1ba\x00"


def test_chars_per_line_and_rule() -> None:
    assert EscPosEncoder(width_mm=58).chars_per_line == 32
    assert EscPosEncoder(width_mm=80).chars_per_line == 48
    assert EscPosEncoder(width_mm=58).rule().to_bytes() == b"-" * 32 + b"\n"
    assert EscPosEncoder(width_mm=80).rule("=").to_bytes() == b"=" * 48 + b"\n"
    assert EscPosEncoder(width_mm=58).rule("－").to_bytes() == "－".encode("gb18030") * 16 + b"\n"
    assert EscPosEncoder(width_mm=80).size(2, 2).rule().to_bytes().endswith(b"-" * 24 + b"\n")


def test_pair_fills_the_line() -> None:
    out = EscPosEncoder(width_mm=58).pair("金额", "￥12.00").to_bytes().decode("gb18030")
    assert out.endswith("\n")
    assert display_width(out[:-1]) == 32
    assert out.startswith("金额 ") and out.rstrip("\n").endswith("￥12.00")


def test_pair_too_long_wraps_right_part() -> None:
    out = EscPosEncoder(width_mm=58).pair("事项" * 8, "右").to_bytes().decode("gb18030")
    first, second, _ = out.split("\n")
    assert first == "事项" * 8
    assert second == " " * 30 + "右"


def test_display_width() -> None:
    assert display_width("中文AB") == 6
    assert display_width("ＡＢ") == 4
    assert display_width("") == 0


def test_qr_native_bytes() -> None:
    out = EscPosEncoder().qr("ABC", module_size=5).to_bytes()
    assert out == (
        b"\x1d(k\x04\x00\x31\x41\x32\x00"
        b"\x1d(k\x03\x00\x31\x43\x05"
        b"\x1d(k\x03\x00\x31\x45\x31"
        b"\x1d(k\x06\x00\x31\x50\x30ABC"
        b"\x1d(k\x03\x00\x31\x51\x30"
    )


def test_qr_long_data_length_bytes() -> None:
    data = "码" * 100  # 300 UTF-8 bytes -> pL pH = 303 = 0x012F
    out = EscPosEncoder().qr(data).to_bytes()
    assert b"\x1d(k\x2f\x01\x31\x50\x30" + data.encode() in out


def test_qr_too_long_is_user_error() -> None:
    with pytest.raises(UserError):
        EscPosEncoder().qr("x" * 3000)


def test_feed_and_cut() -> None:
    assert EscPosEncoder().feed(3).cut().to_bytes() == b"\x1bd\x03\x1dV\x00"
    assert EscPosEncoder().cut(partial=True).to_bytes() == b"\x1dV\x01"
    assert EscPosEncoder().cut(feed_lines=4).to_bytes() == b"\x1dVA\x04"


def test_bad_configuration_is_user_error() -> None:
    with pytest.raises(UserError):
        EscPosEncoder("big5")
    with pytest.raises(UserError):
        EscPosEncoder(width_mm=76)
