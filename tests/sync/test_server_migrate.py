"""``migrate`` runs at every ``clerk-center`` command and server start: a database upgraded by it stores the
fingerprint of the revision files, and a current one is recognised without running Alembic."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, text

from sync.server.db import MIGRATIONS_KEY, make_engine, migrate, migrations_fingerprint
from sync.server.schema import server_meta


def _meta(engine) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return {r.key: r.value for r in conn.execute(select(server_meta))}


def test_a_current_database_skips_alembic_and_a_stale_fingerprint_upgrades_again(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    try:
        migrate(engine)
        first = _meta(engine)
        assert first[MIGRATIONS_KEY] == migrations_fingerprint() and first["epoch"] and first["secret"]

        with engine.begin() as conn:  # a fingerprint from other revision files: Alembic runs and stores the new one
            conn.execute(server_meta.update().where(server_meta.c.key == MIGRATIONS_KEY).values(value="stale"))
        migrate(engine)
        assert _meta(engine) == first  # same epoch and secret: an upgrade never makes them anew

        with engine.begin() as conn:  # Alembic would see an empty database and fail on the existing tables
            heads = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            conn.execute(text("DELETE FROM alembic_version"))
        assert heads
        migrate(engine)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 0
    finally:
        engine.dispose()
