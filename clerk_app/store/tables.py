"""SQLAlchemy tables of the local store. Every row has a time-ordered id (UUIDv7) so that sync can merge
counters; timestamps are naive local times as the counter's clock shows them (ISO strings in SQLite)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ApplicantRow(Base):
    __tablename__ = "applicants"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(100), index=True)
    id_number: Mapped[str] = mapped_column(String(32), index=True)
    phone: Mapped[str] = mapped_column(String(20), index=True, default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class CaseRow(Base):
    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    matter_code: Mapped[str] = mapped_column(String(64))
    matter_name: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(100))
    applicant_id: Mapped[str] = mapped_column(ForeignKey("applicants.id"), index=True)
    agent_id: Mapped[str | None] = mapped_column(ForeignKey("applicants.id"), nullable=True)
    delegation_scope: Mapped[str] = mapped_column(String(200), default="")
    delegation_valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    window: Mapped[str] = mapped_column(String(8))
    clerk_id: Mapped[str] = mapped_column(String(36))
    channel: Mapped[str] = mapped_column(String(16), default="window")
    state: Mapped[str] = mapped_column(String(24), index=True)
    accept_mode: Mapped[str | None] = mapped_column(String(16), nullable=True)
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    rongque_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    commitment: Mapped[str] = mapped_column(String(12), default="none")
    tell_commit_offered: Mapped[bool] = mapped_column(Boolean, default=False)
    decision_approved: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    delivery_mode: Mapped[str | None] = mapped_column(String(16), nullable=True)
    bundle_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)  # 联办件 (migration 0009)
    # migration 0012: the 一次性告知 deadline of a case at intake (行政许可法 第32条), the day its time
    # limit counts from, the applicant's 告知承诺 answer, clock stops and extensions (JSON, 第42/45条)
    notice_due: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    counted_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    tell_commit_choice: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    clock: Mapped[str] = mapped_column(Text, default="", server_default="")
    clock_paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class CaseMaterialRow(Base):
    __tablename__ = "case_materials"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    necessity: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(String(500), default="")
    attachment_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)


class CaseEventRow(Base):
    """The case history: append-only, one row per transition."""

    __tablename__ = "case_events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str] = mapped_column(String(24))
    to_state: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[str] = mapped_column(Text, default="{}")


class RatingRow(Base):
    """好差评: level 1 (非常满意) … 5 (非常不满意), or NULL for an explicit 'not rated'."""

    __tablename__ = "ratings"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), nullable=True, index=True)
    level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    channel: Mapped[str] = mapped_column(String(16), default="evaluator")
    real_name: Mapped[bool] = mapped_column(Boolean, default=True)
    clerk_id: Mapped[str] = mapped_column(String(36))
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime)
    # 评价内容 (seed 001 §7.1): the aspects the applicant named, "、"-joined in the seed's order
    dimensions: Mapped[str] = mapped_column(Text, default="", server_default="")


class SurveyResponseRow(Base):
    """社会公众满意度调查表 (seed 003 §7.2.3.4.2, App. E): one anonymous response; ``levels`` holds one digit
    per row of the form (1 满意 … 4 很不满意, 0 blank), ``departments`` the ticked ones "、"-joined."""

    __tablename__ = "survey_responses"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    form: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(8))  # screen | paper
    window: Mapped[str] = mapped_column(String(8))
    clerk_id: Mapped[str] = mapped_column(String(36))  # whose counter showed it, or who entered the paper form
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    visit: Mapped[str] = mapped_column(String(16), default="")
    departments: Mapped[str] = mapped_column(String(200), default="")
    levels: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")


class ComplaintRow(Base):
    """办不成事 / complaint ledger entry (投诉 / 建议 / 咨询 / 表扬)."""

    __tablename__ = "complaints"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    category: Mapped[str] = mapped_column(String(8))
    content: Mapped[str] = mapped_column(Text)
    complainant_id: Mapped[str | None] = mapped_column(ForeignKey("applicants.id"), nullable=True)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    owner_id: Mapped[str] = mapped_column(String(36))
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SequenceRow(Base):
    """Local counters (case numbers per window and day, document numbers per year)."""

    __tablename__ = "sequences"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class AuditRow(Base):
    """Append-only audit trail: who did what to which record, when. Triggers forbid UPDATE and DELETE."""

    __tablename__ = "audit_log"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="")


Index("ix_cases_state_due", CaseRow.state, CaseRow.due_date)
