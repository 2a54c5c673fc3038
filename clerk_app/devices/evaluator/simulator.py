"""A keypad evaluator on a pty. Public API: ``KeypadSimulator`` (``press(level)``, ``auto_press``),
``start_pty_keypad()``."""

from __future__ import annotations

import threading

from clerk_app.devices.evaluator.protocol import LEVELS, encode_line, parse_line
from clerk_app.devices.simhost import PtyHost, Writer


class KeypadSimulator:
    def __init__(self, auto_press: int | None = None, delay: float = 0.2) -> None:
        self.auto_press = auto_press  # demo mode: answer every ASK with this level after ``delay``
        self.delay = delay
        self.asked: str | None = None
        self.paused = False
        self._buf = b""
        self._write: Writer | None = None
        self._lock = threading.Lock()

    def on_disconnect(self) -> None:
        self._buf = b""

    def press(self, level: int) -> bool:
        """A key press; sent only while a case is waiting for its rating."""
        with self._lock:
            if self.asked is None or self._write is None or level not in LEVELS or self.paused:
                return False
            case, self.asked = self.asked, None
            self._write(encode_line("RATE", case, str(level)))
            return True

    def on_bytes(self, data: bytes, write: Writer) -> None:
        self._write = write
        self._buf += data
        while b"\n" in self._buf:
            line, self._buf = self._buf.split(b"\n", 1)
            parts = parse_line(line)
            if not parts:
                continue
            cmd = parts[0]
            if cmd == "HELLO":
                write(encode_line("OK", "SIM-KEYPAD", "1.0"))
            elif cmd == "ASK" and len(parts) == 2:
                with self._lock:
                    self.asked = parts[1]
                write(encode_line("OK"))
                if self.auto_press is not None:
                    threading.Timer(self.delay, self.press, args=(self.auto_press,)).start()
            elif cmd in ("CANCEL", "PAUSE", "RESUME"):
                with self._lock:
                    if cmd == "CANCEL":
                        self.asked = None
                    else:
                        self.paused = cmd == "PAUSE"
                write(encode_line("OK"))
            else:
                write(encode_line("ERR", "unknown"))


def start_pty_keypad(auto_press: int | None = None) -> tuple[PtyHost, KeypadSimulator]:
    sim = KeypadSimulator(auto_press=auto_press)
    return PtyHost(sim), sim
