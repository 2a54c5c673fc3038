"""Case search for the counter: by case number, ID number, phone or name, and the work-list filters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import Select, or_, select

from clerk_app.domain.cases import CaseState, CommitmentStatus
from clerk_app.domain.deadlines import DeadlineStatus
from clerk_app.domain.id_numbers import mask_id_number
from clerk_app.domain.roles import Actor
from clerk_app.services import deadline_policy as policy
from clerk_app.services.context import ServiceContext
from clerk_app.store.tables import ApplicantRow, CaseRow


class CaseFilter(StrEnum):
    ALL = "all"
    TODAY = "today"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    AWAITING_PICKUP = "awaiting_pickup"
    PENDING_SUPPLEMENT = "pending_supplement"

    @property
    def label(self) -> str:
        return {"all": "全部", "today": "今日", "due_soon": "即将到期", "overdue": "已超期",
                "awaiting_pickup": "待取件", "pending_supplement": "待补正"}[self.value]


@dataclass(frozen=True)
class CaseSummary:
    number: str
    matter_name: str
    applicant_name: str
    applicant_id_masked: str
    state: CaseState
    received_at: str
    due_date: date | None
    due_provisional: bool
    commitment: CommitmentStatus
    linked: tuple[str, ...] = ()  # the other cases of the same joint application (联办件)
    notice_due: date | None = None  # at intake: the last day for a 一次性告知 (行政许可法 第32条)


_CASE_NUMBER = re.compile(r"^[A-Za-z0-9]+-[A-Za-z0-9]+-\d{8}-\d+$")
_ID_LIKE = re.compile(r"^\d{15}$|^\d{17}[\dXx]$")
_PHONE = re.compile(r"^\d{7,12}$|^0\d{2,3}-\d{7,8}$")
# What clerks type from a receipt or a card: the end of a case number ("20261202-0031", "0031"),
# or the last digits of an ID or phone number ("002X", "8000").
_NUMBER_TAIL = re.compile(r"^\d{8}-\d{1,6}$|^\d{2,4}-\d{8}-\d{1,6}$")
_TAIL = re.compile(r"^\d{3,6}$|^\d{2,5}[Xx]$")
PAGE_SIZE = 200


def classify(query: str) -> str:
    q = query.strip()
    if _CASE_NUMBER.match(q):
        return "case_number"
    if _ID_LIKE.match(q):
        return "id_number"
    if _PHONE.match(q):
        return "phone"
    if _NUMBER_TAIL.match(q):
        return "case_number_tail"
    if _TAIL.match(q):
        return "tail"
    return "name"


@dataclass(frozen=True)
class SearchPage:
    rows: list[CaseSummary]
    total: int  # every match, of which ``rows`` is the page from ``offset``
    offset: int


def _base() -> Select:  # type: ignore[type-arg]
    return (select(CaseRow.number, CaseRow.matter_name, ApplicantRow.name, ApplicantRow.id_number, CaseRow.state,
                   CaseRow.received_at, CaseRow.due_date, CaseRow.due_provisional, CaseRow.commitment,
                   CaseRow.bundle_id, CaseRow.notice_due)
            .join(ApplicantRow, ApplicantRow.id == CaseRow.applicant_id))


def search_cases(ctx: ServiceContext, actor: Actor, query: str = "", flt: CaseFilter = CaseFilter.ALL,
                 limit: int = PAGE_SIZE) -> list[CaseSummary]:
    return search_page(ctx, actor, query, flt, limit=limit).rows


def search_page(ctx: ServiceContext, actor: Actor, query: str = "", flt: CaseFilter = CaseFilter.ALL, *,
                offset: int = 0, limit: int = PAGE_SIZE) -> SearchPage:
    """One page of the matches, newest first, with how many there are in all (never a silent cut)."""
    from sqlalchemy import func

    actor.require("case.read")
    q = query.strip()
    stmt = _base()
    if q:
        kind = classify(q)
        if kind == "case_number":
            # a joint application's number brings up the whole bundle: the applicant asks about all of it
            bundle = select(CaseRow.bundle_id).where(CaseRow.number == q.upper()).scalar_subquery()
            stmt = stmt.where(or_(CaseRow.number == q.upper(), CaseRow.bundle_id == bundle))
        elif kind == "id_number":
            stmt = stmt.where(ApplicantRow.id_number == q.upper())
        elif kind == "phone":
            stmt = stmt.where(ApplicantRow.phone == q)
        elif kind == "case_number_tail":
            stmt = stmt.where(CaseRow.number.like(f"%-{q.upper()}"))
        elif kind == "tail":
            tail = q.upper()
            stmt = stmt.where(or_(CaseRow.number.like(f"%-{tail}"), ApplicantRow.id_number.like(f"%{tail}"),
                                  ApplicantRow.phone.like(f"%{tail}")))
        else:
            # A prefix range uses the name index; LIKE would not (SQLite's LIKE is case-insensitive).
            stmt = stmt.where(ApplicantRow.name >= q, ApplicantRow.name < q + "\U0010ffff")
    today = ctx.now().date()
    if flt is CaseFilter.TODAY:
        stmt = stmt.where(CaseRow.received_at >= today)
    elif flt is CaseFilter.OVERDUE:
        stmt = stmt.where(policy.status_clause(DeadlineStatus.OVERDUE, today, policy.horizon(ctx, today)))
    elif flt is CaseFilter.DUE_SOON:
        stmt = stmt.where(policy.status_clause(DeadlineStatus.DUE_SOON, today, policy.horizon(ctx, today)))
    elif flt is CaseFilter.AWAITING_PICKUP:
        stmt = stmt.where(CaseRow.state == CaseState.RESULT_READY.value)
    elif flt is CaseFilter.PENDING_SUPPLEMENT:
        stmt = stmt.where(CaseRow.state == CaseState.PENDING_SUPPLEMENT.value)
    counted = select(func.count()).select_from(stmt.order_by(None).subquery())
    stmt = stmt.order_by(CaseRow.received_at.desc(), CaseRow.number.desc()).offset(max(0, offset)).limit(limit)
    with ctx.store.read() as s:
        total = int(s.scalar(counted) or 0)
        rows = s.execute(stmt).all()
        bundles: dict[str | None, list[str]] = {}  # keys from bundle_id IN (...): never None
        wanted = {r[9] for r in rows if r[9]}
        if wanted:
            for number, bundle_id in s.execute(select(CaseRow.number, CaseRow.bundle_id)
                                               .where(CaseRow.bundle_id.in_(wanted)).order_by(CaseRow.number)):
                bundles.setdefault(bundle_id, []).append(number)
    return SearchPage([CaseSummary(r[0], r[1], r[2], mask_id_number(r[3]), CaseState(r[4]),
                                   r[5].strftime("%Y-%m-%d %H:%M"), r[6], bool(r[7]), CommitmentStatus(r[8]),
                                   tuple(n for n in bundles.get(r[9], ()) if n != r[0]) if r[9] else (),
                                   r[10] if CaseState(r[4]) is CaseState.RECEIVED else None)
                       for r in rows], total, max(0, offset))


def reminder_counts(ctx: ServiceContext, actor: Actor) -> dict[CaseFilter, int]:
    """催办: how many cases fall due within the configured working days, and how many are overdue, by
    the one deadline policy (the dashboard and the ranking count the same way)."""
    actor.require("case.read")
    with ctx.store.read() as s:
        totals = policy.counts(ctx, s, ctx.now().date())
    return {CaseFilter.DUE_SOON: totals[DeadlineStatus.DUE_SOON], CaseFilter.OVERDUE: totals[DeadlineStatus.OVERDUE]}
