"""Plug-in point for a licensed WLT photo decoder; none ships (docs/devices.md A.9).

Public API: ``PhotoDecoder`` protocol, ``register_decoder``, ``decode_photo(wlt) -> bytes | None``
(BMP bytes, or None when no decoder is installed). A vendor wrapper (e.g. around WltRS.dll or
libwlt2bmp.so, run under its licence) registers itself at start-up.
"""

from __future__ import annotations

import logging
from typing import Protocol

log = logging.getLogger("clerk_app.devices")
WLT_LEN = 1024


class PhotoDecoder(Protocol):
    name: str

    def decode(self, wlt: bytes) -> bytes:
        """1024 WLT bytes -> a 102x126 24-bit BMP (38862 bytes)."""
        ...


_decoder: PhotoDecoder | None = None


def register_decoder(decoder: PhotoDecoder | None) -> None:
    global _decoder
    _decoder = decoder


def decode_photo(wlt: bytes) -> bytes | None:
    if _decoder is None or len(wlt) != WLT_LEN:
        return None
    try:
        return _decoder.decode(wlt)
    except Exception:  # a vendor library fault costs the photo, never the card data
        log.exception("WLT decoder %s failed", getattr(_decoder, "name", "?"))
        return None
