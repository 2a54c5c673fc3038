"""The audit chain: every service entry is linked; any edit, removal or insertion is named."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from clerk_app.store import audit
from clerk_app.store.db import Store


def _entries(ctx, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        with ctx.store.transaction() as s:
            audit.append(s, at=datetime(2026, 3, 2, 9, i), actor="clerk", action="case.receive", entity="case",
                         entity_id=f"c{i}", detail=f"DEMO-01-20260302-{i}")


def _verify(ctx) -> audit.Verdict:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return audit.verify(s)


def _tamper(ctx, *sql: str) -> None:  # type: ignore[no-untyped-def]
    # What someone holding the key and a SQLite shell could do: drop the guards, then edit.
    with ctx.store.engine.begin() as conn:
        for name in ("audit_log_no_update", "audit_log_no_delete", "audit_chain_no_update", "audit_chain_no_delete",
                     "audit_anchor_no_delete", "audit_anchor_forward_only"):
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        for statement in sql:
            conn.execute(text(statement))


def test_services_chain_their_entries(ctx, users, new_applicant):
    new_applicant()
    verdict = _verify(ctx)
    assert verdict.ok, verdict.problems
    assert verdict.entries == 4  # three users created, one applicant
    with ctx.store.read() as s:
        seqs = list(s.execute(text("SELECT seq FROM audit_chain ORDER BY seq")).scalars())
        anchor = s.execute(text("SELECT seq FROM audit_anchor")).scalar()
    assert seqs == [1, 2, 3, 4] and anchor == 4


def test_several_entries_in_one_transaction_chain_in_order(ctx):
    with ctx.store.transaction() as s:
        for i in range(3):
            audit.append(s, at=datetime(2026, 3, 2, 9), actor="a", action=f"x{i}", entity="e", entity_id=str(i))
    assert _verify(ctx).ok


def test_triggers_refuse_edits_through_sql(ctx):
    _entries(ctx, 2)
    for statement in ("UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_chain WHERE seq = 2",
                      "UPDATE audit_anchor SET seq = 1", "DELETE FROM audit_anchor"):
        with pytest.raises(IntegrityError), ctx.store.engine.begin() as conn:
            conn.execute(text(statement))
    assert _verify(ctx).ok


def test_changed_detail_is_named(ctx):
    _entries(ctx, 5)
    _tamper(ctx, "UPDATE audit_log SET detail = 'DEMO-01-20260302-99' WHERE entity_id = 'c2'")
    verdict = _verify(ctx)
    assert not verdict.ok
    assert len(verdict.problems) == 1 and "第 3 条" in verdict.problems[0] and "c2" in verdict.problems[0]


def test_rehashed_edit_is_caught_at_the_next_link(ctx):
    _entries(ctx, 5)
    _tamper(ctx, "UPDATE audit_log SET actor = 'nobody' WHERE entity_id = 'c1'",
            "UPDATE audit_chain SET hash = '" + "f" * 64 + "' WHERE seq = 2")
    problems = _verify(ctx).problems
    assert any("第 2 条" in p and "修改" in p for p in problems)
    assert any("第 2 条审计记录已被改动" in p for p in problems)


def test_removed_middle_entry_is_named(ctx):
    _entries(ctx, 5)
    _tamper(ctx, "DELETE FROM audit_chain WHERE seq = 3",
            "DELETE FROM audit_log WHERE entity_id = 'c2'")
    problems = _verify(ctx).problems
    assert problems == ["第 3 条审计记录已被删除（第 2 条之后的链断开）。"]


def test_removed_log_row_only_is_named(ctx):
    _entries(ctx, 4)
    _tamper(ctx, "DELETE FROM audit_log WHERE entity_id = 'c0'")
    problems = _verify(ctx).problems
    assert len(problems) == 1 and problems[0].startswith("第 1 条审计记录") and "已被删除" in problems[0]


def test_removed_newest_entries_are_named_by_the_anchor(ctx):
    _entries(ctx, 5)
    _tamper(ctx, "DELETE FROM audit_chain WHERE seq >= 4", "DELETE FROM audit_log WHERE entity_id IN ('c3', 'c4')")
    assert _verify(ctx).problems == ["第 4–5 条审计记录（最新的记录）已被删除。"]


def test_inserted_entry_outside_the_chain_is_named(ctx):
    _entries(ctx, 2)
    with ctx.store.engine.begin() as conn:
        conn.execute(text("INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail) VALUES "
                          "('forged', '2026-03-02 10:00:00.000000', 'clerk', 'login', 'user', 'u', '')"))
    problems = _verify(ctx).problems
    assert len(problems) == 1 and "forged" in problems[0] and "不在哈希链中" in problems[0]


def test_existing_entries_are_chained_by_the_migration(tmp_path):
    path = tmp_path / "p" / "clerk.sqlite3"
    old = Store(path, migrate_now=False, key=None)
    from clerk_app.store.db import migrate

    migrate(old.engine, "0002")
    with old.engine.begin() as conn:
        for i in range(3):
            conn.execute(text("INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail) VALUES "
                              "(:i, :at, 'clerk', 'login', 'user', 'u', '登录')"),
                         {"i": f"old{i}", "at": f"2026-03-0{i + 1} 09:00:00.000000"})
    old.close()
    store = Store(path, key=None)
    with store.transaction() as s:
        audit.append(s, at=datetime(2026, 3, 5, 9), actor="clerk", action="logout", entity="user", entity_id="u")
    with store.read() as s:
        verdict = audit.verify(s)
        order = list(s.execute(text("SELECT audit_id FROM audit_chain ORDER BY seq")).scalars())
    store.close()
    assert verdict.ok and verdict.entries == 4
    assert order[:3] == ["old0", "old1", "old2"]
