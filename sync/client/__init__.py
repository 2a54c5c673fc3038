"""The counter's sync engine: push the outbox, pull the center's changes, upload attachments."""

from sync.client.engine import DeviceRevoked, SyncClient, SyncError, SyncStatus
from sync.client.runner import SyncRunner

__all__ = ["DeviceRevoked", "SyncClient", "SyncError", "SyncRunner", "SyncStatus"]
