"""Real simulators on real bytes: a pty pair for serial devices, loopback TCP for printers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from clerk_app.devices.id_reader.adapter import Ga467Reader
from clerk_app.devices.id_reader.simulator import SamSimulator, start_pty_reader
from clerk_app.devices.simhost import PtyHost
from clerk_app.devices.transports import SerialTransport


@pytest.fixture
def sam_pty() -> Iterator[tuple[PtyHost, SamSimulator]]:
    host, sim = start_pty_reader()
    yield host, sim
    host.close()


@pytest.fixture
def reader(sam_pty: tuple[PtyHost, SamSimulator]) -> Iterator[Ga467Reader]:
    host, _ = sam_pty
    r = Ga467Reader(SerialTransport(host.port, baudrate=115200))
    yield r
    r.close()


@pytest.fixture
def sam(sam_pty: tuple[PtyHost, SamSimulator]) -> SamSimulator:
    return sam_pty[1]
