"""Each device's audit hash chain as the center sees it (issue 13 item 7).

Every push carries the device's chain head (its anchor: last seq and hash) and the chain links of the
audit entries it pushes. Inside the push's writer transaction the center
- stores each new link and checks it continues the device's chain (seq one more than the last link,
  ``prev_hash`` equal to its hash) and that it hashes the entry's content as pushed;
- compares a link it already holds with the one sent again (same seq, other hash: history rewritten);
- compares the head with the highest head the device ever reported: lower means its newest entries
  were wiped and its anchor rolled back.
Each finding is a row of ``chain_alerts`` (one per kind per push) and a security event (code
``audit_chain_<kind>``), logged, and listed for the center's admin by ``clerk-center admin chains`` and
``clerk-center admin security-events``. Pushes are never refused for it: the entries are evidence.
Other counters of the same center fetch the links (``GET /v1/audit/links``) so that their own
``audit verify`` can check each pulled device's chain separately.
"""

# No "from __future__ import annotations": FastAPI must see the real Depends(device_of) objects.

import json
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query
from sqlalchemy import Connection, Engine, and_, bindparam, func, select

from clerk_app.domain.audit_chain import entry_hash
from sync import protocol as p
from sync.server.db import lock_feed
from sync.server.limits import log_event
from sync.server.schema import devices, records, security_events
from sync.server.trust_tables import audit_links, chain_alerts, device_chains

MAX_LINKS = 5000


def _entry(data: dict[str, Any]) -> tuple[str, datetime, str, str, str, str, str] | None:
    try:
        return (str(data["id"]), datetime.fromisoformat(str(data["at"])), str(data["actor"]), str(data["action"]),
                str(data["entity"]), str(data["entity_id"]), str(data.get("detail") or ""))
    except (KeyError, ValueError, TypeError):
        return None  # a malformed entry is the validator's business; here it simply cannot be re-hashed


def _span(first: int, last: int) -> str:
    return f"第 {first} 条" if first == last else f"第 {first}–{last} 条"


# Statements of every push's check, built once: building and caching a select per call cost more than the
# statement itself (a fifth of a push's CPU at the center went to the chain check).
_DEVICE_LINKS = audit_links.c.device_id == bindparam("device")
_HELD = select(audit_links).where(and_(_DEVICE_LINKS, audit_links.c.seq.in_(bindparam("seqs", expanding=True))))
_TAIL = select(audit_links.c.seq, audit_links.c.hash).where(_DEVICE_LINKS).order_by(audit_links.c.seq.desc()).limit(1)
_FIRST = select(func.min(audit_links.c.seq)).where(_DEVICE_LINKS)
_ENTRIES = select(records.c.entity_id, records.c.data).where(and_(
    records.c.entity == "audit_log", records.c.entity_id.in_(bindparam("ids", expanding=True))))
_STATE = select(device_chains).where(device_chains.c.device_id == bindparam("device"))
_AT_HEAD = select(audit_links.c.hash).where(and_(_DEVICE_LINKS, audit_links.c.seq == bindparam("seq")))
_CHAIN_VALUES: dict[str, Any] = {c: bindparam(c) for c in ("head_seq", "head_hash", "max_seq", "updated_at")}
_NEW_CHAIN = device_chains.insert().values(device_id=bindparam("device"), **_CHAIN_VALUES)
_SAVE_CHAIN = device_chains.update().where(device_chains.c.device_id == bindparam("device")).values(**_CHAIN_VALUES)


def check(conn: Connection, device: str, report: p.AuditChainReport | None, mutations: list[p.Mutation],
          now: datetime, center: str | None = None) -> list[str]:
    """Record and verify a push's chain report in the caller's writer transaction (which holds, or here
    takes, the device's center's feed: links arrive in that feed's order); returns the kinds of alert
    raised (empty when all is well or the client is too old to report)."""
    if report is None:
        return []
    if center is None:
        center = conn.execute(select(devices.c.center_code).where(devices.c.id == device)).scalar_one()
    found: dict[str, list[str]] = {}
    links = sorted(report.links, key=lambda link: link.seq)
    entries = {m.entity_id: m.data for m in mutations if m.entity == "audit_log" and m.op == "insert"}
    held = {r.seq: r for r in conn.execute(_HELD, {"device": device, "seqs": [link.seq for link in links]}).all()} \
        if links else {}
    tail = conn.execute(_TAIL, {"device": device}).first()
    first = conn.execute(_FIRST, {"device": device}).scalar()
    missing = [link.audit_id for link in links if link.audit_id not in entries and link.seq not in held]
    if missing:
        # Entries pushed earlier (a resend after a lost reply): their content is at the center already.
        for entity_id, data in conn.execute(_ENTRIES, {"ids": missing}).all():
            entries[entity_id] = json.loads(data)
    new: list[dict[str, Any]] = []
    tail_seq, tail_hash = (tail.seq, tail.hash) if tail else (None, None)
    for link in links:
        old = held.get(link.seq)
        if old is not None:
            if old.hash != link.hash or old.audit_id != link.audit_id:
                found.setdefault("break", []).append(f"{_span(link.seq, link.seq)}审计记录与中心此前收到的不同（历史被改写）")
            continue
        if tail_seq is not None and link.seq <= tail_seq:
            if first is not None and link.seq < first and not new:
                pass  # older than anything held (entries from before this center knew the chain)
            else:
                found.setdefault("break", []).append(f"{_span(link.seq, link.seq)}审计记录的位置已被占用（历史被改写）")
                continue
        elif tail_seq is not None and link.seq > tail_seq + 1:
            found.setdefault("break", []).append(f"{_span(tail_seq + 1, link.seq - 1)}审计记录从未上传就已消失（链断开）")
        elif tail_seq is not None and link.prev_hash != tail_hash:
            found.setdefault("break", []).append(f"第 {link.seq} 条审计记录的前序哈希与第 {tail_seq} 条不符（链断开）")
        entry = _entry(entries.get(link.audit_id) or {})
        if entry is not None and (entry[0] != link.audit_id or entry_hash(link.prev_hash, link.seq, *entry) != link.hash):
            found.setdefault("altered", []).append(f"第 {link.seq} 条审计记录的内容与其哈希不符（上传前已被修改）")
        new.append({"device_id": device, "seq": link.seq, "audit_id": link.audit_id, "prev_hash": link.prev_hash,
                    "hash": link.hash})
        if tail_seq is None or link.seq > tail_seq:
            tail_seq, tail_hash = link.seq, link.hash
    if new:
        feed = lock_feed(conn, center)
        for i, row in enumerate(new, start=1):
            row["arrival"], row["center_code"] = feed.audit_arrival + i, center
        feed.audit_arrival += len(new)
        feed.save(conn)
        conn.execute(audit_links.insert(), new)
    state = conn.execute(_STATE, {"device": device}).first()
    highest = max(state.max_seq if state else 0, tail_seq or 0)
    if report.head_seq < highest:
        found.setdefault("rollback", []).append(
            f"设备报告的审计链尾为第 {report.head_seq} 条，此前已到第 {highest} 条："
            f"{_span(report.head_seq + 1, highest)}（最新的记录）已在设备上被删除，链尾被回退")
        highest = report.head_seq  # the alert is raised once; later pushes are checked from here
    else:
        at_head = conn.execute(_AT_HEAD, {"device": device, "seq": report.head_seq}).scalar()
        if at_head is not None and at_head != report.head_hash:
            found.setdefault("rollback", []).append(f"设备的链尾（第 {report.head_seq} 条）与中心收到的该条记录不符")
    values = {"head_seq": report.head_seq, "head_hash": report.head_hash, "max_seq": max(highest, report.head_seq),
              "updated_at": now}
    conn.execute(_NEW_CHAIN if state is None else _SAVE_CHAIN, {"device": device, **values})
    for kind, details in found.items():
        detail = "；".join(dict.fromkeys(details))
        conn.execute(chain_alerts.insert().values(device_id=device, kind=kind, detail=detail[:4000], created_at=now))
        # Also where the center's admin looks for everything the trust boundary saw
        # (`clerk-center admin security-events`), beside refused cross-center writes.
        conn.execute(security_events.insert().values(
            center_code=center, target_center=center, device_id=device, code=f"audit_chain_{kind}",
            entity="audit_log", entity_id="", actor="", detail=detail[:4000], created_at=now))
        log_event("security_audit_chain", device=device, kind=kind, findings=len(details))
    return list(found)


def alerts(conn: Connection, limit: int = 200) -> list[dict[str, Any]]:
    rows = conn.execute(select(chain_alerts).order_by(chain_alerts.c.id.desc()).limit(limit)).all()
    return [{"id": r.id, "device": r.device_id, "kind": r.kind, "detail": r.detail,
             "created_at": r.created_at.isoformat(timespec="seconds")} for r in reversed(rows)]


def install(app: FastAPI, engine: Engine, device_of: Callable[..., str], responses: dict[Any, Any] | None = None) -> None:
    @app.get("/v1/audit/links", response_model=p.AuditLinksResponse, responses=responses or {})
    def links(device: Annotated[str, Depends(device_of)], after: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
              limit: Annotated[int, Query(ge=1, le=MAX_LINKS)] = 2000) -> p.AuditLinksResponse:
        """The chain links other devices of the requester's center pushed, newer than ``after``."""
        with engine.connect() as conn:
            center = conn.execute(select(devices.c.center_code).where(devices.c.id == device)).scalar_one()
            # The center's own feed of links, in arrival order (gap-free: arrivals are handed out under
            # the center's feed lock), without this device's own.
            rows = conn.execute(select(audit_links).where(and_(audit_links.c.center_code == center,
                                                               audit_links.c.arrival > after,
                                                               audit_links.c.device_id != device))
                                .order_by(audit_links.c.arrival).limit(limit + 1)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        return p.AuditLinksResponse(
            links=[{"device_id": r.device_id, "seq": r.seq, "audit_id": r.audit_id, "prev_hash": r.prev_hash,
                    "hash": r.hash} for r in rows],
            next_cursor=rows[-1].arrival if rows else after, has_more=more)
