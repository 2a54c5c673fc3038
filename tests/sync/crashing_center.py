"""The real center server, in its own process, that dies right after a push transaction commits and
before the reply leaves: the fault switch lives here, in the tests, not in production code.

Usage: python crashing_center.py DB_URL PORT CRASH_AFTER BLOB_DIR
CRASH_AFTER = N > 0: the process os._exit()s just after the N-th committed push (counting every push
transaction, replays included); 0 runs a normal server.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import uvicorn  # noqa: E402

from sync.server import app as app_module  # noqa: E402
from sync.server import apply  # noqa: E402

EXIT_CODE = 137


def install(crash_after: int) -> None:
    """Wrap the push handler's writer transaction: after it commits, count it and maybe die."""
    real_writer, real_push = app_module.writer, apply.push
    local = threading.local()
    lock = threading.Lock()
    count = {"n": 0}

    def push(*args: Any, **kw: Any) -> Any:
        local.pushing = True
        return real_push(*args, **kw)

    @contextmanager
    def writer(engine: Any, *args: Any) -> Iterator[Any]:
        local.pushing = False
        with real_writer(engine, *args) as conn:
            yield conn
        # The transaction has committed here; the handler has not returned its reply yet.
        if local.pushing:
            local.pushing = False
            with lock:
                count["n"] += 1
                if count["n"] >= crash_after:
                    os._exit(EXIT_CODE)

    app_module.writer = writer  # type: ignore[assignment]
    apply.push = push  # type: ignore[assignment]


def main() -> None:
    url, port, crash_after, blob_dir = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    if crash_after > 0:
        install(crash_after)
    uvicorn.run(app_module.create_app(url, blob_dir=blob_dir), host="127.0.0.1", port=port, log_level="warning", lifespan="off")


if __name__ == "__main__":
    main()
