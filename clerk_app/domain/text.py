"""Text that may reach a screen, a terminal or a printer: control characters are refused where files are
imported (ESC would drive a terminal or a receipt printer, RLO reverses what the clerk reads, NUL cuts a
C string), and shown escaped wherever something must still be displayed.

Public API: ``UNSAFE``, ``unsafe_text``, ``visible``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from clerk_app.messages import Text

# C0 controls except tab and line breaks, DEL and C1, bidirectional overrides and isolates, and the
# zero-width marks that make two names look the same.
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def unsafe_text(data: Any, where: str = "") -> str | None:
    """Why ``data`` (a parsed file: tables, arrays, strings) is refused — the field and the code point,
    never the text around it — or None when every string is clean."""
    if isinstance(data, str):
        m = UNSAFE.search(data)
        if m is None:
            return None
        return Text("text.control_character", field=where or Text("text.the_value"), char=f"U+{ord(m.group()):04X}")
    if isinstance(data, Mapping):
        for key, value in data.items():
            path = f"{where}.{key}" if where else str(key)
            if isinstance(key, str) and UNSAFE.search(key):
                return Text("text.control_character_in_key", char=f"U+{ord(UNSAFE.search(key).group()):04X}")  # type: ignore[union-attr]
            if (why := unsafe_text(value, path)) is not None:
                return why
    elif isinstance(data, list | tuple):
        for i, value in enumerate(data):
            if (why := unsafe_text(value, f"{where}[{i + 1}]")) is not None:
                return why
    return None


def visible(text: str) -> str:
    """``text`` with every unsafe character written as an escape (\\x1b, \\u202e): safe for a terminal."""
    return UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
