"""Appends to the audit trail inside the caller's transaction: the entry exists iff the change does."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from clerk_app.domain.ids import uuid7
from clerk_app.store.tables import AuditRow


def append(session: Session, *, at: datetime, actor: str, action: str, entity: str, entity_id: str,
           detail: str = "") -> None:
    session.add(AuditRow(id=uuid7(), at=at, actor=actor, action=action, entity=entity, entity_id=entity_id,
                         detail=detail))
