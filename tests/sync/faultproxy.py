"""A real TCP proxy on 127.0.0.1 that understands just enough HTTP/1.1 to hurt it in the ways a flaky
network between a counter and the center does.

Each client connection carries one request (the proxy answers with ``Connection: close``). Per request,
drawn from a seeded RNG:

* drop the request: close the client's connection before anything reaches the center;
* drop the response: forward the request, let the center commit, then close without replying;
* duplicate: send the request to the center twice and answer with the second reply (a retry that
  overtook its original);
* delay: sleep before forwarding;
* cut: forward the headers and only part of a request body, then close both sides (a link that
  died in the middle of an upload) — only for requests whose path starts with ``cut_paths``;
* partition: refuse everything (the center is unreachable).

The proxy runs its own asyncio loop in a daemon thread; ``stats`` counts what it did so that a test
can show the faults really happened.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Faults:
    drop_request: float = 0.0
    drop_response: float = 0.0
    duplicate: float = 0.0
    delay: float = 0.0
    max_delay_s: float = 0.05
    cut: float = 0.0
    cut_paths: tuple[str, ...] = ()
    corrupt: float = 0.0  # flip one body byte of a cut_paths request (a bad link the TCP checksum missed)


@dataclass
class _Request:
    head: bytes
    body: bytes
    method: str = ""
    path: str = ""
    headers: dict[str, str] = field(default_factory=dict)


class FaultProxy:
    def __init__(self, upstream_port: int, faults: Faults | None = None, *, seed: int = 0) -> None:
        self.upstream_port = upstream_port
        self.faults = faults or Faults()
        self.rng = random.Random(seed)
        self.stats: Counter[str] = Counter()
        self.partitioned = False
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.AbstractServer | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="fault-proxy", daemon=True)
        self._lock = threading.Lock()

    # -- life cycle ------------------------------------------------------------------------------------
    def start(self) -> FaultProxy:
        if self._server is not None:
            return self
        self._thread.start()
        fut = asyncio.run_coroutine_threadsafe(asyncio.start_server(self._handle, "127.0.0.1", 0), self._loop)
        self._server = fut.result(10)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        async def _close() -> None:
            if self._server is not None:
                self._server.close()
                await self._server.wait_closed()

        if self._thread.is_alive():
            asyncio.run_coroutine_threadsafe(_close(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _draw(self) -> float:
        # Handlers run on one loop thread, but tests change faults from theirs: keep draws serialised.
        with self._lock:
            return self.rng.random()

    # -- one connection ----------------------------------------------------------------------------------
    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await self._serve(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            self.stats["broken"] += 1
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        req = await _read_request(reader)
        if req is None:
            return
        self.stats["requests"] += 1
        f = self.faults
        if self.partitioned:
            self.stats["partitioned"] += 1
            return
        if self._draw() < f.drop_request:
            self.stats["dropped_requests"] += 1
            return
        if self._draw() < f.delay:
            self.stats["delayed"] += 1
            await asyncio.sleep(self._draw() * f.max_delay_s)
        if f.cut_paths and req.path.startswith(f.cut_paths) and req.body:
            if self._draw() < f.corrupt:
                i = int(self._draw() * len(req.body))
                req.body = req.body[:i] + bytes([req.body[i] ^ 0xFF]) + req.body[i + 1:]
                self.stats["corrupted"] += 1
            if self._draw() < f.cut:
                await self._cut(req)
                return
        reply = await self._forward(req)
        if self._draw() < f.duplicate:
            self.stats["duplicated"] += 1
            reply = await self._forward(req)
        self.stats["forwarded"] += 1
        if self._draw() < f.drop_response:
            self.stats["dropped_responses"] += 1
            return
        writer.write(reply)
        await writer.drain()

    async def _forward(self, req: _Request) -> bytes:
        up_r, up_w = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        try:
            up_w.write(req.head + req.body)
            await up_w.drain()
            reply = await up_r.read()  # the request said Connection: close, so EOF ends the reply
        finally:
            up_w.close()
        return _force_close(reply)

    async def _cut(self, req: _Request) -> None:
        """Forward the headers and a random prefix of the body, then hang up on both sides."""
        keep = int(self._draw() * len(req.body))
        self.stats["cut"] += 1
        up_r, up_w = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        try:
            up_w.write(req.head + req.body[:keep])
            await up_w.drain()
            await asyncio.sleep(0.01)
        finally:
            up_w.close()


async def _read_request(reader: asyncio.StreamReader) -> _Request | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, path = (lines[0].split(" ") + ["", ""])[:2]
    headers: dict[str, str] = {}
    kept = [lines[0]]
    for line in lines[1:]:
        if not line:
            continue
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
        if name.strip().lower() not in ("connection", "keep-alive"):
            kept.append(line)
    if "chunked" in headers.get("transfer-encoding", ""):
        raise ConnectionError("chunked request bodies are not supported by the fault proxy")
    body = await reader.readexactly(int(headers.get("content-length", "0") or 0))
    kept.append("Connection: close")
    return _Request(head=("\r\n".join(kept) + "\r\n\r\n").encode("latin-1"), body=body, method=method, path=path,
                    headers=headers)


def _force_close(reply: bytes) -> bytes:
    """Make the reply say Connection: close, so the client opens a fresh connection for each request."""
    head, sep, body = reply.partition(b"\r\n\r\n")
    if not sep:
        return reply
    lines = [ln for ln in head.split(b"\r\n") if not ln.lower().startswith((b"connection:", b"keep-alive:"))]
    return b"\r\n".join(lines) + b"\r\nConnection: close\r\n\r\n" + body
