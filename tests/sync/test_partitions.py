"""Declarative partitioning on PostgreSQL (issue 18 item 2, migrations ``0010_partitions``: the change log by
month, the ledger by device hash, and ``0011_records_partitions``: the records by center hash): a center that
has been serving is upgraded with its rows in place, and then serves them and new work from the partitioned
tables; a month with no partition yet is caught by the default partition and moved out of it when its
partition is made. (Retention dropping a month: ``test_retention.py``; two centers storing one record id at
once: ``test_center_feeds.py``.)"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from center_databases import pg_schema, server_engine_urls, upgrade_all_but
from sqlalchemy import Engine, text
from sync_helpers import local_ids, server_ids, write_applicants

from sync.server import partitions
from sync.server.db import MIGRATIONS, migrate

pytestmark = pytest.mark.parametrize("server_engine", server_engine_urls()[1:], indirect=True)


@pytest.fixture
def server_engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A PostgreSQL center database migrated to every head but ``0010_partitions``: plain tables, as a center
    had them before the upgrade."""
    assert request.param == "postgresql"
    with pg_schema() as (engine, _schema):
        with engine.begin() as conn:
            upgrade_all_but(conn, "0010_partitions")
            for key, size in (("epoch", 8), ("secret", 32)):  # as ``migrate`` makes them
                conn.execute(text("INSERT INTO server_meta VALUES (:k, :v)"), {"k": key, "v": secrets.token_hex(size)})
        yield engine


def _partitioned(engine: Engine) -> dict[str, int]:
    """Partitioned tables and how many partitions each has (what ``\\d+`` lists)."""
    with engine.connect() as conn:
        return {name: int(n) for name, n in conn.execute(text(
            "SELECT t.partrelid::regclass::text, (SELECT count(*) FROM pg_inherits i WHERE i.inhparent = t.partrelid) "
            "FROM pg_partitioned_table t JOIN pg_class c ON c.oid = t.partrelid "
            "WHERE c.relnamespace = to_regnamespace(current_schema())"))}


def _one_partition_per_center(conn: Any) -> bool:
    """Every center's records in one partition of ``records`` (and some in each of two or more)."""
    spread = dict(conn.execute(text("SELECT center_code, count(DISTINCT tableoid) FROM records GROUP BY 1")).all())
    return bool(spread) and set(spread.values()) == {1}


def _counts(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*), md5(string_agg({k}::text, ',' ORDER BY {k})) "  # noqa: S608
                                     f"FROM {t}")).one()
                for t, k in (("changes", "(center_code, seq, tx, entity, entity_id, op, data, hlc, case_id)"),
                             ("records", "(entity, entity_id, data, updated_seq, center_code)"),
                             ("ledger", "(device_id, seq, mutation_id, outcome)"))}


def test_a_serving_center_is_upgraded_with_its_rows_and_serves_them_from_the_partitions(
        center, counter_factory) -> None:
    engine = center.engine
    a, b = counter_factory("a"), counter_factory("b")
    first = write_applicants(a.store, 6, tag="a")
    a.sync_once()
    b.sync_once()
    theirs = write_applicants(b.store, 3, tag="b")
    b.sync_once()
    assert _partitioned(engine) == {}
    before = _counts(engine)
    assert before["changes"][0] > 0 and before["ledger"][0] > 0

    migrate(engine)  # what `clerk-center migrate` (and `serve`) run

    this_month = partitions.month_start(date.today())
    expected_months = {partitions.month_name(partitions.month_start(this_month, i)) for i in range(3)}
    got = _partitioned(engine)
    assert got == {"changes": 2 + len(expected_months), "ledger": partitions.HASH_PARTITIONS,
                   "records": partitions.HASH_PARTITIONS}
    assert _counts(engine) == before  # every row, unchanged
    with engine.connect() as conn:
        names = {p.name for p in partitions.parts(conn)}
        assert names == {"changes_legacy", "changes_default"} | expected_months
        # The rows of before the upgrade are in the partition below the current month, all of them.
        assert conn.execute(text("SELECT count(*) FROM changes_legacy")).scalar() == before["changes"][0]
        # The indexes the queries need are on the partitioned tables (so on every partition).
        indexes = {r.indexname: r.indexdef for r in conn.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename IN ('changes', 'records', 'ledger')"))}
        assert "(center_code, seq, logged_on)" in indexes["pk_changes"]
        assert "(entity, parent_id)" in indexes["ix_records_parent"]
        assert "(center_code, updated_seq)" in indexes["ix_records_center_updated"]
        assert "(device_id, seq)" in indexes["pk_ledger"] and "(device_id, mutation_id)" in indexes["uq_ledger_0"]
        assert "(entity, entity_id, center_code)" in indexes["records_pkey"]
        assert _one_partition_per_center(conn)

    # Serving goes on: new work lands in this month's partition, a new counter gets everything, the old ones
    # carry on from their cursors.
    later = write_applicants(a.store, 4, tag="a2")
    a.sync_once()
    b.sync_once()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM " + partitions.month_name(this_month))).scalar() > 0
        assert conn.execute(text("SELECT count(*) FROM changes_default")).scalar() == 0
    everything = set(server_ids(engine, "applicants"))
    assert everything == set(first) | set(theirs) | set(later) == local_ids(b.store, "applicants")
    c = counter_factory("c")
    c.sync_once()
    assert local_ids(c.store, "applicants") == everything


def test_rows_of_a_month_without_a_partition_wait_in_the_default_one_and_move_when_it_is_made(
        server_engine: Engine, tmp_path: Path) -> None:
    migrate(server_engine)
    far = date(2031, 5, 17)
    name = partitions.month_name(partitions.month_start(far))
    with server_engine.begin() as conn:
        for seq in (1, 2, 3):
            conn.execute(text("INSERT INTO changes (center_code, seq, tx, entity, entity_id, op, data, logged_on) "
                              "VALUES ('DEMO', :s, :s, 'applicants', :i, 'insert', '{}', :d)"),
                         {"s": seq, "i": f"x{seq}", "d": far})
        assert conn.execute(text("SELECT count(*) FROM changes_default")).scalar() == 3
    assert partitions.ensure_months(server_engine, far, ahead=0) == [name]
    with server_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM changes_default")).scalar() == 0
        assert list(conn.execute(text(f"SELECT seq FROM {name} ORDER BY seq")).scalars()) == [1, 2, 3]  # noqa: S608
        assert list(conn.execute(text("SELECT seq FROM changes WHERE center_code = 'DEMO' ORDER BY seq"))
                    .scalars()) == [1, 2, 3]
    assert partitions.ensure_months(server_engine, far, ahead=0) == []  # made once


def test_the_upgrade_goes_back_to_plain_tables_with_every_row(center, counter_factory) -> None:
    a = counter_factory("a")
    write_applicants(a.store, 5, tag="a")
    a.sync_once()
    migrate(center.engine)
    before = _counts(center.engine)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with center.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "partitions@-2")  # 0011 (records), then 0010 (change log and ledger)
    assert _partitioned(center.engine) == {} and _counts(center.engine) == before
    migrate(center.engine)
    assert set(_partitioned(center.engine)) == {"changes", "ledger", "records"} and _counts(center.engine) == before
    later = write_applicants(a.store, 2, tag="a2")
    a.sync_once()
    assert set(later) <= set(server_ids(center.engine, "applicants"))


def test_a_month_a_late_transaction_commits_into_is_kept(center, counter_factory) -> None:
    """A transaction that began last month and commits while retention checks that month: the month is
    checked again holding the change log, after that transaction ends, and kept."""
    import threading
    from datetime import datetime, timedelta

    from sync.server import retention

    engine = center.engine
    migrate(engine)
    a = counter_factory("a")
    write_applicants(a.store, 2, tag="a")
    a.sync_once()
    last_month = partitions.month_start(date.today()) - timedelta(days=3)
    with engine.begin() as conn:
        conn.execute(text("UPDATE changes SET logged_on = :d"), {"d": last_month})
        head = int(conn.execute(text("SELECT max(seq) FROM changes WHERE center_code = 'DEMO'")).scalar_one())
    retention._raise_floor(engine, "DEMO", head, datetime.now())  # everything logged so far is below the floor
    late = engine.connect()
    tx = late.begin()
    late.execute(text("INSERT INTO changes (center_code, seq, tx, entity, entity_id, op, data, logged_on) "
                      "VALUES ('DEMO', :s, :s, 'applicants', 'late', 'insert', '{}', :d)"), {"s": head + 1, "d": last_month})
    got: list[dict[str, Any]] = []
    worker = threading.Thread(target=lambda: got.append(retention.drop_partitions(engine, datetime.now())))
    worker.start()
    worker.join(1.0)
    assert worker.is_alive()  # it waits for the change log, which the late transaction writes
    tx.commit()
    late.close()
    worker.join(10)
    [summary] = got
    assert summary["dropped"] == [] and summary["kept"] == [
        {"partition": "changes_legacy", "rows": head, "held_by": ["DEMO"]}]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM changes_legacy")).scalar() == head + 1


@pytest.fixture
def before_records_partitions(server_engine: Engine) -> Engine:
    """A PostgreSQL center database on ``0010_partitions`` (change log and ledger partitioned), its records
    still one table."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with server_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0010_partitions")
    return server_engine


def test_records_of_a_serving_center_are_moved_into_their_centers_partitions_and_back(
        before_records_partitions: Engine) -> None:
    engine = before_records_partitions
    with engine.begin() as conn:  # 30 centers' records, written as the push writes them
        conn.execute(text(
            "INSERT INTO records (entity, entity_id, parent_id, data, hlc, deleted, note, origin, updated_seq, "
            "center_code, \"window\") SELECT CASE WHEN g % 3 = 0 THEN 'users' ELSE 'applicants' END, 'r' || g, NULL, "
            "'{\"n\": ' || g || '}', '{}', g % 7 = 0, '', 'dev', g, 'C' || (g % 30), '01' "
            "FROM generate_series(1, 3000) g"))
    assert set(_partitioned(engine)) == {"changes", "ledger"}
    before = _counts(engine)

    migrate(engine)

    assert _partitioned(engine)["records"] == partitions.HASH_PARTITIONS
    assert _counts(engine) == before
    with engine.connect() as conn:
        assert _one_partition_per_center(conn)
        used = conn.execute(text("SELECT count(DISTINCT tableoid) FROM records")).scalar()
        assert used is not None and used > 1
        # Analysed at the end of the copy: the planner knows the rows (not the empty table's statistics).
        # This schema's partitions only: the worker's other (pooled) centers have records_h* tables of their own.
        assert conn.execute(text("SELECT sum(reltuples) FROM pg_class WHERE relname LIKE 'records_h%' "
                                 "AND relkind = 'r' AND relnamespace = CAST(current_schema() AS regnamespace)")
                            ).scalar() == 3000
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "partitions@-1")  # 0011 only: the change log and ledger stay partitioned
    assert set(_partitioned(engine)) == {"changes", "ledger"} and _counts(engine) == before
    with engine.connect() as conn:
        key = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                                "AND indexname = 'records_pkey'")).scalar()
        assert key is not None and "(entity, entity_id)" in key
