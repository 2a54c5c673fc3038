"""pulled records the counter cannot apply are kept aside with their reason (issue 13 item 6)

Revision ID: 0010_pull_quarantine
Revises: 0008_distribution
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_pull_quarantine"
down_revision = "0008_distribution"
branch_labels = ("pull_quarantine",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pull_quarantine",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),  # the center's change number
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),  # names fields and kinds only, never values
        sa.Column("data", sa.Text(), nullable=False),  # the record whole, for IT (inside the encrypted file)
        sa.Column("at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("pull_quarantine")
