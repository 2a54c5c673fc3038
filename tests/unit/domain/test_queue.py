from datetime import datetime, time, timedelta

import pytest

from clerk_app.domain import queue as q
from clerk_app.errors import DomainError

T = datetime(2026, 3, 2, 9)


def ticket(number: str, minutes: int, kind: q.TicketKind = q.TicketKind.NORMAL) -> q.Ticket:
    return q.Ticket(id=number, number=number, kind=kind, window="01", issued_at=T + timedelta(minutes=minutes))


def test_priority_first_then_by_number() -> None:
    tickets = [ticket("A002", 2), ticket("A001", 1), ticket("Y001", 5, q.TicketKind.PRIORITY)]
    assert q.next_to_call(tickets).number == "Y001"
    tickets[2].state = q.TicketState.DONE
    assert q.next_to_call(tickets).number == "A001"
    assert q.next_to_call([]) is None


def test_skip_only_after_two_recalls() -> None:
    t = ticket("A001", 0)
    with pytest.raises(DomainError, match="尚未叫号"):
        q.skip(t, T)
    q.call(t, T)
    q.recall(t)
    with pytest.raises(DomainError, match="已重呼 1 次"):
        q.skip(t, T)
    q.recall(t)
    q.skip(t, T)
    assert t.state is q.TicketState.SKIPPED
    with pytest.raises(DomainError):
        q.call(t, T)


def test_estimate_flags_waits_past_closing() -> None:
    done = []
    for i, minutes in enumerate((6, 10)):
        t = ticket(f"A00{i}", 0)
        t.called_at, t.finished_at = T, T + timedelta(minutes=minutes)
        done.append(t)
    per = q.average_service(done)
    assert per == timedelta(minutes=8)
    assert q.estimate_wait(3, per, datetime(2026, 3, 2, 16, 30), time(17)) == q.WaitEstimate(
        3, timedelta(minutes=24), False)
    assert q.estimate_wait(4, per, datetime(2026, 3, 2, 16, 30), time(17)).past_closing
    assert not q.estimate_wait(0, per, datetime(2026, 3, 2, 18, 0), time(17)).past_closing  # nobody waits


def test_transfer_needs_another_window() -> None:
    t = ticket("A001", 0)
    q.call(t, T)
    with pytest.raises(DomainError):
        q.transfer(t, "01", T)
    q.transfer(t, "05", T)
    assert t.state is q.TicketState.TRANSFERRED and t.reason == "转至05号窗口"
