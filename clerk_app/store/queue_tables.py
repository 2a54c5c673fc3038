"""Queue tickets of the local queue (used when no center queue system is configured)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.store.tables import Base


class TicketRow(Base):
    __tablename__ = "queue_tickets"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    number: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(12))
    window: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(String(100), default="")
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    called_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    recalls: Mapped[int] = mapped_column(Integer, default=0)


Index("ix_queue_day_state", TicketRow.day, TicketRow.state)
