"""other devices' audit chain links, fetched from the center, so that `audit verify` checks each
pulled device's chain separately from this counter's own

Revision ID: 0011_audit_chains
Revises: 0004_security
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_audit_chains"
down_revision = "0004_security"
branch_labels = ("audit_chains",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_peer_links",
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("audit_id", sa.String(40), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "seq"),
    )
    op.create_index("ix_audit_peer_links_audit_id", "audit_peer_links", ["audit_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_peer_links_audit_id", table_name="audit_peer_links")
    op.drop_table("audit_peer_links")
