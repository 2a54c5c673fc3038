"""Cases coming due and overdue, and 催办 (a supervisor's recorded reminder on such a case)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from clerk_app.domain.cases import CaseState
from clerk_app.domain.ids import uuid7
from clerk_app.domain.roles import Actor
from clerk_app.errors import DomainError, UserError
from clerk_app.services.context import ServiceContext
from clerk_app.store import audit
from clerk_app.store.ledger_tables import CaseUrgeRow
from clerk_app.store.tables import CaseRow, UserRow

# Accepted and not yet decided: the states in which the promised time limit is running.
RUNNING = (CaseState.ACCEPTED.value, CaseState.TRANSFERRED.value, CaseState.BACKOFFICE_SUPPLEMENT.value)
LIST_LIMIT = 500


@dataclass(frozen=True)
class DueCase:
    number: str
    matter: str
    department: str
    clerk: str
    state: str
    due: dt.date
    overdue: bool
    urges: int


def due_horizon(ctx: ServiceContext, today: dt.date) -> dt.date:
    return ctx.calendar.add_working_days(today, ctx.settings.due_soon_working_days)[0]


def due_cases(ctx: ServiceContext, actor: Actor, today: dt.date) -> tuple[list[DueCase], int, int]:
    """Overdue and due-soon running cases, most urgent first (at most LIST_LIMIT), with both totals."""
    actor.require("manager.view")
    horizon = due_horizon(ctx, today)
    urges = (select(CaseUrgeRow.case_id, func.count().label("n")).group_by(CaseUrgeRow.case_id).subquery())
    with ctx.store.read() as s:
        names = dict(s.execute(select(UserRow.id, UserRow.display_name)).all())
        overdue = s.scalar(select(func.count()).select_from(CaseRow).where(
            CaseRow.state.in_(RUNNING), CaseRow.due_date < today)) or 0
        soon = s.scalar(select(func.count()).select_from(CaseRow).where(
            CaseRow.state.in_(RUNNING), CaseRow.due_date >= today, CaseRow.due_date <= horizon)) or 0
        rows = s.execute(select(CaseRow.number, CaseRow.matter_name, CaseRow.department, CaseRow.clerk_id,
                                CaseRow.state, CaseRow.due_date, func.coalesce(urges.c.n, 0))
                         .outerjoin(urges, urges.c.case_id == CaseRow.id)
                         .where(CaseRow.state.in_(RUNNING), CaseRow.due_date.is_not(None),
                                CaseRow.due_date <= horizon)
                         .order_by(CaseRow.due_date, CaseRow.number).limit(LIST_LIMIT)).all()
    items = [DueCase(n, m, d, names.get(c, c), CaseState(st).label, due, due < today, u)
             for n, m, d, c, st, due, u in rows]
    return items, overdue, soon


def urge(ctx: ServiceContext, actor: Actor, case_number: str, note: str = "") -> int:
    """Records a 催办 on a running case; returns how many times it has been urged."""
    actor.require("ledger.manage")
    now = ctx.now()
    with ctx.store.transaction() as s:
        row = s.scalars(select(CaseRow).where(CaseRow.number == case_number)).first()
        if row is None:
            raise UserError(f"找不到办件 {case_number}。")
        if row.state not in RUNNING:
            raise DomainError(f"办件 {case_number} 当前状态为“{CaseState(row.state).label}”，无需催办。")
        s.add(CaseUrgeRow(id=uuid7(), case_id=row.id, at=now, actor=actor.username, note=note.strip()))
        audit.append(s, at=now, actor=actor.username, action="case.urge", entity="case", entity_id=row.id,
                     detail=note.strip())
        s.flush()
        return int(s.scalar(select(func.count()).select_from(CaseUrgeRow).where(CaseUrgeRow.case_id == row.id)) or 0)
