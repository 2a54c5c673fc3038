"""Counter ledgers: consultations (咨询登记), 帮办代办, the emergency register, pauses (暂停服务) and
extended service (延时服务) with comp time. Each write: role check, one transaction, one audit entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from clerk_app.domain import ledgers as rules
from clerk_app.domain.ids import uuid7
from clerk_app.domain.roles import Actor
from clerk_app.errors import DomainError, UserError
from clerk_app.services.context import ServiceContext
from clerk_app.store import audit
from clerk_app.store.ledger_tables import (
    AssistanceRow,
    CompTimeRow,
    ConsultationRow,
    EmergencyPersonRow,
    EmergencyRow,
    ExtendedServiceRow,
    PauseRow,
)
from clerk_app.store.tables import UserRow

COUNTER = "consultation.record"


# -- consultations ---------------------------------------------------------------------------------
def record_consultation(ctx: ServiceContext, actor: Actor, *, channel: str, question: str, answer: str = "",
                        callback_needed: bool = False, contact_name: str = "", contact_phone: str = "",
                        matter_code: str = "") -> str:
    """The recording clerk is the first-inquiry clerk (首问负责) and owns the call-back."""
    actor.require(COUNTER)
    ch = rules.parse_channel(channel)
    rules.check_consultation(question=question, answer=answer, callback_needed=callback_needed,
                             contact_phone=contact_phone)
    now = ctx.now()
    due = ctx.calendar.add_working_days(now.date(), rules.CALLBACK_WORKING_DAYS)[0] if callback_needed else None
    rid = uuid7()
    with ctx.store.transaction() as s:
        s.add(ConsultationRow(id=rid, at=now, clerk_id=actor.user_id, channel=ch.value, question=question.strip(),
                              answer=answer.strip(), matter_code=matter_code, contact_name=contact_name.strip(),
                              contact_phone=contact_phone.strip(), callback_needed=callback_needed,
                              callback_due=due, callback_note=""))
        audit.append(s, at=now, actor=actor.username, action="consultation.record", entity="consultation",
                     entity_id=rid, detail=ch.value + ("，需回电" if callback_needed else ""))
    return rid


def complete_callback(ctx: ServiceContext, actor: Actor, consultation_id: str, note: str) -> None:
    actor.require(COUNTER)
    if not note.strip():
        raise DomainError("ledger.callback_answer_missing")
    now = ctx.now()
    with ctx.store.transaction() as s:
        row = s.get(ConsultationRow, consultation_id)
        if row is None or not row.callback_needed:
            raise UserError("ledger.callback_not_found")
        if row.callback_done_at is not None:
            raise DomainError("ledger.callback_done")
        row.callback_done_at, row.callback_note = now, note.strip()
        audit.append(s, at=now, actor=actor.username, action="consultation.callback", entity="consultation",
                     entity_id=row.id)


@dataclass(frozen=True)
class Callback:
    id: str
    at: dt.datetime
    question: str
    contact_name: str
    contact_phone: str
    due: dt.date
    overdue: bool


def pending_callbacks(ctx: ServiceContext, actor: Actor) -> list[Callback]:
    """The call-backs this clerk owes (all of them for a supervisor)."""
    actor.require(COUNTER)
    today = ctx.now().date()
    q = select(ConsultationRow).where(ConsultationRow.callback_needed, ConsultationRow.callback_done_at.is_(None))
    if not actor.can("ledger.manage"):
        q = q.where(ConsultationRow.clerk_id == actor.user_id)
    with ctx.store.read() as s:
        rows = s.scalars(q.order_by(ConsultationRow.callback_due)).all()
    return [Callback(r.id, r.at, r.question, r.contact_name, r.contact_phone, r.callback_due or today,
                     (r.callback_due or today) < today) for r in rows]


# -- 帮办代办 ----------------------------------------------------------------------------------------
def record_assistance(ctx: ServiceContext, actor: Actor, *, kind: str, group: str, person_name: str, matter: str,
                      case_number: str = "", note: str = "") -> str:
    actor.require(COUNTER)
    k, g = rules.check_assistance(kind, group, person_name, matter)
    now, rid = ctx.now(), uuid7()
    with ctx.store.transaction() as s:
        s.add(AssistanceRow(id=rid, at=now, clerk_id=actor.user_id, kind=k.value, group=g.value,
                            person_name=person_name.strip(), matter=matter.strip(), case_number=case_number.strip(),
                            note=note.strip()))
        audit.append(s, at=now, actor=actor.username, action="assistance.record", entity="assistance",
                     entity_id=rid, detail=f"{k.value} {g.value}")
    return rid


# -- emergency register --------------------------------------------------------------------------------
def register_emergency(ctx: ServiceContext, actor: Actor, *, kind: str, description: str,
                       persons: list[tuple[str, str, str]]) -> str:
    """``persons``: (name, phone, matter) of those who could not finish; they are served first next time."""
    actor.require(COUNTER)
    k = rules.check_emergency(kind, description, persons)
    now, eid = ctx.now(), uuid7()
    with ctx.store.transaction() as s:
        s.add(EmergencyRow(id=eid, at=now, clerk_id=actor.user_id, kind=k.value, description=description.strip()))
        s.flush()
        for name, phone, matter in persons:
            s.add(EmergencyPersonRow(id=uuid7(), emergency_id=eid, name=name.strip(), phone=phone.strip(),
                                     matter=matter.strip()))
        audit.append(s, at=now, actor=actor.username, action="emergency.register", entity="emergency",
                     entity_id=eid, detail=f"{k.value}，未办结 {len(persons)} 人")
    return eid


@dataclass(frozen=True)
class PriorityPerson:
    id: str
    name: str
    phone: str
    matter: str
    emergency_kind: str
    since: dt.datetime


def priority_people(ctx: ServiceContext, actor: Actor, query: str = "") -> list[PriorityPerson]:
    """People left unserved by an emergency, not yet served since: the counter serves them first."""
    actor.require(COUNTER)
    q = (select(EmergencyPersonRow, EmergencyRow).join(EmergencyRow, EmergencyRow.id == EmergencyPersonRow.emergency_id)
         .where(EmergencyPersonRow.served_at.is_(None)))
    if query.strip():
        q = q.where(or_(EmergencyPersonRow.name == query.strip(), EmergencyPersonRow.phone == query.strip()))
    with ctx.store.read() as s:
        rows = s.execute(q.order_by(EmergencyRow.at)).all()
    return [PriorityPerson(p.id, p.name, p.phone, p.matter, e.kind, e.at) for p, e in rows]


def mark_priority_served(ctx: ServiceContext, actor: Actor, person_id: str) -> None:
    actor.require(COUNTER)
    now = ctx.now()
    with ctx.store.transaction() as s:
        row = s.get(EmergencyPersonRow, person_id)
        if row is None or row.served_at is not None:
            raise UserError("ledger.not_in_priority_list")
        row.served_at = now
        audit.append(s, at=now, actor=actor.username, action="emergency.served", entity="emergency_person",
                     entity_id=row.id)


# -- pauses ---------------------------------------------------------------------------------------------
def start_pause(ctx: ServiceContext, actor: Actor) -> str:
    actor.require("case.intake")
    now = ctx.now()
    with ctx.store.transaction() as s:
        if _open_pause(s, actor) is not None:
            raise DomainError("ledger.already_paused")
        pid = uuid7()
        s.add(PauseRow(id=pid, clerk_id=actor.user_id, window=actor.window, started_at=now, reason="", flagged=False))
        audit.append(s, at=now, actor=actor.username, action="pause.start", entity="pause", entity_id=pid)
    return pid


def pause_needs_reason(ctx: ServiceContext, actor: Actor) -> bool:
    """Whether ending the current pause now would need a reason (the lock screen asks for it)."""
    actor.require("case.intake")
    with ctx.store.read() as s:
        row = _open_pause(s, actor)
    return row is not None and rules.pause_is_long(row.started_at, ctx.now())


def end_pause(ctx: ServiceContext, actor: Actor, reason: str = "") -> bool:
    """Ends the open pause; past 15 minutes the reason is required and the pause flagged. Returns the flag."""
    actor.require("case.intake")
    now = ctx.now()
    with ctx.store.transaction() as s:
        row = _open_pause(s, actor)
        if row is None:
            raise DomainError("ledger.not_paused")
        flagged = rules.check_end_pause(row.started_at, now, reason)
        row.ended_at, row.reason, row.flagged = now, reason.strip(), flagged
        audit.append(s, at=now, actor=actor.username, action="pause.end", entity="pause", entity_id=row.id,
                     detail=f"{rules.pause_minutes(row.started_at, now)} 分钟" + ("，超时已报带班负责人" if flagged else ""))
    return flagged


@dataclass(frozen=True)
class RunningPause:
    clerk: str
    window: str
    started_at: dt.datetime
    minutes: int


def running_long_pauses(ctx: ServiceContext, actor: Actor) -> list[RunningPause]:
    """Pauses still running past 15 minutes, longest first: the duty leader sees them as they pass
    the limit (seed 000 §25(四), seed 001 §4.2)."""
    actor.require("manager.view")
    now = ctx.now()
    since = now - dt.timedelta(minutes=rules.PAUSE_REPORT_MINUTES)
    with ctx.store.read() as s:
        names = dict(s.execute(select(UserRow.id, UserRow.display_name)).all())
        rows = s.scalars(select(PauseRow).where(PauseRow.ended_at.is_(None), PauseRow.started_at < since)
                         .order_by(PauseRow.started_at)).all()
    return [RunningPause(names.get(r.clerk_id, r.clerk_id), r.window, r.started_at,
                         rules.pause_minutes(r.started_at, now))
            for r in rows if rules.running_pause_to_report(r.started_at, now)]


def _open_pause(s: Session, actor: Actor) -> PauseRow | None:
    return s.scalars(select(PauseRow).where(PauseRow.clerk_id == actor.user_id, PauseRow.ended_at.is_(None))).first()


# -- extended service and comp time ----------------------------------------------------------------
def start_extended(ctx: ServiceContext, actor: Actor, note: str = "") -> str:
    actor.require("case.intake")
    now = ctx.now()
    with ctx.store.transaction() as s:
        if _open_extended(s, actor.user_id) is not None:
            raise DomainError("ledger.extended_running")
        rid = uuid7()
        s.add(ExtendedServiceRow(id=rid, clerk_id=actor.user_id, started_at=now, minutes=0, note=note.strip()))
        audit.append(s, at=now, actor=actor.username, action="extended.start", entity="extended_service",
                     entity_id=rid)
    return rid


def stop_extended(ctx: ServiceContext, actor: Actor) -> int:
    """Stops the running extended service; returns its minutes (they join the comp-time balance)."""
    actor.require("case.intake")
    now = ctx.now()
    with ctx.store.transaction() as s:
        row = _open_extended(s, actor.user_id)
        if row is None:
            raise DomainError("ledger.extended_not_running")
        minutes = rules.extended_minutes(row.started_at, now)
        row.ended_at, row.minutes = now, minutes
        audit.append(s, at=now, actor=actor.username, action="extended.stop", entity="extended_service",
                     entity_id=row.id, detail=f"{minutes} 分钟")
    return minutes


def _open_extended(s: Session, clerk_id: str) -> ExtendedServiceRow | None:
    return s.scalars(select(ExtendedServiceRow).where(ExtendedServiceRow.clerk_id == clerk_id,
                                                      ExtendedServiceRow.ended_at.is_(None))).first()


def comp_balance(ctx: ServiceContext, clerk_id: str) -> int:
    with ctx.store.read() as s:
        return _balance(s, clerk_id)


def _balance(s, clerk_id: str) -> int:  # type: ignore[no-untyped-def]
    earned = s.scalar(select(func.coalesce(func.sum(ExtendedServiceRow.minutes), 0))
                      .where(ExtendedServiceRow.clerk_id == clerk_id))
    taken = s.scalar(select(func.coalesce(func.sum(CompTimeRow.minutes), 0)).where(CompTimeRow.clerk_id == clerk_id))
    return int(earned) - int(taken)


def grant_comp_time(ctx: ServiceContext, actor: Actor, clerk_id: str, day: dt.date, minutes: int) -> int:
    """A supervisor books comp time against the clerk's balance; returns the balance left."""
    actor.require("ledger.manage")
    now = ctx.now()
    with ctx.store.transaction() as s:
        balance = _balance(s, clerk_id)
        rules.check_comp_time(minutes, balance)
        rid = uuid7()
        s.add(CompTimeRow(id=rid, clerk_id=clerk_id, day=day, minutes=minutes, approved_by=actor.username, at=now))
        audit.append(s, at=now, actor=actor.username, action="comp_time.grant", entity="comp_time", entity_id=rid,
                     detail=f"{clerk_id} {day} {minutes} 分钟")
    return balance - minutes
