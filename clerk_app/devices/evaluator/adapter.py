"""Serial keypad evaluator. Public API: ``KeypadEvaluator(transport)`` with ``hello()``,
``ask(case_no, timeout, cancel=None) -> Rating``, ``pause()``, ``resume()``."""

from __future__ import annotations

import threading
import time

from clerk_app.devices.base import DeviceError, DeviceTimeout
from clerk_app.devices.evaluator.protocol import LEVELS, Rating, check_case_no, encode_line, parse_line
from clerk_app.devices.transports import Transport

REPLY_TIMEOUT = 1.0


class KeypadEvaluator:
    def __init__(self, transport: Transport) -> None:
        self.transport = transport
        self._buf = b""

    def close(self) -> None:
        self.transport.close()

    def _readline(self, timeout: float) -> list[str] | None:
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self._buf += self.transport.read(64, min(left, 0.1))
        line, self._buf = self._buf.split(b"\n", 1)
        return parse_line(line)

    def _command(self, *parts: str) -> list[str]:
        self.transport.write(encode_line(*parts))
        reply = self._readline(REPLY_TIMEOUT)
        if reply is None:
            raise DeviceTimeout("evaluator.no_answer", detail=" ".join(parts))
        if not reply or reply[0] != "OK":
            raise DeviceError("evaluator.refused", detail=f"{parts} -> {reply}")
        return reply

    def hello(self) -> str:
        self.transport.reset_input()
        self._buf = b""
        return " ".join(self._command("HELLO")[1:])

    def pause(self) -> None:
        self._command("PAUSE")

    def resume(self) -> None:
        self._command("RESUME")

    def ask(self, case_no: str, timeout: float, cancel: threading.Event | None = None) -> Rating:
        """Waits for a key press; timeout or cancel gives an explicit "not rated"."""
        self._command("ASK", check_case_no(case_no))
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            if cancel is not None and cancel.is_set():
                break
            line = self._readline(min(left, 0.2))
            if line and line[0] == "RATE" and len(line) == 3 and line[1] == case_no \
                    and line[2].isdigit() and int(line[2]) in LEVELS:
                return Rating(case_no, int(line[2]), "keypad")
        self.transport.write(encode_line("CANCEL"))
        return Rating(case_no, None, "keypad")
