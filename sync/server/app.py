"""The center server's HTTP API (FastAPI). Every handler runs its database work in one transaction."""


import inspect
import json
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from json.encoder import encode_basestring_ascii
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, Engine, Row, Text, and_, bindparam, func, literal_column, select
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from sync import protocol as p
from sync.server import apply, auth, blob_api, chains, limits, retention, tenancy
from sync.server.blob_store import BlobStore, FileBlobStore, resolve_blob_dir
from sync.server.db import INDEX_READS, holding_feed, make_engine, meta, read_first, writer
from sync.server.schema import changes, conflicts, devices, ledger, quarantine, records, server_meta

log = logging.getLogger("clerk.center")
MAX_PAGE = 5000
LAST_SEEN_EVERY = timedelta(minutes=1)
INT64_MAX = 2**63 - 1  # SQLite and PostgreSQL integers: a larger query number would be a 500, not a 422


def _log(event: str, **fields: Any) -> None:
    # One JSON object per line so that the center's log shipper can index it; ids only, no citizen data.
    log.info(json.dumps({"event": event, **fields}, ensure_ascii=False))


def _fail(status: int, code: str, message: str) -> HTTPException:
    return HTTPException(status_code=status, detail={"code": code, "message": message})


class ErrorResponse(BaseModel):
    """Every refusal, 422 included: ``{"detail": {"code", "message"}}`` (the client shows the message)."""

    detail: p.ErrorBody


_ERROR_TEXT = {400: "Malformed path parameter", 401: "Missing, invalid or expired access token",
               403: "Refused (code, token, device or admin)", 409: "Version or state conflict",
               410: "The change log below the cursor was pruned: pull again from cursor 0",
               413: "Chunk too large", 422: "Request body or parameters invalid; nothing was changed"}


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    # Documented so that clients and schemathesis know every status a handler can answer with.
    return {c: {"model": ErrorResponse, "description": _ERROR_TEXT[c]} for c in (*codes, 422)}


_DEVICE = (401, 403)
# A device's row as the token check needs it, with the server's epoch (the push's reply carries it).
_DEVICE_ROW = select(devices.c.revoked, devices.c.last_seen, devices.c.center_code, devices.c.window,
                     select(server_meta.c.value).where(server_meta.c.key == "epoch").scalar_subquery().label("epoch")) \
    .where(devices.c.id == bindparam("device"))
_SEEN = devices.update().where(devices.c.id == bindparam("device")).values(last_seen=bindparam("now"))


def _change_json(quote: str) -> Any:
    """A change-log row as the JSON object of a page's change, written by the database: its ``data`` is
    JSON text already, and the text columns are quoted by the database's own JSON quoting (``quote``).
    Written in Python, row by row, this was most of a pull's CPU at the center (and the columns it
    needs no longer travel: the row is three values, not eleven)."""
    def q(column: str) -> str:
        return quote.format(f"changes.{column}")
    return literal_column(
        """'{"seq":' || changes.seq || ',"tx":' || changes.tx || ',"entity":' || """ + q("entity")
        + """ || ',"entity_id":' || """ + q("entity_id") + """ || ',"op":' || """ + q("op")
        + """ || ',"data":' || changes.data || ',"origin":' || """ + q("origin") + """ || ',"hlc":' || """
        + q("hlc") + " || '}'", Text).label("json")


# The columns a page is built from: the change's position and its JSON, per dialect.
_PAGE_COLUMNS = {"sqlite": (changes.c.seq, changes.c.tx, _change_json("json_quote({})")),
                 "postgresql": (changes.c.seq, changes.c.tx, _change_json("to_json({})::text"))}


def _push_body(content_type: str | None, raw: bytes) -> p.PushRequest:
    """The push's body as FastAPI would take a declared JSON body (no content type, or a JSON one; anything
    else is refused), parsed by pydantic's own JSON parser (``from_json``); a 422 otherwise."""
    kind = (content_type or "application/json").split(";", 1)[0].strip().lower()
    if kind != "application/json" and not (kind.startswith("application/") and kind.endswith("+json")):
        raise RequestValidationError([{"type": "model_attributes_type", "loc": ("body",),
                                       "msg": "Input should be a JSON object", "input": None}])
    try:
        return p.PushRequest.from_json(raw)
    except ValidationError as exc:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from None
    except ValueError as exc:  # not JSON at all
        raise RequestValidationError([{"type": "json_invalid", "loc": ("body",), "msg": str(exc)[:200],
                                       "input": None}]) from None


def _declared_push(body: p.PushRequest) -> None:
    """Never served: the push's body as a declared parameter, for FastAPI to render its schemas."""


def _route_path(scope: Scope) -> str:
    """The path the router matches (behind a proxy's ``root_path``, without it), as Starlette's router."""
    path, root = str(scope["path"]), str(scope.get("root_path", ""))
    return path[len(root):] if root and path.startswith(root + "/") else path


class _DirectPush:
    """``POST /v1/push`` served straight from the middleware stack, under the limits middleware (body limit,
    token first, busy) but past FastAPI's router, exception middleware, dependency solving and endpoint
    wrappers: per push they cost about as much CPU as the push's own database statements (profiled under
    the ten-center bench). The route declared in ``create_app`` stays for the OpenAPI document and is
    what every other method on the path still reaches (405)."""

    def __init__(self, app: ASGIApp, serve: dict[str, Callable[[Scope, Receive, Send], Awaitable[None]]]) -> None:
        self.app, self.serve = app, serve

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and _route_path(scope) == "/v1/push":
            await self.serve["push"](scope, receive, send)
        else:
            await self.app(scope, receive, send)


def create_app(db_url: str | None = None, *, engine: Engine | None = None, access_ttl_s: int = auth.ACCESS_TTL_S,
               clock: Any = datetime.now, limits_: limits.Limits | None = None,
               blob_dir: str | Path | None = None, blob_store: BlobStore | None = None,
               read_engine: Engine | None = None) -> FastAPI:
    """``blob_dir``: where attachment bytes are kept (``blob_store.resolve_blob_dir``: the argument,
    ``CLERK_CENTER_BLOB_DIR``, or beside a SQLite file; required on PostgreSQL). ``read_engine``: a read
    replica of the database (``serve --replica-url``) that serves pulls and statistics; everything else, and
    every write, goes to ``engine`` (the primary)."""
    engine = engine or make_engine(db_url or "sqlite:///clerk-center.sqlite3")
    if blob_store is None:
        blob_store = FileBlobStore(resolve_blob_dir(engine.url.render_as_string(hide_password=False), blob_dir))
    read = read_engine or engine
    # One snapshot per pull on PostgreSQL: the retention floor and the rows read below it agree.
    snapshot = {"isolation_level": "REPEATABLE READ"} if read.dialect.name == "postgresql" else {}
    acks = retention.Acks(engine)
    app = FastAPI(title="Clerk Workbench center server", version="1")
    app.state.engine = engine
    app.state.blob_store = blob_store
    app.state.read_engine = read
    app.state.retention_stop = None  # the serving process starts the timer (sync/server/cli.py)
    app.state.limits = limits_ = limits_ or limits.Limits()
    direct: dict[str, Callable[[Scope, Receive, Send], Awaitable[None]]] = {}  # filled below, once defined
    app.add_middleware(_DirectPush, serve=direct)  # added first: inside the limits middleware
    limits.install(app, engine, limits_)

    @app.exception_handler(RequestValidationError)
    async def _bad_input(_request: Request, exc: RequestValidationError) -> JSONResponse:
        where = "; ".join(".".join(str(x) for x in e.get("loc", ())) for e in exc.errors()[:5])
        return JSONResponse(status_code=422, content={"detail": {
            "code": "bad_request", "message": f"请求数据格式不正确（{where[:200]}），未作任何修改。"}})

    # A single read needs no transaction of its own: on PostgreSQL its BEGIN and the ROLLBACK when the
    # connection went back to the pool were two of the round trips of every push and pull.
    one_read = {"isolation_level": "AUTOCOMMIT"} if engine.dialect.name == "postgresql" else {}
    secret: list[str] = []  # never changes once migrated: read once (limits.install checks tokens with it too)

    def _token_device(authorization: str) -> str:
        """The device a valid access token names; 401 if the token is not (or no longer) valid."""
        token = authorization.removeprefix("Bearer ").strip()
        if token and not secret:
            with engine.connect().execution_options(**one_read) as conn:
                secret.append(meta(conn, "secret"))
        device = auth.access_device(secret[0], token) if token else None
        if device is None:
            raise _fail(401, "token_invalid", "访问凭证无效或已过期，请重新获取。")
        return device

    def _enrolled(row: Any) -> Any:
        """The device's row (with the server's epoch); 403 if the device is unknown or revoked."""
        if row is None or row.revoked:
            raise _fail(403, "device_revoked", "本机已被中心停用，无法同步。请联系信息技术人员。")
        return row

    def _seen_due(row: Any) -> datetime | None:
        """The time to record as the device's last contact, or None: written at most once a minute per counter."""
        now = clock()
        return now if row.last_seen is None or now - row.last_seen > LAST_SEEN_EVERY else None

    def _device(authorization: str) -> tuple[str, Any]:
        """The device a valid access token names and its row, one statement; 401/403 as the token or the
        device is not (or no longer) valid."""
        device = _token_device(authorization)
        with engine.connect().execution_options(**one_read) as conn:
            row = _enrolled(conn.execute(_DEVICE_ROW, {"device": device}).first())
        if (now := _seen_due(row)) is not None:
            with engine.begin() as conn:  # outside the pushes' writer lock
                conn.execute(_SEEN, {"device": device, "now": now})
        return device, row

    def device_of(authorization: Annotated[str, Header()] = "") -> str:
        return _device(authorization)[0]

    def admin(authorization: Annotated[str, Header()] = "") -> None:
        token = authorization.removeprefix("Bearer ").strip()
        with engine.connect() as conn:
            if not token or not auth.check_admin(conn, token, clock()):
                raise _fail(403, "admin_required", "需要有效的管理员令牌（令牌可能已过期或已吊销）。")

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        with engine.connect() as conn:
            return {"status": "ok", "epoch": meta(conn, "epoch")}

    @app.get("/v1/hello", response_model=p.Hello)
    def hello() -> p.Hello:
        with engine.connect() as conn:
            return p.Hello(protocol_version=p.PROTOCOL_VERSION,
                           schema_versions=list(range(p.MIN_SCHEMA_VERSION, p.SCHEMA_VERSION + 1)),
                           server_epoch=meta(conn, "epoch"), server_time=clock().isoformat())

    @app.post("/v1/enroll", response_model=p.EnrolResponse, responses=_errors(403))
    def enroll(body: p.EnrolRequest) -> p.EnrolResponse:
        with writer(engine) as conn:
            got = auth.enrol(conn, body.code, body.device_name, clock(), body.nonce)
            if got is None:
                raise _fail(403, "bad_code", "注册码无效、已使用或已过期，请向信息技术人员重新申请。")
            device_id, token, center, window = got
            epoch = meta(conn, "epoch")
        _log("enrolled", device=device_id, center=center, window=window)
        return p.EnrolResponse(device_id=device_id, refresh_token=token, center_code=center, window=window,
                               server_epoch=epoch)

    @app.post("/v1/token", response_model=p.TokenResponse, responses=_errors(403))
    def token(body: p.TokenRequest) -> p.TokenResponse:
        with engine.connect() as conn:
            state = auth.check_refresh(conn, body.device_id, body.refresh_token)
            if state == "revoked":
                raise _fail(403, "device_revoked", "本机已被中心停用，无法同步。请联系信息技术人员。")
            if state != "ok":
                raise _fail(403, "bad_refresh_token", "本机的注册凭证无效，请重新注册本机。")
            return p.TokenResponse(access_token=auth.issue_access(conn, body.device_id, access_ttl_s),
                                   expires_in=access_ttl_s)

    def _push_once(tenant: apply.Tenant, epoch: str, body: p.PushRequest, conn: Connection) -> p.PushResponse:
        # Only the device's center's feed is locked: other centers' pushes run meanwhile.
        with holding_feed(conn, tenant.center):
            reply = apply.push(conn, tenant.device, body.mutations, clock(), tenant, epoch)
            chains.check(conn, tenant.device, body.audit_chain, body.mutations, clock(), tenant.center)
        return reply

    def _push(authorization: str, content_type: str | None, raw: bytes) -> Response:
        """A push from the token check to the reply, all in one trip through the thread pool and on one
        connection: the token and device first (401/403 before the body is even parsed, as the ``Depends``
        of the other endpoints), then the body (422), then the writes. The device is read in the push's own
        transaction (its first statement, sent with the ``BEGIN``), so a revoked device is refused at once,
        as before, with one pool checkout and two round trips fewer than a read of its own."""
        device = _token_device(authorization)
        with engine.connect().execution_options(writer=True, **{INDEX_READS: True}) as conn:
            row = _enrolled(read_first(conn, _DEVICE_ROW, {"device": device}))
            if (now := _seen_due(row)) is not None:
                # Committed at once (a push refused below still counts as seen), before the feed is locked.
                conn.execute(_SEEN, {"device": device, "now": now})
                conn.commit()
            tenant, epoch = apply.Tenant(device=device, center=row.center_code, window=row.window), row.epoch
            body = _push_body(content_type, raw)
            if body.device_id != device:
                raise _fail(403, "wrong_device", "请求中的设备编号与凭证不符。")
            if body.protocol_version != p.PROTOCOL_VERSION:
                raise _fail(409, "protocol_version", "客户端与中心服务器的通信协议版本不一致，请升级客户端。")
            try:
                reply = _push_once(tenant, epoch, body, conn)
            except IntegrityError:
                # Two centers' pushes no longer wait on each other; both inserting the same record id (never
                # by chance: UUIDv7) is settled by the database, and the push that lost runs again and now
                # sees the other center's record (refused as foreign, like any other such push).
                reply = _push_once(apply.Tenant(device=device, center=tenant.center, window=tenant.window),
                                   epoch, body, conn)
        counts: dict[str, int] = {}
        for r in reply.results:
            counts[r.outcome] = counts.get(r.outcome, 0) + 1
        _log("push", device=device, received=len(body.mutations), outcomes=counts, last_seq=reply.last_seq)
        # The bytes FastAPI would write for the model (its response_model dump), without validating again
        # a reply built from validated models.
        return Response(reply.model_dump_json(), media_type="application/json")

    @app.post("/v1/push", response_model=p.PushResponse, responses=_errors(*_DEVICE, 409),
              openapi_extra={"requestBody": {"content": {"application/json": {"schema": {
                  "$ref": "#/components/schemas/PushRequest"}}}, "required": True}})
    async def push(request: Request, authorization: Annotated[str, Header()] = "") -> Response:
        # Served by ``push_direct`` (``_DirectPush`` answers every POST before the router): this route is
        # the documented one, and does the same. The body is read here and parsed in the thread, after the
        # token check: declared as a parameter, FastAPI would parse it before a ``Depends`` ran (two trips
        # through the thread pool per push, each a wake-up of a worker thread, were a tenth of the center's
        # CPU under load).
        raw = await request.body()
        return await run_in_threadpool(_push, authorization, request.headers.get("content-type"), raw)

    async def push_direct(scope: Scope, receive: Receive, send: Send) -> None:
        """What the route above does, its errors answered by the app's own handlers (the same envelope)."""
        request = Request(scope, receive)
        try:
            raw = await request.body()
            response = await run_in_threadpool(_push, request.headers.get("authorization", ""),
                                               request.headers.get("content-type"), raw)
        except (StarletteHTTPException, RequestValidationError) as exc:
            handler = next(app.exception_handlers[k] for k in type(exc).__mro__ if k in app.exception_handlers)
            answer = handler(request, exc)
            response = await answer if inspect.isawaitable(answer) else answer
        await response(scope, receive, send)

    direct["push"] = push_direct

    @app.get("/v1/pull", response_model=p.PullResponse, responses=_errors(*_DEVICE, 410))
    def pull(device: Annotated[str, Depends(device_of)], cursor: Annotated[int, Query(ge=0, le=INT64_MAX)] = 0,
             limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1000) -> Response:
        with read.connect().execution_options(**snapshot) as conn, conn.begin():
            if snapshot:
                # Before the snapshot is taken: a month of the log is dropped only while no pull holds this
                # lock, so no pull that read an older retention floor still reads (retention.drop_partitions).
                conn.exec_driver_sql("LOCK TABLE changes IN ACCESS SHARE MODE")
            # Only the device's center, and inside it what its scope allows (tenancy.py).
            if read is engine:
                reach = tenancy.reach_of(conn, device)
            else:  # a device enrolled a moment ago may not be on the replica yet
                with engine.connect() as primary:
                    reach = tenancy.reach_of(primary, device)
            floor = retention.floor_of(conn, reach.center)
            where, at = retention.position(cursor, floor)
            if where == "pruned":
                raise _fail(410, "cursor_pruned", "本机上次同步距今太久，中心已清理早于该位置的变更记录；"
                                                  "本机将从头重新接收数据（本机尚未上传的修改保留）。")
            if where == "records":
                epoch = meta(conn, "epoch")
                page, next_cursor = retention.snapshot_page(conn, reach, at, floor, limit)
                acks.record(device, reach.center, at, True, clock())
                q = encode_basestring_ascii
                body = ",".join(
                    f'{{"seq":{c["seq"]},"tx":{c["tx"]},"entity":{q(c["entity"])},'
                    f'"entity_id":{q(c["entity_id"])},"op":"{c["op"]}","data":{c["data"]},'
                    f'"origin":{q(c["origin"])},"hlc":{q(c["hlc"])}}}' for c in page)
                tail = json.dumps({"next_cursor": next_cursor, "has_more": True, "server_epoch": epoch})
                return Response(f'{{"changes":[{body}],{tail[1:]}', media_type="application/json")
            mine = tenancy.visible(reach)
            cursor = at
            columns = _PAGE_COLUMNS[conn.dialect.name]
            rows: list[Row[Any]] = list(conn.execute(select(*columns).where(and_(mine, changes.c.seq > cursor))
                                                     .order_by(changes.c.seq).limit(limit + 1)).all())
            has_more = len(rows) > limit
            rows = rows[:limit]
            if has_more and rows:
                # Never split one server transaction across pages. Its changes hold consecutive seqs of the
                # feed from ``tx`` on (db.next_change_seq), so the rest of it ends before the next change of
                # another transaction: found first, it bounds the scan, which otherwise read the whole rest
                # of the feed for every page (0.5 s a page at the start of a 100,000-case pull).
                last = rows[-1]
                rest = [mine, changes.c.tx == last.tx, changes.c.seq > last.seq]
                end = conn.execute(select(changes.c.seq).where(
                    changes.c.center_code == reach.center, changes.c.seq > last.seq, changes.c.tx != last.tx)
                    .order_by(changes.c.seq).limit(1)).scalar()
                if end is not None:
                    rest.append(changes.c.seq < end)
                rows += conn.execute(select(*columns).where(and_(*rest)).order_by(changes.c.seq)).all()
                has_more = conn.execute(select(changes.c.seq).where(and_(mine, changes.c.seq > rows[-1].seq))
                                        .limit(1)).first() is not None
            epoch = meta(conn, "epoch")
            next_cursor = rows[-1].seq if rows else cursor
            if not has_more and reach.scope == "window":
                # Nothing more this device may see: its cursor goes to the feed's head as this snapshot has
                # it (every seq below a visible one has committed), not to its last visible change, so that
                # a window's counter does not hold back the retention of its center's log.
                head = conn.execute(select(func.max(changes.c.seq))
                                    .where(changes.c.center_code == reach.center)).scalar()
                next_cursor = max(next_cursor, int(head or 0))
        acks.record(device, reach.center, cursor, False, clock())
        # The change log already holds each record as JSON: the page is written around it (by the database,
        # _change_json), not parsed into models and serialised again.
        body = ",".join([r.json for r in rows])
        tail = json.dumps({"next_cursor": next_cursor, "has_more": has_more, "server_epoch": epoch})
        return Response(f'{{"changes":[{body}],{tail[1:]}', media_type="application/json")

    @app.get("/v1/stats", responses=_errors(403))
    def stats(_: Annotated[None, Depends(admin)]) -> dict[str, Any]:
        with read.connect() as conn:
            per_entity: dict[str, int] = dict(conn.execute(
                select(records.c.entity, func.count()).where(~records.c.deleted).group_by(records.c.entity)).all())
            return {"entities": per_entity,
                    "ledger": conn.execute(select(func.count()).select_from(ledger)).scalar(),
                    "conflicts_open": conn.execute(select(func.count()).select_from(conflicts)
                                                   .where(conflicts.c.resolved_at.is_(None))).scalar(),
                    "quarantined": conn.execute(select(func.count()).select_from(quarantine)).scalar(),
                    "devices": conn.execute(select(func.count()).select_from(devices)).scalar(),
                    "epoch": meta(conn, "epoch")}

    @app.get("/v1/conflicts", responses=_errors(403))
    def conflict_inbox(_: Annotated[None, Depends(admin)]) -> list[dict[str, Any]]:
        with engine.connect() as conn:
            rows = conn.execute(select(conflicts).where(conflicts.c.resolved_at.is_(None))
                                .order_by(conflicts.c.id)).all()
        return [{"id": r.id, "device_id": r.device_id, "entity": r.entity, "entity_id": r.entity_id,
                 "code": r.code, "message": r.message, "mutations": json.loads(r.mutations),
                 "server_state": json.loads(r.server_state), "created_at": r.created_at.isoformat()}
                for r in rows]

    documented = app.openapi

    def openapi() -> dict[str, Any]:
        first = app.openapi_schema is None
        spec = documented()
        if first:  # the push's body (read by the handler itself, see push) documented as if declared
            shadow = get_openapi(title="", version="", routes=[APIRoute("/", _declared_push, methods=["POST"])])
            schemas = spec.setdefault("components", {}).setdefault("schemas", {})
            todo = ["PushRequest"]  # and the schemas it refers to (not FastAPI's 422 it never answers)
            while todo:
                name = todo.pop()
                if name not in schemas:
                    schemas[name] = shadow["components"]["schemas"][name]
                    todo += re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(schemas[name]))
        return spec

    app.openapi = openapi  # type: ignore[method-assign]

    from sync.server import distribute_api

    distribute_api.install(app, engine, device_of, _errors(*_DEVICE))
    blob_api.install(app, engine, blob_store, limits_, device_of, clock, ErrorResponse)
    chains.install(app, engine, device_of, _errors(*_DEVICE))
    return app
