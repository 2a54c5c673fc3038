"""joint cases (联办件): cases of one application share a bundle id

Revision ID: 0009_bundles
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_bundles"
down_revision = "0002"
branch_labels = ("bundles",)
depends_on = None


def upgrade() -> None:
    # A nullable column: SQLite adds it without rebuilding the table, existing cases stay single.
    op.add_column("cases", sa.Column("bundle_id", sa.String(36), nullable=True))
    op.create_index("ix_cases_bundle_id", "cases", ["bundle_id"])


def downgrade() -> None:
    op.drop_index("ix_cases_bundle_id", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("bundle_id")
