"""Attachments (captured materials, photos) as files named by their SHA-256 in the profile.

Content addressing makes a re-capture of the same page free and lets sync upload each file once.
Every file is AES-GCM encrypted under the profile's file key (``clerk_app.security.files``); only a
demo profile allowed to run without an OS keyring keeps plain files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from clerk_app.errors import UserError
from clerk_app.fsutil import atomic_write

MAX_BYTES = 8 * 1024 * 1024
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PDF_MAGIC = b"%PDF-"


def check_content(data: bytes) -> str:
    """The kind of file by its content (never by its name); anything else is refused."""
    if len(data) > MAX_BYTES:
        raise UserError("attachment.too_large", size_kb=len(data) // 1024, limit_mb=MAX_BYTES // 1024 // 1024)
    for magic, kind in ((JPEG_MAGIC, "jpg"), (PNG_MAGIC, "png"), (PDF_MAGIC, "pdf")):
        if data.startswith(magic):
            return kind
    raise UserError("attachment.bad_type")


def put(root: Path, data: bytes) -> str:
    """Stores ``data`` under ``root`` (the profile's attachments folder); returns its SHA-256."""
    check_content(data)
    digest = hashlib.sha256(data).hexdigest()
    target = root / digest[:2] / digest
    if target.exists():
        return digest
    from clerk_app.security.files import profile_vault

    vault = profile_vault(root.parent)
    if vault is not None:
        vault.write(target, data)
        return digest
    atomic_write(target, data)
    return digest


def get(root: Path, digest: str) -> bytes:
    from clerk_app.security.files import FileVault

    path = root / digest[:2] / digest
    if not path.exists():
        raise UserError("attachment.missing", digest=digest[:12])
    if FileVault.is_encrypted(path):
        data = FileVault.for_profile(root.parent).read(path)
    else:
        data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        raise UserError("attachment.damaged", digest=digest[:12])
    return data
