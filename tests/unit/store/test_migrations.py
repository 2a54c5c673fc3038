"""Migrations apply from empty and from every earlier revision, keeping the data already there."""

from datetime import datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from clerk_app.store.db import (
    HEAD_REVISION,
    MIGRATIONS,
    Store,
    alembic_config,
    current_revision,
    make_engine,
    migrate,
)


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_head_constant_matches_newest_migration() -> None:
    assert revisions()[-1] == HEAD_REVISION
    assert len(list((MIGRATIONS / "versions").glob("*.py"))) == len(revisions())


def test_from_empty(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.sqlite3")
    assert store.revision == HEAD_REVISION
    with store.engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        tables = set(c.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).scalars())
    assert {"cases", "case_materials", "case_events", "applicants", "users", "audit_log", "ratings"} <= tables


@pytest.mark.parametrize("start", revisions()[:-1])
def test_from_every_earlier_revision_keeps_data(tmp_path: Path, start: str) -> None:
    engine = make_engine(tmp_path / "b.sqlite3")
    migrate(engine, start)
    assert current_revision(engine) == start
    now = datetime(2026, 1, 5, 9)
    with engine.begin() as c:
        c.execute(text("INSERT INTO applicants VALUES ('a1','person','张三','11010519491231002X','','',:t,:t)"), {"t": now})
        c.execute(text("INSERT INTO audit_log VALUES ('l1', :t, 'u', 'x', 'case', 'c1', '')"), {"t": now})
    assert migrate(engine) == HEAD_REVISION
    with engine.connect() as c:
        assert c.execute(text("SELECT name FROM applicants WHERE id='a1'")).scalar() == "张三"
        assert c.execute(text("SELECT count(*) FROM audit_log")).scalar() == 1


def test_audit_log_is_append_only(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.sqlite3")
    with store.engine.begin() as c:
        c.execute(text("INSERT INTO audit_log VALUES ('l1', '2026-01-05', 'u', 'x', 'case', 'c1', '')"))
    for sql in ("UPDATE audit_log SET actor='mallory'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), store.engine.begin() as c:
            c.execute(text(sql))
    with store.engine.connect() as c:
        assert c.execute(text("SELECT actor FROM audit_log")).scalar() == "u"
