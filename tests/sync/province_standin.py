"""A local stand-in of a provincial exchange interface (no provincial endpoint is reachable here).

It records what it receives by idempotency key, as a real platform must: the first arrival of a key is
kept, a later one is answered ``{"duplicate": true}``. It can fail (HTTP 500, nothing recorded), time
out (recorded, then the reply comes too late: the sender must resend and be told "duplicate"), lose
its reply after recording (500 after recording) and reject a record (HTTP 400) — each with a set rate,
drawn from a seeded generator so that a run can be repeated.
"""

from __future__ import annotations

import asyncio
import json
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class StandIn:
    fail_rate: float = 0.0
    timeout_rate: float = 0.0
    lost_reply_rate: float = 0.0
    hang_s: float = 1.0
    seed: int = 1
    reject_if: Any = None  # callable(payload) -> str | None: a 400 with that message
    hold: threading.Event | None = None  # while set... requests wait until it is cleared
    received: dict[str, dict[str, Any]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    calls: int = 0
    duplicates: int = 0
    failures: int = 0
    timeouts: int = 0
    in_flight: int = 0

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = await read_body(receive)
        if scope["path"] == "/stats":  # for a benchmark that runs the stand-in in its own process
            return await reply(send, 200, {"received": len(self.received), "calls": self.calls,
                                            "duplicates": self.duplicates, "failures": self.failures,
                                            "timeouts": self.timeouts})
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        key = headers.get("idempotency-key", "")
        with self._lock:
            self.calls += 1
            self.in_flight += 1
            draw = self._rng.random()
        try:
            while self.hold is not None and self.hold.is_set():
                await asyncio.sleep(0.02)
            try:
                payload = json.loads(body)
            except ValueError:
                return await reply(send, 400, {"message": "报文不是 JSON"})
            if not key or not isinstance(payload, dict) or not payload.get("projid"):
                return await reply(send, 400, {"message": "缺少办件编号或幂等键"})
            if self.reject_if is not None and (why := self.reject_if(payload)):
                return await reply(send, 400, {"message": why})
            if draw < self.fail_rate:
                self.failures += 1
                return await reply(send, 500, {"message": "系统繁忙"})
            with self._lock:
                duplicate = key in self.received
                if duplicate:
                    self.duplicates += 1
                else:
                    self.received[key] = {"path": scope["path"], "payload": payload, "at": time.monotonic()}
                    self.order.append(key)
            if draw < self.fail_rate + self.timeout_rate:
                self.timeouts += 1
                await asyncio.sleep(self.hang_s)  # processed, but the answer comes after the caller gave up
            elif draw < self.fail_rate + self.timeout_rate + self.lost_reply_rate:
                return await reply(send, 502, {"message": "网关错误"})
            return await reply(send, 200, {"code": "0", "duplicate": duplicate})
        finally:
            with self._lock:
                self.in_flight -= 1


async def read_body(receive: Any) -> bytes:
    """The whole request body of an ASGI call."""
    body = b""
    while True:
        msg = await receive()
        body += msg.get("body", b"")
        if not msg.get("more_body"):
            return body


async def reply(send: Any, status: int, body: dict[str, Any]) -> None:
    """A JSON answer, as the peers this stands in for give it."""
    raw = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())]})
    await send({"type": "http.response.body", "body": raw})


def serve(app: Any) -> tuple[Any, threading.Thread, str]:
    # Imported here: main() runs this file as a subprocess that needs none of the test helpers.
    from sync_helpers import start_server

    return start_server(app, timeout_graceful_shutdown=1)  # a request told to hang does not hold the stop


@contextmanager
def stand_ins(factory: Callable[..., T]) -> Iterator[Callable[..., tuple[T, str]]]:
    """``make(**settings)`` starts ``factory(**settings)`` on a free port and gives it with its URL; every
    one started is stopped when the block ends (a test fixture's body)."""
    running: list[tuple[Any, threading.Thread]] = []

    def make(**settings: Any) -> tuple[T, str]:
        app = factory(**settings)
        server, thread, url = serve(app)
        running.append((server, thread))
        return app, url

    try:
        yield make
    finally:
        for server, thread in running:
            server.should_exit = True
            thread.join(10)


def main() -> None:
    """``python province_standin.py PORT FAIL TIMEOUT LOST HANG``: serve until killed."""
    import sys

    import uvicorn

    port, fail, timeout, lost, hang = sys.argv[1:6]
    app = StandIn(fail_rate=float(fail), timeout_rate=float(timeout), lost_reply_rate=float(lost),
                  hang_s=float(hang), seed=11)
    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning", lifespan="off")


if __name__ == "__main__":
    main()
