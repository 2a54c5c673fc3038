"""The queue's closing-time estimate uses the opening-hours settings (seed 000 §3, §18), not a fixed
17:00: a Saturday closes at 15:30, a center's own hours apply, a closed day is closed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from clerk_app.errors import UserError
from clerk_app.services import queue as qsvc


def test_seed_000_3_saturday_closing_and_center_hours(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 3, 7, 15, 0)  # Saturday: closes 15:30
    for _ in range(4):
        qsvc.take_ticket(ctx, users["clerk"])
    assert qsvc.wait_estimate(ctx).past_closing  # 4 × 8 min from 15:00 passes 15:30
    clock.now = datetime(2026, 3, 2, 15, 0)  # Monday 15:00: 32 minutes fit before 17:00
    for _ in range(4):
        qsvc.take_ticket(ctx, users["clerk"])
    assert not qsvc.wait_estimate(ctx).past_closing
    ctx.settings = replace(ctx.settings, opening_hours="08:30-12:00,13:00-15:20")
    assert qsvc.wait_estimate(ctx).past_closing  # a center closing at 15:20


def test_bad_opening_hours_setting_is_one_clear_sentence(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.settings import load_settings

    (tmp_path / "settings.toml").write_text('opening_hours = "9点到5点"\n', encoding="utf-8")
    with pytest.raises(UserError, match="opening_hours.*格式不对"):
        load_settings(tmp_path / "settings.toml")
