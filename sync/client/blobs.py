"""Content-addressed attachment files on the counter, and resumable chunked upload to the center."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sync.client.engine import SyncClient

CHUNK = 1024 * 1024


def path_for(folder: Path, sha: str) -> Path:
    return folder / sha[:2] / sha


def store_bytes(folder: Path, data: bytes) -> str:
    """Write to a temp file, fsync, rename to its hash name: a crash never leaves a half file under a hash."""
    sha = hashlib.sha256(data).hexdigest()
    target = path_for(folder, sha)
    if target.exists():
        return sha
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sha


def upload(client: SyncClient, sha: str, path: Path, chunk: int = CHUNK) -> int:
    """Send what the center lacks, from the offset it reports; returns bytes sent. The center verifies
    the hash on the last byte and starts over if it does not match."""
    from sync.client.engine import SyncError

    size = path.stat().st_size
    status = client.request("GET", f"/v1/blobs/{sha}").json()
    if status["complete"]:
        return 0
    sent, restarts = 0, 0
    offset = status["received"] if status.get("size") == size else 0
    with path.open("rb") as fh:
        while True:
            fh.seek(offset)
            data = fh.read(chunk)
            reply = client.request("PUT", f"/v1/blobs/{sha}", params={"offset": offset, "size": size},
                                   content=data).json()
            sent += len(data)
            if reply["complete"]:
                return sent
            if reply["received"] == 0 and offset + len(data) == size:
                restarts += 1
                if restarts > 1:
                    raise SyncError(f"附件 {sha[:12]}… 上传后校验不一致，本地文件可能已损坏，请重新扫描。",
                                    permanent=True)
            offset = reply["received"]
