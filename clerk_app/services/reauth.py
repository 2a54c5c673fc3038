"""Password re-entry: to unlock the screen, and to confirm identity before sensitive actions
(exports, revealing an ID number or a complainant's identity). Failures count toward the same
lockout as login; every attempt is audited.

Public API: ``verify_password_again``, ``unlock``, ``reauthenticate``, ``Elevation``,
``require_elevation``, ``reveal_applicant_id``.

``verify_password_again``, ``unlock`` and ``require_elevation`` take the signed-in ``user`` proving who
they are, which every role may do; the permission is asked by the use case that needs the password
(``reauthenticate`` for its purpose, then ``reveal_applicant_id``, exports, ``reveal_complainant``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from clerk_app.domain.passwords import verify_password
from clerk_app.domain.roles import Actor
from clerk_app.errors import PermissionDenied, UserError
from clerk_app.messages import Text
from clerk_app.services.auth import LOCKOUT, LOCKOUT_MINUTES, MAX_FAILURES
from clerk_app.services.context import ServiceContext
from clerk_app.store import audit
from clerk_app.store.tables import UserRow

ELEVATION_LIFETIME = timedelta(minutes=2)  # long enough to finish one export dialog, not a shift
# The purposes that need the password again, each named by its catalogue code.
SENSITIVE = {"export": "auth.purpose_export", "applicant.reveal_id": "auth.purpose_reveal_id",
             "complainant.reveal": "auth.purpose_reveal_complainant"}


@dataclass(frozen=True)
class Elevation:
    """Proof that ``user_id`` re-entered the password for ``purpose`` until ``until``."""

    user_id: str
    purpose: str
    until: datetime


def verify_password_again(ctx: ServiceContext, user: Actor, password: str, *, action: str) -> None:
    now = ctx.now()
    with ctx.store.transaction() as s:
        row = s.get(UserRow, user.user_id)
        if row is None or not row.active:
            audit.append(s, at=now, actor=user.username, action=f"{action}.refused", entity="user",
                         entity_id=user.user_id, detail="inactive")
            s.commit()
            raise UserError("auth.disabled")
        if row.locked_until and row.locked_until > now:
            raise UserError("auth.locked")
        if verify_password(password, row.password_hash):
            row.failed_attempts = 0
            audit.append(s, at=now, actor=user.username, action=action, entity="user", entity_id=row.id)
            return
        row.failed_attempts += 1
        locked = row.failed_attempts >= MAX_FAILURES
        if locked:
            row.locked_until, row.failed_attempts = now + LOCKOUT, 0
        audit.append(s, at=now, actor=user.username, action=f"{action}.failed", entity="user", entity_id=row.id,
                     detail="locked" if locked else "")
        s.commit()
    if locked:
        raise UserError("auth.locked_now", failures=MAX_FAILURES, minutes=LOCKOUT_MINUTES)
    raise UserError("auth.wrong_password")


def unlock(ctx: ServiceContext, user: Actor, password: str) -> None:
    verify_password_again(ctx, user, password, action="session.unlock")


def reauthenticate(ctx: ServiceContext, actor: Actor, password: str, purpose: str) -> Elevation:
    if purpose not in SENSITIVE:
        raise ValueError(f"unknown sensitive purpose {purpose!r}")
    actor.require(purpose if purpose != "complainant.reveal" else "ledger.manage")
    verify_password_again(ctx, actor, password, action=f"reauth.{purpose}")
    return Elevation(user_id=actor.user_id, purpose=purpose, until=ctx.now() + ELEVATION_LIFETIME)


def require_elevation(ctx: ServiceContext, user: Actor, elevation: Elevation | None, purpose: str) -> None:
    if (elevation is None or elevation.user_id != user.user_id or elevation.purpose != purpose
            or ctx.now() > elevation.until):
        raise PermissionDenied("auth.reauth_required", purpose=Text(SENSITIVE[purpose]))


def reveal_applicant_id(ctx: ServiceContext, actor: Actor, case_number: str, elevation: Elevation | None) -> str:
    """The full ID number after a fresh password; the reveal itself is audited by the case service."""
    from clerk_app.services import cases

    actor.require("applicant.reveal_id")
    require_elevation(ctx, actor, elevation, "applicant.reveal_id")
    return cases._reveal_applicant_id(ctx, actor, case_number)
