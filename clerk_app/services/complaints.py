"""办不成事 and complaint ledger: intake at the counter, the six-step workflow, and a listing in which
the complainant's identity is always hidden (000 §34: confidentiality). A role that manages ledgers
sees one complainant's identity only through ``reveal_complainant``: after the password again, audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain import complaints as rules
from clerk_app.domain.complaints import Handling, Step
from clerk_app.domain.ids import uuid7
from clerk_app.domain.roles import Actor
from clerk_app.errors import PermissionDenied, UserError
from clerk_app.services.context import ServiceContext
from clerk_app.services.reauth import Elevation, require_elevation
from clerk_app.store import audit
from clerk_app.store.cases_repo import load_case
from clerk_app.store.ledger_tables import ComplaintStepRow, ComplaintTrackRow
from clerk_app.store.service_tables import ComplaintCallRow
from clerk_app.store.tables import ApplicantRow, ComplaintRow, UserRow

HIDDEN = "（保密）"
REVEAL = "ledger.manage"


def take_complaint(ctx: ServiceContext, actor: Actor, *, category: str, content: str, handling: Handling,
                   complainant_name: str = "", complainant_phone: str = "", case_number: str = "",
                   answer: str = "", where_to_go: str = "", source: str = "窗口", ticket_no: str = "") -> str:
    """Records an item at the 办不成事 window; the receiving clerk is its owner throughout (一跟到底)."""
    actor.require("consultation.record")
    cat = rules.parse_category(category)
    rules.check_intake(handling, content=content, answer=answer, where_to_go=where_to_go)
    now = ctx.now()
    due = rules.deadlines(ctx.calendar, handling, now.date(), ctx.settings.complaint_resolve_working_days)
    cid = uuid7()
    closed = handling.closes_at_intake
    with ctx.store.transaction() as s:
        case_id = load_case(s, number=case_number.strip(), with_history=False).id if case_number.strip() else None
        s.add(ComplaintRow(id=cid, category=cat.value, content=content.strip(), complainant_id=None, case_id=case_id,
                           status="closed" if closed else "open", owner_id=actor.user_id,
                           due_date=due.resolve_due, created_at=now))
        s.flush()
        s.add(ComplaintTrackRow(complaint_id=cid, handling=handling.value, step=rules.initial_step(handling).value,
                                source=source, ticket_no=ticket_no.strip(), complainant_name=complainant_name.strip(),
                                complainant_phone=complainant_phone.strip(),
                                answer=(answer or where_to_go).strip(), received_on=now.date(),
                                transfer_due=due.transfer_due, resolve_due=due.resolve_due,
                                provisional=due.provisional, department="", person="",
                                resolved_on=now.date() if closed else None, closed_at=now if closed else None))
        _step(s, cid, Step.FOUND, now, actor, content.strip())
        if rules.needs_first_call(cat):  # seed 000 §34: a first call at once, with its deadline
            call_due, call_provisional = rules.first_call_due(ctx.calendar, now.date(),
                                                              ctx.settings.complaint_first_call_working_days)
            s.add(ComplaintCallRow(complaint_id=cid, due=call_due, provisional=call_provisional, caller="", note=""))
        audit.append(s, at=now, actor=actor.username, action="complaint.take", entity="complaint", entity_id=cid,
                     detail=f"{cat.value} {handling.label_for(ctx.settings.complaint_resolve_working_days)}")
    return cid


def _step(s: Session, cid: str, step: Step, now: dt.datetime, actor: Actor, note: str) -> None:
    s.add(ComplaintStepRow(id=uuid7(), complaint_id=cid, step=step.value, at=now, actor=actor.username, note=note))


def _track(s: Session, ctx: ServiceContext, c: ComplaintRow) -> ComplaintTrackRow:
    """Items that predate the workflow (e.g. synced from the center) start it as complex items."""
    t = s.get(ComplaintTrackRow, c.id)
    if t is None:
        due = rules.deadlines(ctx.calendar, Handling.COMPLEX, c.created_at.date(),
                              ctx.settings.complaint_resolve_working_days)
        t = ComplaintTrackRow(complaint_id=c.id, handling=Handling.COMPLEX.value, step=Step.FOUND.value, source="窗口",
                              ticket_no="", complainant_name="", complainant_phone="", answer="",
                              received_on=c.created_at.date(), transfer_due=None,
                              resolve_due=c.due_date or due.resolve_due,
                              provisional=due.provisional, department="", person="")
        s.add(t)
    return t


def advance(ctx: ServiceContext, actor: Actor, complaint_id: str, step: Step, note: str, *, department: str = "",
            person: str = "") -> Step:
    """Takes the next step of 发现问题 → … → 监督检查; the owner or a supervisor may do it."""
    now = ctx.now()
    with ctx.store.transaction() as s:
        c = s.get(ComplaintRow, complaint_id)
        if c is None:
            raise UserError("complaint.not_found")
        if actor.user_id != c.owner_id and not actor.can("ledger.manage"):
            raise PermissionDenied("complaint.advance_not_permitted")
        t = _track(s, ctx, c)
        handling = Handling(t.handling)
        rules.check_advance(handling, Step(t.step), step, note=note, department=department, person=person)
        t.step = step.value
        if step is Step.DISPATCHED:
            t.department, t.person, t.transferred_on = department.strip(), person.strip(), now.date()
        elif step is Step.RESOLVED:
            t.resolved_on, t.answer = now.date(), note.strip()
        elif step is Step.SUPERVISED:
            t.closed_at, c.status = now, "closed"
        _step(s, c.id, step, now, actor, note.strip() + (f"（{department}，{person}）" if department else ""))
        audit.append(s, at=now, actor=actor.username, action=f"complaint.{step.value}", entity="complaint",
                     entity_id=c.id)
    return step


def record_first_call(ctx: ServiceContext, actor: Actor, complaint_id: str, note: str) -> None:
    """第一时间回访核实 (seed 000 §34): the owner or a supervisor records the first call to the complainant."""
    now = ctx.now()
    with ctx.store.transaction() as s:
        c = s.get(ComplaintRow, complaint_id)
        if c is None:
            raise UserError("complaint.not_found")
        if actor.user_id != c.owner_id and not actor.can("ledger.manage"):
            raise PermissionDenied("complaint.callback_not_permitted")
        call = s.get(ComplaintCallRow, c.id)
        if call is None:
            raise UserError("complaint.callback_not_needed")
        rules.check_first_call(call.called_at is not None, note)
        call.called_at, call.caller, call.note = now, actor.username, note.strip()
        audit.append(s, at=now, actor=actor.username, action="complaint.first_call", entity="complaint",
                     entity_id=c.id)


@dataclass(frozen=True)
class ComplaintView:
    id: str
    received: dt.datetime
    category: str
    content: str
    handling: Handling
    step: Step
    complainant: str
    phone: str
    owner: str
    source: str
    ticket_no: str
    department: str
    person: str
    transfer_due: dt.date | None
    transferred_on: dt.date | None
    resolve_due: dt.date | None
    resolved_on: dt.date | None
    timeliness: rules.Timeliness
    answer: str
    first_call_due: dt.date | None = None
    first_called_at: dt.datetime | None = None
    first_call_overdue: bool = False
    transfer: rules.TransferTimeliness = rules.TransferTimeliness.NOT_APPLICABLE


def list_complaints(ctx: ServiceContext, actor: Actor, *, first: dt.date | None = None,
                    end: dt.date | None = None) -> list[ComplaintView]:
    """The ledger, newest first; the complainant's name and phone only as “（保密）” (also in exports)."""
    actor.require("manager.view")
    today = ctx.now().date()
    q = (select(ComplaintRow, ComplaintTrackRow, ApplicantRow.name, ApplicantRow.phone, ComplaintCallRow)
         .outerjoin(ComplaintTrackRow, ComplaintTrackRow.complaint_id == ComplaintRow.id)
         .outerjoin(ComplaintCallRow, ComplaintCallRow.complaint_id == ComplaintRow.id)
         .outerjoin(ApplicantRow, ApplicantRow.id == ComplaintRow.complainant_id))
    if first is not None:
        q = q.where(ComplaintRow.created_at >= dt.datetime.combine(first, dt.time()))
    if end is not None:
        q = q.where(ComplaintRow.created_at < dt.datetime.combine(end, dt.time()))
    with ctx.store.read() as s:
        names = dict(s.execute(select(UserRow.id, UserRow.display_name)).all())
        rows = s.execute(q.order_by(ComplaintRow.created_at.desc())).all()
    out = []
    for c, t, app_name, app_phone, call in rows:
        if t is None:
            due = rules.deadlines(ctx.calendar, Handling.COMPLEX, c.created_at.date(),
                              ctx.settings.complaint_resolve_working_days)
            t = ComplaintTrackRow(handling=Handling.COMPLEX.value, step=Step.FOUND.value, source="窗口", ticket_no="",
                                  complainant_name="", complainant_phone="", answer="", department="", person="",
                                  resolve_due=c.due_date or due.resolve_due, transfer_due=None, transferred_on=None, resolved_on=None)
        name = t.complainant_name or app_name or ""
        phone = t.complainant_phone or app_phone or ""
        out.append(ComplaintView(
            c.id, c.created_at, c.category, c.content, Handling(t.handling), Step(t.step),
            HIDDEN if name else "", HIDDEN if phone else "",
            names.get(c.owner_id, c.owner_id), t.source, t.ticket_no, t.department, t.person, t.transfer_due,
            t.transferred_on, t.resolve_due, t.resolved_on, rules.timeliness(t.resolve_due, t.resolved_on, today),
            t.answer, call.due if call else None, call.called_at if call else None,
            rules.first_call_overdue(call.due, call.called_at.date() if call.called_at else None, today)
            if call else False,
            rules.transfer_timeliness(Handling(t.handling), t.received_on or c.created_at.date(), t.transferred_on,
                                      today)))
    return out


def complaint_history(ctx: ServiceContext, actor: Actor, complaint_id: str) -> list[tuple[dt.datetime, str, str, str]]:
    actor.require("manager.view")
    with ctx.store.read() as s:
        rows = s.scalars(select(ComplaintStepRow).where(ComplaintStepRow.complaint_id == complaint_id)
                         .order_by(ComplaintStepRow.at, ComplaintStepRow.id)).all()
    return [(r.at, Step(r.step).label, r.actor, r.note) for r in rows]


@dataclass(frozen=True)
class Complainant:
    name: str
    phone: str


def reveal_complainant(ctx: ServiceContext, actor: Actor, complaint_id: str,
                       elevation: Elevation | None) -> Complainant:
    """Who raised the item: only for roles that manage ledgers, only within minutes of typing the
    password again (``services.reauth.reauthenticate(..., "complainant.reveal")``); each reveal audited."""
    actor.require(REVEAL)
    require_elevation(ctx, actor, elevation, "complainant.reveal")
    now = ctx.now()
    with ctx.store.transaction() as s:
        c = s.get(ComplaintRow, complaint_id)
        if c is None:
            raise UserError("complaint.not_found")
        t = s.get(ComplaintTrackRow, c.id)
        person = s.get(ApplicantRow, c.complainant_id) if c.complainant_id else None
        name = (t.complainant_name if t else "") or (person.name if person else "")
        phone = (t.complainant_phone if t else "") or (person.phone if person and person.phone else "")
        audit.append(s, at=now, actor=actor.username, action="complaint.reveal_complainant", entity="complaint",
                     entity_id=c.id, detail="" if name or phone else "anonymous")
    return Complainant(name=name, phone=phone)
