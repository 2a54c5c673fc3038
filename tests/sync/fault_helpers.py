"""Workloads and ledgers for the fault tests: what a counter committed locally, and what the center and
the other counters hold, compared record by record."""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import text

from clerk_app.domain.applicants import ApplicantKind
from clerk_app.domain.id_numbers import check_digit
from clerk_app.domain.ids import uuid7
from clerk_app.domain.roles import Role
from clerk_app.services import cases
from clerk_app.services.auth import create_user
from clerk_app.store.tables import ApplicantRow, AuditRow

MATTER = "000131127004"
# Synced tables and the columns compared between counters and the center (local-only columns and
# timestamps that pulls round-trip as strings are left out).
COMPARED: dict[str, tuple[str, ...]] = {
    "applicants": ("id", "name", "id_number", "phone"),
    "cases": ("id", "number", "state", "applicant_id"),
    "case_materials": ("id", "case_id", "seq", "status"),
    "case_events": ("id", "case_id", "action"),
    "audit_log": ("id", "action", "entity_id"),
}


def id_number(i: int) -> str:
    """A valid resident ID number, distinct for each ``i`` (birth date and sequence vary)."""
    birth = date(1960, 1, 1) + timedelta(days=i // 1000)
    body = f"110105{birth:%Y%m%d}{i % 1000:03d}"
    return body + check_digit(body)


def outbox_count(store: Any) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar() or 0)


def write_workload(ctx: Any, total: int, *, tag: str, seed: int, services: int = 20) -> None:
    """Exactly ``total`` outbox mutations: some through the services (applicants and cases with their
    materials, events and audit rows), the rest in batched local transactions (new applicants with audit
    rows, and phone edits of earlier ones)."""
    rng = random.Random(seed)
    clerk = create_user(ctx, None, username=f"clerk{tag}", display_name="窗口人员", role=Role.CLERK,
                        password="clerk1234")
    base = (seed % 15) * 1_500_000  # 1,500 birth days per seed: ID numbers differ between counters
    applicant = None
    for i in range(services):
        applicant = cases.register_applicant(ctx, clerk, kind=ApplicantKind.PERSON, name=f"申请人{tag}-{i}",
                                             id_number=id_number(base + i))
        cases.open_case(ctx, clerk, matter_code=MATTER, applicant_id=applicant.id)
    assert applicant is not None or services == 0
    store = ctx.store
    mine: list[str] = []
    n = services
    while outbox_count(store) < total:
        left = total - outbox_count(store)
        now = datetime.now()
        with store.transaction() as s:
            if mine and (left % 2 == 1 or rng.random() < 0.3):
                for aid in rng.sample(mine, min(len(mine), left, 10)):
                    s.get(ApplicantRow, aid).phone = f"139{rng.randrange(10**8):08d}"
                    s.flush()
            else:
                for _ in range(min(10, left // 2)):
                    aid = uuid7()
                    s.add(ApplicantRow(id=aid, kind="person", name=f"批量{tag}-{n}", id_number=id_number(base + n),
                                       phone="", address="", created_at=now, updated_at=now))
                    s.add(AuditRow(id=uuid7(), at=now, actor=f"clerk{tag}", action="applicant.create",
                                   entity="applicant", entity_id=aid))
                    mine.append(aid)
                    n += 1
    assert outbox_count(store) == total


def outbox_inserts(store: Any) -> set[tuple[str, str]]:
    """(entity, id) of every record this counter created, as its outbox captured them."""
    with store.engine.connect() as conn:
        return {(r.entity, r.entity_id) for r in conn.execute(text(
            "SELECT entity, entity_id FROM sync_outbox WHERE op = 'insert'"))}


def local_state(store: Any) -> dict[str, set[tuple[Any, ...]]]:
    out: dict[str, set[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for table, cols in COMPARED.items():
            out[table] = {tuple(r) for r in conn.execute(text(f"SELECT {', '.join(cols)} FROM {table}"))}
    return out


def server_state(engine: Any) -> dict[str, set[tuple[Any, ...]]]:
    out: dict[str, set[tuple[Any, ...]]] = {t: set() for t in COMPARED}
    with engine.connect() as conn:
        for entity, data in conn.execute(text("SELECT entity, data FROM records WHERE NOT deleted")):
            if entity in COMPARED:
                d = json.loads(data)
                out[entity].add(tuple(d.get(c) for c in COMPARED[entity]))
    return out


def ledger_report(engine: Any) -> dict[str, Any]:
    """Per device: ledger rows, distinct seqs, min/max seq; plus any mutation id recorded twice."""
    with engine.connect() as conn:
        per = {r.device_id: (r.n, r.d, r.lo, r.hi) for r in conn.execute(text(
            "SELECT device_id, count(*) AS n, count(DISTINCT seq) AS d, min(seq) AS lo, max(seq) AS hi "
            "FROM ledger GROUP BY device_id"))}
        twice = conn.execute(text("SELECT count(*) FROM (SELECT mutation_id FROM ledger GROUP BY mutation_id "
                                  "HAVING count(*) > 1) x")).scalar()
        outcomes = dict(conn.execute(text("SELECT outcome, count(*) FROM ledger GROUP BY outcome")).all())
        dup_changes = conn.execute(text(
            "SELECT count(*) FROM (SELECT entity, entity_id FROM changes WHERE op = 'insert' "
            "GROUP BY entity, entity_id HAVING count(*) > 1) x")).scalar()
    return {"devices": per, "mutation_ids_twice": twice, "outcomes": outcomes, "inserts_twice": dup_changes}


def try_sync(client: Any) -> bool:
    from sync.client import SyncError

    try:
        client.sync_once()
        return True
    except SyncError:
        return False


def converge(clients: list[Any], attempts: int = 300) -> int:
    """Sync each counter until its outbox is empty, then once more each after the last push, so that every
    counter has pulled everyone's work. Returns the number of sync rounds used."""
    used = 0
    for phase in ("push", "pull"):
        for c in clients:
            for _ in range(attempts):
                used += 1
                if try_sync(c) and (phase == "pull" or c.status().pending == 0):
                    break
            else:
                raise AssertionError(f"sync did not converge ({phase}): {c.status()}")
    return used
