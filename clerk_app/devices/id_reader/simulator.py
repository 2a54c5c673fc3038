"""A SAM reader speaking GA/T 467 on a pseudo-terminal, with demo cards and injectable faults.

Public API: ``SamSimulator`` (``place_card``, ``remove_card``, ``inject``), ``DemoCard``,
``load_demo_cards``, ``Fault``, ``start_pty_reader(cards=None, baud=None) -> (PtyHost, SamSimulator)``.

State machine (docs/devices.md A.6): no card -> 80; card -> find 9F -> select 90 -> read 90;
after a read, find answers 80 until the card is lifted and put back ("same card").
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from clerk_app.devices.id_reader import protocol as p
from clerk_app.devices.id_reader.cardtext import CardType, build_card_text
from clerk_app.devices.simhost import PtyHost, Writer
from clerk_app.paths import RESOURCES

DEMO_CARDS_DIR = RESOURCES / "demo" / "cards"


@dataclass(frozen=True)
class DemoCard:
    key: str
    card_type: CardType
    text: bytes
    photo: bytes
    appended_address: str | None = None


def fake_wlt(seed: str) -> bytes:
    """A stand-in photo: the WLT header (``WL``, 102x126) then deterministic filler."""
    head = b"WLf\x00~\x00"
    body = bytes((i * 31 + sum(seed.encode())) & 0xFF for i in range(1024 - len(head)))
    return head + body


def load_demo_cards(folder: Path = DEMO_CARDS_DIR) -> list[DemoCard]:
    cards = []
    for path in sorted(folder.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        ctype = CardType(spec["card_type"])
        cards.append(DemoCard(
            key=path.stem,
            card_type=ctype,
            text=build_card_text(spec["fields"], ctype),
            photo=fake_wlt(path.stem),
            appended_address=spec.get("appended_address"),
        ))
    return cards


@dataclass
class Fault:
    """What goes wrong with the next answer to ``command`` (any command when None).

    kind: ``sw3`` (answer with ``value`` instead), ``bad_checksum``, ``garbage`` (``value`` junk
    bytes first), ``split`` (send in 7-byte pieces with pauses), ``silence`` (no answer),
    ``truncate`` (send half the frame only).
    """

    kind: str
    value: int = 0
    command: p.Command | None = None
    times: int = 1


class SamSimulator:
    def __init__(self, cards: list[DemoCard] | None = None, baud: int | None = None) -> None:
        self.cards = cards if cards is not None else load_demo_cards()
        self.baud = baud  # pace replies at this rate; None = as fast as the pty goes
        self.card: DemoCard | None = None
        self._found = self._selected = self._read_done = False
        self._faults: deque[Fault] = deque()
        self._parser = p.FrameParser()
        self._lock = threading.Lock()
        self.requests: list[p.Request] = []
        self.sam_id = bytes.fromhex("0500000000000001200000000000ABCD")[:16]

    # -- control (test and demo side) --------------------------------------------------
    def place_card(self, card: DemoCard | str | int = 0) -> DemoCard:
        if isinstance(card, int):
            card = self.cards[card]
        elif isinstance(card, str):
            card = next(c for c in self.cards if c.key == card or c.card_type.value == card)
        with self._lock:
            self.card = card
            self._found = self._selected = self._read_done = False
        return card

    def remove_card(self) -> None:
        with self._lock:
            self.card = None
            self._found = self._selected = self._read_done = False

    def inject(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    # -- wire side ---------------------------------------------------------------------
    def on_disconnect(self) -> None:
        self._parser = p.FrameParser()

    def on_bytes(self, data: bytes, write: Writer) -> None:
        self._parser.feed(data)
        while True:
            frame = self._parser.next_frame()
            if frame is None:
                return
            if isinstance(frame, p.BadChecksum):
                self._send(p.encode_response(0x10), write, None)
                continue
            req = p.FrameParser.as_request(frame)
            self.requests.append(req)
            with self._lock:
                fault = self._take_fault(req.command)
                # an injected status code replaces the reader's work, so the state stays put
                reply = b"" if fault and fault.kind == "sw3" else self._answer(req)
            self._send(reply, write, fault)

    def _take_fault(self, command: p.Command | None) -> Fault | None:
        for f in self._faults:
            if f.command is None or f.command == command:
                f.times -= 1
                if f.times <= 0:
                    self._faults.remove(f)
                return f
        return None

    def _answer(self, req: p.Request) -> bytes:
        c = req.command
        if c is None:
            return p.encode_response(0x21)
        if c in (p.RESET, p.SAM_STATUS):
            return p.encode_response(p.SW_OK)
        if c is p.SAM_ID:
            return p.encode_response(p.SW_OK, self.sam_id)
        if c is p.FIND_CARD:
            if self.card is None or self._read_done:
                return p.encode_response(p.SW_FIND_FAILED)
            self._found, self._selected = True, False
            return p.encode_response(p.SW_FIND_OK, bytes(4))
        if c is p.SELECT_CARD:
            if not self._found or self.card is None:
                return p.encode_response(p.SW_SELECT_FAILED)
            self._selected = True
            return p.encode_response(p.SW_OK, bytes(8))
        if c in (p.READ_TEXT_PHOTO, p.READ_WITH_FINGERPRINT):
            if not self._selected or self.card is None:
                return p.encode_response(0x41)
            # the card stays selected, so a repeated 30 01 (lost answer) reads it again
            self._read_done, self._found = True, False
            lengths = b"\x01\x00\x04\x00" + (b"\x00\x00" if c is p.READ_WITH_FINGERPRINT else b"")
            return p.encode_response(p.SW_OK, lengths + self.card.text + self.card.photo)
        if c is p.READ_APPENDED_ADDRESS:
            if self.card is None or not self._read_done:
                return p.encode_response(0x41)
            if not self.card.appended_address:
                return p.encode_response(p.SW_NO_ITEM)
            return p.encode_response(p.SW_OK, self.card.appended_address.ljust(35).encode("utf-16-le"))
        return p.encode_response(0x21)

    def _send(self, reply: bytes, write: Writer, fault: Fault | None) -> None:
        if fault is None:
            self._write_paced(reply, write)
            return
        if fault.kind == "sw3":
            self._write_paced(p.encode_response(fault.value), write)
        elif fault.kind == "bad_checksum":
            self._write_paced(reply[:-1] + bytes([reply[-1] ^ 0xFF]), write)
        elif fault.kind == "garbage":
            junk = bytes((0x5A + i * 7) & 0x7F for i in range(fault.value or 13))
            self._write_paced(junk + reply, write)
        elif fault.kind == "split":
            for i in range(0, len(reply), 7):
                write(reply[i:i + 7])
                time.sleep(0.002)
        elif fault.kind == "truncate":
            self._write_paced(reply[: len(reply) // 2], write)
        elif fault.kind == "silence":
            return
        else:
            raise ValueError(f"unknown fault kind {fault.kind!r}")

    def _write_paced(self, data: bytes, write: Writer) -> None:
        if not self.baud:
            write(data)
            return
        # a chunk is handed over only when its last byte would have left a real UART
        start = time.perf_counter()
        chunk = 64
        for i in range(0, len(data), chunk):
            piece = data[i:i + chunk]
            delay = start + (i + len(piece)) * 10 / self.baud - time.perf_counter()  # 8N1: 10 bits a byte
            if delay > 0:
                time.sleep(delay)
            write(piece)


def start_pty_reader(cards: list[DemoCard] | None = None, baud: int | None = None) -> tuple[PtyHost, SamSimulator]:
    sim = SamSimulator(cards, baud=baud)
    return PtyHost(sim), sim
