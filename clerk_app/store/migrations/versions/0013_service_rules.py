"""counter-service rules (issue 14): rating dimensions, a complaint's first call, satisfaction surveys

Revision ID: 0013_service_rules
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_service_rules"
down_revision = "0002"
branch_labels = ("service_rules",)
depends_on = None


def upgrade() -> None:
    # A column with a default: SQLite adds it without rebuilding the table; old ratings carry none.
    op.add_column("ratings", sa.Column("dimensions", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "complaint_calls",
        sa.Column("complaint_id", sa.String(36), sa.ForeignKey("complaints.id"), primary_key=True),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("provisional", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("caller", sa.String(64), nullable=False, server_default=""),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
    )
    op.create_table(
        "satisfaction_surveys",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False, index=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=True),
        sa.Column("department", sa.String(100), nullable=False, server_default=""),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("suggestion", sa.Text(), nullable=False, server_default=""),
        sa.Column("recorded_by", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("satisfaction_surveys")
    op.drop_table("complaint_calls")
    with op.batch_alter_table("ratings") as batch:
        batch.drop_column("dimensions")
