"""Which hosts count as this machine: the one rule behind "plain http only on loopback", used by the
counter for its center (clerk_app/transport.py) and by the center for the provincial exchange."""

from __future__ import annotations

import ipaddress


def is_loopback_host(host: str | None) -> bool:
    """127.0.0.0/8, ::1 and ``localhost`` only; a name that merely resolves there does not count."""
    if not host:
        return False
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
