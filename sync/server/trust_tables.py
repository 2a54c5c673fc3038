"""Tables of the center's trust boundary (migration ``0005_limits``): admin-token lifetime, the admin
audit trail, attachment ownership for quotas, and each device's audit chain as the center saw it.

Kept beside ``schema.py`` (same ``metadata``) so that those tables stay about synced data."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, String, Table, Text, UniqueConstraint

from sync.server.schema import metadata

# Who ran which `clerk-center admin …` command or admin API call, when, and how it ended. Append-only:
# database triggers refuse UPDATE and DELETE on both engines.
admin_audit = Table(
    "admin_audit", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(128), nullable=False),  # OS user@host for the CLI, the token's name for the API
    Column("command", String(64), nullable=False),
    Column("detail", Text, nullable=False, default=""),  # arguments, never a password or a token
    Column("outcome", String(16), nullable=False),
)
# Which device started the upload of a blob and the size it declared: the per-device quota counts these.
blob_quota = Table(
    "blob_quota", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("device_id", String(40), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
Index("ix_blob_quota_device", blob_quota.c.device_id)
# One row per audit entry a device pushed: its place in that device's hash chain.
audit_links = Table(
    "audit_links", metadata,
    Column("device_id", String(40), primary_key=True),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("audit_id", String(40), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    # The device's center, and the order of arrival in that center's feed (``center_feeds.audit_arrival``,
    # 0007_center_write): the cursor of GET /v1/audit/links.
    Column("center_code", String(16), nullable=False, default=""),
    Column("arrival", BigInteger, nullable=False),
    UniqueConstraint("center_code", "arrival", name="uq_audit_links_arrival"),
)
# The newest chain head each device reported, and the highest it ever reported (a lower one later is
# a rollback).
device_chains = Table(
    "device_chains", metadata,
    Column("device_id", String(40), primary_key=True),
    Column("head_seq", BigInteger, nullable=False),
    Column("head_hash", String(64), nullable=False),
    Column("max_seq", BigInteger, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
# A break or rollback of a device's audit chain: a security event for the center's admin.
chain_alerts = Table(
    "chain_alerts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("device_id", String(40), nullable=False),
    Column("kind", String(16), nullable=False),  # rollback | break | altered
    Column("detail", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
