"""retention of the change log: what each device has pulled, and where each center's log is pruned

Revision ID: 0008_retention
Revises: 0004_tenancy
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_retention"
down_revision = "0004_tenancy"
branch_labels = ("retention",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "device_acks",
        sa.Column("device_id", sa.String(40), primary_key=True),
        sa.Column("center_code", sa.String(16), nullable=False),
        sa.Column("cursor", sa.BigInteger(), nullable=False),
        sa.Column("rebuilding", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("acked_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_device_acks_center_code", "device_acks", ["center_code"])
    op.create_table(
        "retention_floors",
        sa.Column("center_code", sa.String(16), primary_key=True),
        sa.Column("floor", sa.BigInteger(), nullable=False),
        sa.Column("pruned", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("pruned_at", sa.DateTime(), nullable=False),
    )
    # The snapshot a rebuilding device is served is read by ``updated_seq`` within its center.
    op.create_index("ix_records_center_updated", "records", ["center_code", "updated_seq"])


def downgrade() -> None:
    op.drop_index("ix_records_center_updated", "records")
    op.drop_table("retention_floors")
    op.drop_table("device_acks")
