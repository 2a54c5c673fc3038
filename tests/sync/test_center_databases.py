"""The sync tests' fresh PostgreSQL center (``center_databases.fresh_server_engine``): a schema a test is done
with comes back to the next test emptied to the migrated state, and never when the test changed its shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from center_databases import _PG_SKIP, CenterTemplate, _admin, fresh_server_engine
from sqlalchemy import Engine, text

pytestmark = pytest.mark.skipif(_PG_SKIP is not None, reason=_PG_SKIP or "")


def _contents(engine: Engine) -> dict[str, object]:
    with engine.connect() as conn:
        tables = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                   "ORDER BY tablename")).scalars().all()
        rows = {t: sorted(map(str, conn.execute(text(f"SELECT * FROM {t}")).all())) for t in tables}
        rows["server_meta"] = [r for r in rows["server_meta"] if "epoch" not in r and "secret" not in r]
        rows["next id"] = conn.execute(text("SELECT nextval(pg_get_serial_sequence('admin_audit', 'id'))")).scalar()
    return rows


def _schema(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.execute(text("SELECT current_schema()")).scalar())


def test_a_used_schema_comes_back_emptied_to_the_migrated_rows(tmp_path: Path,
                                                               _center_template: CenterTemplate) -> None:
    template = _center_template
    with fresh_server_engine("postgresql", tmp_path, template) as engine:
        first = _schema(engine)
        migrated = _contents(engine)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO devices (id, center_code, \"window\", name, refresh_hash, revoked, created_at) "
                              "VALUES ('d1', 'DEMO', '01', 'pc', 'x', false, now())"))
            conn.execute(text("INSERT INTO admin_audit (at, actor, command, detail, outcome) "
                              "VALUES (now(), 'a', 'b', 'c', 'ok')"))
    with fresh_server_engine("postgresql", tmp_path, template) as engine:
        assert _schema(engine) == first
        assert _contents(engine) == migrated


@pytest.mark.parametrize("ddl", [
    "CREATE INDEX extra ON devices (name)",
    "ALTER TABLE devices ADD COLUMN extra text",
    "ALTER TABLE devices ALTER COLUMN name SET DEFAULT 'x'",
    "DROP TRIGGER {trigger} ON admin_audit",
    "CREATE TABLE extra (id int)",
])
def test_a_schema_whose_shape_a_test_changed_is_dropped_not_reused(ddl: str, tmp_path: Path,
                                                                    _center_template: CenterTemplate) -> None:
    template = _center_template
    with fresh_server_engine("postgresql", tmp_path, template) as engine:
        changed = _schema(engine)
        with engine.begin() as conn:
            trigger = conn.execute(text("SELECT tgname FROM pg_trigger WHERE tgrelid = 'admin_audit'::regclass "
                                        "AND NOT tgisinternal LIMIT 1")).scalar()
            conn.execute(text(ddl.format(trigger=trigger)))
    assert changed not in template.pg_spare
    with fresh_server_engine("postgresql", tmp_path, template) as engine:
        assert _schema(engine) != changed
    with _admin().connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pg_namespace WHERE nspname = :s"), {"s": changed}).scalar() == 0
