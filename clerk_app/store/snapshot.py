"""The schema every counter migration makes, kept as ``schema_snapshot.py`` for brand-new profiles.

A new profile would import Alembic and run every migration in clerk_app/store/migrations (~0.2 s of CPU
on each first start and each new test profile a command makes); ``db.migrate`` instead replays the
snapshot into the empty file, when the snapshot was made from the same migration files (fingerprint).
``tests/unit/store/test_schema_snapshot.py`` proves the two the same (``dump``) and fails when a
migration was added or changed without ``python -m clerk_app.store.snapshot`` run again.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

# Written by ``migrate`` after every upgrade, from either path: not part of the snapshot.
OWN_TABLES = ("schema_info",)
# Creation order: a trigger or view after the tables it names.
_KIND_ORDER = {"table": 0, "index": 1, "view": 2, "trigger": 3}
SNAPSHOT_FILE = Path(__file__).resolve().parent / "schema_snapshot.py"


def dump(conn: Connection) -> dict[str, Any]:
    """Everything a migrated database holds but its pages: every sqlite_master entry (with its SQL),
    every table's rows (order-free) and the header's user_version and application_id."""
    master = sorted(tuple(r) for r in conn.exec_driver_sql(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master"))
    tables = [r[1] for r in master if r[0] == "table"]
    rows = {t: sorted((tuple(r) for r in conn.exec_driver_sql(f'SELECT * FROM "{t}"')), key=repr) for t in tables}
    return {"master": master, "rows": rows,
            "user_version": conn.exec_driver_sql("PRAGMA user_version").scalar(),
            "application_id": conn.exec_driver_sql("PRAGMA application_id").scalar()}


def render(engine: Engine, fingerprint: str) -> str:
    """``schema_snapshot.py``'s text from a database that every migration (and nothing else) made."""
    with engine.connect() as conn:
        objects = sorted(conn.exec_driver_sql(
            "SELECT type, name, sql, rowid FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\'").all(), key=lambda r: (_KIND_ORDER[r[0]], r[3]))
        schema = [sql for kind, name, sql, _ in objects if not (kind == "table" and name in OWN_TABLES)
                  and not (kind != "table" and _table_of(conn, name) in OWN_TABLES)]
        tables = [name for kind, name, _, _ in objects if kind == "table" and name not in OWN_TABLES]
        if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").first():
            tables.append("sqlite_sequence")
        rows = [(t, [tuple(r) for r in conn.exec_driver_sql(f'SELECT * FROM "{t}" ORDER BY rowid')]) for t in tables]
        user_version = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
        application_id = int(conn.exec_driver_sql("PRAGMA application_id").scalar() or 0)
    lines = ['"""Made by ``python -m clerk_app.store.snapshot`` from running every counter migration: do not edit.', "",
             "clerk_app/store/snapshot.py says why; tests/unit/store/test_schema_snapshot.py proves it current.", '"""',
             "", f"FINGERPRINT = {fingerprint!r}", f"USER_VERSION = {user_version}",
             f"APPLICATION_ID = {application_id}", "", "SCHEMA: tuple[str, ...] = ("]
    lines += [f"    {sql!r}," for sql in schema]
    lines += [")", "", "ROWS: tuple[tuple[str, tuple[tuple[object, ...], ...]], ...] = ("]
    lines += [f"    ({table!r}, ({''.join(f'{r!r}, ' for r in table_rows).rstrip()})),"
              for table, table_rows in rows if table_rows]
    lines += [")", ""]
    return "\n".join(lines)


def _table_of(conn: Connection, name: str) -> str:
    return str(conn.exec_driver_sql("SELECT tbl_name FROM sqlite_master WHERE name = ?", (name,)).scalar())


def migrated_by_alembic(folder: Path) -> Engine:
    """A new unencrypted database in ``folder`` that every migration made, the snapshot left aside."""
    from clerk_app.store.db import make_engine, migrate

    engine = make_engine(folder / "alembic.sqlite3")
    migrate(engine, snapshot=False)
    return engine


def main() -> int:
    from clerk_app.store.db import migrations_fingerprint

    with tempfile.TemporaryDirectory() as folder:
        engine = migrated_by_alembic(Path(folder))
        try:
            SNAPSHOT_FILE.write_text(render(engine, migrations_fingerprint()), encoding="utf-8")
        finally:
            engine.dispose()
    print(f"wrote {SNAPSHOT_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
