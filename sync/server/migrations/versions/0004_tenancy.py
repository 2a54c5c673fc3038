"""tenancy: every record and change belongs to a center (and a window), need-to-know scope, security
events, attachment owners, and the stamp each pulled change carries

Revision ID: 0004_tenancy
Revises: 0003_enrol_retry

Existing rows are given the center and window of the device that wrote them (``origin``); the
center's own writes (users) go to the only center the server knows, if there is exactly one.
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0004_tenancy"
down_revision = "0003_enrol_retry"
branch_labels = ("tenancy",)
depends_on = None


def upgrade() -> None:
    for table in ("records", "changes"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("center_code", sa.String(16), nullable=False, server_default=""))
            batch.add_column(sa.Column("window", sa.String(8), nullable=False, server_default=""))
    with op.batch_alter_table("changes") as batch:
        batch.add_column(sa.Column("hlc", sa.String(64), nullable=False, server_default=""))
    op.create_index("ix_changes_center_seq", "changes", ["center_code", "seq"])
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("scope", sa.String(8), nullable=True))
    op.create_table(
        "blob_owners",
        sa.Column("center_code", sa.String(16), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("center_code", "sha256"),
    )
    op.create_table(
        "security_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("center_code", sa.String(16), nullable=False),
        sa.Column("target_center", sa.String(16), nullable=False, server_default=""),
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_security_events_center_code", "security_events", ["center_code"])
    op.create_table(
        "center_settings",
        sa.Column("center_code", sa.String(16), primary_key=True),
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    _backfill()


def _backfill() -> None:
    conn = op.get_bind()
    centers = {r[0] for r in conn.execute(sa.text("SELECT DISTINCT center_code FROM devices"))}
    only = next(iter(centers)) if len(centers) == 1 else ""
    for table in ("records", "changes"):
        conn.execute(sa.text(
            f"UPDATE {table} SET center_code = COALESCE((SELECT d.center_code FROM devices d "  # noqa: S608
            f"WHERE d.id = {table}.origin), :only), "
            f"\"window\" = COALESCE((SELECT d.\"window\" FROM devices d WHERE d.id = {table}.origin), '')"),
            {"only": only})
        # Users are every window's (a counter must know a clerk to show the clerk's work).
        conn.execute(sa.text(f"UPDATE {table} SET \"window\" = '' WHERE entity = 'users'"))  # noqa: S608
    rows = conn.execute(sa.text("SELECT center_code, data FROM records WHERE entity = 'case_materials'")).all()
    owners = {(c, json.loads(d).get("attachment_sha256")) for c, d in rows}
    have = {r[0] for r in conn.execute(sa.text("SELECT sha256 FROM blobs"))}
    for center, sha in sorted(o for o in owners if o[1] in have and o[0]):
        conn.execute(sa.text("INSERT INTO blob_owners(center_code, sha256, created_at) VALUES (:c, :s, "
                             "CURRENT_TIMESTAMP)"), {"c": center, "s": sha})


def downgrade() -> None:
    op.drop_table("center_settings")
    op.drop_index("ix_security_events_center_code", "security_events")
    op.drop_table("security_events")
    op.drop_table("blob_owners")
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("scope")
    op.drop_index("ix_changes_center_seq", "changes")
    with op.batch_alter_table("changes") as batch:
        batch.drop_column("hlc")
    for table in ("records", "changes"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("window")
            batch.drop_column("center_code")
