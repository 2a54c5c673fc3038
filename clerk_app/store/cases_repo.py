"""Loads and saves the Case aggregate; the only code that maps cases to rows."""

from __future__ import annotations

import json
from datetime import datetime
from enum import Enum
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.cases import (
    AcceptMode,
    Case,
    CaseState,
    CommitmentStatus,
    DeliveryMode,
    MaterialCheck,
    MaterialStatus,
    Transition,
)
from clerk_app.domain.deadlines import clock_from_data, clock_to_data
from clerk_app.domain.ids import uuid7
from clerk_app.domain.matters import Necessity
from clerk_app.errors import DomainError
from clerk_app.store.tables import CaseEventRow, CaseMaterialRow, CaseRow

_SCALARS = ("number", "matter_code", "matter_name", "department", "applicant_id", "agent_id", "window",
            "clerk_id", "received_at", "accepted_at", "due_date", "due_provisional", "rongque_due",
            "tell_commit_offered", "decision_approved", "bundle_id", "notice_due", "counted_from",
            "tell_commit_choice", "clock_paused")


E = TypeVar("E", bound=Enum)


def _enum_or_none(cls: type[E], value: str | None) -> E | None:
    return None if value is None else cls(value)


def load_case(session: Session, *, case_id: str | None = None, number: str | None = None,
              with_history: bool = True) -> Case:
    stmt = select(CaseRow).where(CaseRow.id == case_id) if case_id else select(CaseRow).where(CaseRow.number == number)
    row = session.scalars(stmt).one_or_none()
    if row is None:
        raise DomainError("case.not_found", number=number or case_id)
    case = Case(id=row.id, state=CaseState(row.state), accept_mode=_enum_or_none(AcceptMode, row.accept_mode),
                commitment=CommitmentStatus(row.commitment),
                delivery_mode=_enum_or_none(DeliveryMode, row.delivery_mode),
                **{k: getattr(row, k) for k in _SCALARS})
    if row.clock:
        case.suspensions, case.extensions = clock_from_data(json.loads(row.clock))
    mats = session.scalars(select(CaseMaterialRow).where(CaseMaterialRow.case_id == row.id)
                           .order_by(CaseMaterialRow.seq))
    case.materials = [MaterialCheck(m.seq, m.name, Necessity(m.necessity), MaterialStatus(m.status), m.note,
                                    m.attachment_sha256) for m in mats]
    if with_history:
        events = session.scalars(select(CaseEventRow).where(CaseEventRow.case_id == row.id)
                                 .order_by(CaseEventRow.id))
        from clerk_app.domain.cases import Action

        case.history = [Transition(e.at, e.actor, Action(e.action), CaseState(e.from_state), CaseState(e.to_state),
                                   e.reason, json.loads(e.data)) for e in events]
    return case


def save_case(session: Session, case: Case, *, now: datetime, new_transitions: list[Transition] = (),  # type: ignore[assignment]
              is_new: bool = False) -> None:
    """Write the aggregate: the case row, its material lines and the transitions appended since loading."""
    values = {k: getattr(case, k) for k in _SCALARS}
    values.update(state=case.state.value, accept_mode=case.accept_mode.value if case.accept_mode else None,
                  commitment=case.commitment.value,
                  delivery_mode=case.delivery_mode.value if case.delivery_mode else None, updated_at=now,
                  clock=json.dumps(clock_to_data(case.suspensions, case.extensions), ensure_ascii=False)
                  if case.suspensions or case.extensions else "")
    if is_new:
        session.add(CaseRow(id=case.id, **values))
        session.flush()
        for m in case.materials:
            session.add(CaseMaterialRow(id=uuid7(), case_id=case.id, seq=m.seq, name=m.name,
                                        necessity=m.necessity.value, status=m.status.value, note=m.note))
    else:
        row = session.get(CaseRow, case.id)
        assert row is not None
        for k, v in values.items():
            setattr(row, k, v)
        by_seq = {m.seq: m for m in case.materials}
        for mrow in session.scalars(select(CaseMaterialRow).where(CaseMaterialRow.case_id == case.id)):
            m = by_seq[mrow.seq]
            mrow.status, mrow.note = m.status.value, m.note
    for t in new_transitions:
        session.add(CaseEventRow(id=uuid7(), case_id=case.id, at=t.at, actor=t.actor, action=t.action.value,
                                 from_state=t.from_state.value, to_state=t.to_state.value, reason=t.reason,
                                 data=json.dumps(dict(t.data), ensure_ascii=False, default=str)))
