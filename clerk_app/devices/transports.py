"""Byte transports behind one small interface: serial (any pyserial URL) and raw TCP.

Public API: ``Transport`` (protocol), ``open_transport(url, baudrate=..., timeout=...)``,
``SerialTransport``, ``TcpTransport``. ``sim:`` URLs are resolved by the device manager before
they reach here (a simulator is started and its pty or port is substituted).
"""

from __future__ import annotations

import logging
import socket
import time
from typing import Protocol
from urllib.parse import urlsplit

from clerk_app.devices.base import DeviceError, DeviceState

log = logging.getLogger("clerk_app.devices")


class Transport(Protocol):
    url: str

    def write(self, data: bytes) -> None: ...

    def read(self, n: int, timeout: float) -> bytes:
        """Up to ``n`` bytes; returns what arrived within ``timeout`` seconds (maybe b"")."""
        ...

    def reset_input(self) -> None: ...

    def close(self) -> None: ...


def _not_connected(url: str, exc: BaseException) -> DeviceError:
    return DeviceError(
        "device.cannot_open", url=url,
        state=DeviceState.NOT_CONNECTED,
        detail=repr(exc),
    )


def _lost(url: str, exc: BaseException) -> DeviceError:
    return DeviceError(
        "device.connection_lost", url=url,
        state=DeviceState.NOT_CONNECTED,
        detail=repr(exc),
    )


class SerialTransport:
    """pyserial port from a URL: /dev/ttyUSB0, COM3, socket://host:port, loop:// ..."""

    def __init__(self, url: str, baudrate: int = 115200) -> None:
        import serial

        self.url = url
        try:
            self._port = serial.serial_for_url(url, baudrate=baudrate, timeout=0, write_timeout=2.0)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise _not_connected(url, exc) from exc

    def write(self, data: bytes) -> None:
        try:
            self._port.write(data)
            self._port.flush()
        except Exception as exc:  # pyserial raises SerialException, OSError or its own timeout
            raise _lost(self.url, exc) from exc

    def read(self, n: int, timeout: float) -> bytes:
        try:
            self._port.timeout = max(0.0, timeout)
            return bytes(self._port.read(n))
        except Exception as exc:
            raise _lost(self.url, exc) from exc

    def reset_input(self) -> None:
        try:
            self._port.reset_input_buffer()
        except Exception as exc:
            raise _lost(self.url, exc) from exc

    def close(self) -> None:
        try:
            self._port.close()
        except Exception:  # closing a vanished device must not mask the original fault
            log.debug("close failed for %s", self.url, exc_info=True)


class TcpTransport:
    """tcp://host:port, e.g. a network receipt printer on port 9100."""

    def __init__(self, url: str, connect_timeout: float = 3.0) -> None:
        self.url = url
        parts = urlsplit(url)
        if not parts.hostname:
            raise DeviceError("device.bad_address", url=url)
        port = parts.port or 9100
        try:
            self._sock = socket.create_connection((parts.hostname, port), timeout=connect_timeout)
        except OSError as exc:
            raise _not_connected(url, exc) from exc
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def write(self, data: bytes) -> None:
        try:
            self._sock.settimeout(5.0)
            self._sock.sendall(data)
        except OSError as exc:
            raise _lost(self.url, exc) from exc

    def read(self, n: int, timeout: float) -> bytes:
        deadline = time.monotonic() + timeout
        buf = bytearray()
        while len(buf) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            self._sock.settimeout(left)
            try:
                chunk = self._sock.recv(n - len(buf))
            except TimeoutError:
                break
            except OSError as exc:
                raise _lost(self.url, exc) from exc
            if not chunk:
                if buf:
                    break
                raise _lost(self.url, ConnectionResetError("peer closed"))
            buf += chunk
        return bytes(buf)

    def reset_input(self) -> None:
        self._sock.setblocking(False)
        try:
            while self._sock.recv(4096):
                pass
        except (BlockingIOError, OSError):
            pass
        finally:
            self._sock.setblocking(True)

    def close(self) -> None:
        try:
            self._sock.close()
        except OSError:
            log.debug("close failed for %s", self.url, exc_info=True)


def open_transport(url: str, *, baudrate: int = 115200) -> Transport:
    if url.startswith("tcp://"):
        return TcpTransport(url)
    if url.startswith("sim:"):
        raise DeviceError("device.sim_via_manager", detail=url)
    return SerialTransport(url, baudrate=baudrate)
