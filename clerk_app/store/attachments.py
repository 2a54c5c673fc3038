"""Attachments (captured materials, photos) as files named by their SHA-256 in the profile.

Content addressing makes a re-capture of the same page free and lets sync upload each file once.
Every write goes through ``put`` so that protection at rest is applied in one place.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from clerk_app.errors import UserError

MAX_BYTES = 8 * 1024 * 1024
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PDF_MAGIC = b"%PDF-"


def check_content(data: bytes) -> str:
    """The kind of file by its content (never by its name); anything else is refused."""
    if len(data) > MAX_BYTES:
        raise UserError(f"文件过大：{len(data) // 1024} KB，上限 {MAX_BYTES // 1024 // 1024} MB。请降低分辨率后重拍。")
    for magic, kind in ((JPEG_MAGIC, "jpg"), (PNG_MAGIC, "png"), (PDF_MAGIC, "pdf")):
        if data.startswith(magic):
            return kind
    raise UserError("只能保存 JPEG、PNG 图片或 PDF 文件：该文件的内容不是这几种格式。")


def put(root: Path, data: bytes) -> str:
    check_content(data)
    digest = hashlib.sha256(data).hexdigest()
    target = root / digest[:2] / digest
    if target.exists():
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest


def get(root: Path, digest: str) -> bytes:
    path = root / digest[:2] / digest
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"附件 {digest[:12]}… 不在本机：可能已按保存期限清理，或尚未从中心同步。") from None
    if hashlib.sha256(data).hexdigest() != digest:
        raise UserError(f"附件 {digest[:12]}… 已损坏（校验不符），请重新拍摄或从中心恢复。")
    return data
