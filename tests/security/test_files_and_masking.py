"""File encryption with the profile's key, masks, and the log filter."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.errors import UserError
from clerk_app.security.files import FileVault
from clerk_app.security.masking import (
    PiiLogFilter,
    mask_address,
    mask_id_strong,
    mask_name,
    mask_phone,
    scrub,
)

PDF = b"%PDF-1.7\n" + "申请人 张三丰 11010519491231002X 13800138000".encode() + b"\n%%EOF"


@pytest.fixture
def vault(tmp_path) -> FileVault:  # type: ignore[no-untyped-def]
    return FileVault.for_profile(tmp_path / "profile")


def test_round_trip_and_nothing_readable_on_disk(vault, tmp_path):
    path = tmp_path / "profile" / "documents" / "notice-0001.pdf"
    vault.write(path, PDF)
    raw = path.read_bytes()
    assert FileVault.is_encrypted(path) and b"%PDF" not in raw and "张三丰".encode() not in raw
    assert vault.read(path) == PDF
    assert [p.name for p in path.parent.iterdir()] == ["notice-0001.pdf"]  # no temp file left


def test_same_key_for_the_same_profile_other_key_elsewhere(tmp_path):
    path = tmp_path / "a.jpg"
    FileVault.for_profile(tmp_path / "profile").write(path, b"\xff\xd8jpeg")
    assert FileVault.for_profile(tmp_path / "profile").read(path) == b"\xff\xd8jpeg"
    with pytest.raises(UserError, match="其他数据档案"):
        FileVault.for_profile(tmp_path / "other").read(path)


def test_tampered_truncated_renamed_or_plain_files_are_refused(vault, tmp_path):
    path = tmp_path / "att" / "m1.jpg"
    vault.write(path, b"photo-bytes" * 100)
    raw = bytearray(path.read_bytes())
    raw[40] ^= 1
    flipped = tmp_path / "att" / "flipped.jpg"
    flipped.write_bytes(bytes(raw))
    renamed = path.with_name("m2.jpg")
    renamed.write_bytes(path.read_bytes())
    truncated = path.with_name("cut.jpg")
    truncated.write_bytes(path.read_bytes()[:30])
    plain = path.with_name("plain.jpg")
    plain.write_bytes(b"\xff\xd8\xff\xe0 plain")
    for bad in (flipped, renamed, truncated):
        with pytest.raises(UserError, match="无法解密"):
            vault.read(bad)
    with pytest.raises(UserError, match="不是本系统加密保存的文件"):
        vault.read(plain)


@given(st.binary(max_size=4096), st.from_regex(r"[a-z0-9_-]{1,20}\.(jpg|pdf|bin)", fullmatch=True))
def test_any_content_round_trips(tmp_path_factory, data, name):
    vault = FileVault(b"k" * 32)
    path = tmp_path_factory.mktemp("h") / name
    vault.write(path, data)
    assert vault.read(path) == data


def test_masks():
    assert mask_id_strong("11010519491231002X") == "**************002X"
    assert mask_phone("13800138000") == "138****8000"
    assert mask_name("张三丰") == "张*丰" and mask_name("李四") == "李*" and mask_name("欧阳娜娜") == "欧**娜"
    assert mask_address("北京市海淀区中关村大街1号") == "北京市海淀区****"


def test_scrub_masks_ids_and_mobiles_but_not_case_numbers():
    text = "办件 DEMO-01-20260302-0001 申请人 11010519491231002X 电话 13800138000，旧证 110105491231002"
    assert scrub(text) == "办件 DEMO-01-20260302-0001 申请人 110105********002X 电话 138****8000，旧证 110105*****1002"


def test_log_filter_scrubs_messages_args_and_tracebacks(tmp_path):
    logger = logging.getLogger("clerk.test.pii")
    handler = logging.FileHandler(tmp_path / "app.log", encoding="utf-8")
    handler.addFilter(PiiLogFilter())
    logger.addHandler(handler)
    try:
        logger.warning("card read %s phone %s", "11010519491231002X", "13800138000")
        try:
            raise ValueError("bad number 11010519491231002X")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
        handler.close()
    written = (tmp_path / "app.log").read_text(encoding="utf-8")
    assert "11010519491231002X" not in written and "13800138000" not in written
    assert "110105********002X" in written and "138****8000" in written
