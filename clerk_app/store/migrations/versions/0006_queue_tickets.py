"""local queue tickets

Revision ID: 0006
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0002"
branch_labels = ("queue",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "queue_tickets",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("number", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("window", sa.String(8), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("reason", sa.String(100), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("recalls", sa.Integer(), nullable=False),
    )
    op.create_index("ix_queue_day_state", "queue_tickets", ["day", "state"])


def downgrade() -> None:
    op.drop_index("ix_queue_day_state", "queue_tickets")
    op.drop_table("queue_tickets")
