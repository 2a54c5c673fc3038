"""DLE EOT decoding, the printer adapter over loopback TCP and a pty, and the print queue."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from clerk_app.devices.base import DeviceError, DeviceTimeout
from clerk_app.devices.printer.adapter import EscPosPrinter, build_test_receipt
from clerk_app.devices.printer.escpos import EscPosEncoder
from clerk_app.devices.printer.queue import PrintQueue
from clerk_app.devices.printer.simulator import PrinterSimulator, start_tcp_printer
from clerk_app.devices.printer.status import PrinterCondition, PrinterStatus
from clerk_app.devices.simhost import PtyHost, TcpHost
from clerk_app.devices.transports import SerialTransport, TcpTransport


@pytest.mark.parametrize(
    ("replies", "condition"),
    [
        ((0x12, 0x12, 0x12), PrinterCondition.READY),
        ((0x12, 0x12, 0x1E), PrinterCondition.PAPER_NEAR_END),
        ((0x1A, 0x32, 0x7E), PrinterCondition.PAPER_OUT),  # the published paper-out example
        ((0x1A, 0x16, 0x12), PrinterCondition.COVER_OPEN),
        ((0x1A, 0x36, 0x7E), PrinterCondition.COVER_OPEN),  # cover open and paper end
        ((0x1A, 0x12, 0x12), PrinterCondition.OFFLINE),
        ((0x1A, 0x52, 0x12), PrinterCondition.ERROR),
    ],
)
def test_dle_eot_decoding(replies: tuple[int, int, int], condition: PrinterCondition) -> None:
    st = PrinterStatus.from_replies(*replies)
    assert st.condition is condition
    assert st.printable == (condition in (PrinterCondition.READY, PrinterCondition.PAPER_NEAR_END))
    assert st.message.endswith("。")


def test_reply_without_fixed_bits_is_rejected() -> None:
    with pytest.raises(ValueError):
        PrinterStatus.from_replies(0x00, 0x12, 0x12)


@pytest.fixture
def tcp_printer() -> Iterator[tuple[TcpHost, PrinterSimulator]]:
    host, sim = start_tcp_printer()
    yield host, sim
    host.close()


def _printer(host: TcpHost) -> EscPosPrinter:
    return EscPosPrinter(TcpTransport(host.url))


def test_print_test_receipt_over_tcp(tcp_printer) -> None:
    host, sim = tcp_printer
    printer = _printer(host)
    data = build_test_receipt(EscPosEncoder(width_mm=58))
    status = printer.print_bytes(data)
    printer.close()
    assert status.condition is PrinterCondition.READY
    assert bytes(sim.printed) == data
    text = sim.jobs_text()
    assert "打印测试" in text and "￥" in text and "CLERK-PRINT-TEST" in text


@pytest.mark.parametrize(("flag", "word"), [("paper_out", "缺纸"), ("cover_open", "盖子"), ("offline", "离线")])
def test_not_printable_refuses_before_sending(tcp_printer, flag: str, word: str) -> None:
    host, sim = tcp_printer
    setattr(sim, flag, True)
    printer = _printer(host)
    with pytest.raises(DeviceError) as info:
        printer.print_bytes(b"hello\n")
    printer.close()
    assert word in info.value.message
    assert bytes(sim.printed) == b"" and bytes(sim.discarded) == b""


def test_silent_printer_is_unknown_not_ok(tcp_printer) -> None:
    host, sim = tcp_printer
    sim.silent = True
    printer = _printer(host)
    with pytest.raises(DeviceTimeout):
        printer.status()
    printer.close()


def test_printer_on_serial_pty() -> None:
    sim = PrinterSimulator()
    host = PtyHost(sim)
    try:
        printer = EscPosPrinter(SerialTransport(host.port, baudrate=9600))
        sim.paper_near_end = True
        assert printer.print_bytes(EscPosEncoder().line("串口打印").to_bytes()).condition is PrinterCondition.PAPER_NEAR_END
        printer.close()
        assert "串口打印" in sim.jobs_text()
    finally:
        host.close()


def test_network_printer_absent() -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with pytest.raises(DeviceError) as info:
        TcpTransport(f"tcp://127.0.0.1:{port}")
    assert "无法打开" in info.value.message


def test_queue_keeps_failed_job_and_retries(tcp_printer, tmp_path) -> None:
    import os

    from clerk_app.security.files import FileVault

    host, sim = tcp_printer
    vault = FileVault(os.urandom(32))  # the profile's: the spool is encrypted (tests/security/test_print_spool.py)
    queue = PrintQueue(tmp_path / "q", lambda: _printer(host), vault)
    sim.paper_out = True
    job = queue.submit(b"RECEIPT-1\n", "受理回执", pdf_path="/cases/1/receipt.pdf")
    assert job.state == "pending" and "缺纸" in (job.last_error or "")
    queue.submit(b"RECEIPT-2\n", "受理回执")
    # a new queue object over the same folder: nothing is lost across a restart
    queue = PrintQueue(tmp_path / "q", lambda: _printer(host), vault)
    assert [j.title for j in queue.pending()] == ["受理回执", "受理回执"]
    assert queue.pending()[0].pdf_path == "/cases/1/receipt.pdf"
    sim.paper_out = False
    done = queue.retry_all()
    assert [j.state for j in done] == ["printed", "printed"]
    assert bytes(sim.printed) == b"RECEIPT-1\nRECEIPT-2\n"
    assert queue.pending() == []


def test_queue_with_printer_unplugged(tmp_path) -> None:
    queue = PrintQueue(tmp_path, lambda: EscPosPrinter(TcpTransport("tcp://127.0.0.1:9")))
    job = queue.submit(b"x", "回执")
    assert job.state == "pending" and job.attempts == 1
    assert queue.retry(job.id).attempts == 2
