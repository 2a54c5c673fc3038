"""center write feeds: each center has its own change seq and audit-link arrival counter (center_feeds),
the change log is keyed (center, seq), audit links carry their center, and the provincial exchange keeps
one cursor per center

Revision ID: 0007_center_write
Revises: 0004_tenancy
Depends on: 0005_limits (audit links and their arrival counter), 0006_exchange (exchange cursors).
0008_retention_handover (the change log's ``case_id``) may run before or after this one: the rebuilt
change log carries ``case_id`` over when it is there (alembic cannot order two children of 0004 by
``depends_on``).

Existing seqs are kept as they are (they are unique server-wide, so also inside each center), and every
center known at the upgrade continues its feed from the old server-wide counters. A counter's pull
cursor, a counter's audit-link cursor and the exchange's cursor are all at most those values, so after
the upgrade each of them still means "everything up to here, nothing after": nothing is pulled twice and
nothing is skipped.
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007_center_write"
down_revision = "0004_tenancy"
branch_labels = ("center_write",)
depends_on = ("0005_limits", "0006_exchange")


def _counter(conn: sa.Connection, name: str) -> int:
    return int(conn.execute(sa.text("SELECT value FROM counters WHERE name = :n"), {"n": name}).scalar() or 0)


def _centers(conn: sa.Connection) -> list[str]:
    found: set[str] = set()
    for table in ("devices", "changes", "records", "enrol_codes", "center_settings"):
        found |= {r[0] for r in conn.execute(sa.text(f"SELECT DISTINCT center_code FROM {table}"))}  # noqa: S608
    return sorted(found)


def upgrade() -> None:
    conn = op.get_bind()
    seq, arrival = _counter(conn, "change_seq"), _counter(conn, "audit_arrival")
    centers = _centers(conn)
    feeds = op.create_table(
        "center_feeds",
        sa.Column("center_code", sa.String(16), primary_key=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("audit_arrival", sa.BigInteger(), nullable=False),
    )
    if centers:
        op.bulk_insert(feeds, [{"center_code": c, "seq": seq, "audit_arrival": arrival} for c in centers])
    # The server-wide arrival counter is no longer used; ``change_seq`` stays as the server-wide lock row.
    op.execute("DELETE FROM counters WHERE name = 'audit_arrival'")

    # changes: primary key (center_code, seq); the (center_code, seq) index becomes the key itself.
    op.drop_index("ix_changes_center_seq", "changes")
    _rebuild("changes", [
        sa.Column("center_code", sa.String(16), nullable=False, server_default=""),
        sa.Column("seq", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("tx", sa.BigInteger(), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(40), nullable=False, server_default=""),
        sa.Column("window", sa.String(8), nullable=False, server_default=""),
        sa.Column("hlc", sa.String(64), nullable=False, server_default=""),
        *_case_id(conn),
        sa.PrimaryKeyConstraint("center_code", "seq", name="pk_changes"),
    ], "center_code, seq, tx, entity, entity_id, op, data, origin, \"window\", hlc" + _case_id_select(conn))

    # audit_links: the device's center, arrival unique inside it.
    _rebuild("audit_links", [
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("audit_id", sa.String(40), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("center_code", sa.String(16), nullable=False, server_default=""),
        sa.Column("arrival", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "seq", name="pk_audit_links"),
        sa.UniqueConstraint("center_code", "arrival", name="uq_audit_links_arrival"),
    ], "device_id, seq, audit_id, prev_hash, hash, "
       "COALESCE((SELECT d.center_code FROM devices d WHERE d.id = audit_links.device_id), ''), arrival")

    # exchange_cursors: one per (target, center), each starting where the single cursor was.
    old = conn.execute(sa.text("SELECT target, cursor FROM exchange_cursors")).all()
    op.drop_table("exchange_cursors")
    cursors = op.create_table(
        "exchange_cursors",
        sa.Column("target", sa.String(32), nullable=False),
        sa.Column("center_code", sa.String(16), nullable=False),
        sa.Column("cursor", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("target", "center_code", name="pk_exchange_cursors"),
    )
    rows = [{"target": t, "center_code": c, "cursor": cur} for t, cur in old for c in centers]
    if rows:
        op.bulk_insert(cursors, rows)


def _has_case_id(conn: sa.Connection) -> bool:
    return "case_id" in {c["name"] for c in sa.inspect(conn).get_columns("changes")}


def _case_id(conn: sa.Connection) -> list[sa.Column[str]]:
    """0008_retention_handover's column, when it ran first."""
    return [sa.Column("case_id", sa.String(64), nullable=False, server_default="")] if _has_case_id(conn) else []


def _case_id_select(conn: sa.Connection) -> str:
    return ", case_id" if _has_case_id(conn) else ""


def _rebuild(table: str, columns: list[Any], select_list: str) -> None:
    """Copy ``table`` into a new one with ``columns`` and put it in its place (a primary key or unique
    constraint changes the same way on both engines)."""
    op.create_table(f"{table}_new", *columns)
    names = ", ".join(f'"{c.name}"' for c in columns if isinstance(c, sa.Column))
    op.execute(f"INSERT INTO {table}_new ({names}) SELECT {select_list} FROM {table}")  # noqa: S608
    op.drop_table(table)
    op.rename_table(f"{table}_new", table)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT count(*) FROM (SELECT seq FROM changes GROUP BY seq HAVING count(*) > 1) d")
                    ).scalar():
        raise RuntimeError("两个中心的变更序号已重叠，无法降级到单一变更序列。")
    seq = conn.execute(sa.text("SELECT max(seq) FROM center_feeds")).scalar() or 0
    arrival = conn.execute(sa.text("SELECT max(audit_arrival) FROM center_feeds")).scalar() or 0
    old = conn.execute(sa.text("SELECT target, min(cursor) FROM exchange_cursors GROUP BY target")).all()
    op.drop_table("exchange_cursors")
    cursors = op.create_table(
        "exchange_cursors",
        sa.Column("target", sa.String(32), primary_key=True),
        sa.Column("cursor", sa.BigInteger, nullable=False),
    )
    if old:
        op.bulk_insert(cursors, [{"target": t, "cursor": c} for t, c in old])
    _rebuild("audit_links", [
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("audit_id", sa.String(40), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("arrival", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "seq"),
        sa.UniqueConstraint("arrival"),
    ], "device_id, seq, audit_id, prev_hash, hash, arrival")
    _rebuild("changes", [
        sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("tx", sa.BigInteger(), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(40), nullable=False, server_default=""),
        sa.Column("center_code", sa.String(16), nullable=False, server_default=""),
        sa.Column("window", sa.String(8), nullable=False, server_default=""),
        sa.Column("hlc", sa.String(64), nullable=False, server_default=""),
        *_case_id(conn),
    ], "seq, tx, entity, entity_id, op, data, origin, center_code, \"window\", hlc" + _case_id_select(conn))
    op.create_index("ix_changes_center_seq", "changes", ["center_code", "seq"])
    op.execute(f"UPDATE counters SET value = {int(seq)} WHERE name = 'change_seq'")  # noqa: S608
    op.execute(f"INSERT INTO counters(name, value) VALUES ('audit_arrival', {int(arrival)})")  # noqa: S608
    op.drop_table("center_feeds")
