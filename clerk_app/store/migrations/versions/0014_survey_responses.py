"""satisfaction survey (issue 14 item 11; seed 003 §7.2.3.4, App. E): survey_responses

Revision ID: 0014_survey
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_survey"
down_revision = "0002"
branch_labels = ("survey",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("form", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("window", sa.String(8), nullable=False),
        sa.Column("clerk_id", sa.String(36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("visit", sa.String(16), nullable=False, server_default=""),
        sa.Column("departments", sa.String(200), nullable=False, server_default=""),
        sa.Column("levels", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False, server_default=""),
    )
    op.create_index("ix_survey_responses_at", "survey_responses", ["at"])


def downgrade() -> None:
    op.drop_index("ix_survey_responses_at", table_name="survey_responses")
    op.drop_table("survey_responses")
