"""sync outbox and sync state; existing rows are queued once so that nothing written before is lost

Revision ID: 0003_sync
Revises: 0002
"""

import json
import os

import sqlalchemy as sa
from alembic import op

revision = "0003_sync"
down_revision = "0002"
branch_labels = ("sync",)
depends_on = None

SYNCED_ORDER = ("applicants", "cases", "case_materials", "case_events", "ratings", "complaints", "audit_log")


def _json(value):  # type: ignore[no-untyped-def]
    return value.isoformat() if hasattr(value, "isoformat") else value


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("mutation_id", sa.String(40), nullable=False, unique=True),
        sa.Column("tx_id", sa.String(40), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("old", sa.Text, nullable=False, server_default="{}"),
        sa.Column("hlc", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("client_time", sa.String(40), nullable=False),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(8), nullable=False, server_default="pending"),
        sa.Column("outcome", sa.String(16), nullable=False, server_default=""),
        sa.Column("message", sa.Text, nullable=False, server_default=""),
        sa.Column("acked_at", sa.String(40), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_sync_outbox_status", "sync_outbox", ["status", "seq"])
    op.create_table("sync_state", sa.Column("key", sa.String(32), primary_key=True),
                    sa.Column("value", sa.Text, nullable=False))
    _queue_existing_rows()


def _queue_existing_rows() -> None:
    """A counter upgraded with data already on it: every existing row is queued as an insert (events as
    history, since their case rows already hold the resulting state)."""
    conn = op.get_bind()
    node = os.urandom(4).hex()
    from datetime import datetime

    ms = int(datetime.now().timestamp() * 1000)
    counter = 0
    outbox = sa.table("sync_outbox", *(sa.column(c) for c in (
        "mutation_id", "tx_id", "entity", "entity_id", "op", "data", "old", "hlc", "actor", "client_time",
        "schema_version")))
    from clerk_app.domain.ids import uuid7

    for name in SYNCED_ORDER:
        if conn.execute(sa.text(f"SELECT 1 FROM {name} LIMIT 1")).first() is None:
            continue  # nothing to queue; reflecting the table (~10 ms each) is for a counter with data
        table = sa.Table(name, sa.MetaData(), autoload_with=conn)
        batch = []
        for row in conn.execute(sa.select(table)).mappings():
            counter += 1
            data = {k: _json(v) for k, v in row.items()}
            mid = uuid7()
            batch.append(dict(mutation_id=mid, tx_id=mid, entity=name, entity_id=str(data["id"]), op="insert",
                              data=json.dumps(data, ensure_ascii=False, default=str),
                              old=json.dumps({"history": True} if name == "case_events" else {}),
                              hlc=f"{ms + counter // 100000:013d}-{counter % 100000:05d}-{node}", actor="migration",
                              client_time=datetime.now().isoformat(timespec="seconds"), schema_version=1))
            if len(batch) >= 5000:
                conn.execute(outbox.insert(), batch)
                batch = []
        if batch:
            conn.execute(outbox.insert(), batch)


def downgrade() -> None:
    op.drop_table("sync_state")
    op.drop_index("ix_sync_outbox_status", "sync_outbox")
    op.drop_table("sync_outbox")
