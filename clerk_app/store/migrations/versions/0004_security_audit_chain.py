"""hash chain and tail anchor for the audit trail

Revision ID: 0004_security
Revises: 0002
Create Date: 2026-11-22
"""

import hashlib
import json
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0004_security"
down_revision = "0002"
branch_labels = ("security",)
depends_on = None

GENESIS = "0" * 64
# Chain links and the anchor are as append-only as the entries; the anchor may only move forward.
TRIGGERS = (
    "CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain "
    "BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END",
    "CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain "
    "BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END",
    "CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor "
    "BEGIN SELECT RAISE(ABORT, 'audit_anchor cannot be removed'); END",
    "CREATE TRIGGER audit_anchor_forward_only BEFORE UPDATE ON audit_anchor WHEN NEW.seq <= OLD.seq "
    "BEGIN SELECT RAISE(ABORT, 'audit_anchor only moves forward'); END",
)


def _hash_v1(prev: str, seq: int, row) -> str:  # type: ignore[no-untyped-def]
    # Frozen copy of clerk_app.store.audit.entry_hash (chain version 1): a migration must not change
    # when the application code does.
    at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(str(row.at))
    payload = [1, seq, row.id, at.isoformat(timespec="microseconds"), row.actor, row.action, row.entity,
               row.entity_id, row.detail, prev]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def upgrade() -> None:
    op.create_table(
        "audit_chain",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("audit_id", sa.String(36), nullable=False, unique=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "audit_anchor",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log "
                                "ORDER BY at, id")).all()
    prev = GENESIS
    for seq, row in enumerate(rows, start=1):
        digest = _hash_v1(prev, seq, row)
        conn.execute(sa.text("INSERT INTO audit_chain (seq, audit_id, prev_hash, hash) VALUES (:s, :a, :p, :h)"),
                     {"s": seq, "a": row.id, "p": prev, "h": digest})
        prev = digest
    conn.execute(sa.text("INSERT INTO audit_anchor (id, seq, hash) VALUES (1, :s, :h)"), {"s": len(rows), "h": prev})
    for sql in TRIGGERS:
        op.execute(sql)


def downgrade() -> None:
    for name in ("audit_chain_no_update", "audit_chain_no_delete", "audit_anchor_no_delete",
                 "audit_anchor_forward_only"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("audit_anchor")
    op.drop_table("audit_chain")
