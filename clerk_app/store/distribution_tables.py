"""What the counter received from the center besides synced records: the catalogue, the authorised
matters, holiday schedules and appointments (see sync/client/distribution.py)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.store.tables import Base


class CenterItemRow(Base):
    """The newest applied version of each distributed item; ``as_of`` is when the center published it."""

    __tablename__ = "center_items"
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(200))
    as_of: Mapped[datetime] = mapped_column(DateTime)
    applied_at: Mapped[datetime] = mapped_column(DateTime)


class AppointmentRow(Base):
    """A booked slot for this window; name and phone are citizen data (the database is encrypted)."""

    __tablename__ = "appointments"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    slot: Mapped[str] = mapped_column(String(16))
    window: Mapped[str] = mapped_column(String(8))
    matter_code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)


Index("ix_appointments_day", AppointmentRow.day, AppointmentRow.window)


class DistQuarantineRow(Base):
    """A distributed item the counter could not use, kept whole for IT; nothing of it was applied."""

    __tablename__ = "dist_quarantine"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)
