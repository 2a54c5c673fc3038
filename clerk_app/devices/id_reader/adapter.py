"""GA/T 467 reader over any transport: find, select, read, appended address, SAM status.

Public API: ``Ga467Reader(transport)`` with ``sam_status()``, ``sam_id()``, ``reset()``,
``find_card() -> bool``, ``read_card(today=None) -> IdCard``, ``wait_for_card(timeout, cancel=None)``;
``NoCard``, ``CardWaitTimeout`` (the "put a card on the reader" state, ``same_card`` when the last card is still there).
Timeouts per docs/devices.md A.6 (Synjones values, generous on the read).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import replace

from clerk_app.devices.base import DeviceError, DeviceState, DeviceTimeout
from clerk_app.devices.id_reader import protocol as p
from clerk_app.devices.id_reader.cardtext import TEXT_LEN, IdCard, parse_card_text
from clerk_app.devices.id_reader.idcheck import check_id_number
from clerk_app.devices.transports import Transport
from clerk_app.messages import Text

log = logging.getLogger("clerk_app.devices")

TIMEOUTS = {"reset": 0.3, "sam_status": 0.3, "sam_id": 0.3, "find_card": 0.5, "select_card": 0.5,
            "read": 3.5, "read_fp": 3.5, "read_appended_address": 1.0}
RETRIES = 2  # extra attempts after a corrupted or lost answer
POLL_INTERVAL = 0.3  # find-card polling, within the 300-500 ms the vendors use


class NoCard(DeviceError):
    def __init__(self, same_card: bool = False) -> None:
        super().__init__("reader.same_card" if same_card else "reader.no_card", state=DeviceState.READY)
        self.same_card = same_card


class CardWaitTimeout(DeviceTimeout):
    """No card came before the deadline; the reader itself answered and is fine."""

    def __init__(self, timeout: float) -> None:
        super().__init__("reader.no_card_in_time", seconds=timeout)
        self.state = DeviceState.READY


class Ga467Reader:
    def __init__(self, transport: Transport) -> None:
        self.transport = transport
        self._just_read = False

    def close(self) -> None:
        self.transport.close()

    # -- one command -------------------------------------------------------------------
    def _exchange(self, command: p.Command, data: bytes = b"") -> p.Response:
        timeout = TIMEOUTS[command.name]
        last: str = ""
        for attempt in range(RETRIES + 1):
            if attempt:
                self.transport.reset_input()
            self.transport.write(p.encode_request(command, data))
            parser = p.FrameParser()
            deadline = time.monotonic() + timeout
            while True:
                frame = parser.next_frame()
                if frame is not None:
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                parser.feed(self.transport.read(parser.needed(), left))
            if frame is None:
                last = "timeout"
                log.info("GA467 %s: no complete answer (attempt %d)", command.name, attempt + 1)
                continue
            if isinstance(frame, p.BadChecksum):
                last = "checksum"
                log.info("GA467 %s: bad checksum (attempt %d)", command.name, attempt + 1)
                continue
            resp = p.FrameParser.as_response(frame)
            if resp.sw3 in (0x10, 0x11):  # the reader saw our frame corrupted: send it again
                last = f"sw3 {resp.sw3:02X}"
                continue
            return resp
        if last == "timeout":
            raise DeviceTimeout(
                "reader.no_answer",
                detail=f"{command.name} timed out after {RETRIES + 1} attempts on {self.transport.url}",
            )
        raise DeviceError("reader.io_error", detail=f"{command.name}: {last}")

    def _expect(self, command: p.Command, ok: tuple[int, ...] = (p.SW_OK,), data: bytes = b"") -> p.Response:
        resp = self._exchange(command, data)
        if resp.sw3 not in ok:
            why = p.sw3_message(resp.sw3)
            raise DeviceError(why.code, detail=command.name, **why.params)
        return resp

    # -- SAM ---------------------------------------------------------------------------
    def reset(self) -> None:
        self._expect(p.RESET)

    def sam_status(self) -> None:
        """Raises DeviceError with the reader's own reason when the SAM is not healthy."""
        self._expect(p.SAM_STATUS)

    def sam_id(self) -> str:
        return self._expect(p.SAM_ID).data.hex().upper()

    # -- card --------------------------------------------------------------------------
    def find_card(self) -> bool:
        resp = self._exchange(p.FIND_CARD)
        if resp.sw3 == p.SW_FIND_OK:
            self._just_read = False
            return True
        if resp.sw3 == p.SW_FIND_FAILED:
            return False
        why = p.sw3_message(resp.sw3)
        raise DeviceError(why.code, detail="find_card", **why.params)

    def read_card(self, today: dt.date | None = None) -> IdCard:
        """find -> select -> read -> appended address; one retry of the whole flow on a read fault."""
        if not self.find_card():
            raise NoCard(same_card=self._just_read)
        for attempt in range(2):
            try:
                self._expect(p.SELECT_CARD)
                resp = self._expect(p.READ_TEXT_PHOTO)
                break
            except DeviceError as exc:
                if attempt or exc.code not in ("reader.sw3_41", "reader.sw3_81", "reader.sw3_33", "reader.sw3_3f",
                                               "reader.sw3_47"):
                    raise
                log.info("GA467 read failed (%s), finding the card again", exc.code)
                if not self.find_card():
                    raise NoCard() from exc
        card = self._decode_read(resp.data)
        self._just_read = True
        card = replace(card, appended_address=self._appended_address())
        problems = list(card.problems) + check_id_number(card)
        if card.expired(today or dt.date.today()):
            problems.append(Text("reader.card_expired", valid_to=card.valid_to))
        log.info("GA467 read %s", card)  # IdCard.__repr__ masks the ID number
        return replace(card, problems=tuple(problems))

    @staticmethod
    def _decode_read(data: bytes) -> IdCard:
        if len(data) < 4:
            raise DeviceError("reader.incomplete_data", detail=f"{len(data)} bytes")
        text_len = int.from_bytes(data[0:2], "big")
        photo_len = int.from_bytes(data[2:4], "big")
        start = 4
        # 30 10 answers carry a third length (fingerprint); tell them apart by total size
        if len(data) >= 6 + text_len + photo_len and len(data) != 4 + text_len + photo_len:
            start = 6
        text = data[start:start + text_len]
        photo = data[start + text_len:start + text_len + photo_len]
        if text_len != TEXT_LEN or len(text) != TEXT_LEN or len(photo) != photo_len:
            raise DeviceError("reader.incomplete_data",
                              detail=f"text {text_len}/{len(text)} photo {photo_len}/{len(photo)}")
        return parse_card_text(text, photo)

    def _appended_address(self) -> str | None:
        try:
            resp = self._exchange(p.READ_APPENDED_ADDRESS)
        except DeviceError:
            log.info("GA467 appended address not read", exc_info=True)
            return None
        if resp.sw3 != p.SW_OK or not resp.data:
            return None
        return resp.data.decode("utf-16-le", errors="replace").replace("\x00", " ").strip() or None

    def wait_for_card(self, timeout: float, cancel: threading.Event | None = None,
                      today: dt.date | None = None) -> IdCard:
        """Poll for a card until ``timeout``; a card already read must be lifted and replaced."""
        deadline = time.monotonic() + timeout
        while True:
            if cancel is not None and cancel.is_set():
                raise DeviceError("reader.cancelled", state=DeviceState.READY)
            try:
                return self.read_card(today=today)
            except NoCard:
                pass
            left = deadline - time.monotonic()
            if left <= 0:
                raise CardWaitTimeout(timeout)
            if cancel is not None:
                cancel.wait(min(POLL_INTERVAL, left))
            else:
                time.sleep(min(POLL_INTERVAL, left))
