"""A new profile is made from ``schema_snapshot.py``: the same database every migration makes."""

from pathlib import Path

import pytest
from sqlalchemy import text

from clerk_app.store import schema_snapshot
from clerk_app.store.db import Store, make_engine, migrate, migrations_fingerprint
from clerk_app.store.snapshot import SNAPSHOT_FILE, dump, migrated_by_alembic, render

REFRESH = "run `python -m clerk_app.store.snapshot` and commit clerk_app/store/schema_snapshot.py"


def test_the_snapshot_is_of_the_current_migrations(tmp_path: Path) -> None:
    """A migration added, renamed or changed without the snapshot made again fails here (a new profile
    would meanwhile still be migrated by Alembic: the fingerprint no longer matches)."""
    assert migrations_fingerprint() == schema_snapshot.FINGERPRINT, REFRESH
    engine = migrated_by_alembic(tmp_path)
    try:
        assert render(engine, migrations_fingerprint()) == SNAPSHOT_FILE.read_text(encoding="utf-8"), REFRESH
    finally:
        engine.dispose()


@pytest.mark.parametrize("key", [None, bytes(range(32))], ids=["plain", "encrypted"])
def test_a_new_profile_equals_every_migration_run(tmp_path: Path, key: bytes | None) -> None:
    by_migrations = migrated_by_alembic(tmp_path)
    store = Store(tmp_path / "new.sqlite3", key=key)
    try:
        with by_migrations.connect() as a, store.engine.connect() as b:
            expected, made = dump(a), dump(b)
            assert a.execute(text("SELECT value FROM schema_info")).scalar() == migrations_fingerprint()
        assert made["master"] == expected["master"]  # same tables, indexes and triggers, same SQL
        assert made["rows"] == expected["rows"]  # alembic_version, audit_anchor, schema_info
        assert made == expected
        assert store.revision == ",".join(sorted(r[0] for r in expected["rows"]["alembic_version"]))
    finally:
        store.close()
        by_migrations.dispose()


def test_alembic_still_makes_a_profile_the_snapshot_does_not_fit(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Migrations newer than the snapshot: a new profile is migrated, not made from a stale schema."""
    monkeypatch.setattr(schema_snapshot, "FINGERPRINT", "stale")
    monkeypatch.setattr(schema_snapshot, "SCHEMA", ("CREATE TABLE wrong (x)",))
    store = Store(tmp_path / "a.sqlite3", key=None)
    by_migrations = migrated_by_alembic(tmp_path)
    try:
        with by_migrations.connect() as a, store.engine.connect() as b:
            assert dump(b) == dump(a)
    finally:
        store.close()
        by_migrations.dispose()


def test_the_snapshot_is_for_empty_files_only(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "a.sqlite3")
    try:
        migrate(engine, "0003_sync")  # an old profile: upgraded step by step, its data kept
        with engine.begin() as c:
            c.execute(text("CREATE TABLE kept (x)"))
        migrate(engine)
        with engine.connect() as c:
            names = set(c.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars())
        assert "kept" in names and "survey_responses" in names
    finally:
        engine.dispose()
