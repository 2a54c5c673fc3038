"""declarative partitioning on PostgreSQL: the change log by month, the ledger by hash

Revision ID: 0010_partitions
Revises: 0007_center_write
Depends on: 0008_retention (``ix_records_center_updated``), 0008_retention_handover (``changes.case_id``)

PostgreSQL only (SQLite keeps plain tables); keys and reasons in ``sync/server/partitions.py`` (``records``:
``0011_records_partitions``). Each table is
copied into a partitioned one of the same columns in the same order, then put in its place, and its indexes
are made again on it. Rows written before the upgrade have no month: they go to one partition below the
current month (``changes_legacy``, ``logged_on`` = the day before the month began), which retention drops as
a whole once every center's floor has passed them.
"""

from datetime import date, timedelta

import sqlalchemy as sa
from alembic import op

from sync.server.partitions import DEFAULT, HASH_PARTITIONS, month_start

revision = "0010_partitions"
down_revision = "0007_center_write"
branch_labels = ("partitions",)
depends_on = ("0008_retention", "0008_retention_handover")

# table -> (partition clause, primary key, unique constraints)
TABLES = {
    "changes": ("RANGE (logged_on)", "center_code, seq, logged_on", []),
    "ledger": ("HASH (device_id)", "device_id, seq", ["device_id, mutation_id"]),
}


def _indexes(conn: sa.Connection, table: str) -> list[str]:
    """``CREATE INDEX`` statements of ``table``'s indexes that no constraint owns (its primary key and
    unique constraints are made from ``TABLES``)."""
    return list(conn.execute(sa.text(
        "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = to_regclass(:t) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"), {"t": table}).scalars())


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    today = date.today()
    first = month_start(today)
    for table, (by, key, uniques) in TABLES.items():
        indexes = _indexes(conn, table)
        extra = ", logged_on date NOT NULL DEFAULT CURRENT_DATE" if table == "changes" else ""
        op.execute(f"CREATE TABLE {table}_new (LIKE {table} INCLUDING DEFAULTS{extra}) PARTITION BY {by}")
        if table == "changes":
            op.execute(f"CREATE TABLE changes_legacy PARTITION OF changes_new FOR VALUES FROM (MINVALUE) "
                       f"TO ('{first.isoformat()}')")
            op.execute(f"CREATE TABLE {DEFAULT} PARTITION OF changes_new DEFAULT")
            op.execute(f"INSERT INTO changes_new SELECT *, DATE '{(first - timedelta(days=1)).isoformat()}' "
                       "FROM changes")  # noqa: S608
        else:
            for k in range(HASH_PARTITIONS):
                op.execute(f"CREATE TABLE {table}_h{k} PARTITION OF {table}_new "
                           f"FOR VALUES WITH (MODULUS {HASH_PARTITIONS}, REMAINDER {k})")
            op.execute(f"INSERT INTO {table}_new SELECT * FROM {table}")  # noqa: S608
        op.execute(f"DROP TABLE {table}")
        op.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
        # Indexes after the rows: built once instead of kept up row by row.
        op.execute(f"ALTER TABLE {table} ADD CONSTRAINT pk_{table} PRIMARY KEY ({key})")
        for n, cols in enumerate(uniques):
            op.execute(f"ALTER TABLE {table} ADD CONSTRAINT uq_{table}_{n} UNIQUE ({cols})")
        for ddl in indexes:
            op.execute(ddl)
        op.execute(f"ANALYZE {table}")
    # The months ahead are made by ``partitions.ensure_months`` (``migrate`` runs it right after this).


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    plain = {"changes": "center_code, seq", "ledger": "device_id, seq"}
    for table in TABLES:
        indexes = _indexes(conn, table)
        op.execute(f"CREATE TABLE {table}_old (LIKE {table} INCLUDING DEFAULTS)")
        if table == "changes":
            op.execute("ALTER TABLE changes_old DROP COLUMN logged_on")
            op.execute("INSERT INTO changes_old SELECT center_code, seq, tx, entity, entity_id, op, data, origin, "
                       "\"window\", hlc, case_id FROM changes")
        else:
            op.execute(f"INSERT INTO {table}_old SELECT * FROM {table}")  # noqa: S608
        op.execute(f"DROP TABLE {table}")
        op.execute(f"ALTER TABLE {table}_old RENAME TO {table}")
        op.execute(f"ALTER TABLE {table} ADD CONSTRAINT pk_{table} PRIMARY KEY ({plain[table]})")
        if table == "ledger":
            op.execute("ALTER TABLE ledger ADD CONSTRAINT ledger_mutation_id_key UNIQUE (mutation_id)")
        for ddl in indexes:
            op.execute(ddl)
