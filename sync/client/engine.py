"""The sync client: push the outbox (exactly once, in seq order), pull by cursor, upload attachments.

All work is blocking HTTP and SQLite; the caller runs it off the GUI thread (``SyncRunner``).
Failures become a Chinese ``last_error`` for people and never remove anything from the outbox.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import secrets
import ssl
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import httpx
from pydantic import ValidationError
from sqlalchemy import text

from clerk_app.errors import UserError
from clerk_app.messages import Text, dumps
from clerk_app.paths import ProfilePaths
from clerk_app.store import outbox
from clerk_app.store.db import PAGE_CACHE_KIB, Store
from clerk_app.store.errors import classify
from clerk_app.transport import plain_http_refusal
from sync import protocol as p
from sync.client import blobs, chains
from sync.client.distribution import pull_distribution
from sync.client.localapply import apply_changes, quarantine
from sync.client.status import SyncStatus, read_status

log = logging.getLogger("clerk.sync")
_quote = encode_basestring  # a str as JSON text, by the C encoder json.dumps itself uses
KEYRING_SERVICE = "clerk-workbench-sync"
ENROL_ATTEMPTS = 4
PULL_CACHE_KIB = 16 * 1024  # the page cache while a pull writes (clerk_app.store.db.PAGE_CACHE_KIB otherwise)
MAX_PUSH = int(p.PushRequest.model_fields["mutations"].metadata[0].max_length)  # the center refuses more


# Built once: a text() construct per push cost more than reading the rows.
_PENDING = text("SELECT * FROM sync_outbox WHERE status = 'pending' ORDER BY seq LIMIT :n")
_PENDING_OF_TX = text("SELECT * FROM sync_outbox WHERE status = 'pending' AND tx_id = :t AND seq > :s ORDER BY seq "
                      "LIMIT :n")


class SyncError(UserError):
    """A sync round failed for a reason people can act on (``message``, Chinese); nothing was lost locally.
    ``permanent``: retrying will not help until someone acts (enrol again, fix the CA file);
    ``retry_after``: seconds the center asked us to wait (429/503 Retry-After); the runner honours it."""

    def __init__(self, code: str, /, *, permanent: bool = False, retry_after: float | None = None,
                 detail: str | None = None, **params: Any) -> None:
        super().__init__(code, detail=detail, **params)
        self.permanent, self.retry_after = permanent, retry_after


class DeviceRevoked(SyncError):
    def __init__(self, code: str = "sync.device_revoked", /, **params: Any) -> None:
        super().__init__(code, permanent=True, **params)


class CursorPruned(SyncError):
    """The center no longer keeps its change log below our cursor (we were away longer than its retention):
    pull again from 0, which the center serves from its current records."""


class SyncClient:
    def __init__(self, store: Store, *, attachments: Path | None = None, transport: httpx.BaseTransport | None = None,
                 verify: bool | str | ssl.SSLContext | None = None, timeout: float = 30.0, batch: int = 500,
                 page: int = 2000, clock: Any = datetime.now, profile: ProfilePaths | None = None,
                 on_distributed: Callable[[set[str]], None] | None = None, ca_file: str | None = None) -> None:
        """``ca_file`` is the CA that signed the center's certificate (setting ``sync_ca_file`` or
        ``--ca``); without it, the one recorded at enrolment, else the CAs Python trusts."""
        self.store, self.attachments, self.batch, self.page, self.clock = store, attachments, batch, page, clock
        # Every write of the sync engine takes SQLite's write lock at BEGIN, like the services do: a
        # deferred transaction that reads first and writes later fails at once with "database is locked"
        # (a stale WAL snapshot is not retried by busy_timeout) whenever the clerk committed in between.
        self._writes = store.engine.execution_options(writer=True)
        # Holiday schedules from the center land in the profile's calendar folder, like a local import.
        self.profile = profile or ProfilePaths(Path(store.path).parent)
        self.on_distributed = on_distributed  # called with the kinds of center items just applied
        self._transport, self._verify, self._timeout, self._ca_file = transport, verify, timeout, ca_file or None
        self._http: httpx.Client | None = None
        self._access: str | None = None
        self._reached: datetime | None = None  # the center answered (whatever it said) during this round
        self._held_back: Text | None = None  # why some records were not pushed in this round
        self._encoded: dict[int, tuple[str, str]] = {}  # the last batch's mutations: seq -> (mutation id, JSON)

    # -- state ---------------------------------------------------------------------------------------
    def _get(self, key: str) -> str | None:
        with self.store.engine.connect() as conn:
            return outbox.state_get(conn, key)

    def _set(self, **values: str | None) -> None:
        with self._writes.begin() as conn:
            for k, v in values.items():
                outbox.state_set(conn, k, v)

    @property
    def device_id(self) -> str | None:
        return self._get("device_id")

    def http(self) -> httpx.Client:
        if self._http is None:
            server = self._get("server")
            if not server:
                raise SyncError("sync.not_enrolled", permanent=True)
            if refusal := plain_http_refusal(server):  # enrolled by an older client that allowed it
                raise SyncError("sync.plain_http_enrolled", refusal=refusal, permanent=True)
            self._http = httpx.Client(base_url=server, transport=self._transport, verify=self._tls(),
                                      timeout=self._timeout)
        return self._http

    def _tls(self, ca_file: str | None = None) -> bool | str | ssl.SSLContext:
        """How the center's certificate is checked: never switched off, only pointed at a CA."""
        if self._verify is not None:
            return self._verify
        ca = ca_file or self._ca_file or self._get("ca_file")
        return tls_context(ca) if ca else system_tls_context()

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    # -- enrolment and tokens --------------------------------------------------------------------------
    def enroll(self, server: str, code: str, device_name: str = "") -> p.EnrolResponse:
        if refusal := plain_http_refusal(server):
            raise SyncError(refusal, permanent=True)
        import keyring
        from keyring.errors import KeyringError

        _require_keyring()  # before the code is spent: the refresh token must have somewhere to go
        # The nonce is kept with the code until enrolment succeeds: a retry, in this call or a later
        # `sync enroll` with the same code, gets the device the center already made for this PC.
        code_key = hashlib.sha256(p.normalise_enrol_code(code).encode()).hexdigest()
        nonce = self._get("enrol_nonce") if self._get("enrol_code") == code_key else None
        if not nonce:
            nonce = secrets.token_urlsafe(32)
            self._set(enrol_code=code_key, enrol_nonce=nonce)
        body = p.EnrolRequest(code=code, device_name=device_name, nonce=nonce).model_dump()
        with httpx.Client(base_url=server, transport=self._transport, verify=self._tls(),
                          timeout=self._timeout) as http:
            for attempt in range(ENROL_ATTEMPTS):
                try:
                    r = http.post("/v1/enroll", json=body)
                    break
                except httpx.HTTPError as exc:
                    tls = _tls_failure(exc, server)
                    if tls or attempt == ENROL_ATTEMPTS - 1:
                        raise SyncError(tls or Text("sync.enrol_unreachable", server=server,
                                                    reason=type(exc).__name__)) from exc
                    time.sleep(0.2 * (attempt + 1))
            if r.status_code != 200:
                raise SyncError(_message(r, Text("sync.enrol_failed")), permanent=True)
            reply = p.EnrolResponse.model_validate(r.json())
        try:
            keyring.set_password(KEYRING_SERVICE, reply.device_id, reply.refresh_token)
        except KeyringError:
            # The nonce stays with the code: the same command again gets this device back from the center.
            raise SyncError("sync.keyring_refused_after_enrol", permanent=True) from None
        # The CA is remembered with the server, so that `sync run` and the app check the same way.
        ca = self._ca_file if self._verify is None else None
        self._set(server=server, device_id=reply.device_id, epoch=reply.server_epoch, stopped=None,
                  last_error=None, enrolled_at=self.clock().isoformat(timespec="seconds"),
                  ca_file=str(Path(ca).resolve()) if ca else None, enrol_code=None, enrol_nonce=None)
        self.close()
        return reply

    def _refresh(self) -> None:
        import keyring
        from keyring.errors import KeyringError

        self.http()  # a plain-http center is refused before the refresh token is even read
        device = self.device_id
        try:
            token = keyring.get_password(KEYRING_SERVICE, device or "") if device else None
        except KeyringError:
            raise SyncError("sync.keyring_unusable") from None
        if not device or not token:
            raise SyncError("sync.credential_missing", permanent=True)
        r = self._send("POST", "/v1/token", json={"device_id": device, "refresh_token": token}, auth=False)
        if r.status_code == 403:
            self._stop(_message(r, Text("sync.device_disabled")))
        if r.status_code != 200:
            raise SyncError(_message(r, Text("sync.token_failed")))
        self._access = p.TokenResponse.model_validate(r.json()).access_token

    def _stop(self, message: Text) -> None:
        self._set(stopped="1", last_error=dumps(message))
        raise DeviceRevoked(message)

    def _send(self, method: str, path: str, *, auth: bool = True, **kw: Any) -> httpx.Response:
        headers = dict(kw.pop("headers", None) or {})
        if auth and self._access:
            headers["Authorization"] = f"Bearer {self._access}"
        try:
            r = self.http().request(method, path, headers=headers, **kw)
        except httpx.HTTPError as exc:
            raise SyncError(_tls_failure(exc, str(self.http().base_url))
                            or Text("sync.connection_lost", reason=type(exc).__name__)) from exc
        self._reached = self.clock()
        if r.status_code in (429, 503):
            wait = retry_after_s(r)
            raise SyncError(_message(r, Text("sync.center_busy")), retry_after=wait)
        return r

    def request(self, method: str, path: str, **kw: Any) -> httpx.Response:
        """An authorised request: 401 → refresh the access token once and continue; 403 → stop syncing."""
        if self._access is None:
            self._refresh()
        r = self._send(method, path, **kw)
        if r.status_code == 401:
            self._refresh()
            r = self._send(method, path, **kw)
        if r.status_code == 403:
            self._stop(_message(r, Text("sync.refused")))
        if r.status_code >= 500:
            raise SyncError("sync.center_error", status=r.status_code)
        if r.status_code == 410:  # the center's sentence says why; pull() starts again from 0
            raise CursorPruned(_message(r, Text("sync.request_refused", status=r.status_code)))
        if r.status_code >= 400:
            raise SyncError(_message(r, Text("sync.request_refused", status=r.status_code)))
        return r

    # -- push ------------------------------------------------------------------------------------------
    def _next_batch(self) -> list[dict[str, Any]]:
        with self.store.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(_PENDING, {"n": self.batch})]
            if len(rows) == self.batch:
                # Never split one local transaction across pushes: the center applies it whole.
                rows += [dict(r._mapping) for r in conn.execute(_PENDING_OF_TX, {
                    "t": rows[-1]["tx_id"], "s": rows[-1]["seq"], "n": MAX_PUSH - len(rows)})]
        # A transaction larger than a push may carry (a bulk import or seed) would otherwise never go:
        # it is applied in parts of MAX_PUSH, each part whole.
        return rows[:MAX_PUSH]

    def _upload_attachments(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Upload every attachment the batch references; cut the batch before a transaction whose file
        cannot be sent, so that no mutation reaches the center before its attachment does."""
        for row in rows:
            sha = json.loads(row["data"]).get("attachment_sha256") if row["entity"] == "case_materials" else None
            if not sha:
                continue
            path = blobs.path_for(self.attachments, sha) if self.attachments else None
            if path is None or not path.exists():
                cut = next(j for j, r in enumerate(rows) if r["tx_id"] == row["tx_id"])
                self._held_back = Text("sync.attachment_missing", digest=sha[:12])
                self._set(last_error=dumps(self._held_back))
                return rows[:cut]
            blobs.upload(self, sha, path)
        return rows

    def _mutations(self, rows: list[dict[str, Any]]) -> list[str]:
        """The rows as the push's JSON mutations, each validated as a ``p.Mutation``. Their ``data`` and ``old``
        are the outbox's JSON text as it is (not parsed and written again). Kept for the next batch: a push
        whose request or reply was lost is sent again from the same rows, and a row never changes once it
        is in the outbox (only its status does)."""
        known, out = self._encoded, {}
        for r in rows:
            seq, mid = r["seq"], r["mutation_id"]
            got = known.get(seq)
            if got is None or got[0] != mid:
                doc = (f'{{"seq":{seq},"mutation_id":{_quote(mid)},"tx_id":{_quote(r["tx_id"])},'
                       f'"entity":{_quote(r["entity"])},"entity_id":{_quote(r["entity_id"])},"op":{_quote(r["op"])},'
                       f'"data":{r["data"]},"old":{r["old"]},"hlc":{_quote(r["hlc"])},"actor":{_quote(r["actor"])},'
                       f'"client_time":{_quote(r["client_time"])},"schema_version":{r["schema_version"]}}}')
                p.Mutation.model_validate_json(doc)
                got = (mid, doc)
            out[seq] = got
        self._encoded = out
        return [doc for _mid, doc in out.values()]

    def push(self, *, probe: bool = False) -> int:
        """Push until the outbox is empty; returns how many mutations the center answered. With
        ``probe``, an empty outbox still sends one empty push: its reply carries the center's epoch
        and ledger position, which is how an idle counter learns that a restored center lost its work."""
        device = self.device_id
        if not device:
            raise SyncError("sync.not_enrolled", permanent=True)
        answered = 0
        while True:
            rows = self._upload_attachments(self._next_batch())
            with self.store.engine.connect() as conn:
                chain = chains.report(conn, rows)
                probe = probe or chains.head_unreported(conn)
            if not rows and not probe:
                return answered
            probe = False
            # Validated as the center will (lengths, kinds, control characters): the frame here, each mutation
            # once (_mutations). The text check is left out for what comes from the outbox (p.FROM_OUTBOX).
            p.PushRequest.model_validate({"device_id": device, "audit_chain": chain, "mutations": []},
                                         context={p.FROM_OUTBOX: True})
            body = (f'{{"protocol_version":{p.PROTOCOL_VERSION},"device_id":{_quote(device)},"mutations":['
                    f'{",".join(self._mutations(rows))}],"audit_chain":'
                    f'{chain.model_dump_json() if chain is not None else "null"}}}')
            reply = p.PushResponse.from_json(self.request(
                "POST", "/v1/push", content=body, headers={"Content-Type": "application/json"}).content)
            answered += len(reply.results)
            again = self._record_reply(reply, chain)
            if not rows:
                if not again:
                    return answered
                continue
            if reply.retry_from is not None:
                raise SyncError("sync.attachments_pending")
            if not again and not reply.results:
                raise SyncError("sync.seq_gone", seq=reply.expected_seq, permanent=True)

    def _record_reply(self, reply: p.PushResponse, chain: p.AuditChainReport | None = None) -> bool:
        """Mark answered rows acked and handle a center that has less than we sent (restore, new epoch).
        Returns True when rows were put back in the queue."""
        now = self.clock().isoformat(timespec="seconds")
        requeued = False
        with self._writes.begin() as conn:
            chains.reported(conn, chain)  # in the same transaction: no extra write lock per push
            if reply.results:
                conn.execute(text("UPDATE sync_outbox SET status = 'acked', outcome = :o, message = :m, acked_at = :t"
                                  " WHERE seq = :s AND mutation_id = :mid"),
                             [dict(o=r.outcome, m=r.message, t=now, s=r.seq, mid=r.mutation_id) for r in reply.results])
            if reply.refresh:
                apply_changes(conn, reply.refresh, overwrite_pending=True)
            known_epoch = outbox.state_get(conn, "epoch")
            max_acked = conn.execute(text("SELECT max(seq) FROM sync_outbox WHERE status = 'acked'")).scalar() or 0
            resend_from = None
            if reply.expected_seq is not None:
                resend_from = reply.expected_seq
            if max_acked > reply.last_seq or (known_epoch and known_epoch != reply.server_epoch):
                # The center has lost acknowledged work (restored from a backup): re-feed what we kept.
                resend_from = min(resend_from or reply.last_seq + 1, reply.last_seq + 1)
                outbox.state_set(conn, "cursor", "0")
                log.warning("center epoch or ledger behind us; re-pushing from seq %s", resend_from)
            if known_epoch != reply.server_epoch:
                outbox.state_set(conn, "epoch", reply.server_epoch)
            if resend_from is not None:
                requeued = conn.execute(text("UPDATE sync_outbox SET status = 'pending' WHERE status = 'acked' "
                                             "AND seq >= :s"), {"s": resend_from}).rowcount > 0
                have = conn.execute(text("SELECT min(seq) FROM sync_outbox WHERE status = 'pending'")).scalar()
                if have is not None and have > resend_from:
                    requeued = False
        return requeued

    # -- pull ------------------------------------------------------------------------------------------
    def pull(self) -> int:
        """Apply pages until the center has nothing newer; each page and its cursor commit together.
        The next page is fetched while this one is applied (the center and SQLite work at the same time);
        pages are still applied one by one, in order, each in its own transaction."""
        applied = 0
        restarts = 0
        with ThreadPoolExecutor(1, thread_name_prefix="clerk-sync-pull") as fetcher:
            ahead = fetcher.submit(self._page, int(self._get("cursor") or 0))
            while True:
                try:
                    page, unreadable = ahead.result()
                except CursorPruned:
                    if restarts > 2:
                        raise
                    # Everything this counter holds stays; the records are sent again over it (rows with
                    # unsent local changes keep them, as on every pull).
                    restarts += 1
                    log.warning("the center pruned its change log below our cursor; pulling again from 0")
                    self._set(cursor="0")
                    ahead = fetcher.submit(self._page, 0)
                    continue
                known_epoch = self._get("epoch")
                if known_epoch and page.server_epoch != known_epoch:
                    # A restored center: push first (which re-feeds it and takes the new epoch, even
                    # with nothing queued), then pull again from the start.
                    restarts += 1
                    if restarts > 2:
                        raise SyncError("sync.epoch_unstable")
                    self.push(probe=True)
                    ahead = fetcher.submit(self._page, int(self._get("cursor") or 0))
                    continue
                if page.has_more:
                    ahead = fetcher.submit(self._page, page.next_cursor)
                applied += self._apply_page(page, unreadable)
                if not page.has_more:
                    return applied

    def _page(self, cursor: int) -> tuple[p.PullResponse, list[p.Change]]:
        """The page, and the changes in it that are not even well-formed (kept aside, not applied)."""
        r = self.request("GET", "/v1/pull", params={"cursor": cursor, "limit": self.page})
        try:
            return p.PullResponse.from_json(r.content), []
        except ValueError:
            pass  # looked at again below, change by change
        try:
            raw = r.json()
        except ValueError:
            raise SyncError("sync.bad_reply") from None
        try:
            return p.PullResponse.model_validate(raw), []
        except ValidationError:
            return _salvage_page(raw)

    def _apply_page(self, page: p.PullResponse, unreadable: list[p.Change] = ()) -> int:  # type: ignore[assignment]
        with self._writes.connect() as conn:
            # Records come from the center already validated; their parent may sit on a later page, or
            # never come (its transaction was quarantined at the center). The pragma is a no-op inside
            # a transaction, and SQLAlchemy would open one (our BEGIN hook) before running it: it goes
            # to the driver connection directly, in autocommit.
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            # The pages a pull writes are not read again by it: kept in the connection's page cache (sized
            # for the dashboards' scans) they grew a first pull's memory with every page, +100 MB by its
            # 100,000 cases. SQLite gives the pages back when the size is lowered.
            raw.execute(f"PRAGMA cache_size=-{PULL_CACHE_KIB}")
            try:
                with conn.begin():
                    for bad in unreadable:
                        quarantine(conn, bad, "记录格式不符合同步协议")
                    applied = apply_changes(conn, page.changes)
                    outbox.state_set(conn, "cursor", str(page.next_cursor))
            finally:
                raw.execute("PRAGMA foreign_keys=ON")
                raw.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
        return applied

    # -- one round and status --------------------------------------------------------------------------
    def sync_once(self) -> SyncStatus:
        if self._get("stopped"):
            return self.status()
        self._reached, self._held_back = None, None
        try:
            self.push()
            self.pull()
            chains.pull_links(self)
            changed = pull_distribution(self, self.profile)
            if changed and self.on_distributed is not None:
                self.on_distributed(changed)
            with self._writes.begin() as conn:
                outbox.purge_acked(conn, self.clock())
            self._set(last_sync=self.clock().isoformat(timespec="seconds"), last_error=dumps(self._held_back) if self._held_back else None,
                      last_reachable=self.clock().isoformat(timespec="seconds"))
        except DeviceRevoked:
            pass
        except Exception as exc:
            # The center answered but refused or failed: it was reachable, so waiting records count
            # towards the 24-hour alarm (an unreachable center is a network matter, not an alarm).
            error = exc if isinstance(exc, SyncError) else _as_sync_error(exc, self.store.path)
            reached = self._reached.isoformat(timespec="seconds") if self._reached else self._get("last_reachable")
            try:
                self._set(last_error=dumps(error.message), last_reachable=reached)
            except Exception:  # noqa: BLE001 - a full or locked file: the round's own error is the news
                log.warning("could not record the sync error: %s", error.code)
            if error is exc:
                raise
            raise error from None
        return self.status()

    def status(self) -> SyncStatus:
        return read_status(self.store.engine, self.clock)


def _require_keyring() -> None:
    import keyring
    from keyring.backends import fail
    from keyring.errors import KeyringError

    try:
        usable = not isinstance(keyring.get_keyring(), fail.Keyring)
        if usable:
            keyring.get_password(KEYRING_SERVICE, "probe")
    except KeyringError:
        usable = False
    if not usable:
        raise SyncError("sync.no_keyring", permanent=True)


def _as_sync_error(exc: BaseException, database: Path) -> SyncError:
    """An unexpected failure of a round as one sentence; its text (which may render a record) stays out
    of ``last_error``, and the log gets the traceback (SQL parameters hidden by the engine)."""
    fault = classify(exc, database)
    if fault is not None:
        return SyncError("sync.unfinished", reason=fault)
    from clerk_app.crash import safe_traceback

    log.error("sync round failed unexpectedly:\n%s", safe_traceback(exc))  # no message: it may render a record
    return SyncError("sync.internal_error", error=type(exc).__name__)


@functools.cache
def system_tls_context() -> ssl.SSLContext:
    """What ``verify=True`` means to httpx (its CA bundle, or SSL_CERT_FILE/SSL_CERT_DIR), built once
    per process: httpx reads and parses the whole bundle for every client given ``True`` (~30 ms of
    CPU), and a counter makes one client to enrol and another after every close. A context is safe to
    share between clients and threads."""
    return httpx.create_ssl_context()


def tls_context(ca_file: str | Path) -> ssl.SSLContext:
    """Verify the center against this CA only (hostname included); a missing or unreadable file is a
    clear error, never a silent fallback to no verification."""
    path = Path(ca_file)
    if not path.is_file():
        raise SyncError("sync.ca_missing", path=path, permanent=True)
    try:
        return ssl.create_default_context(cafile=str(path))
    except (ssl.SSLError, OSError, ValueError) as exc:
        raise SyncError("sync.ca_unreadable", path=path, error=type(exc).__name__, permanent=True) from exc


def _tls_failure(exc: BaseException, server: str) -> Text | None:
    """Why the connection failed, when it was because the center's certificate was not trusted."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return Text("sync.certificate_rejected", server=server)
        seen = seen.__cause__ or seen.__context__
    return None


def _salvage_page(raw: Any) -> tuple[p.PullResponse, list[p.Change]]:
    """A page with a malformed change: every well-formed change is applied, the others are set aside, and
    the cursor still moves. Only a page whose frame itself is broken (no cursor) fails the round."""
    try:
        frame = p.PullResponse.model_validate({**raw, "changes": []})
        changes = list(raw["changes"])
    except (ValidationError, TypeError, KeyError):
        raise SyncError("sync.bad_page") from None
    good: list[p.Change] = []
    bad: list[p.Change] = []
    for item in changes:
        try:
            good.append(p.Change.model_validate(item))
        except ValidationError:
            item = item if isinstance(item, dict) else {}
            seq = item.get("seq")
            data = item.get("data")
            bad.append(p.Change.model_construct(
                seq=seq if isinstance(seq, int) else -1, tx=-1, entity=str(item.get("entity", "?"))[:32],
                entity_id=str(item.get("entity_id", "?"))[:64], op="insert", origin="", hlc="",
                data=data if isinstance(data, dict) else {"raw": data}))
    frame.changes = good
    return frame, bad


def retry_after_s(r: httpx.Response) -> float | None:
    """The center's ``Retry-After`` in seconds (delta form; an HTTP date is not sent by our center),
    bounded to an hour so that a broken proxy cannot park a counter for days."""
    raw = r.headers.get("Retry-After", "").strip()
    try:
        return min(3600.0, max(0.0, float(raw))) if raw else None
    except ValueError:
        return None


def _message(r: httpx.Response, fallback: Text) -> Text:
    """The center's own sentence (it speaks Chinese), else ours with the HTTP status."""
    try:
        detail = r.json().get("detail")
        if isinstance(detail, dict) and detail.get("message"):
            return Text("sync.center_says", message=str(detail["message"]))
    except (ValueError, AttributeError):
        pass
    return Text("sync.http_failure", reason=fallback, status=r.status_code)
