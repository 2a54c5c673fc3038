"""The application form's values for a case (one row per case, replaced on each save)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.store.tables import Base


class CaseFormRow(Base):
    __tablename__ = "case_forms"
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    values: Mapped[str] = mapped_column(Text)  # JSON object: field key -> cleaned value
    updated_at: Mapped[datetime] = mapped_column(DateTime)
