"""attachments outside the database: uploads in progress get their own table (``blob_uploads``); ``blobs``
keeps finished files only

Revision ID: 0009_blobs
Revises: 0005_limits
Depends on: 0004_tenancy (the uploading center comes from ``blob_owners``)

The bytes still in ``blob_chunks`` cannot be moved here (a migration does not know the blob folder):
``clerk-center blobs migrate`` moves them into the store, and ``serve`` and ``migrate`` run it before
anything else. Until then an upload in progress whose bytes are not in the store yet simply restarts.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_blobs"
down_revision = "0005_limits"
branch_labels = ("blobs",)
depends_on = "0004_tenancy"


def upgrade() -> None:
    op.create_table(
        "blob_uploads",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("center_code", sa.String(16), nullable=False),
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_blob_uploads_updated", "blob_uploads", ["updated_at"])
    # An unfinished upload belongs to the one center that started it (another was refused, 409).
    op.execute("""
        INSERT INTO blob_uploads (sha256, center_code, device_id, size, received, created_at, updated_at)
        SELECT b.sha256,
               coalesce((SELECT min(o.center_code) FROM blob_owners o WHERE o.sha256 = b.sha256), ''),
               coalesce((SELECT min(q.device_id) FROM blob_quota q WHERE q.sha256 = b.sha256), ''),
               b.size, b.received, b.created_at, b.created_at
        FROM blobs b WHERE NOT b.complete""")
    op.execute("DELETE FROM blobs WHERE NOT complete")


def downgrade() -> None:
    op.execute("""
        INSERT INTO blobs (sha256, size, received, complete, created_at)
        SELECT sha256, size, 0, false, created_at FROM blob_uploads""")
    op.drop_index("ix_blob_uploads_updated", table_name="blob_uploads")
    op.drop_table("blob_uploads")
