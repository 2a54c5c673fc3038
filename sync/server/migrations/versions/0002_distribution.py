"""distribution from the center: catalogue, authorised matters, holidays, appointments

Revision ID: 0002_distribution
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_distribution"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dist_items",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("center_code", sa.String(16), nullable=False),
        sa.Column("window", sa.String(8), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("kind", "center_code", "window", "key"),
        sa.UniqueConstraint("version"),
    )
    op.bulk_insert(sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.BigInteger)),
                   [{"name": "dist_version", "value": 0}])


def downgrade() -> None:
    op.execute("DELETE FROM counters WHERE name = 'dist_version'")
    op.drop_table("dist_items")
