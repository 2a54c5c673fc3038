"""The counter queue (叫号): serve by number, one by one (seed 000 §20); priority without a ticket for
爱心窗口 / 军人优先 / elderly, disabled, pregnant (seed 003 §6.15); recall, skip (过号), transfer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum

from clerk_app.errors import DomainError


class TicketKind(StrEnum):
    NORMAL = "normal"
    PRIORITY = "priority"


class PriorityReason(StrEnum):
    LOVE_WINDOW = "爱心窗口"
    MILITARY = "军人优先"
    ELDERLY = "老年人"
    DISABLED = "残疾人"
    PREGNANT = "孕妇"


class TicketState(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    DONE = "done"
    SKIPPED = "skipped"
    TRANSFERRED = "transferred"

    @property
    def label(self) -> str:
        return {"waiting": "等候中", "called": "已叫号", "done": "已办结", "skipped": "已过号",
                "transferred": "已转窗口"}[self.value]


MAX_RECALLS = 2  # after two recalls with nobody coming, the clerk may skip (过号)


@dataclass
class Ticket:
    id: str
    number: str
    kind: TicketKind
    window: str
    issued_at: datetime
    state: TicketState = TicketState.WAITING
    reason: str = ""
    called_at: datetime | None = None
    finished_at: datetime | None = None
    recalls: int = 0


def next_to_call(waiting: Iterable[Ticket]) -> Ticket | None:
    """Priority tickets first, then by number (issue time): one by one, no jumping the queue."""
    candidates = [t for t in waiting if t.state is TicketState.WAITING]
    if not candidates:
        return None
    return min(candidates, key=lambda t: (t.kind is not TicketKind.PRIORITY, t.issued_at, t.number))


def call(ticket: Ticket, now: datetime) -> None:
    if ticket.state is not TicketState.WAITING:
        raise DomainError("queue.cannot_call", number=ticket.number, state=ticket.state)
    ticket.state, ticket.called_at = TicketState.CALLED, now


def recall(ticket: Ticket) -> None:
    if ticket.state is not TicketState.CALLED:
        raise DomainError("queue.recall_uncalled", number=ticket.number)
    ticket.recalls += 1


def skip(ticket: Ticket, now: datetime) -> None:
    if ticket.state is not TicketState.CALLED:
        raise DomainError("queue.skip_uncalled", number=ticket.number)
    if ticket.recalls < MAX_RECALLS:
        raise DomainError("queue.recall_first", limit=MAX_RECALLS, recalls=ticket.recalls)
    ticket.state, ticket.finished_at = TicketState.SKIPPED, now


def finish(ticket: Ticket, now: datetime) -> None:
    if ticket.state is not TicketState.CALLED:
        raise DomainError("queue.not_serving", number=ticket.number)
    ticket.state, ticket.finished_at = TicketState.DONE, now


def transfer(ticket: Ticket, to_window: str, now: datetime) -> None:
    if ticket.state is not TicketState.CALLED:
        raise DomainError("queue.transfer_not_serving", number=ticket.number)
    if not to_window.isalnum() or to_window == ticket.window:
        raise DomainError("queue.bad_window")
    ticket.state, ticket.finished_at, ticket.reason = TicketState.TRANSFERRED, now, f"转至{to_window}号窗口"


def average_service(done: Sequence[Ticket], default: timedelta = timedelta(minutes=8)) -> timedelta:
    spans = [t.finished_at - t.called_at for t in done if t.finished_at and t.called_at]
    return sum(spans, timedelta()) / len(spans) if spans else default


@dataclass(frozen=True)
class WaitEstimate:
    waiting: int
    estimated: timedelta
    past_closing: bool  # some would still be waiting at closing time: extended service (延时服务) or mail


def estimate_wait(waiting: int, per_ticket: timedelta, now: datetime, closing: time) -> WaitEstimate:
    estimated = per_ticket * waiting
    return WaitEstimate(waiting, estimated, waiting > 0 and now + estimated > datetime.combine(now.date(), closing))
