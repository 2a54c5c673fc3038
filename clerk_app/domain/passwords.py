"""Password verifiers: scrypt with the project's fixed parameters, pure functions shared by the counter
(login, user pages) and the center (its admin path, and the check of a verifier a counter pushes).

A verifier is ``scrypt$N$r$p$salt_b64$digest_b64``. Only ``N=2^14, r=8, p=1`` with a 16-byte salt and a
32-byte digest is accepted anywhere: a verifier with other parameters is either a denial of service on
every counter that tries it (N=2^30 needs 1 TiB and raises ``ValueError``) or a cheap one to crack
(N=2), so it is refused, never computed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES, DIGEST_BYTES = 16, 32
MAX_VERIFIER_LENGTH = 256  # the users.password_hash column
MIN_PASSWORD_LENGTH = 8  # the counter's and the center's password rule


def hash_password(password: str) -> str:
    salt = os.urandom(SALT_BYTES)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=DIGEST_BYTES)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def parse_verifier(stored: object) -> tuple[bytes, bytes] | None:
    """(salt, digest) of a verifier made with the fixed parameters; None for anything else."""
    if not isinstance(stored, str) or len(stored) > MAX_VERIFIER_LENGTH or not stored.isascii():
        return None
    parts = stored.split("$")
    if len(parts) != 6 or parts[:4] != ["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P)]:
        return None
    try:
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(salt) != SALT_BYTES or len(digest) != DIGEST_BYTES:
        return None
    return salt, digest


def is_valid_verifier(stored: object) -> bool:
    return parse_verifier(stored) is not None


def verify_password(password: str, stored: str) -> bool:
    """False for a wrong password and for any verifier not made with the fixed parameters."""
    parsed = parse_verifier(stored)
    if parsed is None:
        return False
    salt, expected = parsed
    got = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=DIGEST_BYTES)
    return hmac.compare_digest(got, expected)
