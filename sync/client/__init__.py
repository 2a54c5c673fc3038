"""The counter's sync engine: push the outbox, pull the center's changes, upload attachments.

The names below load on first use, so that ``sync.client.status`` (what ``clerk-app sync status``
reads) comes without the engine's HTTP client and protocol models (start-up time, ~0.2 s of CPU).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sync.client.engine import DeviceRevoked, SyncClient, SyncError
    from sync.client.runner import SyncRunner
    from sync.client.status import SyncStatus

__all__ = ["DeviceRevoked", "SyncClient", "SyncError", "SyncRunner", "SyncStatus"]
_HOMES = {"DeviceRevoked": "engine", "SyncClient": "engine", "SyncError": "engine", "SyncRunner": "runner",
          "SyncStatus": "status"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
