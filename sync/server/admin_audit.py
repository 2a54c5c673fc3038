"""The center's own audit trail: every ``clerk-center`` administration command, who ran it (OS user and
host), what (the command and its arguments, never a password, token or database URL), when, and how
it ended. The table is append-only in the database (triggers, migration ``0005_limits``)."""

from __future__ import annotations

import argparse
import getpass
import json
import socket
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from sync.server.trust_tables import admin_audit

# Arguments that never go into the trail: the database URL may hold a password; func is the handler.
_SECRET_ARGS = frozenset({"db", "func", "command", "admin_command"})


def who() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers): the uid is still someone
        import os

        user = f"uid{os.getuid()}"
    return f"{user}@{socket.gethostname()}"[:128]


def describe(args: argparse.Namespace) -> tuple[str, str]:
    """(command, detail) of a parsed command line."""
    words = [str(args.command)]
    values = vars(args)
    for key in sorted(k for k in values if k.endswith("_command")):
        if values[key]:
            words.append(str(values[key]))
    detail = {k: v for k, v in values.items()
              if k not in _SECRET_ARGS and not k.startswith("_") and not k.endswith("_command")
              and v not in (None, False, [], "")}
    return " ".join(words)[:64], json.dumps(detail, ensure_ascii=False, default=str)[:2000]


def record(engine: Engine, command: str, detail: str, outcome: str, *, actor: str | None = None,
           at: datetime | None = None) -> None:
    # Its own transaction: a refused or failed command is recorded too, not rolled back with it.
    with engine.begin() as conn:
        conn.execute(admin_audit.insert().values(at=at or datetime.now(), actor=actor or who(), command=command,
                                                 detail=detail, outcome=outcome))


def entries(engine: Engine, limit: int = 200) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(select(admin_audit).order_by(admin_audit.c.id.desc()).limit(limit)).all()
    return [{"id": r.id, "at": r.at.isoformat(timespec="seconds"), "actor": r.actor, "command": r.command,
             "detail": json.loads(r.detail or "{}"), "outcome": r.outcome} for r in reversed(rows)]
