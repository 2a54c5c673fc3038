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


@pytest.mark.parametrize("server_engine", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("q_skew_min", "p_skew_min"), [(3, 0), (5, -5), (0, -5), (-5, 5)])
def test_two_counters_with_clocks_minutes_apart_converge_on_the_later_edit(
        center, counter_factory, monkeypatch, capsys, q_skew_min: int, p_skew_min: int) -> None:  # type: ignore[no-untyped-def]
    """Issue 13's divergence: Q (clock ahead) sets a phone, P pulls it and seconds later sets another;
    every copy must end with P's, the later human edit. Each counter's stamps come from its own clock."""
    from test_distribution_users import center_cli

    from clerk_app.domain.applicants import ApplicantKind
    from clerk_app.services import auth, cases
    from clerk_app.store import outbox

    skew = {"ms": 0}
    real_stamps = outbox.hlc_stamps

    def skewed_stamps(conn, n, *, now_ms=None):  # type: ignore[no-untyped-def]
        wall = now_ms if now_ms is not None else int(datetime.now().timestamp() * 1000)
        return real_stamps(conn, n, now_ms=wall + skew["ms"])

    monkeypatch.setattr(outbox, "hlc_stamps", skewed_stamps)
    p_counter, q_counter = counter_factory("p"), counter_factory("q")  # enrolled first: the center exists
    rc, _out, err = center_cli(center, "user", "add", "wangxm", "--name", "王小明", "--role", "clerk",
                               "--password-stdin", stdin="wang12345\n", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    for c in (p_counter, q_counter):
        c.sync_once()
    p_clerk, q_clerk = (auth.login(c.ctx, "wangxm", "wang12345") for c in (p_counter, q_counter))

    def set_phone(counter, clerk, minutes: int, phone: str) -> None:  # type: ignore[no-untyped-def]
        skew["ms"] = minutes * 60_000
        cases.register_applicant(counter.ctx, clerk, kind=ApplicantKind.PERSON, name="张三丰",
                                 id_number="11010519491231002X", phone=phone)
        counter.sync_once()

    set_phone(p_counter, p_clerk, p_skew_min, "13800000001")
    q_counter.sync_once()
    set_phone(q_counter, q_clerk, q_skew_min, "13800000002")
    p_counter.sync_once()  # P sees Q's edit, and its stamp
    set_phone(p_counter, p_clerk, p_skew_min, "13800000003")  # seconds later, the later human edit
    for c in (q_counter, p_counter, q_counter):
        c.sync_once()
    for c in (p_counter, q_counter):
        with c.store.engine.connect() as conn:
            assert conn.execute(text("SELECT phone FROM applicants")).scalars().all() == ["13800000003"]
        assert c.status().pending == 0 and c.status().conflicts == 0
    assert '"13800000003"' in center.scalar("SELECT data FROM records WHERE entity = 'applicants'")
