"""The audit chain's hash of one entry: the counter computes it when it writes the entry, the center
and other counters recompute it to check a device's chain (one definition, shared, not copied)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

GENESIS = "0" * 64
CHAIN_VERSION = 1  # part of every hashed payload; a new canonical form would be version 2


def entry_hash(prev_hash: str, seq: int, entry_id: str, at: datetime, actor: str, action: str, entity: str,
               entity_id: str, detail: str) -> str:
    """SHA-256 of a canonical JSON array; the migration that chained old entries keeps a frozen copy."""
    payload = [CHAIN_VERSION, seq, entry_id, at.isoformat(timespec="microseconds"), actor, action, entity,
               entity_id, detail, prev_hash]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()
