"""An existing center upgraded to 0004_tenancy: every record and change gets the center and window of the
device that wrote it, the center's own users the only center it knows, and pull serves them as before."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from sync.server.db import MIGRATIONS, make_engine, migrate


def test_records_and_changes_written_before_the_upgrade_belong_to_their_devices_center(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003_enrol_retry")
    now = datetime(2026, 3, 2, 9)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO devices(id, center_code, \"window\", name, refresh_hash, revoked, created_at) "
                          "VALUES ('d1', 'DEMO', '02', 'a', 'h', false, :t)"), {"t": now})
        rows = [("applicants", "a1", "d1", {"id": "a1"}), ("users", "u1", "center", {"id": "u1", "username": "x"}),
                ("cases", "c1", "d1", {"id": "c1"})]
        for seq, (entity, entity_id, origin, data) in enumerate(rows, start=1):
            conn.execute(text("INSERT INTO records(entity, entity_id, data, hlc, deleted, note, origin, updated_seq) "
                              "VALUES (:e, :i, :d, '{}', false, '', :o, :s)"),
                         {"e": entity, "i": entity_id, "d": json.dumps(data), "o": origin, "s": seq})
            conn.execute(text("INSERT INTO changes(seq, tx, entity, entity_id, op, data, origin) "
                              "VALUES (:s, :s, :e, :i, 'insert', :d, :o)"),
                         {"e": entity, "i": entity_id, "d": json.dumps(data), "o": origin, "s": seq})
    migrate(engine)
    with engine.connect() as conn:
        got = {r.entity: (r.center_code, r.window) for r in conn.execute(
            text("SELECT entity, center_code, \"window\" FROM records"))}
        changed = {r.entity: (r.center_code, r.window, r.hlc) for r in conn.execute(
            text("SELECT entity, center_code, \"window\", hlc FROM changes"))}
    assert got == {"applicants": ("DEMO", "02"), "users": ("DEMO", ""), "cases": ("DEMO", "02")}
    assert changed == {"applicants": ("DEMO", "02", ""), "users": ("DEMO", "", ""), "cases": ("DEMO", "02", "")}
    engine.dispose()
