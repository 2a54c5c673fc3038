"""Log files: rotated in the profile's logs/, every handler masks ID and mobile numbers."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from clerk_app.logs import BACKUPS, LOG_NAME, log_files, setup_logging
from clerk_app.security.masking import PiiLogFilter

ID, PHONE = "11010519491231002X", "13800138000"


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield root
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_lines_are_masked_in_the_file_and_every_handler_filters(profile, root_logger) -> None:  # type: ignore[no-untyped-def]
    log_file = setup_logging(profile, "INFO")
    logging.getLogger("clerk.ui").info("读卡成功 %s，联系电话 %s", ID, PHONE)
    try:
        raise ValueError(f"证件号 {ID} 校验失败")
    except ValueError:
        logging.getLogger("clerk.store").exception("保存申请人失败")
    for handler in root_logger.handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert log_file == profile.logs / LOG_NAME
    assert "读卡成功" in text and "保存申请人失败" in text and "ValueError" in text
    assert ID not in text and PHONE not in text
    assert "002X" in text and "8000" in text  # masked, not dropped: the clerk's trail stays readable
    ours = [h for h in root_logger.handlers if any(isinstance(f, PiiLogFilter) for f in h.filters)]
    assert len(ours) == 2


def test_files_rotate_and_stay_bounded(profile, root_logger) -> None:  # type: ignore[no-untyped-def]
    setup_logging(profile, "DEBUG", max_bytes=2_000)
    log = logging.getLogger("clerk.sync")
    for i in range(400):
        log.debug("batch %04d sent, %s", i, "x" * 60)
    files = log_files(profile)
    assert f"{LOG_NAME}.1" in {p.name for p in files}
    assert len(files) == BACKUPS + 1 and all(p.stat().st_size <= 2_200 for p in files)
    assert "batch 0399" in (profile.logs / LOG_NAME).read_text(encoding="utf-8")


def test_setting_up_twice_does_not_double_lines(profile, root_logger) -> None:  # type: ignore[no-untyped-def]
    setup_logging(profile)
    log_file = setup_logging(profile)
    logging.getLogger("clerk.ui").warning("一次")
    for handler in root_logger.handlers:
        handler.flush()
    assert log_file.read_text(encoding="utf-8").count("一次") == 1
