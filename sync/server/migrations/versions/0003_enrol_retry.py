"""enrolment retry: the hash of the counter's nonce that spent a code

Revision ID: 0003_enrol_retry
Revises: 0002_distribution
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_enrol_retry"
down_revision = "0002_distribution"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("enrol_codes") as batch:
        batch.add_column(sa.Column("used_nonce", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("enrol_codes") as batch:
        batch.drop_column("used_nonce")
