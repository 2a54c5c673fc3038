"""The center's attachment endpoints: status, resumable chunked upload verified by SHA-256, and the
content for a counter of a center that holds the file. Bytes go to the blob store (``blob_store.py``);
the database keeps what is known about them (``blobs``, ``blob_uploads``, owners, quota)."""

# No ``from __future__ import annotations`` here: FastAPI reads the handlers' annotations at runtime, and
# ``device_of`` in them is a parameter of ``install``, not a module name.
import hashlib
import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from sqlalchemy import Connection, Engine, and_, select
from starlette.requests import ClientDisconnect

from sync import protocol as p
from sync.server import blob_limits, tenancy
from sync.server.blob_store import BlobStore
from sync.server.limits import Limits
from sync.server.schema import blob_chunks, blob_uploads, blobs

log = logging.getLogger("clerk.center")
MAX_CHUNK = 4 * 1024 * 1024
INT64_MAX = 2**63 - 1
CHUNK_DIGEST_HEADER = "X-Chunk-SHA256"


def _log(event: str, **fields: Any) -> None:
    log.info(json.dumps({"event": event, **fields}, ensure_ascii=False))


def _fail(status: int, code: str, message: str) -> HTTPException:
    return HTTPException(status_code=status, detail={"code": code, "message": message})


def check_sha(sha: str) -> None:
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise _fail(400, "bad_sha256", "附件摘要格式不正确（应为 64 位小写十六进制 SHA-256）。")


def _insert_if_absent(conn: Connection, values: dict[str, Any]) -> bool:
    """True if this call made the row (RETURNING: psycopg's rowcount is not reliable here)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt: Any = pg_insert(blob_uploads)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(blob_uploads)
    return conn.execute(stmt.values(**values).on_conflict_do_nothing().returning(blob_uploads.c.sha256)) \
        .first() is not None


def status(conn: Connection, center: str, sha: str) -> p.BlobStatus:
    """What this center may know of ``sha``: another center's file or upload is not there for it."""
    done = conn.execute(select(blobs.c.size).where(blobs.c.sha256 == sha)).first()
    if done is not None and tenancy.owns_blob(conn, center, sha):
        return p.BlobStatus(sha256=sha, received=done.size, size=done.size, complete=True)
    up = conn.execute(select(blob_uploads).where(blob_uploads.c.sha256 == sha)).first()
    if done is None and up is not None and up.center_code == center:
        return p.BlobStatus(sha256=sha, received=up.received, size=up.size, complete=False)
    return p.BlobStatus(sha256=sha, received=0, size=None, complete=False)


def store_chunk(engine: Engine, store: BlobStore, sha: str, offset: int, size: int, chunk: bytes, now: datetime,
                device: str, admit: Callable[[Connection], None] | None = None) -> p.BlobStatus:
    """Write a chunk at exactly the offset the center has; on the last byte verify the file on the store
    against ``sha``, or start over. Each center writes only its own uploads; one that sends the whole of
    a file another center already holds (the same scan) becomes an owner of it, having shown it has the
    bytes. ``admit`` charges the upload to the device's quota (or refuses it) before anything is stored.
    The upload's row stays locked while its bytes are written: that, not a lock in this process, keeps
    two workers or two machines from writing one upload at once."""
    with blob_limits.upload_tx(engine) as conn:
        center = tenancy.reach_of(conn, device).center
        for _attempt in range(5):
            created = _insert_if_absent(conn, {"sha256": sha, "center_code": center, "device_id": device,
                                               "size": size, "received": 0, "created_at": now, "updated_at": now})
            up = conn.execute(select(blob_uploads).where(blob_uploads.c.sha256 == sha).with_for_update()).first()
            done = conn.execute(select(blobs.c.size).where(blobs.c.sha256 == sha)).first()
            # On PostgreSQL the insert may have waited for a worker that finished (or gc that removed) this
            # upload, and then done nothing: the row is gone. Finished → answered below; removed → again.
            if up is not None or done is not None:
                break
        else:
            raise _fail(409, "upload_busy", "该附件正在被同时上传，请稍后重试。")
        if done is not None:
            # Finished (perhaps by another worker while this one waited for the lock): no upload to keep.
            conn.execute(blob_uploads.delete().where(blob_uploads.c.sha256 == sha))
            if tenancy.owns_blob(conn, center, sha):
                return p.BlobStatus(sha256=sha, received=done.size, size=done.size, complete=True)
            if done.size == size and offset == 0 and len(chunk) == size and hashlib.sha256(chunk).hexdigest() == sha:
                tenancy.add_blob_owner(conn, center, sha, now)
                return p.BlobStatus(sha256=sha, received=size, size=size, complete=True)
            raise _fail(409, "blob_foreign", "该附件正由其他中心上传或已由其他中心保存，请整份重新上传。")
        assert up is not None  # not finished, so the loop above left with the row
        if up.center_code != center:
            raise _fail(409, "blob_foreign", "该附件正由其他中心上传或已由其他中心保存，请整份重新上传。")
        if created:
            tenancy.add_blob_owner(conn, center, sha, now)
        if admit is not None:
            admit(conn)
        if up.size != size:
            raise _fail(409, "size_mismatch", "附件大小与此前上传的不一致。")
        if offset != up.received:
            return p.BlobStatus(sha256=sha, received=up.received, size=size, complete=False)
        received = up.received
        if not store.write_chunk(sha, offset, chunk):
            # The partial file is shorter than the database says (lost with a disk, or bytes never moved
            # out of the database): the counter starts this file again.
            store.discard_upload(sha)
            received = 0
            _log("blob_partial_lost", sha256=sha, received=up.received)
        else:
            received += len(chunk)
        if received == size:
            if store.finish(sha):
                conn.execute(blob_uploads.delete().where(blob_uploads.c.sha256 == sha))
                conn.execute(blobs.insert().values(sha256=sha, size=size, received=size, complete=True,
                                                   created_at=now))
                return p.BlobStatus(sha256=sha, received=size, size=size, complete=True)
            _log("blob_corrupt", sha256=sha)
            received = 0
        conn.execute(blob_uploads.update().where(blob_uploads.c.sha256 == sha)
                     .values(received=received, updated_at=now, device_id=device))
    return p.BlobStatus(sha256=sha, received=received, size=size, complete=False)


def readable(engine: Engine, store: BlobStore, center: str, sha: str) -> int | None:
    """The size of ``sha`` if it is finished, this center holds it and its bytes are in the store."""
    with engine.connect() as conn:
        done = conn.execute(select(blobs.c.size).where(blobs.c.sha256 == sha)).first()
        if done is None or not tenancy.owns_blob(conn, center, sha):
            return None
    return int(done.size) if store.size(sha) == done.size else None


def export_legacy(engine: Engine, store: BlobStore) -> tuple[int, int]:
    """Move attachment bytes kept in the database before 0009_blobs (``blob_chunks``) into the store:
    finished files are verified against their SHA-256 on the way, unfinished uploads keep their offset.
    One file per transaction; a second run carries on where the first stopped. Returns (files, bytes)."""
    files = moved = 0
    while True:
        with engine.connect() as conn:
            sha = conn.execute(select(blob_chunks.c.sha256).limit(1)).scalar()
        if sha is None:
            return files, moved
        with blob_limits.upload_tx(engine) as conn:
            up = conn.execute(select(blob_uploads).where(blob_uploads.c.sha256 == sha).with_for_update()).first()
            done = conn.execute(select(blobs.c.size).where(blobs.c.sha256 == sha)).first()

            def pieces(conn: Connection = conn, sha: str = sha) -> Any:
                offsets = list(conn.execute(select(blob_chunks.c.offset).where(blob_chunks.c.sha256 == sha)
                                            .order_by(blob_chunks.c.offset)).scalars())
                for off in offsets:  # one chunk in memory at a time
                    yield conn.execute(select(blob_chunks.c.data).where(and_(blob_chunks.c.sha256 == sha,
                                                                             blob_chunks.c.offset == off))).scalar_one()

            if done is not None:
                if store.size(sha) != done.size and not store.put(sha, pieces()):
                    # The stored bytes do not hash to their name: not a file the center holds. Forgotten,
                    # so that the counter, which still has it, uploads it again.
                    _log("blob_legacy_corrupt", sha256=sha)
                    conn.execute(blobs.delete().where(blobs.c.sha256 == sha))
                    blob_limits.forget_upload(conn, [sha])
                    conn.execute(blob_chunks.delete().where(blob_chunks.c.sha256 == sha))
                    continue
                files, moved = files + 1, moved + int(done.size)
            elif up is not None:
                offset = 0
                store.discard_upload(sha)
                for piece in pieces():
                    if offset + len(piece) > up.received:
                        piece = piece[:max(0, up.received - offset)]
                    if piece:
                        store.write_chunk(sha, offset, piece)
                        offset += len(piece)
                conn.execute(blob_uploads.update().where(blob_uploads.c.sha256 == sha).values(received=offset))
                files, moved = files + 1, moved + offset
            conn.execute(blob_chunks.delete().where(blob_chunks.c.sha256 == sha))


_ERROR_TEXT = {400: "Malformed path parameter", 401: "Missing, invalid or expired access token",
               403: "Refused (revoked device)", 404: "No such attachment for this center",
               409: "Version or state conflict", 413: "Chunk too large or quota reached",
               422: "Request parameters invalid, or the chunk does not match its digest; nothing was stored"}


def install(app: FastAPI, engine: Engine, store: BlobStore, limits: Limits, device_of: Callable[..., str],
            clock: Callable[[], datetime], error_model: Any) -> None:
    def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
        return {c: {"model": error_model, "description": _ERROR_TEXT[c]} for c in (*codes, 422)}

    @app.get("/v1/blobs/{sha}", response_model=p.BlobStatus, responses=errors(400, 401, 403))
    def blob_status(sha: str, device: Annotated[str, Depends(device_of)]) -> p.BlobStatus:
        check_sha(sha)
        with engine.connect() as conn:
            return status(conn, tenancy.reach_of(conn, device).center, sha)

    @app.get("/v1/blobs/{sha}/content", response_class=StreamingResponse,
             responses={200: {"content": {"application/octet-stream": {}},
                              "description": "The attachment's bytes (verified SHA-256)"},
                        **errors(400, 401, 403, 404)})
    def blob_content(sha: str, device: Annotated[str, Depends(device_of)]) -> StreamingResponse:
        check_sha(sha)
        with engine.connect() as conn:
            center = tenancy.reach_of(conn, device).center
        size = readable(engine, store, center, sha)
        if size is None:
            # Another center's file is answered exactly like a missing one: its existence is not told.
            _log("blob_read_refused", device=device, sha256=sha)
            raise _fail(404, "blob_not_found", "中心没有本中心的这份附件（可能尚未上传完成）。")
        return StreamingResponse(store.read(sha), media_type="application/octet-stream",
                                 headers={"Content-Length": str(size), "Cache-Control": "private, no-store"})

    @app.put("/v1/blobs/{sha}", response_model=p.BlobStatus, responses=errors(400, 401, 403, 409, 413))
    async def blob_put(sha: str, request: Request, device: Annotated[str, Depends(device_of)],
                       offset: Annotated[int, Query(ge=0, le=INT64_MAX)],
                       size: Annotated[int, Query(ge=0, le=INT64_MAX)],
                       chunk_sha256: Annotated[str | None, Header(alias=CHUNK_DIGEST_HEADER)] = None) -> p.BlobStatus:
        check_sha(sha)
        try:
            chunk = await request.body()
        except ClientDisconnect:
            # A cut upload is routine on counter networks: the client resumes from what was stored.
            # One log line, not a traceback per cut; nothing of the partial chunk is kept.
            _log("blob_upload_cut", device=device, sha256=sha, offset=offset)
            raise _fail(400, "upload_cut", "附件分片上传中断，客户端将从已保存处继续。") from None
        if len(chunk) > MAX_CHUNK or offset + len(chunk) > size:
            raise _fail(413, "chunk_too_large", "附件分片过大或超出文件大小。")
        if chunk_sha256 is not None and hashlib.sha256(chunk).hexdigest() != chunk_sha256.strip().lower():
            # Damaged on the way: refused before it is written, the counter sends this chunk again.
            _log("blob_chunk_corrupt", device=device, sha256=sha, offset=offset)
            raise _fail(422, "chunk_corrupt", "附件分片在传输中损坏，中心未保存，客户端将重新发送该分片。")
        blob_limits.check_size(size, limits)
        return await run_in_threadpool(store_chunk, engine, store, sha, offset, size, chunk, clock(), device,
                                       lambda conn: blob_limits.admit(conn, device, sha, size, limits, clock()))
