"""``migrate`` runs at every ``clerk-center`` command and server start: a database upgraded by it stores a
fingerprint of the revision files and the applied revisions, and a current one is recognised without Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import select, text

from sync.server.db import MIGRATIONS_KEY, make_engine, migrate, migrations_fingerprint
from sync.server.schema import server_meta

ROOT = Path(__file__).resolve().parents[2]
CHECK = """
import sys
from sync.server.db import make_engine, migrate
engine = make_engine(sys.argv[1])
migrate(engine)
print("alembic" in sys.modules)
"""


def _meta(engine) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return {r.key: r.value for r in conn.execute(select(server_meta))}


def test_a_current_database_skips_alembic_and_a_stale_fingerprint_upgrades_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'center.sqlite3'}"
    engine = make_engine(url)
    try:
        migrate(engine)
        first = _meta(engine)
        with engine.connect() as conn:
            applied = list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
        assert first[MIGRATIONS_KEY] == migrations_fingerprint(applied) and first["epoch"] and first["secret"]

        def alembic_loaded() -> bool:
            r = subprocess.run([sys.executable, "-c", CHECK, url], cwd=ROOT, capture_output=True, text=True,
                               timeout=120)
            assert r.returncode == 0, r.stderr[-2000:]
            return r.stdout.split()[-1] == "True"

        assert not alembic_loaded()  # current: recognised by the fingerprint alone
        with engine.begin() as conn:  # a fingerprint of other revision files: Alembic runs and stores the new one
            conn.execute(server_meta.update().where(server_meta.c.key == MIGRATIONS_KEY).values(value="stale"))
        assert alembic_loaded()
        assert _meta(engine) == first  # same epoch and secret: an upgrade never makes them anew
    finally:
        engine.dispose()
