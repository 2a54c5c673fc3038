"""provincial exchange: durable outbox and feed cursors

Revision ID: 0006_exchange
Revises: 0003_enrol_retry
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_exchange"
down_revision = "0003_enrol_retry"
branch_labels = ("exchange",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchange_outbox",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("target", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("subject", sa.String(64), nullable=False),
        sa.Column("facts", sa.Text, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_at", sa.DateTime, nullable=False),
        sa.Column("last_error", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("delivered_at", sa.DateTime, nullable=True),
        sa.UniqueConstraint("target", "key", name="uq_exchange_outbox_key"),
    )
    op.create_index("ix_exchange_outbox_due", "exchange_outbox", ["target", "status", "next_at"])
    op.create_index("ix_exchange_outbox_subject", "exchange_outbox", ["target", "subject", "id"])
    op.create_table(
        "exchange_cursors",
        sa.Column("target", sa.String(32), primary_key=True),
        sa.Column("cursor", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("exchange_cursors")
    op.drop_index("ix_exchange_outbox_subject", table_name="exchange_outbox")
    op.drop_index("ix_exchange_outbox_due", table_name="exchange_outbox")
    op.drop_table("exchange_outbox")
