"""The device configuration the device manager is built from. It declares no defaults: the values
come from the resolved settings only (``clerk_app.settings.Settings.devices``: defaults, machine file,
user file, ``--set``), so the app and ``clerk-app devices`` cannot disagree.

URL syntax (see docs/devices.md): ``sim:`` built-in simulator; ``/dev/ttyUSB0`` or ``COM3`` a
serial port; any pyserial URL (``socket://host:port``, ``rfc2217://``, ``loop://``);
``tcp://host:9100`` a network printer; ``eloam://127.0.0.1:38088`` the Eloam camera service;
``file:`` no camera, import files only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class DeviceConfig:
    id_reader: str
    printer: str
    camera: str
    evaluator: str
    printer_width_mm: int
    printer_encoding: str
    id_reader_baud: int
    evaluator_baud: int
