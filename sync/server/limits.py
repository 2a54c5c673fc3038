"""Limits before work: one ASGI middleware in front of the center's app.

In this order, before FastAPI reads or parses anything:
1. the request body is bounded per endpoint (``BODY_LIMITS``): a declared ``Content-Length`` above the
   bound is refused at once, a streamed body is counted and refused as soon as it passes the bound;
   nothing larger than the bound is ever held in memory;
2. ``/v1/push`` and ``PUT /v1/blobs`` need a correctly signed access token before their body is read
   (the full check — revoked device, expiry — stays in the handler);
3. the unauthenticated endpoints (``/v1/enroll``, ``/v1/token``) are rate-limited per client address:
   every refused attempt spends a token of that address's bucket, an empty bucket is a 429 with
   ``Retry-After``; each refusal is logged with the address only (never the code or token);
4. the heavy requests (push, pull, an attachment chunk, distribution, audit links: ``BUSY``) run at most
   ``max_busy`` at a time per worker process; above that the center answers 503 with ``Retry-After`` at
   once instead of queueing work it cannot finish in time.
Every refusal is the documented envelope ``{"detail": {"code", "message"}}`` with a Chinese message.
"""

from __future__ import annotations

import json
import logging
import math
import os
import random
import threading
import time
import traceback
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the center's web stack is imported where the app is built
    from fastapi import FastAPI
    from sqlalchemy import Engine

log = logging.getLogger("clerk.center")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

KIB, MIB = 1024, 1024 * 1024
# Bytes a request body may have, by (method, path prefix); the first match wins. Documented in
# docs/sync.md ("Limits"). A push carries at most 5,000 mutations; 16 MiB is about three times the
# largest seed/import transaction measured (5,000 applicants with addresses).
BODY_LIMITS: tuple[tuple[str, str, int], ...] = (
    ("POST", "/v1/enroll", 4 * KIB),
    ("POST", "/v1/token", 4 * KIB),
    ("POST", "/v1/push", 16 * MIB),
    ("PUT", "/v1/blobs/", 4 * MIB + 64 * KIB),  # one chunk (MAX_CHUNK) and nothing else
)
DEFAULT_BODY_LIMIT = 64 * KIB  # every other request (GETs carry none)
TOKEN_FIRST = (("POST", "/v1/push"), ("PUT", "/v1/blobs/"))
RATE_LIMITED = ("/v1/enroll", "/v1/token")
# The requests that read or write a counter's data in bulk, by (method, path prefix): bounded together.
BUSY: tuple[tuple[str, str], ...] = (("POST", "/v1/push"), ("GET", "/v1/pull"), ("PUT", "/v1/blobs/"),
                                     ("GET", "/v1/distribution"), ("GET", "/v1/audit/links"))


def is_busy(method: str, path: str) -> bool:
    return any(method == m and (path == prefix or (prefix.endswith("/") and path.startswith(prefix)))
               for m, prefix in BUSY)


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw.isdigit() else default


@dataclass
class Limits:
    """The center's limits; each has an environment variable (docs/sync.md) so IT can tune a hall."""

    # Failed enrol/token attempts an address may make at once, and how many seconds refill one.
    failures_burst: int = field(default_factory=lambda: _env_int("CLERK_CENTER_AUTH_BURST", 10))
    failure_refill_s: float = field(default_factory=lambda: float(_env_int("CLERK_CENTER_AUTH_REFILL_S", 6)))
    # Push/pull requests one worker process runs at once: its thread pool has 40 threads, more would
    # only queue there while the counter waits without knowing why.
    max_busy: int = field(default_factory=lambda: _env_int("CLERK_CENTER_MAX_BUSY", 40))
    busy_retry_after_s: int = field(default_factory=lambda: _env_int("CLERK_CENTER_BUSY_RETRY_S", 5))
    # Attachments: the largest file a counter may announce, the bytes one device may store, and the
    # hours after which an upload that never completed is deleted.
    max_blob_bytes: int = field(default_factory=lambda: _env_int("CLERK_CENTER_MAX_BLOB_MB", 200) * MIB)
    device_quota_bytes: int = field(default_factory=lambda: _env_int("CLERK_CENTER_DEVICE_QUOTA_MB", 20480) * MIB)
    device_pending_bytes: int = field(default_factory=lambda: _env_int("CLERK_CENTER_DEVICE_PENDING_MB", 512) * MIB)
    unfinished_upload_hours: int = field(default_factory=lambda: _env_int("CLERK_CENTER_UPLOAD_EXPIRY_H", 48))


def body_limit(method: str, path: str) -> int:
    for m, prefix, limit in BODY_LIMITS:
        if method == m and (path == prefix or (prefix.endswith("/") and path.startswith(prefix))):
            return limit
    return DEFAULT_BODY_LIMIT


def log_event(event: str, **fields: Any) -> None:
    log.info(json.dumps({"event": event, **fields}, ensure_ascii=False))


class _Bucket:
    __slots__ = ("tokens", "at")

    def __init__(self, tokens: float, at: float) -> None:
        self.tokens, self.at = tokens, at


class FailureLimiter:
    """A token bucket per (endpoint, address) spent only by refused attempts: a hall of honest counters
    behind one NAT address, refreshing tokens all day, is never slowed down; a guesser is."""

    MAX_KEYS = 100_000  # an attacker rotating addresses must not grow the worker without bound

    def __init__(self, burst: int, refill_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst, self.refill_s, self.clock = burst, refill_s, clock
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        self._lock = threading.Lock()

    def _bucket(self, key: tuple[str, str], now: float) -> _Bucket:
        b = self._buckets.get(key)
        if b is None:
            if len(self._buckets) >= self.MAX_KEYS:
                self._buckets.clear()
            b = self._buckets[key] = _Bucket(float(self.burst), now)
        b.tokens = min(float(self.burst), b.tokens + (now - b.at) / self.refill_s)
        b.at = now
        return b

    def wait_s(self, key: tuple[str, str]) -> int:
        """0 if this address may try now, else whole seconds until it may."""
        with self._lock:
            b = self._bucket(key, self.clock())
            return 0 if b.tokens >= 1 else max(1, math.ceil((1 - b.tokens) * self.refill_s))

    def failed(self, key: tuple[str, str]) -> None:
        with self._lock:
            b = self._bucket(key, self.clock())
            b.tokens = max(0.0, b.tokens - 1)


def _error_body(code: str, message: str) -> bytes:
    return json.dumps({"detail": {"code": code, "message": message}}, ensure_ascii=False).encode()


async def _respond(send: Send, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
    body = _error_body(code, message)
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
           # The body was not read: the connection cannot be reused for a next request.
           (b"connection", b"close")]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def too_large_message(limit: int) -> str:
    size = f"{limit // MIB} MB" if limit >= MIB else f"{limit // KIB} KB"
    return f"请求数据过大（此接口上限 {size}），中心未读取也未处理。"


class LimitsMiddleware:
    def __init__(self, app: ASGIApp, *, limits: Limits, token_ok: Callable[[str], bool]) -> None:
        self.app, self.limits, self.token_ok = app, limits, token_ok
        self.failures = FailureLimiter(limits.failures_burst, limits.failure_refill_s)
        self._busy = 0
        self._busy_lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self._dispatch(scope, receive, watch)
        except Exception as exc:  # noqa: BLE001 - the last line before uvicorn, which would log the text
            # An exception's text can render SQL parameters (citizen data, codes): the log gets its type
            # and where it happened, never its message; the client gets the envelope.
            log_event("server_error", path=scope["path"], error=type(exc).__name__,
                      cause=type(exc.__cause__).__name__ if exc.__cause__ else None,
                      where=_where(exc))
            if not started:
                await _respond(send, 500, "server_error", "中心服务器内部错误，请稍后重试；本机数据不受影响。")

    async def _dispatch(self, scope: Scope, receive: Receive, send: Send) -> None:
        method, path = scope["method"], scope["path"]
        limit = body_limit(method, path)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        declared = headers.get("content-length", "")
        if declared and (not declared.isdigit() or int(declared) > limit):
            if declared.isdigit():
                log_event("body_too_large", path=path, declared=int(declared), limit=limit, client=_client(scope))
                await _respond(send, 413, "body_too_large", too_large_message(limit))
            else:
                await _respond(send, 400, "bad_content_length", "请求头 Content-Length 格式不正确。")
            return
        if any(method == m and path.startswith(pre) for m, pre in TOKEN_FIRST):
            token = headers.get("authorization", "").removeprefix("Bearer ").strip()
            if not token or not self.token_ok(token):
                await _respond(send, 401, "token_invalid", "访问凭证无效或已过期，请重新获取。")
                return
        if method == "POST" and path in RATE_LIMITED:
            await self._rate_limited(scope, receive, send, limit)
            return
        if is_busy(method, path):
            with self._busy_lock:
                full = self._busy >= self.limits.max_busy
                if not full:
                    self._busy += 1
            if full:
                wait = self.limits.busy_retry_after_s + random.randint(0, self.limits.busy_retry_after_s)
                log_event("overloaded", path=path, busy=self._busy)
                await _respond(send, 503, "server_busy", f"中心服务器当前繁忙，请 {wait} 秒后重试；本机数据不受影响。",
                               {"Retry-After": str(wait)})
                return
            try:
                await self._bounded(scope, receive, send, limit)
            finally:
                with self._busy_lock:
                    self._busy -= 1
            return
        await self._bounded(scope, receive, send, limit)

    async def _bounded(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """Read the body up to ``limit`` (refusing it as soon as it passes), then run the app on it.
        Reading here rather than in the handler keeps the refusal a clean 413 (FastAPI would turn any
        error raised while it reads into its own 400) and never holds more than ``limit`` bytes."""
        parts: list[bytes] = []
        seen = 0
        last: Message | None = None
        while True:
            message = await receive()
            if message["type"] != "http.request":
                last = message  # the client went away mid-body: the app sees the same disconnect
                break
            body = message.get("body", b"")
            seen += len(body)
            if seen > limit:
                log_event("body_too_large", path=scope["path"], streamed=seen, limit=limit, client=_client(scope))
                await _respond(send, 413, "body_too_large", too_large_message(limit))
                return
            parts.append(body)
            if not message.get("more_body"):
                break
        replay: list[Message] = [last] if last is not None else \
            [{"type": "http.request", "body": b"".join(parts), "more_body": False}]
        parts.clear()

        async def replayed() -> Message:
            return replay.pop() if replay else await receive()

        await self.app(scope, replayed, send)

    async def _rate_limited(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        key = (scope["path"], _client(scope))
        wait = self.failures.wait_s(key)
        if wait:
            log_event("auth_rate_limited", path=key[0], client=key[1], retry_after=wait)
            await _respond(send, 429, "rate_limited", f"失败的尝试过多，请 {wait} 秒后再试。", {"Retry-After": str(wait)})
            return
        status = 0

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        await self._bounded(scope, receive, watch, limit)
        if 400 <= status < 500:
            self.failures.failed(key)
            # The address and the answer only: the code or token tried is never written anywhere.
            log_event("auth_failed", path=key[0], client=key[1], status=status)


def _where(exc: BaseException) -> list[str]:
    """The last frames of our own code (not the library's), file:line function, for the log."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/sync/" in f.filename or "/clerk_app/" in f.filename] or frames
    return [f"{f.filename.rsplit('/', 2)[-2]}/{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in ours[-5:]]


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "-"


def document(openapi: dict[str, Any], error_model_ref: dict[str, Any]) -> dict[str, Any]:
    """Add the middleware's answers to the OpenAPI document (clients and schemathesis rely on it)."""
    texts = {413: "Request body above this endpoint's limit (not read)", 429: "Too many failed attempts from "
             "this address; see Retry-After", 503: "Busy; see Retry-After", 401: "Missing, invalid or expired "
             "access token"}
    for path, ops in openapi.get("paths", {}).items():
        for method, op in ops.items():
            extra = [413]
            if method.upper() == "POST" and path in RATE_LIMITED:
                extra.append(429)
            if is_busy(method.upper(), path):
                extra.append(503)
            for code in extra:
                op.setdefault("responses", {}).setdefault(str(code), {
                    "description": texts[code], "content": {"application/json": {"schema": error_model_ref}}})
    return openapi


_STATUS_TEXT = {400: "请求格式不正确。", 401: "访问凭证无效或已过期，请重新获取。", 403: "请求被拒绝。",
                404: "没有这个接口或记录。", 405: "此接口不支持该请求方法。", 413: "请求数据过大，中心未处理。",
                415: "请求数据类型不正确。"}


def install(app: FastAPI, engine: Engine, limits: Limits) -> None:
    """Wire the middleware, the envelope for errors the handlers do not raise themselves (404, 405,
    an unexpected exception) and the documented answers into ``app``."""
    from fastapi.responses import JSONResponse
    from starlette.exceptions import HTTPException as StarletteHTTPException

    from sync.server import auth
    from sync.server.db import meta

    secret: list[str] = []

    def token_ok(token: str) -> bool:
        if not secret:  # never changes once migrated; read once per worker
            with engine.connect() as conn:
                secret.append(meta(conn, "secret"))
        return auth.access_device(secret[0], token) is not None

    app.add_middleware(LimitsMiddleware, limits=limits, token_ok=token_ok)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Any, exc: StarletteHTTPException) -> JSONResponse:
        detail: str | dict[str, Any] = exc.detail
        if not isinstance(detail, dict):
            detail = {"code": f"http_{exc.status_code}",
                      "message": _STATUS_TEXT.get(exc.status_code, f"请求未能处理（{exc.status_code}）。")}
        return JSONResponse(status_code=exc.status_code, content={"detail": detail}, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _crash(_request: Any, exc: Exception) -> JSONResponse:
        # The exception's text may render SQL parameters (citizen data): only its type is logged.
        log_event("server_error", error=type(exc).__name__)
        return JSONResponse(status_code=500, content={"detail": {
            "code": "server_error", "message": "中心服务器内部错误，请稍后重试；本机数据不受影响。"}})

    plain_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = plain_openapi()
            app.openapi_schema = document(spec, {"$ref": "#/components/schemas/ErrorResponse"})
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
