"""The audit trail: append-only and hash-chained, written inside the caller's transaction (the entry
exists iff the change does).

Each entry gets a sequence number and SHA-256 over its content and the previous entry's hash
(``audit_chain``); ``audit_anchor`` holds the last sequence number and hash, so that removing the
newest entries is caught too. Anyone holding the entries can re-check the chain (the center does,
after sync). Entries pulled from other counters are checked against their own device's chain (links fetched from the
center, ``audit_peer_links``), each chain separately. Public API: ``append``, ``verify``, ``entry_hash``,
``Verdict``, ``ChainVerdict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from clerk_app.domain.audit_chain import entry_hash
from clerk_app.domain.ids import uuid7
from clerk_app.store.tables import AuditRow, Base

GENESIS = "0" * 64


class AuditChainRow(Base):
    __tablename__ = "audit_chain"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    audit_id: Mapped[str] = mapped_column(String(36), unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditPeerLinkRow(Base):
    """A link of another device's chain, as the center received it (migration 0011_audit_chains)."""

    __tablename__ = "audit_peer_links"
    device_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    audit_id: Mapped[str] = mapped_column(String(40))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditAnchorRow(Base):
    __tablename__ = "audit_anchor"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


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
class ChainVerdict:
    """One chain: this counter's own (``device`` empty) or another device's it pulled."""

    device: str
    entries: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class Verdict:
    entries: int = 0
    problems: list[str] = field(default_factory=list)
    chains: list[ChainVerdict] = field(default_factory=list)

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
    own = ChainVerdict(device="", entries=verdict.entries - len(logs), problems=list(verdict.problems))
    verdict.chains.append(own)
    _verify_peers(session, logs, verdict)
    for row in sorted(logs.values(), key=lambda r: (r.at, r.id)):
        problem = f"审计记录（{_describe(row)}）不在哈希链中（本机的和任何已同步设备的都不含它）：被插入或绕过了审计接口。"
        verdict.problems.append(problem)
        own.problems.append(problem)
    return verdict


def _verify_peers(session: Session, logs: dict[str, AuditRow], verdict: Verdict) -> None:
    """Entries pulled from other devices, each device's chain on its own: the links came from the center
    (which checked them when they were pushed); the entries must still hash to them here."""
    by_device: dict[str, list[AuditPeerLinkRow]] = {}
    for link in session.scalars(select(AuditPeerLinkRow).order_by(AuditPeerLinkRow.device_id, AuditPeerLinkRow.seq)):
        by_device.setdefault(link.device_id, []).append(link)
    for device, links in by_device.items():
        chain = ChainVerdict(device=device)
        name = f"设备 {device[:8]}"
        prev: AuditPeerLinkRow | None = None
        for link in links:
            if prev is not None and (link.seq != prev.seq + 1 or link.prev_hash != prev.hash):
                chain.problems.append(f"{name} 的第 {prev.seq}–{link.seq} 条之间审计链断开（本机保存的链接被改动）。")
            prev = link
            row = logs.pop(link.audit_id, None)
            if row is None:
                continue  # not held here (another window's work, or not pulled yet)
            chain.entries += 1
            if entry_hash(link.prev_hash, link.seq, row.id, row.at, row.actor, row.action, row.entity,
                          row.entity_id, row.detail) != link.hash:
                chain.problems.append(f"{name} 的第 {link.seq} 条审计记录（{_describe(row)}）内容已被修改。")
        verdict.chains.append(chain)
        verdict.problems.extend(chain.problems)
