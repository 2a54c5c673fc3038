"""Runs a device simulator on the far end of real bytes: a pseudo-terminal or a loopback socket.

Public API: ``ByteHandler`` (protocol the simulators implement), ``PtyHost`` (``.port`` is the
slave path to open with pyserial), ``TcpHost`` (``.url`` is ``tcp://127.0.0.1:PORT``,
``.socket_url`` the pyserial ``socket://`` form). Both run one daemon thread; ``close()`` stops it.
POSIX only: on Windows use com0com pairs (docs/devices.md E).
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import socket
import threading
import time
from collections.abc import Callable
from typing import Protocol

log = logging.getLogger("clerk_app.devices.sim")

Writer = Callable[[bytes], None]


class ByteHandler(Protocol):
    def on_bytes(self, data: bytes, write: Writer) -> None:
        """Consume bytes from the host; answer through ``write`` (may pace or split)."""
        ...

    def on_disconnect(self) -> None: ...


class PtyHost:
    def __init__(self, handler: ByteHandler) -> None:
        import tty

        self.handler = handler
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no line discipline: bytes pass untouched
        self.port = os.ttyname(self._slave)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=f"sim-pty-{self.port}", daemon=True)
        self._thread.start()

    def _write(self, data: bytes) -> None:
        with self._lock:
            view = memoryview(data)
            while view and not self._stop.is_set():
                try:
                    n = os.write(self._master, view)
                except BlockingIOError:
                    time.sleep(0.001)
                    continue
                except OSError:
                    return
                view = view[n:]

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self._master], [], [], 0.05)
                if not ready:
                    continue
                data = os.read(self._master, 4096)
            except OSError:
                return
            if data:
                try:
                    self.handler.on_bytes(data, self._write)
                except Exception:  # a simulator bug must not kill the host thread silently
                    log.exception("simulator failed on %d bytes", len(data))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)


class TcpHost:
    """Accepts connections on 127.0.0.1 one after the other (a printer serves one client)."""

    def __init__(self, handler: ByteHandler, port: int = 0) -> None:
        self.handler = handler
        self._srv = socket.create_server(("127.0.0.1", port))
        self._srv.settimeout(0.05)
        self.port = self._srv.getsockname()[1]
        self.url = f"tcp://127.0.0.1:{self.port}"
        self.socket_url = f"socket://127.0.0.1:{self.port}"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"sim-tcp-{self.port}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._srv.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._serve(conn)

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(0.05)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def write(data: bytes) -> None:
            with contextlib.suppress(OSError):
                conn.sendall(data)

        with conn:
            while not self._stop.is_set():
                try:
                    data = conn.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not data:
                    break
                try:
                    self.handler.on_bytes(data, write)
                except Exception:
                    log.exception("simulator failed on %d bytes", len(data))
        self.handler.on_disconnect()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1)
        self._srv.close()
