"""distribution from the center: users are synced (existing ones queued once), center items,
appointments and the quarantine of unusable items

Revision ID: 0008_distribution
Revises: 0003_sync
"""

import json
import os

import sqlalchemy as sa
from alembic import op

revision = "0008_distribution"
down_revision = "0003_sync"
branch_labels = None
depends_on = None

LOCAL_ONLY = ("failed_attempts", "locked_until")


def upgrade() -> None:
    op.create_table(
        "center_items",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "appointments",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("slot", sa.String(16), nullable=False),
        sa.Column("window", sa.String(8), nullable=False),
        sa.Column("matter_code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_appointments_day", "appointments", ["day", "window"])
    op.create_table(
        "dist_quarantine",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    _queue_existing_users()


def _queue_existing_users() -> None:
    """Users written before they were synced reach the center once, like 0003 did for the other tables."""
    from datetime import datetime

    from clerk_app.domain.ids import uuid7

    conn = op.get_bind()
    node = os.urandom(4).hex()
    ms = int(datetime.now().timestamp() * 1000)
    outbox = sa.table("sync_outbox", *(sa.column(c) for c in (
        "mutation_id", "tx_id", "entity", "entity_id", "op", "data", "old", "hlc", "actor", "client_time",
        "schema_version")))
    users = sa.Table("users", sa.MetaData(), autoload_with=conn)
    batch = []
    for n, row in enumerate(conn.execute(sa.select(users)).mappings(), start=1):
        data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items() if k not in LOCAL_ONLY}
        mid = uuid7()
        batch.append(dict(mutation_id=mid, tx_id=mid, entity="users", entity_id=str(data["id"]), op="insert",
                          data=json.dumps(data, ensure_ascii=False), old="{}", hlc=f"{ms:013d}-{n:05d}-{node}",
                          actor="migration", client_time=datetime.now().isoformat(timespec="seconds"),
                          schema_version=1))
    if batch:
        conn.execute(outbox.insert(), batch)


def downgrade() -> None:
    op.drop_table("dist_quarantine")
    op.drop_index("ix_appointments_day", "appointments")
    op.drop_table("appointments")
    op.drop_table("center_items")
