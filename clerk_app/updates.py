"""Updates: the center publishes a signed manifest; the app installs nothing it has not verified.

The manifest is JSON (version, file name, size, SHA-256, release notes) signed with the center's
Ed25519 key; the public key is in the machine-wide configuration, which only IT writes. A counter
checks the signature before it believes a single field, compares versions, and verifies a download's
size and hash before handing it to the installer. When the signature or the download is wrong, the
clerk and IT are told in one sentence and nothing is installed.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass

from clerk_app.errors import UserError

MAX_MANIFEST_BYTES = 64 * 1024


@dataclass(frozen=True)
class Manifest:
    version: str
    file: str
    size: int
    sha256: str
    notes: str = ""


def version_tuple(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.strip().split("."))
    except ValueError:
        raise UserError("update.bad_version", version=version) from None


def sign_manifest(manifest: Manifest, private_key_b64: str) -> tuple[bytes, bytes]:
    """For the center's release tooling (and tests): the manifest bytes and their signature."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    body = json.dumps(manifest.__dict__, ensure_ascii=False, sort_keys=True).encode()
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key_b64))
    return body, key.sign(body)


def verify_manifest(body: bytes, signature: bytes, public_key_b64: str) -> Manifest:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not public_key_b64:
        raise UserError("update.no_public_key")
    if len(body) > MAX_MANIFEST_BYTES:
        raise UserError("update.manifest_too_large")
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64)).verify(signature, body)
    except (InvalidSignature, ValueError):
        raise UserError("update.bad_signature") from None
    try:
        data = json.loads(body)
        manifest = Manifest(version=str(data["version"]), file=str(data["file"]), size=int(data["size"]),
                            sha256=str(data["sha256"]).lower(), notes=str(data.get("notes", "")))
    except (ValueError, KeyError, TypeError):
        raise UserError("update.bad_manifest") from None
    version_tuple(manifest.version)
    return manifest


def update_due(current: str, manifest: Manifest) -> bool:
    return version_tuple(manifest.version) > version_tuple(current)


def verify_download(data: bytes, manifest: Manifest) -> None:
    if len(data) != manifest.size or hashlib.sha256(data).hexdigest() != manifest.sha256:
        raise UserError("update.bad_package", file=manifest.file)


def fetch_manifest(url: str, timeout: float = 10.0) -> tuple[bytes, bytes]:
    """The manifest and its detached signature (``URL`` and ``URL.sig``). Runs off the GUI thread."""
    import httpx

    try:
        with httpx.Client(timeout=timeout, follow_redirects=False) as client:
            body = client.get(url)
            sig = client.get(url + ".sig")
        body.raise_for_status()
        sig.raise_for_status()
    except httpx.HTTPError as exc:
        raise UserError("update.manifest_unreachable", url=url, detail=repr(exc)) from exc
    return body.content, sig.content


def check_for_update(current: str, url: str, public_key_b64: str) -> Manifest | None:
    """The newer release, or None when this one is current."""
    manifest = verify_manifest(*fetch_manifest(url), public_key_b64)
    return manifest if update_due(current, manifest) else None
