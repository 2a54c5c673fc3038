"""Tables of the center server. The server keeps all its state here, so several instances can share
one PostgreSQL behind a load balancer."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

server_meta = Table(
    "server_meta", metadata,
    Column("key", String(32), primary_key=True),
    Column("value", Text, nullable=False),
)
# Server-wide counters. The row ``change_seq`` is the server-wide writer lock (enrolment, attachments,
# distribution, admin commands: ``db.writer``); since 0007_center_write its value is no longer a change
# seq (each center has its own, ``center_feeds``). ``dist_version`` numbers distributed items.
counters = Table(
    "counters", metadata,
    Column("name", String(32), primary_key=True),
    Column("value", BigInteger, nullable=False),
)
devices = Table(
    "devices", metadata,
    Column("id", String(40), primary_key=True),
    Column("center_code", String(16), nullable=False),
    Column("window", String(8), nullable=False),
    Column("name", String(100), nullable=False, default=""),
    Column("refresh_hash", String(64), nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen", DateTime, nullable=True),
    # What this counter receives (need to know): "window" or "center"; NULL = its center's setting.
    Column("scope", String(8), nullable=True),
)
enrol_codes = Table(
    "enrol_codes", metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("center_code", String(16), nullable=False),
    Column("window", String(8), nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("used_by", String(40), nullable=True),
    # sha256 of the nonce the enrolling counter sent: the same counter retrying after a lost reply
    # gets its device back; anyone else holding the code does not.
    Column("used_nonce", String(64), nullable=True),
)
admin_tokens = Table(
    "admin_tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=True),  # 0005_limits
    Column("revoked_at", DateTime, nullable=True),
)
ledger = Table(
    "ledger", metadata,
    Column("device_id", String(40), primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("mutation_id", String(40), nullable=False, unique=True),
    Column("tx_id", String(40), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("code", String(32), nullable=False, default=""),
    Column("message", Text, nullable=False, default=""),
    Column("received_at", DateTime, nullable=False),
)
records = Table(
    "records", metadata,
    Column("entity", String(32), primary_key=True),
    Column("entity_id", String(64), primary_key=True),
    Column("parent_id", String(64), nullable=True),
    Column("data", Text, nullable=False),
    Column("hlc", Text, nullable=False),  # per-field HLC stamps (JSON)
    Column("deleted", Boolean, nullable=False, default=False),
    Column("note", String(16), nullable=False, default=""),
    Column("origin", String(40), nullable=False, default=""),
    Column("updated_seq", BigInteger, nullable=False),
    # Derived by the center when the record is first stored (the pushing device's center and window, or a
    # child's case's), never taken from the payload: the owner of the record for tenancy and need to know.
    Column("center_code", String(16), nullable=False, default=""),
    Column("window", String(8), nullable=False, default=""),
)
Index("ix_records_parent", records.c.entity, records.c.parent_id)
Index("ix_records_center_updated", records.c.center_code, records.c.updated_seq)  # 0008_retention
# PostgreSQL only (0011_records_partitions; not in ``metadata``: SQLite keeps ``records`` one table keyed by
# id): every record's id and owner, keyed by the id, kept by statement triggers on ``records``, whose key
# there holds the center (its partitions are by center, partitions.py).
record_ids = Table(
    "record_ids", MetaData(),
    Column("entity", String(32), primary_key=True),
    Column("entity_id", String(64), primary_key=True),
    Column("center_code", String(16), nullable=False),
)
# Each center's feed: its change seq and its audit-link arrival counter. A writing transaction locks
# its center's row only (``db.lock_feed``), so seqs are handed out in commit order inside a center (a
# reader never sees seq n+1 of a center before its seq n has committed: the gap-free pull cursor) and
# writers of different centers never wait on each other (0007_center_write).
center_feeds = Table(
    "center_feeds", metadata,
    Column("center_code", String(16), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("audit_arrival", BigInteger, nullable=False),
)
# The change log: one feed per center, keyed (center, seq); a pull reads its own center's feed only.
# On PostgreSQL it is partitioned by month on a column of its own, ``logged_on`` (default: the day), which
# the application never names; ``ledger`` and ``records`` are hash-partitioned (partitions.py).
changes = Table(
    "changes", metadata,
    Column("center_code", String(16), primary_key=True),  # the record's owner: the feed it is in
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("tx", BigInteger, nullable=False),
    Column("entity", String(32), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("op", String(8), nullable=False),
    Column("data", Text, nullable=False),
    Column("origin", String(40), nullable=False, default=""),
    Column("window", String(8), nullable=False, default=""),  # "" = every window of the center
    Column("hlc", String(64), nullable=False, default=""),  # newest stamp of the record: the counter observes it
    # The case a change belongs to (a case, or its material, event or rating; "" otherwise): a window-scoped
    # counter the case was handed to receives it (sync/server/handover.py). 0008_retention_handover
    Column("case_id", String(64), nullable=False, default=""),
)
conflicts = Table(
    "conflicts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("device_id", String(40), nullable=False),
    Column("tx_id", String(40), nullable=False),
    Column("entity", String(32), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("code", String(32), nullable=False),
    Column("message", Text, nullable=False),
    Column("mutations", Text, nullable=False),  # the losing transaction, whole (JSON)
    Column("server_state", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("resolved_at", DateTime, nullable=True),
    Column("resolution", Text, nullable=True),
)
quarantine = Table(
    "quarantine", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("device_id", String(40), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("mutation_id", String(40), nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("mutation", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
# Attachments the center holds, verified; their bytes are in the blob store (``blob_store.py``), not here.
# Since 0009_blobs a row is written when the file is finished (``complete`` true, ``received`` = size).
blobs = Table(
    "blobs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("received", BigInteger, nullable=False),
    Column("complete", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
)
# Uploads in progress: how far each has come (the bytes are in the store's ``uploads/``). The row is locked
# while a chunk is written, which is what keeps two workers from writing one upload at once.
blob_uploads = Table(
    "blob_uploads", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("center_code", String(16), nullable=False),
    Column("device_id", String(40), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("received", BigInteger, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),  # the last chunk: cleanup counts from here
)
Index("ix_blob_uploads_updated", blob_uploads.c.updated_at)
# Which centers uploaded an attachment: another center neither sees its status nor refers to it.
blob_owners = Table(
    "blob_owners", metadata,
    Column("center_code", String(16), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("created_at", DateTime, nullable=False),
)
# Before 0009_blobs the bytes themselves, 1 MiB a row; emptied into the store by ``clerk-center blobs migrate``
# (run by ``serve`` and ``migrate`` too), then never written again.
blob_chunks = Table(
    "blob_chunks", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("offset", BigInteger, primary_key=True, autoincrement=False),
    Column("data", LargeBinary, nullable=False),
)
# What the center distributes to counters besides synced records (users travel as records): the
# catalogue, the authorised-matter list, holiday schedules and the day's appointments. One row per
# (kind, scope, key), replaced in place; ``version`` comes from the ``dist_version`` counter inside the
# writer transaction, so versions are handed out in commit order and a counter's cursor never skips one.
dist_items = Table(
    "dist_items", metadata,
    Column("kind", String(16), primary_key=True),
    Column("center_code", String(16), primary_key=True),  # "" = every center
    Column("window", String(8), primary_key=True),  # "" = every window
    Column("key", String(64), primary_key=True),
    Column("version", BigInteger, nullable=False, unique=True),
    Column("data", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(64), nullable=False, default=""),
)
# A device's attempt to reach beyond its center or its users' authority: refused and kept for the center's
# admin (``clerk-center admin security-events``). Codes and ids only, never the refused values.
security_events = Table(
    "security_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("center_code", String(16), nullable=False, index=True),  # the device's center
    Column("target_center", String(16), nullable=False, default=""),  # whose record it reached, if known
    Column("device_id", String(40), nullable=False),
    Column("code", String(32), nullable=False),
    Column("entity", String(32), nullable=False, default=""),
    Column("entity_id", String(64), nullable=False, default=""),
    Column("actor", String(64), nullable=False, default=""),
    Column("detail", Text, nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
)
# Per-center settings IT can see and change (``clerk-center admin scope``).
center_settings = Table(
    "center_settings", metadata,
    Column("center_code", String(16), primary_key=True),
    Column("scope", String(8), nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
# Cases handed to a window other than the one that received them (need to know, docs/security.md): a
# transfer, the output desk, a joint case travelling whole. One row per (window, record): the case, and its
# applicant and agent, whose later changes the window then receives too. 0008_retention_handover
handovers = Table(
    "handovers", metadata,
    Column("center_code", String(16), primary_key=True),
    Column("window", String(8), primary_key=True),
    Column("entity", String(32), primary_key=True),  # "cases" or "applicants"
    Column("entity_id", String(64), primary_key=True),
    Column("reason", String(16), nullable=False),  # transfer | output | bundle
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(64), nullable=False, default=""),
)
# The windows of a center that hand out results (出件窗口): every case ready for pickup is handed to them.
output_desks = Table(
    "output_desks", metadata,
    Column("center_code", String(16), primary_key=True),
    Column("window", String(8), primary_key=True),
    Column("created_at", DateTime, nullable=False),
)
# How far each device has pulled (the cursor it last asked from: everything up to it is on the device), and
# whether it is rebuilding from the records after its cursor was pruned. 0008_retention
device_acks = Table(
    "device_acks", metadata,
    Column("device_id", String(40), primary_key=True),
    Column("center_code", String(16), nullable=False, index=True),
    Column("cursor", BigInteger, nullable=False),
    Column("rebuilding", Boolean, nullable=False, default=False),
    Column("acked_at", DateTime, nullable=False),
)
# Per center: the change log at or below ``floor`` is pruned; a pull from below it is served from the records
# (a fresh pull from 0) or refused 410 ``cursor_pruned`` (sync/server/retention.py). 0008_retention
retention_floors = Table(
    "retention_floors", metadata,
    Column("center_code", String(16), primary_key=True),
    Column("floor", BigInteger, nullable=False),
    Column("pruned", BigInteger, nullable=False, default=0),  # changes deleted so far
    Column("pruned_at", DateTime, nullable=False),
)
