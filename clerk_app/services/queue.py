"""Use cases of the local queue: issue tickets, call the next, recall, skip, finish, transfer,
and the waiting estimate shown near closing time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain import queue as q
from clerk_app.domain.hours import OpeningHours
from clerk_app.domain.ids import uuid7
from clerk_app.domain.roles import Actor
from clerk_app.errors import DomainError
from clerk_app.services.context import ServiceContext
from clerk_app.store import audit
from clerk_app.store.queue_tables import TicketRow
from clerk_app.store.sequences import next_value

CLOSING = time(17, 0)  # kept for callers that pass a closing time of their own
PREFIX = {q.TicketKind.NORMAL: "A", q.TicketKind.PRIORITY: "Y"}


def _ticket(row: TicketRow) -> q.Ticket:
    return q.Ticket(id=row.id, number=row.number, kind=q.TicketKind(row.kind), window=row.window,
                    issued_at=row.issued_at, state=q.TicketState(row.state), reason=row.reason,
                    called_at=row.called_at, finished_at=row.finished_at, recalls=row.recalls)


def _save(row: TicketRow, t: q.Ticket) -> None:
    row.state, row.reason, row.called_at, row.finished_at, row.recalls = (
        t.state.value, t.reason, t.called_at, t.finished_at, t.recalls)


def take_ticket(ctx: ServiceContext, actor: Actor, *, priority: q.PriorityReason | None = None) -> q.Ticket:
    """Priority service needs no ticket from the machine: the clerk issues one for the person in front."""
    actor.require("case.intake")
    now = ctx.now()
    kind = q.TicketKind.PRIORITY if priority else q.TicketKind.NORMAL
    with ctx.store.transaction() as s:
        seq = next_value(s, f"queue:{now:%Y%m%d}:{kind.value}")
        row = TicketRow(id=uuid7(), day=now.date(), number=f"{PREFIX[kind]}{seq:03d}", kind=kind.value,
                        window=ctx.settings.window, state=q.TicketState.WAITING.value,
                        reason=priority.value if priority else "", issued_at=now, recalls=0)
        s.add(row)
        audit.append(s, at=now, actor=actor.username, action="queue.ticket", entity="ticket", entity_id=row.id,
                     detail=row.number)
        return _ticket(row)


def _called_row(s: Session, ctx: ServiceContext) -> TicketRow | None:
    return s.scalars(select(TicketRow).where(TicketRow.day == ctx.now().date(),
                                             TicketRow.state == q.TicketState.CALLED.value,
                                             TicketRow.window == ctx.settings.window)).first()


def current(ctx: ServiceContext) -> q.Ticket | None:
    with ctx.store.read() as s:
        row = _called_row(s, ctx)
        return _ticket(row) if row else None


def call_next(ctx: ServiceContext, actor: Actor) -> q.Ticket | None:
    actor.require("case.intake")
    now = ctx.now()
    with ctx.store.transaction() as s:
        if (busy := _called_row(s, ctx)) is not None:
            raise DomainError("queue.still_serving", number=busy.number)
        rows = {r.id: r for r in s.scalars(select(TicketRow).where(
            TicketRow.day == now.date(), TicketRow.state == q.TicketState.WAITING.value))}
        ticket = q.next_to_call(_ticket(r) for r in rows.values())
        if ticket is None:
            return None
        q.call(ticket, now)
        row = rows[ticket.id]
        row.window = ctx.settings.window
        _save(row, ticket)
        audit.append(s, at=now, actor=actor.username, action="queue.call", entity="ticket", entity_id=row.id,
                     detail=row.number)
        return ticket


def _on_current(ctx: ServiceContext, actor: Actor, verb: str, change: Callable[[q.Ticket], None]) -> q.Ticket:
    actor.require("case.intake")
    now = ctx.now()
    with ctx.store.transaction() as s:
        row = _called_row(s, ctx)
        if row is None:
            raise DomainError("queue.none_serving")
        ticket = _ticket(row)
        change(ticket)
        _save(row, ticket)
        audit.append(s, at=now, actor=actor.username, action=f"queue.{verb}", entity="ticket", entity_id=row.id,
                     detail=ticket.reason or row.number)
        return ticket


def recall(ctx: ServiceContext, actor: Actor) -> q.Ticket:
    return _on_current(ctx, actor, "recall", q.recall)


def skip(ctx: ServiceContext, actor: Actor) -> q.Ticket:
    return _on_current(ctx, actor, "skip", lambda t: q.skip(t, ctx.now()))


def finish(ctx: ServiceContext, actor: Actor) -> q.Ticket:
    return _on_current(ctx, actor, "finish", lambda t: q.finish(t, ctx.now()))


def transfer(ctx: ServiceContext, actor: Actor, to_window: str) -> q.Ticket:
    return _on_current(ctx, actor, "transfer", lambda t: q.transfer(t, to_window.strip(), ctx.now()))


def opening_hours(ctx: ServiceContext) -> OpeningHours:
    s = ctx.settings
    return OpeningHours.parse(s.opening_hours, s.extended_hours, s.saturday_hours)


def wait_estimate(ctx: ServiceContext, closing: time | None = None) -> q.WaitEstimate:
    """The wait of those in the queue against today's closing time, from the opening-hours settings
    (seed 000 §3): 17:00 on a weekday by default, 15:30 on a Saturday; a closed day counts as closed
    from midnight, so anyone waiting is past closing."""
    now = ctx.now()
    if closing is None:
        closing = opening_hours(ctx).closing(ctx.calendar, now.date()) or time(0, 0)
    with ctx.store.read() as s:
        rows = [_ticket(r) for r in s.scalars(select(TicketRow).where(TicketRow.day == now.date()))]
    waiting = sum(t.state is q.TicketState.WAITING for t in rows)
    per = q.average_service([t for t in rows if t.state is q.TicketState.DONE])
    return q.estimate_wait(waiting, per, now, closing)
