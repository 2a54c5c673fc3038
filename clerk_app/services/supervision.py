"""Cases coming due and overdue, and 催办 (a supervisor's recorded reminder on such a case)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from clerk_app.domain.cases import CaseState
from clerk_app.domain.deadline_policy import DECISION_CLOCK, INTAKE_CLOCK
from clerk_app.domain.deadlines import DeadlineStatus
from clerk_app.domain.ids import uuid7
from clerk_app.domain.roles import Actor
from clerk_app.errors import DomainError, UserError
from clerk_app.services import deadline_policy as policy
from clerk_app.services.context import ServiceContext
from clerk_app.store import audit
from clerk_app.store.ledger_tables import CaseUrgeRow
from clerk_app.store.tables import CaseRow, UserRow

# The states in which a clock runs (domain.deadline_policy): the 一次性告知 at intake, then the
# promised time limit until the decision. Only those can be urged.
RUNNING = tuple(sorted(s.value for s in INTAKE_CLOCK | DECISION_CLOCK))
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
    return policy.horizon(ctx, today)


def due_cases(ctx: ServiceContext, actor: Actor, today: dt.date) -> tuple[list[DueCase], int, int]:
    """Overdue and due-soon cases by the one deadline policy (a 一次性告知 still owed at intake, or the
    promised limit running), most urgent first (at most LIST_LIMIT), with both totals."""
    actor.require("manager.view")
    horizon = due_horizon(ctx, today)
    urges = (select(CaseUrgeRow.case_id, func.count().label("n")).group_by(CaseUrgeRow.case_id).subquery())
    deadline = policy.deadline_column()
    with ctx.store.read() as s:
        names = dict(s.execute(select(UserRow.id, UserRow.display_name)).all())
        totals = policy.counts(ctx, s, today)
        overdue, soon = totals[DeadlineStatus.OVERDUE], totals[DeadlineStatus.DUE_SOON]
        rows = s.execute(select(CaseRow.number, CaseRow.matter_name, CaseRow.department, CaseRow.clerk_id,
                                CaseRow.state, deadline, func.coalesce(urges.c.n, 0))
                         .outerjoin(urges, urges.c.case_id == CaseRow.id)
                         .where(deadline.is_not(None), deadline <= horizon)
                         .order_by(deadline, CaseRow.number).limit(LIST_LIMIT)).all()
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
            raise UserError("case.not_found", number=case_number)
        if row.state not in RUNNING:
            raise DomainError("case.no_reminder_needed", number=case_number, state=CaseState(row.state))
        s.add(CaseUrgeRow(id=uuid7(), case_id=row.id, at=now, actor=actor.username, note=note.strip()))
        audit.append(s, at=now, actor=actor.username, action="case.urge", entity="case", entity_id=row.id,
                     detail=note.strip())
        s.flush()
        return int(s.scalar(select(func.count()).select_from(CaseUrgeRow).where(CaseUrgeRow.case_id == row.id)) or 0)
