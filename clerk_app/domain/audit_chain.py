"""The audit hash chain's link: one canonical form, shared by the counter that writes the chain
(clerk_app.store.audit) and the center that verifies every device's chain (sync/server/chains.py)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

CHAIN_VERSION = 1  # part of every hashed payload; a new canonical form would be version 2


def entry_hash(prev_hash: str, seq: int, entry_id: str, at: datetime, actor: str, action: str, entity: str,
               entity_id: str, detail: str) -> str:
    """SHA-256 of a canonical JSON array; the migration that chained old entries keeps a frozen copy."""
    payload = [CHAIN_VERSION, seq, entry_id, at.isoformat(timespec="microseconds"), actor, action, entity,
               entity_id, detail, prev_hash]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()
