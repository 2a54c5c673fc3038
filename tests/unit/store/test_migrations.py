"""Migrations apply from empty and from every earlier revision, keeping the data already there."""

from datetime import datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from clerk_app.store.db import (
    MIGRATIONS,
    Store,
    alembic_config,
    current_revision,
    make_engine,
    migrate,
    migrations_fingerprint,
)

SCRIPT = ScriptDirectory.from_config(alembic_config())
HEADS = ",".join(sorted(SCRIPT.get_heads()))


def revisions() -> list[str]:
    return [r.revision for r in reversed(list(SCRIPT.walk_revisions()))]


def test_every_migration_file_is_a_revision() -> None:
    assert len(list((MIGRATIONS / "versions").glob("*.py"))) == len(revisions())


def test_current_database_skips_alembic(tmp_path: Path) -> None:
    engine = Store(tmp_path / "f.sqlite3").engine
    with engine.connect() as c:
        assert c.execute(text("SELECT value FROM schema_info")).scalar() == migrations_fingerprint()
    with engine.begin() as c:  # a stale fingerprint makes the next start run Alembic again
        c.execute(text("UPDATE schema_info SET value = 'stale'"))
    assert migrate(engine) == HEADS
    with engine.connect() as c:
        assert c.execute(text("SELECT value FROM schema_info")).scalar() == migrations_fingerprint()


def test_from_empty(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.sqlite3")
    assert store.revision == HEADS
    with store.engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        tables = set(c.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).scalars())
    assert {"cases", "case_materials", "case_events", "applicants", "users", "audit_log", "ratings"} <= tables


@pytest.mark.parametrize("start", [r for r in revisions() if r not in HEADS.split(",")])
def test_from_every_earlier_revision_keeps_data(tmp_path: Path, start: str) -> None:
    engine = make_engine(tmp_path / "b.sqlite3")
    migrate(engine, start)
    assert current_revision(engine) == start
    now = datetime(2026, 1, 5, 9)
    with engine.begin() as c:
        c.execute(text("INSERT INTO applicants VALUES ('a1','person','张三','11010519491231002X','','',:t,:t)"), {"t": now})
        c.execute(text("INSERT INTO audit_log VALUES ('l1', :t, 'u', 'x', 'case', 'c1', '')"), {"t": now})
    assert migrate(engine) == HEADS
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
