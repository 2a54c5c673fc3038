"""ESC/POS printer over a transport: status before and after every print.

Public API: ``EscPosPrinter(transport)`` with ``status() -> PrinterStatus`` and
``print_bytes(data) -> PrinterStatus``; ``build_test_receipt(encoder) -> bytes``.
"""

from __future__ import annotations

import logging

from clerk_app.devices.base import DeviceError, DeviceTimeout
from clerk_app.devices.printer.escpos import EscPosEncoder
from clerk_app.devices.printer.status import PrinterStatus, status_request
from clerk_app.devices.transports import Transport

log = logging.getLogger("clerk_app.devices")
STATUS_TIMEOUT = 0.8  # real-time replies come within milliseconds; USB-serial bridges add latency


class EscPosPrinter:
    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    def close(self) -> None:
        self.transport.close()

    def _query(self, n: int) -> int:
        self.transport.write(status_request(n))
        reply = self.transport.read(1, STATUS_TIMEOUT)
        if not reply:
            # python-escpos reads silence as "paper OK"; we say we do not know
            raise DeviceTimeout(
                "printer.no_status_reply",
                detail=f"DLE EOT {n} unanswered on {self.transport.url}",
            )
        return reply[0]

    def status(self) -> PrinterStatus:
        self.transport.reset_input()
        replies = [self._query(n) for n in (1, 2, 4)]
        try:
            return PrinterStatus.from_replies(*replies)
        except ValueError as exc:
            raise DeviceError("printer.bad_status_reply",
                              detail=f"{bytes(replies).hex()} {exc}") from exc

    def print_bytes(self, data: bytes) -> PrinterStatus:
        before = self.status()
        if not before.printable:
            raise DeviceError(f"printer.condition_{before.condition.value}")
        self.transport.write(data)
        after = self.status()
        if not after.printable:
            raise DeviceError("printer.incomplete", condition=after.message)
        log.info("printed %d bytes on %s (%s)", len(data), self.transport.url, after.condition.value)
        return after


def build_test_receipt(enc: EscPosEncoder, when: str = "") -> bytes:
    """The ``devices print-test`` receipt: Chinese text of every width, a rule and a QR code."""
    enc.init().align("center").size(2, 2).bold().line("打印测试").bold(False).size(1, 1)
    enc.line("一窗受理工作台").align("left").rule()
    enc.pair("编码", enc.encoding.upper()).pair("纸宽", f"{enc.width_mm} 毫米")
    enc.pair("每行字符", str(enc.chars_per_line))
    if when:
        enc.pair("时间", when)
    enc.line("中文标点：，。；：“”【】（）￥").line("全角字母：ＡＢＣ１２３")
    enc.rule().align("center").qr("CLERK-PRINT-TEST 打印测试", module_size=6).feed(1)
    enc.line("能扫出上面的二维码即为正常").align("left").cut(feed_lines=4)
    return enc.to_bytes()

