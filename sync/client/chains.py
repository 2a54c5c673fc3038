"""The counter's side of audit chains (issue 13 item 7): what each push reports about this counter's
audit hash chain, and the other devices' links fetched from the center for ``audit verify``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, text

from clerk_app.store import outbox
from sync import protocol as p

if TYPE_CHECKING:
    from sync.client.engine import SyncClient

SENT_KEY = "audit_head_sent"
CURSOR_KEY = "audit_links_cursor"
EPOCH_KEY = "audit_links_epoch"
PAGE = 2000


# Built once per process, not per push.
_HEAD = text("SELECT seq, hash FROM audit_anchor WHERE id = 1")
_LINKS = text("SELECT seq, audit_id, prev_hash, hash FROM audit_chain WHERE audit_id IN :ids") \
    .bindparams(bindparam("ids", expanding=True))


def _head(conn: Connection) -> tuple[int, str] | None:
    row = conn.execute(_HEAD).first()
    return (int(row.seq), str(row.hash)) if row else None


def report(conn: Connection, rows: list[dict[str, Any]]) -> p.AuditChainReport | None:
    """The chain head and the links of the audit entries among ``rows`` (outbox rows about to be pushed)."""
    head = _head(conn)
    if head is None:
        return None
    ids = [r["entity_id"] for r in rows if r["entity"] == "audit_log" and r["op"] == "insert"]
    links = []
    for i in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        links += [p.AuditLink(seq=r.seq, audit_id=r.audit_id, prev_hash=r.prev_hash, hash=r.hash)
                  for r in conn.execute(_LINKS, {"ids": ids[i:i + 900]})]
    return p.AuditChainReport(head_seq=head[0], head_hash=head[1], links=sorted(links, key=lambda link: link.seq))


def head_unreported(conn: Connection) -> bool:
    """True when the anchor moved since the center last heard of it (in either direction): the counter
    then pushes even with nothing queued, so a rolled-back anchor is caught at the next sync."""
    head = _head(conn)
    return head is not None and outbox.state_get(conn, SENT_KEY) != f"{head[0]}:{head[1]}"


def reported(conn: Connection, chain: p.AuditChainReport | None) -> None:
    if chain is not None:
        outbox.state_set(conn, SENT_KEY, f"{chain.head_seq}:{chain.head_hash}")


def pull_links(client: SyncClient) -> int:
    """Fetch the links other devices of this center pushed since the last time; returns how many."""
    with client.store.engine.connect() as conn:
        epoch, mine = outbox.state_get(conn, "epoch"), outbox.state_get(conn, EPOCH_KEY)
        cursor = int(outbox.state_get(conn, CURSOR_KEY) or 0) if epoch == mine else 0  # a restored center: again
    got = 0
    while True:
        r = client.request("GET", "/v1/audit/links", params={"after": cursor, "limit": PAGE})
        page = p.AuditLinksResponse.model_validate(r.json())
        rows = [{"d": str(x["device_id"])[:40], "s": int(x["seq"]), "a": str(x["audit_id"])[:40],
                 "p": str(x["prev_hash"])[:64], "h": str(x["hash"])[:64]} for x in page.links]
        if not rows and page.next_cursor == cursor and epoch == mine:
            return got  # nothing new: no write lock taken (the clerk's commits share it)
        with client.store.engine.execution_options(writer=True).begin() as conn:
            if rows:
                conn.execute(text("INSERT OR IGNORE INTO audit_peer_links(device_id, seq, audit_id, prev_hash, hash) "
                                  "VALUES (:d, :s, :a, :p, :h)"), rows)
            outbox.state_set(conn, CURSOR_KEY, str(page.next_cursor))
            outbox.state_set(conn, EPOCH_KEY, epoch)
        got += len(rows)
        cursor = page.next_cursor
        if not page.has_more:
            return got
