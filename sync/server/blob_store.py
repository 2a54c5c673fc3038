"""Where the center keeps attachment bytes: a content-addressed store (SHA-256) behind one interface.
The database keeps only what is known about each file (``blobs``, ``blob_uploads``, ``blob_owners``,
``blob_quota``); the bytes live here.

``FileBlobStore`` is one folder tree, the default::

    <root>/content/ab/cd/<sha256>   finished files, verified, never changed again
    <root>/uploads/<sha256>.part    uploads in progress, written at the offset the database allows

A chunk is written at its offset, the file cut after it and fsynced before the database records the new
offset; a finished upload is hashed from the disk, fsynced and renamed into ``content/`` (atomic on
one filesystem, NFS included), then its folder is fsynced. Nothing here locks: two workers (or two
machines on shared storage) never write the same upload at once because the caller holds that upload's
row lock in the database while it writes (``blob_api``). A file in ``content/`` is only ever replaced by
the same bytes, so readers need no lock either.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from sqlalchemy import make_url

BLOB_DIR_ENV = "CLERK_CENTER_BLOB_DIR"
READ_PIECE = 1024 * 1024


class BlobDirMissing(ValueError):
    """No attachment folder was given where none can be derived (PostgreSQL, an in-memory database)."""


class BlobStoreUnusable(OSError):
    """The attachment folder cannot be created or written."""


class BlobStore(Protocol):
    """What the center needs from wherever attachment bytes are kept."""

    def describe(self) -> str:
        """Where the bytes are, for IT (``clerk-center blobs where``)."""
        ...

    def check(self) -> None:
        """Raise ``BlobStoreUnusable`` with one sentence if the store cannot be written."""
        ...

    def partial_size(self, sha: str) -> int:
        """Bytes of the upload in progress that are on the store (0 if none)."""
        ...

    def write_chunk(self, sha: str, offset: int, data: bytes) -> bool:
        """Write ``data`` at ``offset`` of the upload, durably, dropping anything after it; False (nothing
        written) if fewer than ``offset`` bytes are there (the partial file was lost)."""
        ...

    def finish(self, sha: str) -> bool:
        """Verify the upload against ``sha`` from the stored bytes and make it a finished file; on a
        mismatch the upload is discarded and False returned."""
        ...

    def discard_upload(self, sha: str) -> None:
        ...

    def has(self, sha: str) -> bool:
        ...

    def size(self, sha: str) -> int | None:
        ...

    def read(self, sha: str) -> Iterator[bytes]:
        """The finished file in pieces (``FileNotFoundError`` if there is none)."""
        ...

    def put(self, sha: str, pieces: Iterable[bytes]) -> bool:
        """Store a whole file at once (migration out of the database); False if it does not hash to ``sha``."""
        ...

    def stale_uploads(self, older_than_s: float) -> list[str]:
        """Uploads in progress not written to for ``older_than_s`` seconds."""
        ...


def _fsync_dir(path: Path) -> None:
    # The rename or creation is durable only once its folder's entry is (POSIX); Windows has no
    # directory handles to sync and needs none.
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class FileBlobStore:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).expanduser().absolute()
        self.content = self.root / "content"
        self.uploads = self.root / "uploads"

    def describe(self) -> str:
        return str(self.root)

    def check(self) -> None:
        try:
            for folder in (self.content, self.uploads):
                folder.mkdir(parents=True, exist_ok=True)
            probe = self.uploads / f".probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise BlobStoreUnusable(f"附件文件夹 {self.root} 无法创建或写入（{exc.strerror or type(exc).__name__}），"
                                    "请检查路径和权限。") from None

    def path(self, sha: str) -> Path:
        return self.content / sha[:2] / sha[2:4] / sha

    def _part(self, sha: str) -> Path:
        return self.uploads / f"{sha}.part"

    def partial_size(self, sha: str) -> int:
        try:
            return self._part(sha).stat().st_size
        except FileNotFoundError:
            return 0

    def write_chunk(self, sha: str, offset: int, data: bytes) -> bool:
        part = self._part(sha)
        created = not part.exists()
        if created:
            if offset:
                return False
            self.uploads.mkdir(parents=True, exist_ok=True)
        with open(part, "r+b" if not created else "w+b") as f:
            if os.fstat(f.fileno()).st_size < offset:
                return False
            f.seek(offset)
            f.write(data)
            # A chunk resent after a lost reply, or one at an earlier offset after a restart, leaves
            # nothing of an older, longer attempt behind it.
            f.truncate(offset + len(data))
            f.flush()
            os.fsync(f.fileno())
        if created:
            _fsync_dir(self.uploads)
        return True

    def finish(self, sha: str) -> bool:
        part = self._part(sha)
        digest = hashlib.sha256()
        try:
            with open(part, "rb") as f:
                while piece := f.read(READ_PIECE):
                    digest.update(piece)
        except FileNotFoundError:
            return False
        if digest.hexdigest() != sha:
            self.discard_upload(sha)
            return False
        target = self.path(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, target)
        _fsync_dir(target.parent)
        _fsync_dir(self.uploads)
        return True

    def discard_upload(self, sha: str) -> None:
        self._part(sha).unlink(missing_ok=True)

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def size(self, sha: str) -> int | None:
        try:
            return self.path(sha).stat().st_size
        except FileNotFoundError:
            return None

    def read(self, sha: str) -> Iterator[bytes]:
        f: BinaryIO = open(self.path(sha), "rb")  # noqa: SIM115 - closed when the generator ends

        def pieces() -> Iterator[bytes]:
            with f:
                while piece := f.read(READ_PIECE):
                    yield piece
        return pieces()

    def put(self, sha: str, pieces: Iterable[bytes]) -> bool:
        offset = 0
        self.discard_upload(sha)
        for piece in pieces:
            self.write_chunk(sha, offset, piece)
            offset += len(piece)
        if offset == 0:
            self.write_chunk(sha, 0, b"")
        return self.finish(sha)

    def stale_uploads(self, older_than_s: float) -> list[str]:
        cutoff = time.time() - older_than_s
        try:
            entries = list(os.scandir(self.uploads))
        except FileNotFoundError:
            return []
        out = []
        for entry in entries:
            if entry.name.endswith(".part") and len(entry.name) == 69:
                try:
                    if entry.stat().st_mtime < cutoff:
                        out.append(entry.name[:64])
                except FileNotFoundError:
                    continue  # finished or discarded meanwhile
        return out


def resolve_blob_dir(db_url: str, explicit: str | Path | None = None) -> Path:
    """``--blob-dir``, else ``CLERK_CENTER_BLOB_DIR``, else beside a SQLite file (``<name>-blobs``);
    on PostgreSQL the folder must be given: several workers and machines must share one place."""
    given = explicit or os.environ.get(BLOB_DIR_ENV, "").strip()
    if given:
        return Path(given).expanduser()
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:" \
            and not url.database.startswith("file:"):
        db = Path(url.database)
        return db.with_name(f"{db.stem}-blobs")
    raise BlobDirMissing(f"请用 --blob-dir 或环境变量 {BLOB_DIR_ENV} 指定中心保存附件的文件夹"
                         "（PostgreSQL 上必须指定，各工作进程和服务器须共用同一位置）。")
