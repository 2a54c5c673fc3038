"""Resumable chunked upload of the counter's content-addressed attachments to the center."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sync.client.engine import SyncClient

CHUNK = 1024 * 1024


def path_for(folder: Path, sha: str) -> Path:
    return folder / sha[:2] / sha


def upload(client: SyncClient, sha: str, path: Path, chunk: int = CHUNK) -> int:
    """Send what the center lacks, from the offset it reports; returns bytes sent. The center verifies
    the hash on the last byte and starts over if it does not match."""
    from clerk_app.store import attachments
    from sync.client.engine import SyncError

    # The file on disk is encrypted under the profile's key: the center receives the plaintext it
    # hashes, never the ciphertext (which it could not verify and the other counters could not read).
    data = attachments.get(path.parent.parent, sha)
    size = len(data)
    status = client.request("GET", f"/v1/blobs/{sha}").json()
    if status["complete"]:
        return 0
    sent, restarts = 0, 0
    offset = status["received"] if status.get("size") == size else 0
    while True:
        piece = data[offset:offset + chunk]
        # The chunk's own digest: a chunk damaged on the way is refused before the center writes it,
        # instead of the whole file failing its hash at the end (an older center ignores the header).
        reply = client.request("PUT", f"/v1/blobs/{sha}", params={"offset": offset, "size": size}, content=piece,
                               headers={"X-Chunk-SHA256": hashlib.sha256(piece).hexdigest()}).json()
        sent += len(piece)
        if reply["complete"]:
            return sent
        if reply["received"] == 0 and offset + len(piece) == size:
            restarts += 1
            if restarts > 1:
                raise SyncError("sync.attachment_mismatch", digest=sha[:12],
                                permanent=True)
        offset = reply["received"]
