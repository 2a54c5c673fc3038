"""need to know inside a center: cases handed to other windows (transfer, output desk, joint cases)

Revision ID: 0008_retention_handover
Revises: 0004_tenancy

Each change says which case it belongs to (``changes.case_id``), so that a window-scoped counter a case
was handed to receives the case's later changes; a case's ``parent_id`` is its joint application (bundle),
so that a joint case is found and handed over whole.
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0008_retention_handover"
down_revision = "0004_tenancy"
branch_labels = ("retention_handover",)
depends_on = None

CHILDREN = ("case_materials", "case_events", "ratings")


def upgrade() -> None:
    with op.batch_alter_table("changes") as batch:
        batch.add_column(sa.Column("case_id", sa.String(64), nullable=False, server_default=""))
    op.create_table(
        "handovers",
        sa.Column("center_code", sa.String(16), nullable=False),
        sa.Column("window", sa.String(8), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("center_code", "window", "entity", "entity_id"),
    )
    op.create_table(
        "output_desks",
        sa.Column("center_code", sa.String(16), nullable=False),
        sa.Column("window", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("center_code", "window"),
    )
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE changes SET case_id = entity_id WHERE entity = 'cases'"))
    conn.execute(sa.text(
        "UPDATE changes SET case_id = COALESCE((SELECT r.parent_id FROM records r WHERE r.entity = changes.entity "
        "AND r.entity_id = changes.entity_id), '') WHERE entity IN ('case_materials', 'case_events', 'ratings')"))
    # A case's parent is its bundle: read from the stored case (a few rows per joint application).
    rows = conn.execute(sa.text("SELECT entity_id, data FROM records WHERE entity = 'cases' "
                                "AND data LIKE '%\"bundle_id\": \"%'")).all()
    for entity_id, raw in rows:
        bundle = json.loads(raw).get("bundle_id")
        if isinstance(bundle, str) and bundle:
            conn.execute(sa.text("UPDATE records SET parent_id = :b WHERE entity = 'cases' AND entity_id = :i"),
                         {"b": bundle, "i": entity_id})


def downgrade() -> None:
    op.drop_table("output_desks")
    op.drop_table("handovers")
    with op.batch_alter_table("changes") as batch:
        batch.drop_column("case_id")
