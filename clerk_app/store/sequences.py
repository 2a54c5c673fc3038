"""Local counters, incremented inside the caller's transaction so a number is never handed out twice."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def next_value(session: Session, key: str) -> int:
    return int(session.execute(
        text("INSERT INTO sequences(key, value) VALUES (:k, 1) "
             "ON CONFLICT(key) DO UPDATE SET value = value + 1 RETURNING value"), {"k": key}).scalar_one())
