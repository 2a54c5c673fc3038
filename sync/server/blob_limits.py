"""Attachment limits at the center: a declared size above the largest allowed file is refused, each
device has a quota for what it stores and for what it has started but not finished, and uploads
that never finished are deleted after a period (settings: ``sync.server.limits.Limits``)."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

from fastapi import HTTPException
from sqlalchemy import Connection, Engine, and_, func, select

from sync.server.db import writer
from sync.server.limits import MIB, Limits, log_event
from sync.server.schema import blob_chunks, blob_owners, blobs
from sync.server.trust_tables import blob_quota

CLEAN_EVERY_S = 600.0
_last_clean: dict[int, float] = {}
_clean_lock = threading.Lock()


def _refuse(code: str, message: str) -> HTTPException:
    return HTTPException(status_code=413, detail={"code": code, "message": message})


def check_size(size: int, limits: Limits) -> None:
    if size > limits.max_blob_bytes:
        raise _refuse("blob_too_large", f"附件过大（上限 {limits.max_blob_bytes // MIB} MB），中心不接收。")


def admit(conn: Connection, device: str, sha: str, size: int, limits: Limits, now: datetime) -> None:
    """Charge ``size`` to ``device`` the first time it uploads to ``sha`` (in the caller's writer
    transaction), or refuse with 413 if that would pass one of its quotas."""
    if conn.execute(select(blob_quota.c.size).where(and_(blob_quota.c.sha256 == sha,
                                                          blob_quota.c.device_id == device))).first():
        return
    mine = select(blob_quota.c.size, blobs.c.complete).join(blobs, blobs.c.sha256 == blob_quota.c.sha256) \
        .where(blob_quota.c.device_id == device).subquery()
    stored, pending = conn.execute(select(func.coalesce(func.sum(mine.c.size), 0),
                                          func.coalesce(func.sum(mine.c.size).filter(~mine.c.complete), 0))).one()
    if int(pending) + size > limits.device_pending_bytes:
        log_event("blob_quota", device=device, kind="pending", pending=int(pending), size=size)
        raise _refuse("upload_quota", "本机未完成的附件上传过多，请等待已开始的上传完成后再试。")
    if int(stored) + size > limits.device_quota_bytes:
        log_event("blob_quota", device=device, kind="stored", stored=int(stored), size=size)
        raise _refuse("storage_quota", "本机在中心的附件存储已达上限，请联系信息技术人员调整配额。")
    conn.execute(blob_quota.insert().values(sha256=sha, device_id=device, size=size, created_at=now))


def clean_unfinished(engine: Engine, limits: Limits, now: datetime) -> int:
    """Delete uploads started more than ``unfinished_upload_hours`` ago and never completed; returns
    how many. A counter that still wants one simply starts it again from offset 0."""
    cutoff = now - timedelta(hours=limits.unfinished_upload_hours)
    with writer(engine) as conn:
        stale = list(conn.execute(select(blobs.c.sha256).where(and_(~blobs.c.complete, blobs.c.created_at < cutoff)))
                     .scalars())
        for i in range(0, len(stale), 500):
            part = stale[i:i + 500]
            conn.execute(blob_chunks.delete().where(blob_chunks.c.sha256.in_(part)))
            conn.execute(blob_quota.delete().where(blob_quota.c.sha256.in_(part)))
            # The centers that started it no longer own it: a later upload claims it afresh.
            conn.execute(blob_owners.delete().where(blob_owners.c.sha256.in_(part)))
            conn.execute(blobs.delete().where(blobs.c.sha256.in_(part)))
    if stale:
        log_event("blob_unfinished_cleaned", count=len(stale), older_than_hours=limits.unfinished_upload_hours)
    return len(stale)


def maybe_clean(engine: Engine, limits: Limits, now: datetime) -> None:
    """At most once per ``CLEAN_EVERY_S`` per worker, from the upload path (no scheduler needed)."""
    key = id(engine)
    with _clean_lock:
        if time.monotonic() - _last_clean.get(key, -CLEAN_EVERY_S) < CLEAN_EVERY_S:
            return
        _last_clean[key] = time.monotonic()
    clean_unfinished(engine, limits, now)
