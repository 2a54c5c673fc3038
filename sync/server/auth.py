"""Enrolment codes, device refresh tokens, short-lived access tokens and admin tokens.

Only hashes of codes and tokens are stored. Access tokens are HMAC-signed with a secret kept in the
database, so any instance behind the load balancer can check them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, select

from clerk_app.domain.ids import uuid7
from sync.server.db import meta
from sync.server.schema import admin_tokens, devices, enrol_codes

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud over the phone
ACCESS_TTL_S = 900


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def new_enrol_code(conn: Connection, center: str, window: str, now: datetime, hours: int = 24) -> str:
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    conn.execute(enrol_codes.insert().values(code_hash=_hash(code), center_code=center, window=window,
                                             expires_at=now + timedelta(hours=hours)))
    return f"{code[:5]}-{code[5:]}"


def enrol(conn: Connection, code: str, device_name: str, now: datetime,
          nonce: str = "") -> tuple[str, str, str, str] | None:
    """Spend a one-time code; returns (device_id, refresh_token, center, window) or None.

    A code already spent with the same nonce (the counter's retry after a lost reply) returns the same
    device with a fresh refresh token: the first token never reached the counter, so it is replaced."""
    from sync.protocol import normalise_enrol_code  # here for start-up time: admin commands need no pydantic

    h = _hash(normalise_enrol_code(code))
    nonce_hash = _hash(nonce) if nonce else None
    row = conn.execute(select(enrol_codes).where(enrol_codes.c.code_hash == h)).first()
    if row is None or row.expires_at < now:
        return None
    token = secrets.token_urlsafe(32)
    if row.used_by is not None:
        if nonce_hash is None or row.used_nonce is None or not hmac.compare_digest(row.used_nonce, nonce_hash):
            return None
        rotated = conn.execute(devices.update().where(and_(devices.c.id == row.used_by, devices.c.revoked.is_(False)))
                               .values(refresh_hash=_hash(token), name=device_name))
        return (row.used_by, token, row.center_code, row.window) if rotated.rowcount == 1 else None
    device_id = uuid7()
    spent = conn.execute(enrol_codes.update().where(and_(enrol_codes.c.code_hash == h,
                                                         enrol_codes.c.used_by.is_(None)))
                         .values(used_by=device_id, used_nonce=nonce_hash))
    if spent.rowcount != 1:
        return None
    conn.execute(devices.insert().values(id=device_id, center_code=row.center_code, window=row.window,
                                         name=device_name, refresh_hash=_hash(token), revoked=False,
                                         created_at=now))
    return device_id, token, row.center_code, row.window


def check_refresh(conn: Connection, device_id: str, token: str) -> str:
    """'ok', 'revoked' or 'unknown'."""
    row = conn.execute(select(devices).where(devices.c.id == device_id)).first()
    if row is None or not hmac.compare_digest(row.refresh_hash, _hash(token)):
        return "unknown"
    return "revoked" if row.revoked else "ok"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def issue_access(conn: Connection, device_id: str, ttl_s: int = ACCESS_TTL_S) -> str:
    body = _b64(json.dumps({"d": device_id, "e": int(time.time()) + ttl_s}).encode())
    sig = _b64(hmac.new(meta(conn, "secret").encode(), body.encode(), hashlib.sha256).digest())
    return f"{body}.{sig}"


def verify_access(conn: Connection, token: str) -> str | None:
    """The device id of a valid, unexpired token whose device is not revoked."""
    return access_device(meta(conn, "secret"), token)


def access_device(secret: str, token: str) -> str | None:
    """The device id a correctly signed, unexpired access token names (no database: the limits
    middleware checks it before reading a push's body)."""
    body, _, sig = token.partition(".")
    if not body.isascii():
        return None
    good = _b64(hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest())
    if not sig or not sig.isascii() or not hmac.compare_digest(sig, good):  # compare_digest refuses non-ASCII str
        return None
    try:
        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except ValueError:
        return None
    if claims.get("e", 0) < time.time():
        return None
    return str(claims["d"])


def device_revoked(conn: Connection, device_id: str) -> bool:
    return bool(conn.execute(select(devices.c.revoked).where(devices.c.id == device_id)).scalar())


ADMIN_TOKEN_DAYS = 30  # an admin token is a key to the whole center: it lapses unless renewed


def admin_token_id(token_hash: str) -> str:
    """What lists and revocation name a token by: a prefix of its hash, never the token itself."""
    return token_hash[:12]


def new_admin_token(conn: Connection, name: str, now: datetime, days: int = ADMIN_TOKEN_DAYS) -> str:
    token = "adm_" + secrets.token_urlsafe(24)
    conn.execute(admin_tokens.insert().values(token_hash=_hash(token), name=name, created_at=now,
                                              expires_at=now + timedelta(days=days)))
    return token


def check_admin(conn: Connection, token: str, now: datetime | None = None) -> str | None:
    """The name of a valid admin token (not revoked, not expired), else None."""
    row = conn.execute(select(admin_tokens.c.name, admin_tokens.c.expires_at, admin_tokens.c.revoked_at)
                       .where(admin_tokens.c.token_hash == _hash(token))).first()
    if row is None or row.revoked_at is not None:
        return None
    if row.expires_at is not None and row.expires_at < (now or datetime.now()):
        return None
    return str(row.name)


def list_admin_tokens(conn: Connection) -> list[dict[str, str | None]]:
    rows = conn.execute(select(admin_tokens).order_by(admin_tokens.c.created_at)).all()

    def iso(t: datetime | None) -> str | None:
        return t.isoformat(timespec="seconds") if t else None

    return [{"id": admin_token_id(r.token_hash), "name": r.name, "created_at": iso(r.created_at),
             "expires_at": iso(r.expires_at), "revoked_at": iso(r.revoked_at)} for r in rows]


def revoke_admin_token(conn: Connection, token_id: str, now: datetime) -> int:
    """Revoke the token(s) whose id (hash prefix, at least 8 characters) is ``token_id``; returns how many."""
    token_id = token_id.strip().lower()
    if len(token_id) < 8 or any(c not in "0123456789abcdef" for c in token_id):
        return 0
    return conn.execute(admin_tokens.update().where(and_(admin_tokens.c.token_hash.startswith(token_id),
                                                         admin_tokens.c.revoked_at.is_(None)))
                        .values(revoked_at=now)).rowcount


def revoke_device(conn: Connection, device_id: str) -> bool:
    return conn.execute(devices.update().where(devices.c.id == device_id).values(revoked=True)).rowcount == 1
