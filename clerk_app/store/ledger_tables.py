"""Tables of the supervision and counter ledgers (issue 7, issue 5 "other counter work").

Existing tables are never altered: the complaint workflow lives in ``complaint_tracks`` keyed by the
complaint's id, the bad-review loop in ``rating_followups`` keyed by the rating's id.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.store.tables import Base


class RatingFollowupRow(Base):
    __tablename__ = "rating_followups"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    rating_id: Mapped[str] = mapped_column(ForeignKey("ratings.id"), unique=True)
    owner_id: Mapped[str] = mapped_column(String(36))
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    contact_due: Mapped[date] = mapped_column(Date)
    rectify_due: Mapped[date] = mapped_column(Date)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    contacted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    verification: Mapped[str | None] = mapped_column(String(8), nullable=True)
    contact_note: Mapped[str] = mapped_column(Text, default="")
    rectified_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    rectify_note: Mapped[str] = mapped_column(Text, default="")
    feedback_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    evaluator_view: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_by: Mapped[str] = mapped_column(String(64), default="")


class ComplaintTrackRow(Base):
    __tablename__ = "complaint_tracks"
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"), primary_key=True)
    handling: Mapped[str] = mapped_column(String(12))
    step: Mapped[str] = mapped_column(String(12))
    source: Mapped[str] = mapped_column(String(16), default="窗口")
    ticket_no: Mapped[str] = mapped_column(String(40), default="")  # 12345 工单号
    complainant_name: Mapped[str] = mapped_column(String(100), default="")
    complainant_phone: Mapped[str] = mapped_column(String(20), default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    received_on: Mapped[date] = mapped_column(Date)
    transfer_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    resolve_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    department: Mapped[str] = mapped_column(String(100), default="")
    person: Mapped[str] = mapped_column(String(64), default="")
    transferred_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    resolved_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ComplaintStepRow(Base):
    __tablename__ = "complaint_steps"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"), index=True)
    step: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


class CaseUrgeRow(Base):
    """催办: a supervisor's reminder on a case due soon or overdue."""

    __tablename__ = "case_urges"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


class ConsultationRow(Base):
    __tablename__ = "consultations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    clerk_id: Mapped[str] = mapped_column(String(36))  # the first-inquiry clerk (首问负责)
    channel: Mapped[str] = mapped_column(String(8))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text, default="")
    matter_code: Mapped[str] = mapped_column(String(64), default="")
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    callback_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    callback_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    callback_done_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    callback_note: Mapped[str] = mapped_column(Text, default="")


class AssistanceRow(Base):
    """帮办代办 (free of charge, seed 003 §6.15)."""

    __tablename__ = "assistance_records"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    clerk_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(8))
    group: Mapped[str] = mapped_column(String(8))
    person_name: Mapped[str] = mapped_column(String(100))
    matter: Mapped[str] = mapped_column(String(200))
    case_number: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class EmergencyRow(Base):
    __tablename__ = "emergencies"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    clerk_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(8))
    description: Mapped[str] = mapped_column(Text)


class EmergencyPersonRow(Base):
    """Someone who could not finish because of the emergency: served first next time."""

    __tablename__ = "emergency_persons"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    emergency_id: Mapped[str] = mapped_column(ForeignKey("emergencies.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    matter: Mapped[str] = mapped_column(String(200))
    served_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class PauseRow(Base):
    __tablename__ = "pauses"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    clerk_id: Mapped[str] = mapped_column(String(36), index=True)
    window: Mapped[str] = mapped_column(String(8))
    started_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)


class ExtendedServiceRow(Base):
    """延时服务: an extended-service session; ``minutes`` set when it stops (seed 001 §5.3.4)."""

    __tablename__ = "extended_services"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    clerk_id: Mapped[str] = mapped_column(String(36), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    minutes: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")


class CompTimeRow(Base):
    """调休 taken against the extended-service balance."""

    __tablename__ = "comp_time"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    clerk_id: Mapped[str] = mapped_column(String(36), index=True)
    day: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    approved_by: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime)
