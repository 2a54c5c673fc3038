"""``clerk-center blobs where|gc|migrate``: where the center keeps attachment files, cleaning up uploads
that were given up, and moving attachments kept in the database (before 0009_blobs) into the folder."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select

from sync.server.blob_store import BlobDirMissing, BlobStoreUnusable, FileBlobStore, resolve_blob_dir


def add_parser(sub: Any, engine_of: Callable[[argparse.Namespace], Engine],
               db_of: Callable[[argparse.Namespace], str]) -> None:
    b = sub.add_parser("blobs", help="附件文件：保存位置（where）、清理中断的上传（gc）、从数据库迁出（migrate）")
    bsub = b.add_subparsers(dest="blobs_command", required=True)
    bsub.add_parser("where", help="显示附件文件夹及其中的文件数和大小")
    gc = bsub.add_parser("gc", help="删除超过期限未完成的上传（已完成的附件不动）")
    gc.add_argument("--hours", type=int, help="未完成多少小时后删除（默认 CLERK_CENTER_UPLOAD_EXPIRY_H，48）")
    bsub.add_parser("migrate", help="把仍保存在数据库中的附件（0009 之前）移到附件文件夹")

    def run(args: argparse.Namespace) -> int:
        try:
            store = open_store(db_of(args), args.blob_dir)
        except (BlobDirMissing, BlobStoreUnusable) as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 1
        engine = engine_of(args)
        if args.blobs_command == "where":
            return _where(engine, store)
        if args.blobs_command == "gc":
            return _gc(engine, store, args.hours)
        return _migrate(engine, store)

    b.set_defaults(func=run)


def open_store(db_url: str, blob_dir: str | None) -> FileBlobStore:
    """The store for this database, checked writable (one sentence if it is not, or not given)."""
    store = FileBlobStore(resolve_blob_dir(db_url, blob_dir))
    store.check()
    return store


def export_if_needed(engine: Engine, store: FileBlobStore) -> None:
    """Before serving: attachments still in the database go to the folder first (0009_blobs)."""
    from sync.server.schema import blob_chunks

    with engine.connect() as conn:
        if conn.execute(select(blob_chunks.c.sha256).limit(1)).first() is None:
            return
    from sync.server.blob_api import export_legacy  # only now, for start-up time: it loads FastAPI

    print("正在把数据库中的附件移到附件文件夹（只做一次）……", file=sys.stderr)
    files, size = export_legacy(engine, store)
    print(f"已移出 {files} 个附件，共 {size / 1e6:,.1f} MB，到 {store.describe()}。", file=sys.stderr)


def _where(engine: Engine, store: FileBlobStore) -> int:
    from sync.server.schema import blob_uploads, blobs

    files = size = 0
    for path in store.content.rglob("*") if store.content.exists() else ():
        if path.is_file():
            files, size = files + 1, size + path.stat().st_size
    partial = sum(p.stat().st_size for p in store.uploads.glob("*.part")) if store.uploads.exists() else 0
    with engine.connect() as conn:
        known = conn.execute(select(func.count(), func.coalesce(func.sum(blobs.c.size), 0))).one()
        pending = conn.execute(select(func.count()).select_from(blob_uploads)).scalar()
    print(store.describe())
    print(json.dumps({"folder": store.describe(), "content": str(store.content), "uploads": str(store.uploads),
                      "files": files, "bytes": size, "files_in_database": int(known[0]),
                      "bytes_in_database": int(known[1]), "uploads_in_progress": int(pending or 0),
                      "partial_bytes": partial}, ensure_ascii=False))
    return 0


def _gc(engine: Engine, store: FileBlobStore, hours: int | None) -> int:
    from sync.server.blob_limits import clean_unfinished
    from sync.server.limits import Limits

    limits = Limits()
    if hours is not None:
        if hours < 1:
            print("错误：--hours 至少为 1。", file=sys.stderr)
            return 2
        limits.unfinished_upload_hours = hours
    removed = clean_unfinished(engine, store, limits, datetime.now())
    print(f"已删除 {removed} 个超过 {limits.unfinished_upload_hours} 小时未完成的上传；已完成的附件未改动。")
    return 0


def _migrate(engine: Engine, store: FileBlobStore) -> int:
    from sync.server.blob_api import export_legacy

    files, size = export_legacy(engine, store)
    print(f"已把数据库中的 {files} 个附件（{size / 1e6:,.1f} MB）移到 {store.describe()}；数据库中不再保存附件内容。")
    return 0
