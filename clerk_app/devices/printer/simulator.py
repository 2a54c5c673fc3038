"""A receipt printer on loopback TCP (port-9100 style) or a pty: records bytes, answers DLE EOT.

Public API: ``PrinterSimulator`` (flags ``paper_out``, ``cover_open``, ``paper_near_end``,
``offline``, ``error``; ``printed`` bytes; ``jobs_text()``), ``start_tcp_printer()``.
"""

from __future__ import annotations

import threading

from clerk_app.devices.printer.status import DLE_EOT
from clerk_app.devices.simhost import TcpHost, Writer


class PrinterSimulator:
    def __init__(self) -> None:
        self.paper_out = self.cover_open = self.paper_near_end = self.offline = self.error = False
        self.silent = False  # a printer that takes bytes but never answers status
        self.printed = bytearray()
        self.discarded = bytearray()  # bytes sent while the printer could not print
        self._pending = b""
        self._lock = threading.Lock()

    def status_byte(self, n: int) -> int:
        b = 0x12
        if n == 1 and (self.offline or self.paper_out or self.cover_open or self.error):
            b |= 0x08
        if n == 2:
            b |= (0x04 if self.cover_open else 0) | (0x20 if self.paper_out else 0) | (0x40 if self.error else 0)
        if n == 4:
            b |= (0x0C if self.paper_near_end or self.paper_out else 0) | (0x60 if self.paper_out else 0)
        return b

    def on_disconnect(self) -> None:
        self._pending = b""

    def on_bytes(self, data: bytes, write: Writer) -> None:
        with self._lock:
            buf = self._pending + data
            self._pending = b""
            out = bytearray()
            i = 0
            while i < len(buf):
                if buf.startswith(DLE_EOT, i):
                    if i + 2 >= len(buf):
                        self._pending = buf[i:]
                        break
                    if not self.silent:
                        write(bytes([self.status_byte(buf[i + 2])]))
                    i += 3
                    continue
                if buf[i] == 0x10 and i + 1 == len(buf):
                    self._pending = buf[i:]
                    break
                out.append(buf[i])
                i += 1
            can_print = not (self.offline or self.paper_out or self.cover_open or self.error)
            (self.printed if can_print else self.discarded).extend(out)

    def jobs_text(self, encoding: str = "gb18030") -> str:
        """The printable text of everything received, for people and tests to read."""
        import re

        data = bytes(self.printed)
        data = re.sub(rb"\x1d\(k(..)", lambda m: b"", data, flags=re.S)  # QR headers; payload stays
        data = re.sub(rb"\x1b[@]|\x1c[&.]|\x1b[aEd!].|\x1d[!].|\x1dV[\x00\x01]|\x1dV[AB].", b"", data, flags=re.S)
        return data.decode(encoding, errors="replace")


def start_tcp_printer(port: int = 0) -> tuple[TcpHost, PrinterSimulator]:
    sim = PrinterSimulator()
    return TcpHost(sim, port=port), sim
