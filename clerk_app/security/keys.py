"""The profile's master key lives in the OS keyring (Windows Credential Manager, Secret Service);
the data folder holds only a random, non-secret key id that names the keyring entry.

Public API: ``KeyringUnavailable``, ``profile_key_id``, ``load_master_key``, ``derive``,
``database_key``, ``file_key``.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from pathlib import Path
from types import ModuleType

from clerk_app.errors import UserError

log = logging.getLogger("clerk.security")
KEYRING_SERVICE = "clerk-workbench"
KEY_ID_FILE = "key-id"
MASTER_KEY_BYTES = 32
# HKDF "info" labels: each use gets its own key, so a leak of one never exposes the others.
DATABASE_INFO = b"clerk-workbench/sqlcipher/v1"
# Secure by default: with no OS keystore a new profile is refused. Only a demo or a developer's
# machine may allow an unencrypted profile (``make run`` and the test suite set it); the
# installers never do, and REQUIRE wins over ALLOW when both are set.
REQUIRE_KEYRING_ENV = "CLERK_APP_REQUIRE_KEYRING"
ALLOW_UNENCRYPTED_ENV = "CLERK_APP_ALLOW_UNENCRYPTED"
FILES_INFO = b"clerk-workbench/files/v1"


class KeyringUnavailable(UserError):
    """No OS keystore is reachable (no Secret Service on this Linux session, for example)."""


def _keyring() -> ModuleType:
    import keyring

    return keyring


def profile_key_id(root: Path, *, create: bool) -> str | None:
    """The keyring entry's name for this profile; written once, next to the data it protects."""
    path = root / KEY_ID_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        if not create:
            return None
        text = f"profile-{uuid.uuid4()}"
        root.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text + "\n", encoding="ascii")
        tmp.replace(path)
        return text
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError("keys.key_id_unreadable", path=path, reason=exc) from exc
    if not text.startswith("profile-") or len(text) > 80:
        raise UserError("keys.bad_key_id_file", path=path)
    return text


def load_master_key(root: Path, *, create: bool) -> bytes:
    """The 32-byte master key of the profile at ``root``; made on first use when ``create``.

    Raises ``KeyringUnavailable`` when no OS keystore exists, and ``UserError`` when the profile
    has a key id but this PC's keystore has no key for it (a data folder copied from elsewhere).
    """
    keyring = _keyring()
    from keyring.backends import fail
    from keyring.errors import KeyringError, NoKeyringError

    if isinstance(keyring.get_keyring(), fail.Keyring):
        raise KeyringUnavailable("keys.no_keyring")
    key_id = profile_key_id(root, create=create)
    if key_id is None:
        raise UserError("keys.key_id_missing", root=root, file=KEY_ID_FILE)
    try:
        stored = keyring.get_password(KEYRING_SERVICE, key_id)
        if stored is None and create:
            stored = secrets.token_hex(MASTER_KEY_BYTES)
            keyring.set_password(KEYRING_SERVICE, key_id, stored)
            if keyring.get_password(KEYRING_SERVICE, key_id) != stored:
                raise UserError("keys.not_saved")
            log.info("new master key stored in the OS keyring under %s", key_id)
    except NoKeyringError as exc:
        raise KeyringUnavailable("keys.no_keyring",
                                 detail=str(exc)) from exc
    except KeyringError as exc:
        raise UserError("keys.access_denied", reason=exc) from exc
    if stored is None:
        raise UserError("keys.key_missing", key_id=key_id)
    try:
        key = bytes.fromhex(stored)
    except ValueError:
        key = b""
    if len(key) != MASTER_KEY_BYTES:
        raise UserError("keys.key_damaged", key_id=key_id)
    return key


def derive(master: bytes, info: bytes) -> bytes:
    # Here for start-up time: a command on a profile kept unencrypted (no keyring) never derives a key.
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


def database_key(root: Path, *, create: bool = True) -> bytes:
    return derive(load_master_key(root, create=create), DATABASE_INFO)


def file_key(root: Path, *, create: bool = True) -> bytes:
    return derive(load_master_key(root, create=create), FILES_INFO)
