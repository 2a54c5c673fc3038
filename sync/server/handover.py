"""Cases handed to a window other than the one that received them (need to know, docs/security.md).

A window-scoped counter receives its own window's records; a case reaches another window only when it is
handed there: transferred (``clerk-center admin handover``), ready for pickup at a center with output desks
(``clerk-center admin output-desk``: every case entering 待出件 is handed to each), or as part of a joint
application one of whose cases was handed (a joint case travels whole).

Handing over writes ``handovers`` rows (the case, and its applicant and agent) and feeds the receiving
window the case's current records once, as new changes of the log addressed to that window — its cursor is
past the case's old changes. From then on every change of the case (``changes.case_id``) and of its
applicant reaches that window too (``tenancy.visible``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, select

from sync.protocol import ENTITIES
from sync.server import clocks
from sync.server.schema import changes, handovers, output_desks, records

REASONS = ("transfer", "output", "bundle")
CHILDREN = ("case_materials", "case_events", "ratings")
ORIGIN = "center:handover"
# Reserves n change seqs in the caller's writer transaction and returns the first (db.next_change_seq, or a
# push batch's own counter).
Seqs = Callable[[int], int]


def case_of(entity: str, data: dict[str, Any], entity_id: str) -> str:
    """The case a record belongs to ("" for records of no case): what ``changes.case_id`` holds."""
    if entity == "cases":
        return entity_id
    if entity in CHILDREN and isinstance(data.get("case_id"), str):
        return str(data["case_id"])
    return ""


def hand_over(conn: Connection, center: str, case_id: str, window: str, reason: str, now: datetime,
              seqs: Seqs, *, by: str = "") -> int:
    """Hand a case (and the rest of its joint application) to ``window``; returns how many records were fed
    to it (0 if it already had them all). Runs inside the caller's writer transaction."""
    case = _record(conn, "cases", case_id)
    if case is None or case.center_code != center:
        raise LookupError(case_id)
    cases = [case]
    if case.parent_id:  # a joint application: every case of it, wherever each was received
        cases += [r for r in conn.execute(select(records).where(and_(
            records.c.entity == "cases", records.c.parent_id == case.parent_id, records.c.center_code == center,
            records.c.entity_id != case_id))).all()]
    fed: list[Any] = []
    for c in cases:
        if c.window == window or _handed(conn, center, window, "cases", c.entity_id):
            continue
        data = json.loads(c.data)
        people = [("applicants", str(p)) for p in (data.get("applicant_id"), data.get("agent_id")) if p]
        for entity, entity_id in [("cases", c.entity_id), *people]:
            if not _handed(conn, center, window, entity, entity_id):
                conn.execute(handovers.insert().values(
                    center_code=center, window=window, entity=entity, entity_id=entity_id,
                    reason=reason if c is case else "bundle", created_at=now, created_by=by[:64]))
        fed += [r for e, i in people if (r := _record(conn, e, i)) is not None]
        fed.append(c)
        fed += conn.execute(select(records).where(and_(records.c.entity.in_(CHILDREN),
                                                       records.c.parent_id == c.entity_id))
                            .order_by(records.c.updated_seq)).all()
    if not fed:
        return 0
    fed.sort(key=lambda r: ENTITIES.index(r.entity))  # parents first, as the counter applies them
    first = seqs(len(fed))
    conn.execute(changes.insert(), [dict(
        seq=first + n, tx=first, entity=r.entity, entity_id=r.entity_id, op="delete" if r.deleted else "update",
        data=r.data, origin=ORIGIN, center_code=center, window=window,
        # "" : this copy is for ``window`` only (other windows the case was handed to had their own)
        case_id="", hlc=clocks.newest(json.loads(r.hlc))) for n, r in enumerate(fed)])
    return len(fed)


def to_output_desks(conn: Connection, center: str, case_id: str, now: datetime, seqs: Seqs) -> int:
    """A case ready for pickup goes to every output desk of its center."""
    return sum(hand_over(conn, center, case_id, w, "output", now, seqs) for w in desks(conn, center))


def desks(conn: Connection, center: str) -> list[str]:
    return list(conn.execute(select(output_desks.c.window).where(output_desks.c.center_code == center)
                             .order_by(output_desks.c.window)).scalars())


def set_desk(conn: Connection, center: str, window: str, on: bool, now: datetime, seqs: Seqs) -> int:
    """Make ``window`` an output desk (it receives every case now ready for pickup, and each later one) or
    stop it being one (cases already handed stay with it). Returns the records fed."""
    where = and_(output_desks.c.center_code == center, output_desks.c.window == window)
    if not on:
        conn.execute(output_desks.delete().where(where))
        return 0
    if conn.execute(select(output_desks.c.window).where(where)).first() is None:
        conn.execute(output_desks.insert().values(center_code=center, window=window, created_at=now))
    ready = conn.execute(select(records.c.entity_id, records.c.data).where(and_(
        records.c.entity == "cases", records.c.center_code == center, ~records.c.deleted,
        records.c.data.like('%"state": "result_ready"%')))).all()
    return sum(hand_over(conn, center, i, window, "output", now, seqs, by="admin") for i, raw in ready
               if json.loads(raw).get("state") == "result_ready")


def listing(conn: Connection, center: str) -> list[dict[str, Any]]:
    rows = conn.execute(select(handovers).where(and_(handovers.c.center_code == center,
                                                     handovers.c.entity == "cases"))
                        .order_by(handovers.c.created_at)).all()
    return [{"center": r.center_code, "window": r.window, "case_id": r.entity_id, "reason": r.reason,
             "by": r.created_by, "at": r.created_at.isoformat(timespec="seconds")} for r in rows]


def _handed(conn: Connection, center: str, window: str, entity: str, entity_id: str) -> bool:
    return conn.execute(select(handovers.c.reason).where(and_(
        handovers.c.center_code == center, handovers.c.window == window, handovers.c.entity == entity,
        handovers.c.entity_id == entity_id))).first() is not None


def _record(conn: Connection, entity: str, entity_id: str) -> Any:
    return conn.execute(select(records).where(and_(records.c.entity == entity,
                                                   records.c.entity_id == entity_id))).first()
