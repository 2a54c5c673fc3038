"""Tables of the counter-service rules (issue 14): a complaint's first call, satisfaction surveys.

Existing tables stay as they are: the first call lives in ``complaint_calls`` keyed by the
complaint's id, like ``complaint_tracks``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.store.tables import Base


class ComplaintCallRow(Base):
    """第一时间回访核实 (seed 000 §34): the first call to a complainant, due at once."""

    __tablename__ = "complaint_calls"
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"), primary_key=True)
    due: Mapped[date] = mapped_column(Date)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    called_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    caller: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class SatisfactionSurveyRow(Base):
    """满意度调查表 (seed 003 §7.2.3.4, App. E): answers as JSON {question key: answer}."""

    __tablename__ = "satisfaction_surveys"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    channel: Mapped[str] = mapped_column(String(16))
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), nullable=True)
    department: Mapped[str] = mapped_column(String(100), default="")
    answers: Mapped[str] = mapped_column(Text)
    suggestion: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(64))
