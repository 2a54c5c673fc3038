"""Document numbers: per center, window and year; two counters of one center never collide."""

from __future__ import annotations

import pytest

from clerk_app.documents.numbering import MemorySequence, StoreSequence, allocate, sequence_key
from clerk_app.errors import UserError


def test_format_embeds_prefix_year_window_and_six_digits() -> None:
    seq = MemorySequence()
    first = allocate(seq, center_code="DEMO", window="03", year=2026, prefix="演政服")
    second = allocate(seq, center_code="DEMO", window="03", year=2026, prefix="演政服")
    assert (first, second) == ("演政服〔2026〕第03-000001号", "演政服〔2026〕第03-000002号")


def test_two_offline_counters_of_one_center_never_collide() -> None:
    # Each counter has its own store (no server): window 01 and window 02 both start at 1.
    window_a, window_b = MemorySequence(), MemorySequence()
    numbers_a = {allocate(window_a, center_code="DEMO", window="01", year=2026) for _ in range(500)}
    numbers_b = {allocate(window_b, center_code="DEMO", window="02", year=2026) for _ in range(500)}
    assert len(numbers_a) == len(numbers_b) == 500
    assert numbers_a.isdisjoint(numbers_b)


def test_a_new_year_restarts_the_counter() -> None:
    seq = MemorySequence()
    allocate(seq, center_code="DEMO", window="01", year=2026)
    assert allocate(seq, center_code="DEMO", window="01", year=2027) == "〔2027〕第01-000001号"


def test_bad_window_is_refused_in_chinese() -> None:
    with pytest.raises(UserError, match="窗口编号"):
        allocate(MemorySequence(), center_code="DEMO", window="0/1", year=2026)


def test_store_adapter_draws_from_the_sqlite_counter(ctx) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.store.sequences import next_value

    numbers = []
    for _ in range(3):
        with ctx.store.transaction() as session:
            numbers.append(allocate(StoreSequence(lambda key: next_value(session, key)), center_code="DEMO",
                                    window="01", year=2026))
    assert numbers == ["〔2026〕第01-000001号", "〔2026〕第01-000002号", "〔2026〕第01-000003号"]
    # A rolled-back transaction does not consume a number.
    with pytest.raises(RuntimeError), ctx.store.transaction() as session:
        StoreSequence(lambda key: next_value(session, key)).next_value(sequence_key("DEMO", "01", 2026))
        raise RuntimeError("abort")
    with ctx.store.transaction() as session:
        assert allocate(StoreSequence(lambda key: next_value(session, key)), center_code="DEMO", window="01",
                        year=2026).endswith("000004号")
