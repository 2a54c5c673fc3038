"""What a device may see: its center's records only, and inside the center what its scope allows.

Scope (need to know, docs/security.md): ``window`` — a clerk's counter receives the center's users, the
records of its own window (cases received there with their materials, events and ratings, the applicants
and complaints it registered) and the cases handed to its window (sync/server/handover.py: transfers, the
output desk's cases ready for pickup, joint cases whole); ``center`` — the center's records (the supervisor's manager view, the
output desk that hands out every window's results, joint work across windows). Set per center and per
device with ``clerk-center admin scope``; a device without its own setting follows its center's, and a
center without one follows ``DEFAULT_SCOPE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, or_, select

from sync.server.schema import blob_owners, center_settings, changes, devices, handovers

SCOPES = ("window", "center")
# Counters at one center work on each other's cases (a citizen comes back to any window; the output desk
# hands out every window's results; conflicts between windows are settled at the center), so the default
# keeps the center whole and IT narrows the counters that do not need it.
DEFAULT_SCOPE = "center"


@dataclass(frozen=True)
class Reach:
    center: str
    window: str
    scope: str


def reach_of(conn: Connection, device: str) -> Reach:
    row = conn.execute(select(devices.c.center_code, devices.c.window, devices.c.scope, center_settings.c.scope
                              .label("center_scope"))
                       .select_from(devices.outerjoin(center_settings,
                                                      center_settings.c.center_code == devices.c.center_code))
                       .where(devices.c.id == device)).one()
    return Reach(center=row.center_code, window=row.window, scope=row.scope or row.center_scope or DEFAULT_SCOPE)


def visible(reach: Reach) -> ColumnElement[bool]:
    """The change-log rows a device receives: its center's; with ``window`` scope, those addressed to every
    window or to its own, and the changes of the cases (and their applicants) handed to its window."""
    mine = changes.c.center_code == reach.center
    if reach.scope != "window":
        return mine

    def handed(entity: str) -> Any:
        return select(handovers.c.entity_id).where(and_(
            handovers.c.center_code == reach.center, handovers.c.window == reach.window, handovers.c.entity == entity))

    return and_(mine, or_(changes.c.window.in_(("", reach.window)),
                          and_(changes.c.case_id != "", changes.c.case_id.in_(handed("cases"))),
                          and_(changes.c.entity == "applicants", changes.c.entity_id.in_(handed("applicants")))))


def set_scope(conn: Connection, scope: str, now: datetime, *, center: str = "", device: str = "") -> bool:
    """A device's own scope (``scope`` "" clears it), or its center's; False if the device is unknown."""
    if device:
        return conn.execute(devices.update().where(devices.c.id == device).values(scope=scope or None)).rowcount == 1
    where = center_settings.c.center_code == center
    if conn.execute(select(center_settings.c.scope).where(where)).first() is None:
        conn.execute(center_settings.insert().values(center_code=center, scope=scope, updated_at=now))
    else:
        conn.execute(center_settings.update().where(where).values(scope=scope, updated_at=now))
    return True


def center_scope(conn: Connection, center: str) -> tuple[str, bool]:
    """(scope, set explicitly)."""
    got = conn.execute(select(center_settings.c.scope).where(center_settings.c.center_code == center)).scalar()
    return (got, True) if got else (DEFAULT_SCOPE, False)


def owns_blob(conn: Connection, center: str, sha: str) -> bool:
    return conn.execute(select(blob_owners.c.sha256).where(and_(blob_owners.c.center_code == center,
                                                                blob_owners.c.sha256 == sha))).first() is not None


def add_blob_owner(conn: Connection, center: str, sha: str, now: datetime) -> None:
    if not owns_blob(conn, center, sha):
        conn.execute(blob_owners.insert().values(center_code=center, sha256=sha, created_at=now))
