"""GA/T 467 SAM frames: pure bytes, no I/O.

Public API: ``Command`` constants, ``encode_request``, ``encode_response``, ``Response``,
``FrameParser`` (incremental: reassembles partial reads, resyncs after garbage, reports bad
checksums), ``SW3_MESSAGES``.

Frame (docs/devices.md A.3): ``AA AA AA 96 69 | LEN_H LEN_L | body | CHK`` where LEN counts the
bytes after LEN including CHK, and CHK is the XOR of LEN_H..last body byte.
"""

from __future__ import annotations

from dataclasses import dataclass

from clerk_app.messages import Text

PREAMBLE = bytes.fromhex("AAAAAA9669")
HEADER_LEN = len(PREAMBLE) + 2
MAX_LEN = 0x0A00  # 30 10 with 1024 fingerprint bytes is 2321 - 7; anything longer is garbage


@dataclass(frozen=True)
class Command:
    cmd: int
    para: int
    name: str


RESET = Command(0x10, 0xFF, "reset")
SAM_STATUS = Command(0x11, 0xFF, "sam_status")
SAM_ID = Command(0x12, 0xFF, "sam_id")
FIND_CARD = Command(0x20, 0x01, "find_card")
SELECT_CARD = Command(0x20, 0x02, "select_card")
READ_TEXT_PHOTO = Command(0x30, 0x01, "read")
READ_APPENDED_ADDRESS = Command(0x30, 0x03, "read_appended_address")
READ_WITH_FINGERPRINT = Command(0x30, 0x10, "read_fp")
COMMANDS = {(c.cmd, c.para): c for c in (
    RESET, SAM_STATUS, SAM_ID, FIND_CARD, SELECT_CARD, READ_TEXT_PHOTO, READ_APPENDED_ADDRESS,
    READ_WITH_FINGERPRINT,
)}

SW_OK = 0x90
SW_FIND_OK = 0x9F
SW_NO_ITEM = 0x91
SW_FIND_FAILED = 0x80
SW_SELECT_FAILED = 0x81

# docs/devices.md A.5; each message says what happened and what to do.
SW3_MESSAGES: dict[int, Text] = {
    0x90: Text("reader.sw3_90"),
    0x9F: Text("reader.sw3_9f"),
    0x91: Text("reader.sw3_91"),
    0x10: Text("reader.sw3_10"),
    0x11: Text("reader.sw3_11"),
    0x21: Text("reader.sw3_21"),
    0x23: Text("reader.sw3_23"),
    0x24: Text("reader.sw3_24"),
    0x31: Text("reader.sw3_31"),
    0x32: Text("reader.sw3_32"),
    0x33: Text("reader.sw3_33"),
    0x37: Text("reader.sw3_37"),
    0x3F: Text("reader.sw3_3f"),
    0x40: Text("reader.sw3_40"),
    0x41: Text("reader.sw3_41"),
    0x47: Text("reader.sw3_47"),
    0x60: Text("reader.sw3_60"),
    0x66: Text("reader.sw3_66"),
    0x80: Text("reader.sw3_80"),
    0x81: Text("reader.sw3_81"),
}


def sw3_message(sw3: int) -> Text:
    return SW3_MESSAGES.get(sw3) or Text("reader.sw3_unknown", sw3=f"{sw3:02X}")


def checksum(data: bytes) -> int:
    x = 0
    for b in data:
        x ^= b
    return x


def _frame(body: bytes) -> bytes:
    length = len(body) + 1
    lb = length.to_bytes(2, "big")
    return PREAMBLE + lb + body + bytes([checksum(lb + body)])


def encode_request(command: Command, data: bytes = b"") -> bytes:
    return _frame(bytes([command.cmd, command.para]) + data)


def encode_response(sw3: int, data: bytes = b"") -> bytes:
    """SW1 SW2 are always 00 00 on the wire; only SW3 carries the result (A.3)."""
    return _frame(bytes([0x00, 0x00, sw3]) + data)


@dataclass(frozen=True)
class Response:
    sw3: int
    data: bytes

    @property
    def ok(self) -> bool:
        return self.sw3 in (SW_OK, SW_FIND_OK)


@dataclass(frozen=True)
class Request:
    command: Command | None
    cmd: int
    para: int
    data: bytes


@dataclass(frozen=True)
class BadChecksum:
    """A complete frame whose checksum is wrong: the caller retries the command."""

    raw: bytes


class FrameParser:
    """Feed bytes in any chunking; ``frames()`` yields complete bodies (without LEN and CHK).

    Garbage before a preamble is dropped. A length field beyond ``MAX_LEN`` means the preamble
    was a false match, so the parser skips one byte and searches again.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self.discarded = 0

    def feed(self, data: bytes) -> None:
        self._buf += data

    def needed(self) -> int:
        """Bytes still missing for the frame at the head of the buffer (at least 1)."""
        if len(self._buf) < HEADER_LEN:
            return HEADER_LEN - len(self._buf)
        if not self._buf.startswith(PREAMBLE):
            return 1
        length = int.from_bytes(self._buf[5:7], "big")
        return max(1, HEADER_LEN + length - len(self._buf))

    def _sync(self) -> None:
        idx = self._buf.find(PREAMBLE)
        if idx < 0:
            keep = len(PREAMBLE) - 1  # a preamble may straddle two reads
            drop = max(0, len(self._buf) - keep)
            # keep only a tail that could start a preamble
            while drop < len(self._buf) and not PREAMBLE.startswith(bytes(self._buf[drop:])):
                drop += 1
            self.discarded += drop
            del self._buf[:drop]
        elif idx:
            self.discarded += idx
            del self._buf[:idx]

    def next_frame(self) -> bytes | BadChecksum | None:
        while True:
            self._sync()
            if len(self._buf) < HEADER_LEN:
                return None
            length = int.from_bytes(self._buf[5:7], "big")
            if length < 2 or length > MAX_LEN:
                self.discarded += 1
                del self._buf[:1]
                continue
            total = HEADER_LEN + length
            if len(self._buf) < total:
                return None
            raw = bytes(self._buf[:total])
            if checksum(raw[5:-1]) != raw[-1]:
                # A corrupted length can swallow the start of the next frame: if another
                # preamble lies inside, treat everything before it as garbage and resync.
                inner = raw.find(PREAMBLE, 1)
                if inner > 0:
                    self.discarded += inner
                    del self._buf[:inner]
                    continue
                del self._buf[:total]
                return BadChecksum(raw)
            del self._buf[:total]
            return raw[HEADER_LEN:-1]

    @staticmethod
    def as_response(body: bytes) -> Response:
        if len(body) < 3:
            raise ValueError("response body shorter than SW1 SW2 SW3")
        return Response(sw3=body[2], data=body[3:])

    @staticmethod
    def as_request(body: bytes) -> Request:
        cmd, para = body[0], body[1]
        return Request(COMMANDS.get((cmd, para)), cmd, para, body[2:])
