"""The device manager: statuses, futures from worker threads, print queue, recovery."""

from __future__ import annotations

import threading

import pytest

from clerk_app.devices.base import DeviceError, DeviceState
from clerk_app.devices.manager import DeviceManager
from clerk_app.settings import Settings


def test_read_id_future_and_status_listener(tmp_path) -> None:
    seen = []
    with DeviceManager(Settings(id_reader="sim:hk_mo_tw").devices, queue_dir=tmp_path) as mgr:
        mgr.add_status_listener(lambda st: seen.append((st.kind, st.state)))
        caller = threading.current_thread()
        fut = mgr.read_id(timeout=5)
        card = fut.result(timeout=10)
        assert card.card_type.value == "hk_mo_tw"
        assert ("id_reader", DeviceState.READY) in seen
        assert caller is threading.current_thread()


def test_printer_fault_queues_then_recovers(tmp_path) -> None:
    with DeviceManager(Settings(printer="sim:paper_out").devices, queue_dir=tmp_path) as mgr:
        sim = mgr.simulator("printer")
        with pytest.raises(DeviceError) as info:
            mgr.print_receipt(b"R1\n", "受理回执").result(timeout=10)
        assert "打印队列" in info.value.message
        assert mgr.statuses["printer"].state is DeviceState.ERROR
        sim.paper_out = False
        assert mgr.probe("printer").ready
        assert [j.state for j in mgr.print_queue.retry_all()] == ["printed"]
        assert bytes(sim.printed) == b"R1\n"


def test_unplugged_reader_then_plugged_back() -> None:
    with DeviceManager(Settings(id_reader="/dev/ttyNOSUCH0").devices) as mgr:
        st = mgr.probe("id_reader")
        assert st.state is DeviceState.NOT_CONNECTED and "数据线" in st.message
        mgr.config.id_reader = "sim:"  # the clerk plugs it back / IT fixes the port
        assert mgr.probe("id_reader").ready


def test_rating_not_rated_is_explicit() -> None:
    with DeviceManager(Settings().devices) as mgr:
        r = mgr.ask_rating("C-1", timeout=0.5).result(timeout=10)
        assert r.level is None and r.label == "未评价"
    with DeviceManager(Settings(evaluator="sim:4").devices) as mgr:
        assert mgr.ask_rating("C-2", timeout=5).result(timeout=10).label == "满意"


def test_capture_future() -> None:
    with DeviceManager(Settings().devices) as mgr:
        assert mgr.capture().result(timeout=30)[:2] == b"\xff\xd8"
