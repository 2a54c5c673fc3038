"""Attachment limits at the center: a declared size above the largest allowed file is refused, each
device has a quota for what it stores and for what it has started but not finished, and uploads
that never finished are deleted after a period (settings: ``sync.server.limits.Limits``) — by
``clerk-center blobs gc`` and by the serving process's timer (``start_gc_timer``)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from fastapi import HTTPException
from sqlalchemy import Connection, Engine, and_, func, select

from sync.server.blob_store import BlobStore
from sync.server.limits import MIB, Limits, log_event
from sync.server.schema import blob_owners, blob_uploads, blobs, devices
from sync.server.trust_tables import blob_quota

GC_EVERY_S = 600.0


@contextmanager
def upload_tx(engine: Engine) -> Iterator[Connection]:
    """A write transaction for attachment metadata. Not ``db.writer``: an upload makes no change-log
    entry, so it does not wait on (or hold up) the change counter. On SQLite it still begins IMMEDIATE;
    on PostgreSQL the rows it touches are locked one by one (``FOR UPDATE``)."""
    with engine.connect().execution_options(writer=True) as conn, conn.begin():
        yield conn


def _refuse(code: str, message: str) -> HTTPException:
    return HTTPException(status_code=413, detail={"code": code, "message": message})


def check_size(size: int, limits: Limits) -> None:
    if size > limits.max_blob_bytes:
        raise _refuse("blob_too_large", f"附件过大（上限 {limits.max_blob_bytes // MIB} MB），中心不接收。")


def admit(conn: Connection, device: str, sha: str, size: int, limits: Limits, now: datetime) -> None:
    """Charge ``size`` to ``device`` the first time it uploads to ``sha`` (in the caller's transaction),
    or refuse with 413 if that would pass one of its quotas."""
    if conn.execute(select(blob_quota.c.size).where(and_(blob_quota.c.sha256 == sha,
                                                          blob_quota.c.device_id == device))).first():
        return
    # One device's uploads are admitted one at a time, so two at once cannot both pass the same quota.
    conn.execute(select(devices.c.id).where(devices.c.id == device).with_for_update())
    mine = select(blob_quota.c.size, blobs.c.sha256.is_(None).label("pending")) \
        .outerjoin(blobs, blobs.c.sha256 == blob_quota.c.sha256).where(blob_quota.c.device_id == device).subquery()
    stored, pending = conn.execute(select(func.coalesce(func.sum(mine.c.size), 0),
                                          func.coalesce(func.sum(mine.c.size).filter(mine.c.pending), 0))).one()
    if int(pending) + size > limits.device_pending_bytes:
        log_event("blob_quota", device=device, kind="pending", pending=int(pending), size=size)
        raise _refuse("upload_quota", "本机未完成的附件上传过多，请等待已开始的上传完成后再试。")
    if int(stored) + size > limits.device_quota_bytes:
        log_event("blob_quota", device=device, kind="stored", stored=int(stored), size=size)
        raise _refuse("storage_quota", "本机在中心的附件存储已达上限，请联系信息技术人员调整配额。")
    conn.execute(blob_quota.insert().values(sha256=sha, device_id=device, size=size, created_at=now))


def forget_upload(conn: Connection, shas: list[str]) -> None:
    """An upload given up: its row, the quota it held and the centers that started it (a later upload
    claims it afresh). Finished files keep their owners and quota."""
    unfinished = [s for s in shas if conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == s)).first() is None]
    if unfinished:
        conn.execute(blob_quota.delete().where(blob_quota.c.sha256.in_(unfinished)))
        conn.execute(blob_owners.delete().where(blob_owners.c.sha256.in_(unfinished)))
    conn.execute(blob_uploads.delete().where(blob_uploads.c.sha256.in_(shas)))


def clean_unfinished(engine: Engine, store: BlobStore, limits: Limits, now: datetime) -> int:
    """Delete uploads not written to for ``unfinished_upload_hours`` (row, partial file, quota), and
    partial files the database does not know that are as old; returns how many uploads. A counter
    that still wants one simply starts it again from offset 0. Safe to run from several processes at
    once: each upload is deleted under its row lock, and deleting a file twice is no error."""
    cutoff = now - timedelta(hours=limits.unfinished_upload_hours)
    with engine.connect() as conn:
        stale = list(conn.execute(select(blob_uploads.c.sha256).where(blob_uploads.c.updated_at < cutoff)).scalars())
    removed = 0
    for i in range(0, len(stale), 200):
        with upload_tx(engine) as conn:
            # Re-read under the lock: a chunk may have arrived since.
            part = list(conn.execute(select(blob_uploads.c.sha256).where(and_(
                blob_uploads.c.sha256.in_(stale[i:i + 200]), blob_uploads.c.updated_at < cutoff))
                .with_for_update()).scalars())
            forget_upload(conn, part)
            for sha in part:
                store.discard_upload(sha)
            removed += len(part)
    orphans = 0
    for sha in store.stale_uploads(limits.unfinished_upload_hours * 3600):
        with engine.connect() as conn:
            known = conn.execute(select(blob_uploads.c.sha256).where(blob_uploads.c.sha256 == sha)).first()
        if known is None:  # a first chunk whose transaction never committed, or a crash: nobody resumes it
            store.discard_upload(sha)
            orphans += 1
    if removed or orphans:
        log_event("blob_unfinished_cleaned", count=removed, orphan_files=orphans,
                  older_than_hours=limits.unfinished_upload_hours)
    return removed


def start_gc_timer(engine: Engine, store: BlobStore, limits: Limits, *, every_s: float = GC_EVERY_S,
                   clock: Callable[[], datetime] = datetime.now) -> threading.Event:
    """Run ``clean_unfinished`` now and every ``every_s`` seconds in a daemon thread of the serving
    process; set the returned event to stop it. Several workers each running one is harmless."""
    stop = threading.Event()

    def loop() -> None:
        while True:
            try:
                clean_unfinished(engine, store, limits, clock())
            except Exception as exc:  # noqa: BLE001 - a failed round is logged and tried again next time
                log_event("blob_gc_failed", error=type(exc).__name__)
            if stop.wait(every_s):
                return

    threading.Thread(target=loop, name="clerk-blob-gc", daemon=True).start()
    return stop
