"""trust boundary: admin tokens expire and can be revoked, admin audit trail (append-only),
attachment owners for quotas, device audit chains and their alerts

Revision ID: 0005_limits
Revises: 0003_enrol_retry
"""

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = "0005_limits"
down_revision = "0003_enrol_retry"
branch_labels = ("limits",)
depends_on = None

LEGACY_TOKEN_DAYS = 90  # tokens made before expiry existed get this long from their creation


def upgrade() -> None:
    with op.batch_alter_table("admin_tokens") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("revoked_at", sa.DateTime(), nullable=True))
    conn = op.get_bind()
    for row in conn.execute(sa.text("SELECT token_hash, created_at FROM admin_tokens")).all():
        conn.execute(sa.text("UPDATE admin_tokens SET expires_at = :e WHERE token_hash = :h"),
                     {"e": row.created_at + timedelta(days=LEGACY_TOKEN_DAYS), "h": row.token_hash})
    op.create_table(
        "admin_audit",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("command", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
    )
    op.create_table(
        "blob_quota",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "device_id"),
    )
    op.create_index("ix_blob_quota_device", "blob_quota", ["device_id"])
    op.create_table(
        "audit_links",
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("audit_id", sa.String(40), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("arrival", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "seq"),
        sa.UniqueConstraint("arrival"),
    )
    op.create_table(
        "device_chains",
        sa.Column("device_id", sa.String(40), primary_key=True),
        sa.Column("head_seq", sa.BigInteger(), nullable=False),
        sa.Column("head_hash", sa.String(64), nullable=False),
        sa.Column("max_seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "chain_alerts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.bulk_insert(sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.BigInteger)),
                   [{"name": "audit_arrival", "value": 0}])
    # The admin trail is append-only in the database itself, not only in the code that writes it.
    if conn.dialect.name == "postgresql":
        op.execute("CREATE FUNCTION admin_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN RAISE EXCEPTION 'admin_audit is append-only'; END $$")
        op.execute("CREATE TRIGGER admin_audit_no_change BEFORE UPDATE OR DELETE ON admin_audit "
                   "FOR EACH ROW EXECUTE FUNCTION admin_audit_append_only()")
        op.execute("CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit "
                   "FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_append_only()")
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER admin_audit_no_{verb.lower()} BEFORE {verb} ON admin_audit "
                       "BEGIN SELECT RAISE(ABORT, 'admin_audit is append-only'); END")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.execute("DROP TRIGGER admin_audit_no_change ON admin_audit")
        op.execute("DROP TRIGGER admin_audit_no_truncate ON admin_audit")
        op.execute("DROP FUNCTION admin_audit_append_only()")
    else:
        op.execute("DROP TRIGGER admin_audit_no_update")
        op.execute("DROP TRIGGER admin_audit_no_delete")
    op.execute("DELETE FROM counters WHERE name = 'audit_arrival'")
    for table in ("chain_alerts", "device_chains", "audit_links", "blob_quota", "admin_audit"):
        op.drop_table(table)
    with op.batch_alter_table("admin_tokens") as batch:
        batch.drop_column("revoked_at")
        batch.drop_column("expires_at")
