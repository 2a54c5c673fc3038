"""ESC/POS command encoder: pure bytes, no I/O.

Public API: ``EscPosEncoder`` (chainable builder) and ``display_width``.
Our own encoder because python-escpos sends a chunk holding only CJK punctuation through the
single-byte code page, which prints ``?`` (see docs/devices.md, B). Byte values follow the
Epson ESC/POS reference as copied by Chinese vendors (SPRT, Xprinter manuals).
"""

from __future__ import annotations

import unicodedata

from clerk_app.errors import UserError

ESC = b"\x1b"
GS = b"\x1d"
FS = b"\x1c"
LF = b"\n"

ENCODINGS = ("gb18030", "gbk", "utf-8")
CHARS_PER_LINE = {58: 32, 80: 48}  # Font A (12x24 dots) on 384 / 576 printable dots
_ALIGN = {"left": 0, "center": 1, "right": 2}
_QR_EC_LEVELS = {"L": 48, "M": 49, "Q": 50, "H": 51}
QR_MAX_BYTES = 2953  # QR version 40-L byte mode capacity


def char_width(ch: str) -> int:
    """Columns a character takes on a Chinese printer: Hanzi and full-width forms take two.

    East-Asian "ambiguous" characters (·, —, “, é …) are double-byte in GB2312/GBK and Chinese
    printer fonts draw them full-width, so they count two as well.
    """
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1


def display_width(s: str) -> int:
    """Half-width columns ``s`` occupies; CJK and full-width characters count 2."""
    return sum(char_width(ch) for ch in s)


class EscPosEncoder:
    """Builds an ESC/POS byte string; every method returns ``self`` so calls chain."""

    def __init__(self, encoding: str = "gb18030", width_mm: int = 80) -> None:
        encoding = encoding.lower().replace("_", "-")
        if encoding == "utf8":
            encoding = "utf-8"
        if encoding not in ENCODINGS:
            raise UserError("printer.bad_encoding", encoding=encoding)
        if width_mm not in CHARS_PER_LINE:
            raise UserError("printer.bad_width", width_mm=width_mm)
        self.encoding = encoding
        self.width_mm = width_mm
        self._buf = bytearray()
        self._width_mul = 1

    @property
    def chars_per_line(self) -> int:
        """Half-width columns per line at normal size (32 for 58 mm, 48 for 80 mm)."""
        return CHARS_PER_LINE[self.width_mm]

    @property
    def columns(self) -> int:
        """Half-width columns per line at the current character width."""
        return self.chars_per_line // self._width_mul

    def raw(self, data: bytes) -> EscPosEncoder:
        self._buf += data
        return self

    def init(self) -> EscPosEncoder:
        """ESC @ resets modes; FS & turns on Hanzi mode (needed by Epson CN models, harmless elsewhere)."""
        self._buf += ESC + b"@"
        self._width_mul = 1
        if self.encoding in ("gb18030", "gbk"):
            self._buf += FS + b"&"
        else:
            # FS . leaves Hanzi mode so UTF-8 lead bytes are not taken as GB double-byte pairs.
            self._buf += FS + b"."
        return self

    def align(self, how: str) -> EscPosEncoder:
        if how not in _ALIGN:
            raise ValueError(f"align must be one of {sorted(_ALIGN)}, not {how!r}")
        self._buf += ESC + b"a" + bytes([_ALIGN[how]])
        return self

    def size(self, width: int = 1, height: int = 1) -> EscPosEncoder:
        """GS ! n: high nibble width-1, low nibble height-1 (1..8 each); applies to Hanzi too."""
        if not (1 <= width <= 8 and 1 <= height <= 8):
            raise ValueError("size width and height must be 1..8")
        self._buf += GS + b"!" + bytes([((width - 1) << 4) | (height - 1)])
        self._width_mul = width
        return self

    def bold(self, on: bool = True) -> EscPosEncoder:
        self._buf += ESC + b"E" + bytes([1 if on else 0])
        return self

    def encode_text(self, s: str) -> bytes:
        """The bytes of ``s`` in the printer encoding; unprintable characters -> UserError."""
        s = s.replace("\r", "")
        bad_controls = sorted({ch for ch in s if unicodedata.category(ch) == "Cc" and ch not in "\n\t"})
        if bad_controls:
            names = "、".join(f"U+{ord(ch):04X}" for ch in bad_controls)
            raise UserError("printer.control_characters", names=names)
        try:
            return s.encode(self.encoding)
        except UnicodeEncodeError:
            missing: list[str] = []
            for ch in s:
                try:
                    ch.encode(self.encoding)
                except UnicodeEncodeError:
                    if ch not in missing:
                        missing.append(ch)
            shown = "、".join(f"“{ch}”(U+{ord(ch):04X})" for ch in missing)
            raise UserError(
                "printer.unencodable", encoding=self.encoding.upper(), chars=shown,
            ) from None

    def text(self, s: str) -> EscPosEncoder:
        self._buf += self.encode_text(s)
        return self

    def line(self, s: str = "") -> EscPosEncoder:
        return self.text(s).raw(LF)

    def rule(self, char: str = "-") -> EscPosEncoder:
        """A separator filling the line at the current character width."""
        w = display_width(char)
        if len(char) != 1 or w == 0:
            raise ValueError("rule needs one printable character")
        return self.line(char * (self.columns // w))

    def pair(self, left: str, right: str, fill: str = " ") -> EscPosEncoder:
        """One line with ``left`` flush left and ``right`` flush right (e.g. 金额 ... ￥0.00)."""
        gap = self.columns - display_width(left) - display_width(right)
        if gap < 1:
            return self.line(left).line(" " * max(0, self.columns - display_width(right)) + right)
        return self.line(left + fill * gap + right)

    def qr(self, data: str, module_size: int = 6, ec: str = "M") -> EscPosEncoder:
        """Native QR (GS ( k, model 2); data is sent as UTF-8, which phone scanners expect."""
        if not 1 <= module_size <= 16:
            raise ValueError("module_size must be 1..16")
        payload = data.encode("utf-8")
        if not payload:
            raise UserError("printer.qr_empty")
        if len(payload) > QR_MAX_BYTES:
            raise UserError("printer.qr_too_long", length=len(payload), limit=QR_MAX_BYTES)
        store_len = len(payload) + 3
        self._buf += GS + b"(k" + b"\x04\x00" + b"\x31\x41\x32\x00"  # select model 2
        self._buf += GS + b"(k" + b"\x03\x00" + b"\x31\x43" + bytes([module_size])
        self._buf += GS + b"(k" + b"\x03\x00" + b"\x31\x45" + bytes([_QR_EC_LEVELS[ec]])
        self._buf += GS + b"(k" + bytes([store_len & 0xFF, store_len >> 8]) + b"\x31\x50\x30" + payload
        self._buf += GS + b"(k" + b"\x03\x00" + b"\x31\x51\x30"  # print the stored symbol
        return self

    def feed(self, lines: int = 1) -> EscPosEncoder:
        """ESC d n: print and feed n lines."""
        if not 0 <= lines <= 255:
            raise ValueError("feed lines must be 0..255")
        self._buf += ESC + b"d" + bytes([lines])
        return self

    def cut(self, partial: bool = False, feed_lines: int = 0) -> EscPosEncoder:
        """GS V m (00 full / 01 partial); with ``feed_lines`` GS V 41/42 n feeds first then cuts."""
        if feed_lines:
            self._buf += GS + b"V" + (b"\x42" if partial else b"\x41") + bytes([min(feed_lines, 255)])
        else:
            self._buf += GS + b"V" + (b"\x01" if partial else b"\x00")
        return self

    def to_bytes(self) -> bytes:
        return bytes(self._buf)
