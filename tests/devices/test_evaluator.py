"""The keypad evaluator against its simulator over a pty."""

from __future__ import annotations

import threading

import pytest

from clerk_app.devices.base import DeviceError
from clerk_app.devices.evaluator.adapter import KeypadEvaluator
from clerk_app.devices.evaluator.protocol import Rating
from clerk_app.devices.evaluator.simulator import start_pty_keypad
from clerk_app.devices.transports import SerialTransport


@pytest.fixture
def keypad():
    host, sim = start_pty_keypad()
    ev = KeypadEvaluator(SerialTransport(host.port, baudrate=9600))
    yield ev, sim
    ev.close()
    host.close()


def test_hello(keypad) -> None:
    ev, _ = keypad
    assert ev.hello() == "SIM-KEYPAD 1.0"


@pytest.mark.parametrize(("level", "label"), [(5, "非常满意"), (3, "基本满意"), (1, "非常不满意")])
def test_key_press_rates_the_case(keypad, level: int, label: str) -> None:
    ev, sim = keypad
    threading.Timer(0.2, sim.press, args=(level,)).start()
    r = ev.ask("BJ-2024-0001", timeout=5)
    assert r == Rating("BJ-2024-0001", level, "keypad") and r.label == label


def test_no_press_is_not_rated_never_satisfied(keypad) -> None:
    ev, sim = keypad
    r = ev.ask("BJ-2024-0002", timeout=0.5)
    assert r.level is None and r.label == "未评价" and not r.rated
    ev.hello()  # a round trip: the keypad has handled the CANCEL sent before it
    assert sim.asked is None  # the keypad was told to stop waiting
    assert not sim.press(5)  # a late press no longer counts


def test_cancel(keypad) -> None:
    ev, _ = keypad
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    assert ev.ask("C1", timeout=30, cancel=cancel).level is None


def test_pause_blocks_presses(keypad) -> None:
    ev, sim = keypad
    ev.pause()
    assert sim.paused
    ev.resume()
    assert not sim.paused


def test_bad_case_number_refused(keypad) -> None:
    ev, _ = keypad
    with pytest.raises(ValueError):
        ev.ask("案件 1", timeout=1)


def test_unplugged_keypad() -> None:
    host, _ = start_pty_keypad()
    ev = KeypadEvaluator(SerialTransport(host.port, baudrate=9600))
    host.close()
    with pytest.raises(DeviceError):
        ev.hello()
    ev.close()
