"""The exchange's durable queue, in the center's own database (no broker to run, back up or secure:
the queue is committed with the same guarantees as the records it reports)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, String, Table, Text, UniqueConstraint

from sync.server.schema import metadata

# One row per event to report: (target, key) is unique, so feeding the same change twice (after a
# crash before the cursor moved) queues nothing new — the key is also the idempotency key the province
# sees, so a resend after a lost reply is recognised there.
exchange_outbox = Table(
    "exchange_outbox", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("target", String(32), nullable=False),
    Column("kind", String(8), nullable=False),       # case | rating
    Column("key", String(120), nullable=False),      # <case number>/<apply|accept|handle|finish|rating>
    Column("subject", String(64), nullable=False),   # the case number: its events go out in order
    Column("facts", Text, nullable=False),           # JSON; mapped at delivery, so a fixed mapping applies on retry
    Column("status", String(12), nullable=False),    # pending | delivered | dead
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_at", DateTime, nullable=False),
    Column("last_error", Text, nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
    Column("delivered_at", DateTime, nullable=True),
    UniqueConstraint("target", "key", name="uq_exchange_outbox_key"),
)
Index("ix_exchange_outbox_due", exchange_outbox.c.target, exchange_outbox.c.status, exchange_outbox.c.next_at)
Index("ix_exchange_outbox_subject", exchange_outbox.c.target, exchange_outbox.c.subject, exchange_outbox.c.id)
# How far into each center's change-log feed each target has been fed (0007_center_write: one cursor
# per center, since each center's feed has its own seqs).
exchange_cursors = Table(
    "exchange_cursors", metadata,
    Column("target", String(32), primary_key=True),
    Column("center_code", String(16), primary_key=True),
    Column("cursor", BigInteger, nullable=False),
)
