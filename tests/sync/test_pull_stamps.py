"""Pulled stamps move the counter's clock (issue 13 item 5, counter side): after a change stamped minutes
ahead of this PC's clock arrives, the next local edit sorts after it, so last-writer-wins at the center
picks the later human edit. Malformed stamps (the captures of issue 13) never move the clock."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text
from sync_helpers import write_applicants

from sync import protocol as p


def _stamp(ms: int, node: str = "q") -> str:
    return f"{ms:013d}-00000-{node}"


def _pulled(client, *stamps: str) -> None:  # type: ignore[no-untyped-def]
    """A page as the center serves it, applied through the client's own page path (cursor included)."""
    cursor = int(client._get("cursor") or 0)
    changes = [p.Change(seq=cursor + i + 1, tx=cursor + 1, entity="audit_log", entity_id=f"pulled-{cursor + i}",
                        op="insert", hlc=h, data={"id": f"pulled-{cursor + i}", "at": "2026-03-02T09:00:00",
                                                  "actor": "q", "action": "x", "entity": "case", "entity_id": "c",
                                                  "detail": ""})
               for i, h in enumerate(stamps)]
    client._apply_page(p.PullResponse(changes=changes, next_cursor=cursor + len(stamps), has_more=False,
                                      server_epoch=client._get("epoch") or ""))


def _last_local_stamp(client) -> str:  # type: ignore[no-untyped-def]
    with client.store.engine.connect() as conn:
        return str(conn.execute(text("SELECT hlc FROM sync_outbox ORDER BY seq DESC LIMIT 1")).scalar_one())


@pytest.mark.parametrize("ahead_min", [1, 3, 5])
def test_a_local_edit_after_a_pulled_future_stamp_sorts_after_it(counter_factory, ahead_min: int) -> None:
    p_counter = counter_factory("p")
    future = _stamp(int(datetime.now().timestamp() * 1000) + ahead_min * 60_000)
    _pulled(p_counter, _stamp(1), future)
    write_applicants(p_counter.store, 1)
    mine = _last_local_stamp(p_counter)
    assert mine > future and mine[:13] == future[:13]  # same millisecond, a higher counter: just after it
    assert mine.rsplit("-", 1)[1] != "q"  # this counter's own node


@pytest.mark.parametrize("stamp", ["9", "9-00000-x", "٩-00000-x", "99999-00000-x", "9999999999999-00000-x",
                                   "0000000000001-00000-" + "x" * 40, ""])
def test_malformed_or_absurd_pulled_stamps_do_not_capture_the_clock(counter_factory, stamp: str) -> None:
    c = counter_factory("p")
    write_applicants(c.store, 1)
    before = _last_local_stamp(c)
    _pulled(c, stamp)
    write_applicants(c.store, 1)
    after = _last_local_stamp(c)
    # Still this PC's wall clock (never the absurd stamp's), and still after its own last edit.
    assert after > before and abs(int(after[:13]) - datetime.now().timestamp() * 1000) < 60_000
