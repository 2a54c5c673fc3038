"""Feed (change log → durable outbox) and delivery (outbox → province) of the provincial exchange.

Guarantees, and what gives each one:
- Nothing reported twice by key: the outbox is unique on (target, key); the key is sent as the
  ``Idempotency-Key`` header and, for a province that ignores headers, is the 办件编号 + 环节 in the body.
  A resend after a lost reply is answered "duplicate" by the province and counted delivered.
- Nothing skipped: the feed reads each center's change-log feed by seq above that center's cursor; a
  center's seqs are handed out in commit order (sync/server/db.py ``lock_feed``), so a late commit
  cannot land below the cursor. Cursor and queued rows commit together.
- A case's events go out in order: only the oldest undelivered event of a case is eligible; a dead
  event holds the case's later ones until the admin retries it.
- The counters never wait: the exchange runs in its own process, reads without the writer lock and
  writes only its own tables, in short transactions; the province is called outside any transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import Connection, Engine, and_, bindparam, exists, func, select, update
from sqlalchemy.orm import aliased

from clerk_app.domain.matters import parse_catalogue
from sync.server.exchange.mapping import Mapping, MappingError
from sync.server.exchange.tables import exchange_cursors, exchange_outbox
from sync.server.schema import center_feeds, changes, dist_items, records

log = logging.getLogger("clerk.center.exchange")

FEED_PAGE = 2000
MAX_ERROR = 300
# Which GB/T 39046 stages a case in a given state has passed through (a counter may push a case that
# went from 接件 to 受理 in one transaction: both stages are reported, in order).
_THROUGH_ACCEPT = ("申请", "受理")
_THROUGH_HANDLING = ("申请", "受理", "办理")
_ALL = ("申请", "受理", "办理", "办结")
STAGES_BY_STATE: dict[str, tuple[str, ...]] = {
    "received": ("申请",), "pending_supplement": ("申请",),
    "accepted": _THROUGH_ACCEPT, "rejected": _THROUGH_ACCEPT,
    "transferred": _THROUGH_HANDLING, "backoffice_supplement": _THROUGH_HANDLING, "returned": _THROUGH_HANDLING,
    "decided": _ALL, "result_ready": _ALL, "delivered": _ALL, "undeliverable": _ALL, "archived": _ALL,
    "withdrawn": ("申请", "办结"),
}
_CENTER = "\x00center"  # the owning center, carried beside a record's own fields (no field can have this name)
# Keys travel in the Idempotency-Key header, which is ASCII.
STAGE_KEY = {"申请": "apply", "受理": "accept", "办理": "handle", "办结": "finish", "评价": "rating"}
_ACCEPT_RESULT = {"normal": "予以受理", "rongque": "容缺受理", "tell_commit": "告知承诺受理"}
# The case event whose time is the stage's time (first one wins).
_STAGE_EVENT = {"受理": ("accepted", "rejected"), "办理": ("transferred",), "办结": ("decided", "withdrawn", "result_ready")}


def _log(event: str, **fields: Any) -> None:
    log.info(json.dumps({"event": event, **fields}, ensure_ascii=False))


@dataclass
class RoundResult:
    sent: int = 0
    delivered: int = 0
    duplicates: int = 0
    retried: int = 0
    dead: int = 0


@dataclass
class Totals:
    rounds: int = 0
    queued: int = 0
    results: RoundResult = field(default_factory=RoundResult)


def _stage_result(stage: str, case: dict[str, Any]) -> str:
    state = case.get("state", "")
    if stage == "受理":
        return "不予受理" if state == "rejected" else _ACCEPT_RESULT.get(str(case.get("accept_mode") or "normal"),
                                                                         "予以受理")
    if stage == "办理":
        return "流转至承办部门"
    if stage == "办结":
        if state == "withdrawn":
            return "申请人撤回"
        decided: dict[object, str] = {True: "准予", False: "不予批准"}
        return decided.get(case.get("decision_approved"), "办结")
    return ""


class Exchange:
    PEER = "省平台"  # who is called, in the dead letters' reasons (a subclass calls another peer)

    def __init__(self, engine: Engine, mapping: Mapping, base_url: str, *, target: str = "province",
                 concurrency: int = 32, timeout: float = 10.0, max_attempts: int = 10,
                 backoff_base: float = 2.0, backoff_cap: float = 600.0, clock: Callable[[], datetime] = datetime.now,
                 transport: httpx.AsyncBaseTransport | None = None, verify: Any = True,
                 token: str | None = None) -> None:
        self.engine, self.mapping, self.target = engine, mapping, target
        self.base_url = base_url.rstrip("/")
        self.concurrency, self.timeout, self.max_attempts = concurrency, timeout, max_attempts
        self.backoff_base, self.backoff_cap, self.clock = backoff_base, backoff_cap, clock
        self._transport, self._verify, self._token = transport, verify, token
        self._rng = random.Random()

    # -- feed ------------------------------------------------------------------------------------------
    def feed(self, page: int = FEED_PAGE) -> int:
        """Queue the events of every center's change-log feed above that center's cursor; returns how
        many events were queued."""
        with self.engine.connect() as conn:
            centers = list(conn.execute(select(center_feeds.c.center_code).order_by(center_feeds.c.center_code))
                           .scalars())
        queued = 0
        for center in centers:
            while True:
                n, more = self._feed_page(center, page)
                queued += n
                if not more:
                    break
        return queued

    def _feed_page(self, center: str, page: int) -> tuple[int, bool]:
        where = and_(exchange_cursors.c.target == self.target, exchange_cursors.c.center_code == center)
        with self.engine.begin() as conn:
            cursor = conn.execute(select(exchange_cursors.c.cursor).where(where)).scalar()
            if cursor is None:
                conn.execute(exchange_cursors.insert().values(target=self.target, center_code=center, cursor=0))
                cursor = 0
            rows = conn.execute(select(changes.c.seq, changes.c.entity, changes.c.entity_id, changes.c.op,
                                       changes.c.data, changes.c.center_code)
                                .where(changes.c.center_code == center, changes.c.seq > cursor)
                                .order_by(changes.c.seq).limit(page)).all()
            if not rows:
                return 0, False
            events = self._events(conn, [r for r in rows if r.op != "delete" and r.entity in ("cases", "ratings")])
            if events:
                conn.execute(_insert_ignore(conn), events)
            conn.execute(exchange_cursors.update().where(where).values(cursor=rows[-1].seq))
        _log("exchange_fed", target=self.target, center=center, through=rows[-1].seq, events=len(events))
        return len(events), len(rows) == page

    def _events(self, conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
        now = self.clock()
        # The center a case belongs to is the one the server derived when it was first stored (tenancy),
        # never the prefix of a case number a device chose.
        case_rows = [(r.entity_id, {**json.loads(r.data), _CENTER: r.center_code}) for r in rows if r.entity == "cases"]
        rating_rows = [(r.entity_id, json.loads(r.data)) for r in rows if r.entity == "ratings"]
        case_ids = {d.get("case_id") for _i, d in rating_rows if d.get("case_id")}
        cases = dict(case_rows)
        missing = [c for c in case_ids if c not in cases]
        cases.update(_load(conn, "cases", missing))
        applicant_ids = {d.get("applicant_id") for d in cases.values() if d.get("applicant_id")}
        applicants = _load(conn, "applicants", applicant_ids)
        event_times = _stage_times(conn, [i for i, d in case_rows if len(STAGES_BY_STATE.get(d.get("state", ""), ())) > 1])
        out: list[dict[str, Any]] = []
        for case_id, case in case_rows:
            number = str(case.get("number") or "")
            if not number:
                continue
            base = _case_facts(case, applicants.get(str(case.get("applicant_id")), {}))
            for stage in STAGES_BY_STATE.get(str(case.get("state", "")), ()):
                if stage == "申请":
                    when = case.get("received_at")
                elif stage == "受理" and case.get("accepted_at"):
                    when = case["accepted_at"]
                else:
                    when = event_times.get((case_id, stage)) or case.get("updated_at")
                facts = {**base, "stage": stage, "stage_time": when, "stage_result": _stage_result(stage, case)}
                out.append(self._row("case", f"{number}/{STAGE_KEY[stage]}", number, facts, now))
        for _rid, rating in rating_rows:
            rated = cases.get(str(rating.get("case_id")))
            if rated is None or rating.get("level") is None or not rated.get("number"):
                continue  # 一次一评 is keyed by the 办件编号; an explicit "not rated" reports nothing
            applicant = applicants.get(str(rated.get("applicant_id")), {})
            number = str(rated["number"])
            facts = {**_case_facts(rated, applicant), "rating.level": rating.get("level"),
                     "rating.channel": rating.get("channel") or "evaluator",
                     "rating.real_name": bool(rating.get("real_name")),
                     "rating.rater": applicant.get("name", "") if rating.get("real_name") else "",
                     "rating.comment": rating.get("comment") or "", "rating.at": rating.get("at")}
            out.append(self._row("rating", f"{number}/{STAGE_KEY['评价']}", number, facts, now))
        return out

    def _row(self, kind: str, key: str, subject: str, facts: dict[str, Any], now: datetime) -> dict[str, Any]:
        return {"target": self.target, "kind": kind, "key": key, "subject": subject,
                "facts": json.dumps(facts, ensure_ascii=False, sort_keys=True), "status": "pending", "attempts": 0,
                "next_at": now, "last_error": "", "created_at": now, "delivered_at": None}

    # -- delivery --------------------------------------------------------------------------------------
    def _client(self) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
        return httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout, transport=self._transport,
                                 verify=self._verify, headers=headers,
                                 limits=httpx.Limits(max_connections=self.concurrency,
                                                     max_keepalive_connections=self.concurrency))

    def _due(self, limit: int) -> list[Any]:
        earlier = aliased(exchange_outbox)
        o = exchange_outbox
        blocked = exists().where(and_(earlier.c.target == o.c.target, earlier.c.subject == o.c.subject,
                                      earlier.c.id < o.c.id, earlier.c.status != "delivered"))
        with self.engine.connect() as conn:
            # Oldest due first, in the order of the (target, status, next_at) index: no sort of the queue.
            return list(conn.execute(select(o.c.id, o.c.kind, o.c.key, o.c.facts, o.c.attempts)
                                     .where(o.c.target == self.target, o.c.status == "pending",
                                            o.c.next_at <= self.clock(), ~blocked)
                                     .order_by(o.c.next_at).limit(limit)).all())

    def _task_codes(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(dist_items.c.data).where(dist_items.c.kind == "catalogue")
                                .order_by(dist_items.c.center_code)).scalars().all()
        codes: dict[str, str] = {}
        for raw in rows:
            try:
                cat = parse_catalogue(tomllib.loads(json.loads(raw)["toml"]), "中心事项目录")
            except Exception:  # noqa: BLE001 - a distributed catalogue was validated on import; never stop on it
                continue
            codes.update({m.code: m.task_code for m in cat.matters if m.task_code})
        return codes

    async def _send(self, client: httpx.AsyncClient, row: Any, task_codes: dict[str, str]) -> dict[str, Any]:
        now = self.clock()
        attempts = row.attempts + 1
        base = {"b_id": row.id, "attempts": attempts, "next_at": now, "delivered_at": None, "_dup": 0}
        try:
            payload = self.mapping.build(row.kind, json.loads(row.facts), task_codes)
        except MappingError as exc:
            return {**base, "status": "dead", "last_error": f"映射失败：{exc}"[:MAX_ERROR]}
        retry_after: float | None = None
        try:
            r = await client.post(self.mapping.endpoints[row.kind], json=payload,
                                  headers={"Idempotency-Key": f"{self.target}/{row.key}"})
        except httpx.TimeoutException:
            error = f"{self.PEER}接口超时"
        except httpx.HTTPError as exc:
            error = f"无法连接{self.PEER}接口（{type(exc).__name__}）"
        else:
            if 200 <= r.status_code < 300 or r.status_code == 409:
                dup = r.status_code == 409 or _says_duplicate(r)
                return {**base, "status": "delivered", "last_error": "", "delivered_at": now, "_dup": int(dup)}
            if r.status_code in (408, 429) or r.status_code >= 500:
                error = f"{self.PEER}暂不可用（HTTP {r.status_code}）"
                retry_after = _retry_after(r)
            else:
                return {**base, "status": "dead",
                        "last_error": f"{self.PEER}拒收（HTTP {r.status_code}）：{self._reason(r)}"[:MAX_ERROR]}
        if attempts >= self.max_attempts:
            return {**base, "status": "dead", "last_error": f"重试 {attempts} 次仍未送达：{error}"[:MAX_ERROR]}
        delay = retry_after if retry_after is not None else min(
            self.backoff_cap, self.backoff_base * 2 ** (attempts - 1)) * (0.5 + self._rng.random() / 2)
        return {**base, "status": "pending", "last_error": error, "next_at": now + timedelta(seconds=delay)}

    def _reason(self, r: httpx.Response) -> str:
        """The peer's own one-line reason for a refusal, kept in the dead letter."""
        return _text_of(r)

    def _record(self, updates: list[dict[str, Any]]) -> None:
        if not updates:
            return
        stmt = (update(exchange_outbox).where(exchange_outbox.c.id == bindparam("b_id"))
                .values(status=bindparam("status"), attempts=bindparam("attempts"), next_at=bindparam("next_at"),
                        last_error=bindparam("last_error"), delivered_at=bindparam("delivered_at")))
        with self.engine.begin() as conn:
            conn.execute(stmt, [{k: v for k, v in u.items() if k != "_dup"} for u in updates])
        dead = [u["b_id"] for u in updates if u["status"] == "dead"]
        if dead:
            _log("exchange_dead", target=self.target, ids=dead[:50], count=len(dead))

    async def run(self, *, once: bool = False, idle: float = 2.0, stop: asyncio.Event | None = None) -> Totals:
        """Feed and deliver until ``stop`` is set; with ``once``, until nothing is due or in flight (events
        waiting for a later retry time are left for a later run).

        A pipeline, not rounds: up to ``concurrency`` calls are in flight; each answer is recorded within
        ~50 ms, which makes the case's next event eligible at once, so one slow or timed-out call holds
        back only its own case. An event stays "in flight" (never fetched again) until its outcome is
        recorded, so it is never sent twice at the same time."""
        totals = Totals()
        tally = totals.results
        in_flight: set[int] = set()
        answered: list[dict[str, Any]] = []
        tasks: set[asyncio.Task[None]] = set()
        sem = asyncio.Semaphore(self.concurrency)

        async def send(row: Any, client: httpx.AsyncClient, task_codes: dict[str, str]) -> None:
            async with sem:
                answered.append(await self._send(client, row, task_codes))

        async with self._client() as client:
            task_codes = await asyncio.to_thread(self._task_codes)
            last_feed = -10.0
            loop = asyncio.get_running_loop()
            while True:
                if answered:
                    batch = answered[:]
                    del answered[:len(batch)]
                    await asyncio.to_thread(self._record, batch)
                    for u in batch:
                        in_flight.discard(u["b_id"])
                        tally.sent += 1
                        if u["status"] == "delivered":
                            tally.delivered += 1
                            tally.duplicates += u["_dup"]
                        elif u["status"] == "dead":
                            tally.dead += 1
                        else:
                            tally.retried += 1
                if stop is not None and stop.is_set():
                    break
                if loop.time() - last_feed > 1.0:
                    totals.queued += await asyncio.to_thread(self.feed)
                    last_feed = loop.time()
                fresh: list[Any] = []
                if len(in_flight) < self.concurrency:
                    rows = await asyncio.to_thread(self._due, len(in_flight) + 2 * self.concurrency)
                    fresh = [r for r in rows if r.id not in in_flight]
                    for r in fresh:
                        in_flight.add(r.id)
                        task = asyncio.create_task(send(r, client, task_codes))
                        tasks.add(task)
                        task.add_done_callback(tasks.discard)
                if not in_flight and not fresh:
                    totals.rounds += 1
                    if once:
                        break
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), idle) if stop else await asyncio.sleep(idle)
                    task_codes = await asyncio.to_thread(self._task_codes)
                    continue
                if tasks:
                    await asyncio.wait(tasks, timeout=0.05, return_when=asyncio.FIRST_COMPLETED)
                    await asyncio.sleep(0.005)  # let a few more answers gather before one recording transaction
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)
        return totals

    # -- admin -----------------------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            counts: dict[str, int] = dict(conn.execute(select(exchange_outbox.c.status, func.count())
                                                       .where(exchange_outbox.c.target == self.target)
                                                       .group_by(exchange_outbox.c.status)).all())
            cursors = dict(conn.execute(select(exchange_cursors.c.center_code, exchange_cursors.c.cursor)
                                        .where(exchange_cursors.c.target == self.target)).all())
            heads = dict(conn.execute(select(center_feeds.c.center_code, center_feeds.c.seq)).all())
        # Per center: how far the exchange has fed that center's change log, and its head.
        centers = {c: {"cursor": int(cursors.get(c, 0)), "change_log_head": int(head)}
                   for c, head in sorted(heads.items())}
        return {"target": self.target, "pending": counts.get("pending", 0), "delivered": counts.get("delivered", 0),
                "dead": counts.get("dead", 0), "centers": centers,
                "behind": sum(v["change_log_head"] - v["cursor"] for v in centers.values())}


def dead_letters(engine: Engine, target: str, limit: int = 100) -> list[dict[str, Any]]:
    o = exchange_outbox
    with engine.connect() as conn:
        rows = conn.execute(select(o.c.id, o.c.kind, o.c.key, o.c.attempts, o.c.last_error, o.c.next_at)
                            .where(o.c.target == target, o.c.status == "dead").order_by(o.c.id).limit(limit)).all()
    return [{"id": r.id, "kind": r.kind, "key": r.key, "attempts": r.attempts, "last_error": r.last_error,
             "last_try": r.next_at.isoformat(timespec="seconds")} for r in rows]


def retry_dead(engine: Engine, target: str, ids: Iterable[int] | None, now: datetime) -> int:
    """Put dead letters back in the queue (all of them when ``ids`` is None); returns how many."""
    o = exchange_outbox
    cond = and_(o.c.target == target, o.c.status == "dead")
    if ids is not None:
        cond = and_(cond, o.c.id.in_(list(ids)))
    with engine.begin() as conn:
        return conn.execute(update(o).where(cond).values(status="pending", attempts=0, next_at=now,
                                                         last_error="")).rowcount


def _insert_ignore(conn: Connection) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(exchange_outbox).on_conflict_do_nothing(index_elements=["target", "key"])
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(exchange_outbox).on_conflict_do_nothing(index_elements=["target", "key"])


def _load(conn: Connection, entity: str, ids: Iterable[Any]) -> dict[str, dict[str, Any]]:
    ids = [str(i) for i in ids if i]
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        for r in conn.execute(select(records.c.entity_id, records.c.data, records.c.center_code)
                              .where(records.c.entity == entity, records.c.entity_id.in_(part), ~records.c.deleted)):
            out[r.entity_id] = {**json.loads(r.data), _CENTER: r.center_code}
    return out


def _stage_times(conn: Connection, case_ids: list[str]) -> dict[tuple[str, str], str]:
    """(case id, stage) → the time of the first case event that reached that stage."""
    out: dict[tuple[str, str], str] = {}
    for start in range(0, len(case_ids), 500):
        part = case_ids[start:start + 500]
        rows = conn.execute(select(records.c.parent_id, records.c.data)
                            .where(records.c.entity == "case_events", records.c.parent_id.in_(part),
                                   ~records.c.deleted)).all()
        for r in sorted(rows, key=lambda r: json.loads(r.data).get("at") or ""):
            ev = json.loads(r.data)
            for stage, states in _STAGE_EVENT.items():
                if ev.get("to_state") in states:
                    out.setdefault((r.parent_id, stage), ev.get("at"))
    return out


def _case_facts(case: dict[str, Any], applicant: dict[str, Any]) -> dict[str, Any]:
    number = str(case.get("number") or "")
    return {"case.number": number, "case.matter_code": case.get("matter_code"),
            "case.matter_name": case.get("matter_name"), "case.department": case.get("department"),
            "case.window": case.get("window"), "case.channel": case.get("channel") or "window",
            "case.state": case.get("state"), "case.accept_mode": case.get("accept_mode"),
            "case.received_at": case.get("received_at"), "case.accepted_at": case.get("accepted_at"),
            "case.due_date": case.get("due_date"), "center.code": case.get(_CENTER, ""),
            "applicant.name": applicant.get("name"), "applicant.kind": applicant.get("kind"),
            "applicant.id_number": applicant.get("id_number"), "applicant.phone": applicant.get("phone")}


def _says_duplicate(r: httpx.Response) -> bool:
    try:
        body = r.json()
    except ValueError:
        return False
    return isinstance(body, dict) and bool(body.get("duplicate"))


def _retry_after(r: httpx.Response) -> float | None:
    value = r.headers.get("Retry-After", "")
    try:
        return max(0.0, min(3600.0, float(value)))
    except ValueError:
        return None


def _text_of(r: httpx.Response) -> str:
    # The province's own words, shortened; never our payload (it holds citizen data).
    return "".join(ch for ch in r.text[:200] if ch.isprintable())
