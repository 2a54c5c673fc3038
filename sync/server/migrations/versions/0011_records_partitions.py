"""declarative partitioning on PostgreSQL: the records by hash of their center

Revision ID: 0011_records_partitions
Revises: 0010_partitions

PostgreSQL only (SQLite keeps a plain table); key and reasons in ``sync/server/partitions.py``. ``records`` is
copied into a table of the same columns in the same order ``PARTITION BY HASH (center_code)``, put in its
place, its key and indexes made after the rows (once, not row by row), and analysed, so the first pushes
after the upgrade are planned with the statistics of the copied rows, not those of an empty table.
"""

import sqlalchemy as sa
from alembic import op

from sync.server.partitions import HASH_PARTITIONS, RECORDS_KEY

revision = "0011_records_partitions"
down_revision = "0010_partitions"
branch_labels = None
depends_on = None


def _indexes(conn: sa.Connection) -> list[str]:
    """``CREATE INDEX`` statements of ``records``' indexes that no constraint owns."""
    return list(conn.execute(sa.text(
        "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = to_regclass('records') "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)")).scalars())


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    indexes = _indexes(conn)
    op.execute("CREATE TABLE records_new (LIKE records INCLUDING DEFAULTS) PARTITION BY HASH (center_code)")
    for k in range(HASH_PARTITIONS):
        op.execute(f"CREATE TABLE records_h{k} PARTITION OF records_new "
                   f"FOR VALUES WITH (MODULUS {HASH_PARTITIONS}, REMAINDER {k})")
    op.execute("INSERT INTO records_new SELECT * FROM records")
    op.execute("DROP TABLE records")
    op.execute("ALTER TABLE records_new RENAME TO records")
    op.execute(f"ALTER TABLE records ADD CONSTRAINT records_pkey PRIMARY KEY ({RECORDS_KEY})")
    for ddl in indexes:
        op.execute(ddl)
    # Every record's id and owner, keyed by the id alone: the uniqueness across centers that the records'
    # own key (which holds the center) no longer gives, kept by the database for every writer.
    op.execute("CREATE TABLE record_ids (entity varchar(32) NOT NULL, entity_id varchar(64) NOT NULL, "
               "center_code varchar(16) NOT NULL)")
    op.execute("INSERT INTO record_ids SELECT entity, entity_id, center_code FROM records")
    op.execute("ALTER TABLE record_ids ADD CONSTRAINT record_ids_pkey PRIMARY KEY (entity, entity_id)")
    # Once per statement (a push inserts its records in one), with the statement's rows as a table.
    op.execute("CREATE FUNCTION record_ids_added() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
               "INSERT INTO record_ids SELECT entity, entity_id, center_code FROM added; RETURN NULL; END $$")
    op.execute("CREATE FUNCTION record_ids_removed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
               "DELETE FROM record_ids i USING removed r WHERE i.entity = r.entity AND i.entity_id = r.entity_id; "
               "RETURN NULL; END $$")
    op.execute("CREATE TRIGGER records_ids_added AFTER INSERT ON records REFERENCING NEW TABLE AS added "
               "FOR EACH STATEMENT EXECUTE FUNCTION record_ids_added()")
    op.execute("CREATE TRIGGER records_ids_removed AFTER DELETE ON records REFERENCING OLD TABLE AS removed "
               "FOR EACH STATEMENT EXECUTE FUNCTION record_ids_removed()")
    # An update never changes a record's key or center (the push's update names both): refused if one did.
    op.execute("CREATE FUNCTION record_ids_kept() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
               "RAISE EXCEPTION 'a record keeps its id and center'; END $$")
    op.execute("CREATE TRIGGER records_ids_kept BEFORE UPDATE OF entity, entity_id, center_code ON records "
               "FOR EACH ROW WHEN (OLD.entity IS DISTINCT FROM NEW.entity OR OLD.entity_id IS DISTINCT FROM "
               "NEW.entity_id OR OLD.center_code IS DISTINCT FROM NEW.center_code) EXECUTE FUNCTION record_ids_kept()")
    # Statistics of the copied rows, not those of empty tables: the first pushes after the upgrade are
    # planned with them (an empty table's are a sequential scan).
    op.execute("ANALYZE records")
    op.execute("ANALYZE record_ids")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    indexes = _indexes(conn)
    op.execute("DROP TABLE record_ids")
    op.execute("CREATE TABLE records_old (LIKE records INCLUDING DEFAULTS)")
    op.execute("INSERT INTO records_old SELECT * FROM records")
    op.execute("DROP TABLE records")  # its triggers with it
    op.execute("DROP FUNCTION record_ids_added(), record_ids_removed(), record_ids_kept()")
    op.execute("ALTER TABLE records_old RENAME TO records")
    op.execute("ALTER TABLE records ADD CONSTRAINT records_pkey PRIMARY KEY (entity, entity_id)")
    for ddl in indexes:
        op.execute(ddl)
    op.execute("ANALYZE records")
