"""Audit that means something (issue 13 item 7): each counter's hash chain travels with its pushes, the
center verifies every device's chain and flags a break or a rollback, and a counter checks its own
chain and, separately, every other device's chain it has pulled."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import text

from clerk_app import cli
from clerk_app.domain.applicants import ApplicantKind
from clerk_app.domain.roles import Role
from clerk_app.services import cases
from clerk_app.services.auth import create_user
from clerk_app.store import audit
from sync.server import cli as center_cli


def _id_number(n: int) -> str:
    body = f"11010519900101{n:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def _work(client, tag: str, n: int = 2) -> None:  # type: ignore[no-untyped-def]
    ctx = client.ctx
    clerk = create_user(ctx, None, username=f"c{tag}", display_name="窗口", role=Role.CLERK, password="clerk1234")
    for i in range(n):
        cases.register_applicant(ctx, clerk, kind=ApplicantKind.PERSON, name=f"测试{tag}{i}",
                                  id_number=_id_number(i + 100 * (ord(tag[0]) - 96)))


def _verify(client, capsys) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    code = cli.main(["--data-dir", str(client.ctx.paths.root), "audit", "verify"])
    return code, capsys.readouterr().out


def _tamper(client, *sql: str) -> None:  # type: ignore[no-untyped-def]
    # What someone holding the key and a SQLite shell could do: drop the guards, then edit.
    with client.store.engine.begin() as conn:
        for name in ("audit_log_no_update", "audit_log_no_delete", "audit_chain_no_update", "audit_chain_no_delete",
                     "audit_anchor_no_delete", "audit_anchor_forward_only"):
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        for statement in sql:
            conn.execute(text(statement))


def _alerts(center) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with center.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT device_id, kind FROM chain_alerts ORDER BY id"))]


def test_an_untouched_counter_that_synced_passes_and_names_each_chain(center, counter_factory, capsys) -> None:  # type: ignore[no-untyped-def]
    a, b = counter_factory("a"), counter_factory("b")
    _work(a, "a")
    _work(b, "b", 1)
    for client in (a, b, a, b):
        client.sync_once()
    for client, other in ((a, b), (b, a)):
        code, out = _verify(client, capsys)
        assert code == 0, out
        assert "本机审计日志完整" in out
        assert f"设备 {other.device_id[:8]}" in out and "审计链完整" in out
    assert center.scalar("SELECT count(*) FROM audit_links") == 5  # 3 + 2 entries, one link each
    assert center.scalar("SELECT head_seq FROM device_chains WHERE device_id = :d", d=a.device_id) == 3
    assert _alerts(center) == []


def test_a_pulled_entry_changed_locally_is_named_with_its_device(center, counter_factory, capsys) -> None:  # type: ignore[no-untyped-def]
    a, b = counter_factory("a"), counter_factory("b")
    _work(a, "a")
    a.sync_once()
    b.sync_once()
    _tamper(b, "UPDATE audit_log SET detail = 'edited' WHERE id = "
               "(SELECT id FROM audit_log WHERE actor = 'ca' ORDER BY at LIMIT 1)")
    code, out = _verify(b, capsys)
    assert code == 3, out
    assert f"设备 {a.device_id[:8]}" in out and "内容已被修改" in out
    assert "本机审计日志完整" in out  # its own chain is still fine and said so separately


def test_wiped_newest_entries_and_rolled_back_anchor_are_caught_at_the_next_sync(center, counter_factory,
                                                                                 capsys) -> None:  # type: ignore[no-untyped-def]
    a = counter_factory("a")
    _work(a, "a", 3)
    a.sync_once()
    with a.store.engine.connect() as conn:
        seq, = conn.execute(text("SELECT seq FROM audit_anchor")).one()
        keep = conn.execute(text("SELECT hash FROM audit_chain WHERE seq = :s"), {"s": seq - 2}).scalar()
    assert seq == 4
    # Wipe the two newest entries and roll the anchor back: the local chain is consistent again...
    _tamper(a, f"DELETE FROM audit_log WHERE id IN (SELECT audit_id FROM audit_chain WHERE seq > {seq - 2})",
            f"DELETE FROM audit_chain WHERE seq > {seq - 2}",
            f"UPDATE audit_anchor SET seq = {seq - 2}, hash = '{keep}'")
    code, out = _verify(a, capsys)
    assert code == 0, out  # ...which is exactly why the center must catch it
    assert _alerts(center) == []
    a.sync_once()  # nothing queued: the changed head alone makes the counter report it
    assert _alerts(center) == [(a.device_id, "rollback")]
    assert center_cli.main(["--db", center.engine.url.render_as_string(hide_password=False), "admin",
                            "chains"]) == 0
    shown = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert shown[0]["device"] == a.device_id and shown[0]["kind"] == "rollback"
    assert "第 3–4 条" in shown[0]["detail"]
    # The same event where the admin sees every other refusal of the trust boundary.
    assert center_cli.main(["--db", center.engine.url.render_as_string(hide_password=False), "admin",
                            "security-events"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(e["device"], e["code"], e["center"]) for e in events] == [(a.device_id, "audit_chain_rollback", "DEMO")]


def test_a_rewritten_history_pushed_later_is_a_break(center, counter_factory) -> None:  # type: ignore[no-untyped-def]
    a = counter_factory("a")
    _work(a, "a", 1)
    a.sync_once()
    with a.store.engine.connect() as conn:
        seq, = conn.execute(text("SELECT seq FROM audit_anchor")).one()
        keep = conn.execute(text("SELECT hash FROM audit_chain WHERE seq = :s"), {"s": seq - 1}).scalar()
    _tamper(a, f"DELETE FROM audit_chain WHERE seq = {seq}", f"UPDATE audit_anchor SET seq = {seq - 1}, hash = '{keep}'")
    # A new entry now takes the seq the wiped one had, with a different hash.
    with a.store.transaction() as s:
        audit.append(s, at=datetime.now(), actor="x", action="login", entity="user", entity_id="u")
    a.sync_once()
    kinds = [k for d, k in _alerts(center) if d == a.device_id]
    assert "break" in kinds, kinds


def test_a_head_rewritten_in_place_is_caught_though_no_entry_is_missing(center, counter_factory) -> None:  # type: ignore[no-untyped-def]
    # The newest entry's link and the anchor are given a new hash, the length unchanged: no entry is
    # missing and none is pushed, so only the center's copy of that link can tell.
    a = counter_factory("a")
    _work(a, "a", 1)
    a.sync_once()
    with a.store.engine.connect() as conn:
        seq, held = conn.execute(text("SELECT seq, hash FROM audit_anchor")).one()
    forged = ("0" if held[0] != "0" else "1") + held[1:]
    _tamper(a, f"UPDATE audit_chain SET hash = '{forged}' WHERE seq = {seq}",
            f"UPDATE audit_anchor SET hash = '{forged}'")
    assert _alerts(center) == []
    a.sync_once()
    assert _alerts(center) == [(a.device_id, "rollback")]
    with center.engine.connect() as conn:
        detail, = conn.execute(text("SELECT detail FROM chain_alerts")).one()
        code, = conn.execute(text("SELECT code FROM security_events WHERE device_id = :d"), {"d": a.device_id}).one()
    assert detail == f"设备的链尾（第 {seq} 条）与中心收到的该条记录不符" and code == "audit_chain_rollback"
    a.sync_once()  # the counter reports a head once (until it moves): one alert, not one per round
    assert _alerts(center) == [(a.device_id, "rollback")]
