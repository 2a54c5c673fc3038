"""A local stand-in of an SMS gateway (no real gateway is reachable here, and none may be texted).

It records each message by idempotency key, as a gateway that can be trusted with resends must: the first
arrival of a key is kept (and would be sent to the phone), a later one is answered ``{"duplicate": true}``.
It can fail (HTTP 503, nothing recorded), time out (recorded, then the reply comes after the caller gave
up), and refuse a number (HTTP 400 whose text echoes the number, as real gateways do) — the rates drawn
from a seeded generator (or asked for in order by ``plan``), so a run can be repeated.
"""

from __future__ import annotations

import asyncio
import json
import random
import threading
from dataclasses import dataclass, field
from typing import Any

from province_standin import read_body, reply


@dataclass
class SmsGateway:
    fail_rate: float = 0.0
    timeout_rate: float = 0.0
    hang_s: float = 1.0
    seed: int = 1
    refuse: set[str] = field(default_factory=set)  # phone numbers answered 400
    plan: list[str] = field(default_factory=list)  # the first calls' faults in order ("fail", "timeout", "ok")
    received: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: int = 0
    duplicates: int = 0
    failures: int = 0
    timeouts: int = 0

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = await read_body(receive)
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        key = headers.get("idempotency-key", "")
        with self._lock:
            self.calls += 1
            draw = self._rng.random()
            if self.plan:  # a fault asked for in order, whatever the rates draw
                draw = {"fail": -1.0, "timeout": self.fail_rate, "ok": 1.0}[self.plan.pop(0)]
        try:
            payload = json.loads(body)
        except ValueError:
            return await reply(send, 400, {"message": "not JSON"})
        if not key or not isinstance(payload, dict) or not payload.get("phone") or not payload.get("text"):
            return await reply(send, 400, {"message": "phone, text and Idempotency-Key are required"})
        if payload["phone"] in self.refuse:
            return await reply(send, 400, {"message": f"号码 {payload['phone']} 已停机"})
        if draw < self.fail_rate:
            self.failures += 1
            return await reply(send, 503, {"message": "busy"})
        with self._lock:
            duplicate = key in self.received
            if duplicate:
                self.duplicates += 1
            else:
                self.received[key] = {"path": scope["path"], "payload": payload,
                                      "auth": headers.get("authorization", "")}
        if draw < self.fail_rate + self.timeout_rate:
            self.timeouts += 1
            await asyncio.sleep(self.hang_s)  # sent, but the answer comes after the caller gave up
        return await reply(send, 200, {"code": "0", "duplicate": duplicate})

