"""Device configuration strings; the settings module fills this in, CLI options override it.

URL syntax (see docs/devices.md): ``sim:`` built-in simulator; ``/dev/ttyUSB0`` or ``COM3`` a
serial port; any pyserial URL (``socket://host:port``, ``rfc2217://``, ``loop://``);
``tcp://host:9100`` a network printer; ``eloam://127.0.0.1:38088`` the Eloam camera service;
``file:`` no camera, import files only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class DeviceConfig:
    id_reader: str = "sim:"
    printer: str = "sim:"
    camera: str = "sim:"
    evaluator: str = "sim:"
    printer_width_mm: int = 80
    printer_encoding: str = "gb18030"
    id_reader_baud: int = 115200
    evaluator_baud: int = 9600
