"""legal rules on cases: the 一次性告知 deadline, the day the time limit counts from, the applicant's
告知承诺 answer and the clock stops and extensions (行政许可法 第32, 42, 45条)

Revision ID: 0012_rules
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_rules"
down_revision = "0002"
branch_labels = ("rules",)
depends_on = None

# Columns on ``cases`` rather than new tables: the case row already syncs field by field, so the
# center hears of a clock stop or a changed due date with no new entity in the protocol.
COLUMNS = (
    sa.Column("notice_due", sa.Date(), nullable=True),
    sa.Column("counted_from", sa.Date(), nullable=True),
    sa.Column("tell_commit_choice", sa.Boolean(), nullable=True),
    sa.Column("clock", sa.Text(), nullable=False, server_default=""),
    sa.Column("clock_paused", sa.Boolean(), nullable=False, server_default=sa.false()),
)


def upgrade() -> None:
    # Nullable or defaulted columns: SQLite adds them without rebuilding the table.
    for column in COLUMNS:
        op.add_column("cases", column)
    op.create_index("ix_cases_notice_due", "cases", ["notice_due"])


def downgrade() -> None:
    op.drop_index("ix_cases_notice_due", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        for column in reversed(COLUMNS):
            batch.drop_column(column.name)
