"""Card on the simulated reader at 115200 baud -> parsed data: overhead beyond wire time.

Target (issue 3): overhead <= 50 ms; the 1,295-byte read alone is ~0.11 s of wire time.
The simulator paces its replies at 115200 baud 8N1 (a pty itself ignores baud rates).
Run: .venv/bin/python bench/bench_devices.py
"""

from __future__ import annotations

import statistics
import time

from clerk_app.devices.id_reader import protocol as p
from clerk_app.devices.id_reader.adapter import Ga467Reader
from clerk_app.devices.id_reader.simulator import start_pty_reader
from clerk_app.devices.printer.adapter import EscPosPrinter, build_test_receipt
from clerk_app.devices.printer.escpos import EscPosEncoder
from clerk_app.devices.printer.simulator import start_tcp_printer
from clerk_app.devices.transports import SerialTransport, TcpTransport

BAUD = 115200
ROUNDS = 20


def wire_seconds(nbytes: int) -> float:
    return nbytes * 10 / BAUD


def bench_reader() -> None:
    host, sim = start_pty_reader(baud=BAUD)
    reader = Ga467Reader(SerialTransport(host.port, baudrate=BAUD))
    totals, wires = [], []
    try:
        for i in range(ROUNDS):
            sim.place_card(i % len(sim.cards))
            sim.requests.clear()
            t0 = time.perf_counter()
            card = reader.read_card()
            totals.append(time.perf_counter() - t0)
            card_demo = sim.cards[i % len(sim.cards)]
            assert card.raw_text == card_demo.text
            # reply bytes for find, select, read, appended address: the simulator paces only
            # its own replies (the 10-byte requests leave the host as fast as the pty takes them)
            reply = {"find_card": 15, "select_card": 19, "read": 1295,
                     "read_appended_address": 11 if not card_demo.appended_address else 81}
            nbytes = sum(reply[r.command.name] for r in sim.requests if r.command)
            wires.append(wire_seconds(nbytes))
    finally:
        reader.close()
        host.close()
    over = [t - w for t, w in zip(totals, wires, strict=True)]
    print(f"ID card read, {ROUNDS} rounds at {BAUD} baud (find+select+read+appended address)")
    print(f"  wire time (replies) {statistics.median(wires) * 1000:7.1f} ms (median)")
    print(f"  total               {statistics.median(totals) * 1000:7.1f} ms median, {max(totals) * 1000:.1f} ms max")
    print(f"  overhead            {statistics.median(over) * 1000:7.1f} ms median, {max(over) * 1000:.1f} ms max"
          f"  (target <= 50 ms) {'OK' if statistics.median(over) <= 0.050 else 'OVER'}")
    print(f"  30 01 frame         {wire_seconds(1295) * 1000:7.1f} ms of wire time alone")


def bench_parse() -> None:
    frame = p.encode_response(0x90, b"\x01\x00\x04\x00" + sim_text() + bytes(1024))
    t0 = time.perf_counter()
    for _ in range(1000):
        parser = p.FrameParser()
        for i in range(0, len(frame), 32):
            parser.feed(frame[i:i + 32])
            parser.next_frame()
    print(f"Frame parser, 1295-byte frame in 32-byte chunks: {(time.perf_counter() - t0):.3f} ms per frame")


def sim_text() -> bytes:
    from clerk_app.devices.id_reader.simulator import load_demo_cards

    return load_demo_cards()[0].text


def bench_printer() -> None:
    host, sim = start_tcp_printer()
    data = build_test_receipt(EscPosEncoder())
    times = []
    try:
        for _ in range(ROUNDS):
            printer = EscPosPrinter(TcpTransport(host.url))
            t0 = time.perf_counter()
            printer.print_bytes(data)
            times.append(time.perf_counter() - t0)
            printer.close()
    finally:
        host.close()
    print(f"Test receipt over loopback TCP ({len(data)} bytes, 6 DLE EOT round trips): "
          f"{statistics.median(times) * 1000:.1f} ms median")


if __name__ == "__main__":
    bench_reader()
    bench_parse()
    bench_printer()
