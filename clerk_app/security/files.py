"""Encrypted files for attachments, generated PDFs and spooled print jobs (AES-256-GCM).

Layout: ``CLKF`` + version (1) + algorithm (1 = AES-256-GCM) + 12-byte nonce + ciphertext + 16-byte tag.
The header and the file name are authenticated, so a file swapped for another profile's, renamed
onto another case's name, truncated or bit-flipped is refused. Writes are atomic (temp file + replace).
Public API: ``FileVault`` (``for_profile``, ``write``, ``read``, ``is_encrypted``).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from clerk_app.errors import UserError
from clerk_app.fsutil import atomic_write

MAGIC = b"CLKF"
VERSION = 1
AES_256_GCM = 1
HEADER = MAGIC + bytes((VERSION, AES_256_GCM))
NONCE_BYTES = 12
# Camera JPEGs are capped at a few MB and notices are small; 64 MiB bounds memory for a whole-file cipher.
MAX_PLAINTEXT = 64 * 1024 * 1024


class FileVault:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("FileVault needs a 256-bit key")
        self._aead = AESGCM(key)

    @classmethod
    def for_profile(cls, root: Path) -> FileVault:
        from clerk_app.security.keys import file_key

        return cls(file_key(root))

    def write(self, path: Path, data: bytes) -> None:
        if len(data) > MAX_PLAINTEXT:
            raise UserError("file.too_large", name=path.name, limit_mb=MAX_PLAINTEXT // (1024 * 1024))
        nonce = secrets.token_bytes(NONCE_BYTES)
        blob = HEADER + nonce + self._aead.encrypt(nonce, data, HEADER + path.name.encode())
        atomic_write(path, blob)

    def read(self, path: Path) -> bytes:
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            raise UserError("file.not_found", name=path.name) from None
        if not blob.startswith(MAGIC):
            raise UserError("file.not_encrypted_here", name=path.name)
        if blob[: len(HEADER)] != HEADER:
            raise UserError("file.unknown_format", name=path.name)
        nonce = blob[len(HEADER): len(HEADER) + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[len(HEADER) + NONCE_BYTES:], HEADER + path.name.encode())
        except InvalidTag:
            raise UserError("file.cannot_decrypt", name=path.name) from None

    @staticmethod
    def is_encrypted(path: Path) -> bool:
        with path.open("rb") as f:
            return f.read(len(HEADER)) == HEADER


def profile_vault(profile_root: Path) -> FileVault | None:
    """The profile's vault; None only for a demo or test profile allowed to run without an OS
    keyring (``CLERK_APP_ALLOW_UNENCRYPTED=1``, never with ``CLERK_APP_REQUIRE_KEYRING=1``)."""
    from clerk_app.security.keys import ALLOW_UNENCRYPTED_ENV, REQUIRE_KEYRING_ENV, KeyringUnavailable

    try:
        return FileVault.for_profile(profile_root)
    except KeyringUnavailable:
        if os.environ.get(ALLOW_UNENCRYPTED_ENV) == "1" and os.environ.get(REQUIRE_KEYRING_ENV) != "1":
            return None
        raise
