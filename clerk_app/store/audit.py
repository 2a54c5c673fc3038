"""The audit trail: append-only and hash-chained, written inside the caller's transaction (the entry
exists iff the change does).

Each entry gets a sequence number and SHA-256 over its content and the previous entry's hash
(``audit_chain``); ``audit_anchor`` holds the last sequence number and hash, so that removing the
newest entries is caught too. Anyone holding the entries can re-check the chain (the center does,
after sync). Public API: ``append``, ``verify``, ``entry_hash``, ``Verdict``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from clerk_app.domain.ids import uuid7
from clerk_app.store.tables import AuditRow, Base

GENESIS = "0" * 64
CHAIN_VERSION = 1  # part of every hashed payload; a new canonical form would be version 2


class AuditChainRow(Base):
    __tablename__ = "audit_chain"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    audit_id: Mapped[str] = mapped_column(String(36), unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditAnchorRow(Base):
    __tablename__ = "audit_anchor"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


def entry_hash(prev_hash: str, seq: int, entry_id: str, at: datetime, actor: str, action: str, entity: str,
               entity_id: str, detail: str) -> str:
    """SHA-256 of a canonical JSON array; the migration that chained old entries keeps a frozen copy."""
    payload = [CHAIN_VERSION, seq, entry_id, at.isoformat(timespec="microseconds"), actor, action, entity,
               entity_id, detail, prev_hash]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def append(session: Session, *, at: datetime, actor: str, action: str, entity: str, entity_id: str,
           detail: str = "") -> None:
    anchor = session.get(AuditAnchorRow, 1)
    if anchor is None:  # the migration creates it; a missing anchor means a broken schema
        raise RuntimeError("audit_anchor row missing: run the migrations")
    entry_id = uuid7()
    seq = anchor.seq + 1
    digest = entry_hash(anchor.hash, seq, entry_id, at, actor, action, entity, entity_id, detail)
    session.add(AuditRow(id=entry_id, at=at, actor=actor, action=action, entity=entity, entity_id=entity_id,
                         detail=detail))
    session.add(AuditChainRow(seq=seq, audit_id=entry_id, prev_hash=anchor.hash, hash=digest))
    anchor.seq, anchor.hash = seq, digest


@dataclass
class Verdict:
    entries: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _describe(row: AuditRow) -> str:
    return f"{row.at:%Y-%m-%d %H:%M:%S} {row.actor} {row.action} {row.entity}:{row.entity_id}，id {row.id}"


def verify(session: Session) -> Verdict:
    """Re-computes the whole chain; every problem names the entry (sequence number and content)."""
    logs = {r.id: r for r in session.scalars(select(AuditRow))}
    verdict = Verdict(entries=len(logs))
    expected_seq, expected_prev, last_hash = 1, GENESIS, GENESIS
    for link in session.scalars(select(AuditChainRow).order_by(AuditChainRow.seq)):
        if link.seq != expected_seq:
            gap = f"{expected_seq}" if link.seq == expected_seq + 1 else f"{expected_seq}–{link.seq - 1}"
            verdict.problems.append(f"第 {gap} 条审计记录已被删除（第 {expected_seq - 1} 条之后的链断开）。")
        elif link.prev_hash != expected_prev:
            verdict.problems.append(f"第 {link.seq - 1} 条审计记录已被改动（第 {link.seq} 条记录的前序哈希与之不符）。")
        row = logs.pop(link.audit_id, None)
        if row is None:
            verdict.problems.append(f"第 {link.seq} 条审计记录（id {link.audit_id}）已被删除。")
        elif entry_hash(link.prev_hash, link.seq, row.id, row.at, row.actor, row.action, row.entity,
                        row.entity_id, row.detail) != link.hash:
            verdict.problems.append(f"第 {link.seq} 条审计记录（{_describe(row)}）内容已被修改。")
        expected_seq, expected_prev, last_hash = link.seq + 1, link.hash, link.hash
    anchor = session.get(AuditAnchorRow, 1)
    last_seq = expected_seq - 1
    if anchor is None:
        verdict.problems.append("审计日志的链尾记录已被删除，无法确认最后的记录是否完整。")
    elif anchor.seq > last_seq:
        span = f"{anchor.seq}" if anchor.seq == last_seq + 1 else f"{last_seq + 1}–{anchor.seq}"
        verdict.problems.append(f"第 {span} 条审计记录（最新的记录）已被删除。")
    elif anchor.seq == last_seq and anchor.hash != last_hash:
        verdict.problems.append(f"第 {last_seq} 条审计记录（最新的记录）已被改动。")
    for row in sorted(logs.values(), key=lambda r: (r.at, r.id)):
        verdict.problems.append(f"审计记录（{_describe(row)}）不在哈希链中：被插入或绕过了审计接口。")
    return verdict
