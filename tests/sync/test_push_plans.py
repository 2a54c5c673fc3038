"""The push's first read (``apply._START``: the device's last ledger seq, the records the push names and its
center's users) as PostgreSQL runs it on a long-lived center connection: psycopg prepares a statement after
five uses, and PostgreSQL may then keep one generic plan for any parameter values. That plan must still
find the center's users by index, not read every record of the center (with ``entity = $n`` in place of
``'users'`` the generic plan read the center's whole records through its center index and threw away all
but its users: 2,000 rows here per push, 25,000 at a center of that size)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Connection, Engine, text

from sync.server import apply, db


@pytest.fixture
def pg_center(server_engine: Engine) -> Engine:
    """A fresh migrated PostgreSQL center (the sync tests' ``server_engine``) holding 40,000 records of
    20 centers (cases and applicants) and 5 users in each: the users are the rare entity, as on a real
    center."""
    with server_engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO records (entity, entity_id, parent_id, data, hlc, deleted, note, origin, updated_seq,"
            " center_code, \"window\") SELECT CASE WHEN g % 2 = 0 THEN 'cases' ELSE 'applicants' END,"
            " 'r' || g, NULL, '{}', '{}', false, '', '', g, 'C' || (g % 20), '01'"
            " FROM generate_series(1, 40000) g"))
        conn.execute(text(
            "INSERT INTO records (entity, entity_id, parent_id, data, hlc, deleted, note, origin, updated_seq,"
            " center_code, \"window\") SELECT 'users', 'u' || g, NULL, '{\"username\": \"u' || g || '\"}',"
            " '{}', false, '', '', 40000 + g, 'C' || (g % 20), '' FROM generate_series(1, 100) g"))
        conn.execute(text("ANALYZE records"))
    return server_engine


# The sync tests' PostgreSQL center only: SQLite has no prepared generic plans.
@pytest.mark.parametrize("server_engine", ["postgresql"], indirect=True)
def test_the_push_start_read_finds_the_users_by_index_under_a_generic_plan(pg_center: Engine) -> None:
    plans: list[str] = []
    with pg_center.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.add_notice_handler(lambda diag: plans.append(diag.message_primary or ""))  # type: ignore[attr-defined]
        # What a center connection does after a while: a cached generic plan (forced here, so that the test
        # does not depend on when PostgreSQL's own choice would switch), every plan logged to this client.
        conn.execute(text("LOAD 'auto_explain'"))
        conn.execute(text("SET auto_explain.log_min_duration = 0"))
        conn.execute(text("SET auto_explain.log_analyze = on"))
        conn.execute(text("SET client_min_messages = log"))
        conn.execute(text("SET plan_cache_mode = force_generic_plan"))
        rows: list[tuple[str | None, str | None]] = []
        for _ in range(7):  # psycopg prepares on the sixth use (prepare_threshold 5)
            plans.clear()
            rows = [(r.entity, r.entity_id) for r in conn.execute(apply._START, {
                "device": "dev-1", "center": "C3", "entities": ["cases"], "ids": ["r2"]})]
        conn.rollback()
    assert sorted(rows) == [("cases", "r2"), *sorted(("users", f"u{g}") for g in range(3, 101, 20))]
    last = "\n".join(plans)
    assert "records" in last, last  # the plan of the last (prepared, generic) execution was logged
    assert "Seq Scan on records" not in last, last
    # Rows read and thrown away: at most the other centers' users (95), never the center's 2,000 cases.
    thrown = sum(int(n) for n in re.findall(r"Rows Removed by (?:Filter|Index Recheck): (\d+)", last))
    assert thrown <= 95, last


def _explain_here(conn: Connection) -> None:
    """Every plan of ``conn`` logged to this client, with a push transaction's settings (``db._INDEX_READS``)."""
    conn.execute(text("LOAD 'auto_explain'"))
    conn.execute(text("SET auto_explain.log_min_duration = 0"))
    conn.execute(text("SET auto_explain.log_analyze = on"))
    conn.execute(text("SET client_min_messages = log"))
    conn.execute(text(db._INDEX_READS))


@pytest.mark.parametrize("server_engine", ["postgresql"], indirect=True)
def test_the_push_statements_read_one_partition_of_records(pg_center: Engine) -> None:
    """``records`` is partitioned by center hash (0011_records_partitions): each push statement that names the
    center reads that center's partition only, with one statement text for every center (prepared once by
    the driver; PostgreSQL prunes while planning, or when a generic plan starts); the ids another center
    owns are found in ``record_ids`` by its key (r2 is C2's); and none of them reads a partition
    sequentially."""
    plans: list[str] = []
    with pg_center.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.add_notice_handler(lambda diag: plans.append(diag.message_primary or ""))  # type: ignore[attr-defined]
        _explain_here(conn)
        update = {"k_entity": "cases", "k_entity_id": "r2", "k_center_code": "C2", "k_parent_id": None,
                  "k_data": "{}", "k_hlc": "{}", "k_deleted": False, "k_note": "", "k_origin": "",
                  "k_updated_seq": 1, "k_window": "01"}
        for center in ("C3", "C7", "C11", "C3", "C7", "C11", "C3"):  # one text, prepared on the sixth use
            plans.clear()
            start = conn.execute(apply._START, {"device": "dev-1", "center": center, "entities": ["cases"],
                                                "ids": ["r2"]}).all()
            conn.execute(apply._UPDATE_RECORD, update)
            preload = conn.execute(apply._PRELOAD, {"entities": ["cases", "applicants"], "ids": ["r2", "r3"]}).all()
        conn.rollback()
    assert sorted((r.entity, r.entity_id) for r in start) == [
        ("cases", "r2"), *sorted(("users", f"u{g}") for g in range(3, 101, 20))]
    assert sorted((r.entity, r.entity_id) for r in preload) == [("applicants", "r3"), ("cases", "r2")]
    last = "\n".join(plans)
    assert "Seq Scan on records" not in last, last
    start_plan, update_plan = (p for p in plans if "records" in p and ("last_seq" in p or "UPDATE" in p))
    # By key from the center's partition, and another center's ids from record_ids; the users from the
    # center's partition.
    assert len(re.findall(r"Scan using records_h\d+_pkey on (records_h\d+)", start_plan)) == 2, start_plan
    assert len(set(re.findall(r" on (records_h\d+)", start_plan))) == 1, start_plan  # the center's
    assert "Index Scan using record_ids_pkey" in start_plan, start_plan
    assert len(set(re.findall(r" on (records_h\d+)", update_plan))) == 1, update_plan  # the center's
