"""The real center server, in its own process, that dies right after a push transaction commits and
before the reply leaves: the fault switch lives here, in the tests, not in production code.

Started as ``python crashing_center.py`` the script is a zygote: it imports the center once, then for
each line ``serve DB_URL PORT CRASH_AFTER BLOB_DIR`` on stdin forks one center process, prints
``pid <pid>``, and once that process has ended ``exit <code, or minus the signal>``. Each center is its
own process on the database as it is on disk; forking spares each restart a second of imports.
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
    """Wrap the push handler's writer transaction (``holding_feed`` on the connection the push read its
    device with): after it commits, count it and maybe die."""
    real_push = apply.push
    local = threading.local()
    lock = threading.Lock()
    count = {"n": 0}

    def push(*args: Any, **kw: Any) -> Any:
        local.pushing = True
        return real_push(*args, **kw)

    def crashing(real: Any) -> Any:
        @contextmanager
        def transaction(*args: Any) -> Iterator[Any]:
            local.pushing = False
            with real(*args) as conn:
                yield conn
            # The transaction has committed here; the handler has not returned its reply yet.
            if local.pushing:
                local.pushing = False
                with lock:
                    count["n"] += 1
                    if count["n"] >= crash_after:
                        os._exit(EXIT_CODE)
        return transaction

    app_module.holding_feed = crashing(app_module.holding_feed)  # type: ignore[assignment]
    apply.push = push  # type: ignore[assignment]


def serve(url: str, port: int, crash_after: int, blob_dir: str) -> None:
    if crash_after > 0:
        install(crash_after)
    uvicorn.run(app_module.create_app(url, blob_dir=blob_dir), host="127.0.0.1", port=port, log_level="warning", lifespan="off")


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(map(str, parts)) + "\n")
    sys.stdout.flush()


def main() -> None:
    for line in sys.stdin:
        words = line.split()
        if words[:1] != ["serve"]:
            break
        url, port, crash_after, blob_dir = words[1], int(words[2]), int(words[3]), words[4]
        pid = os.fork()
        if pid == 0:
            try:
                serve(url, port, crash_after, blob_dir)
            finally:
                os._exit(0)
        say("pid", pid)
        _, status = os.waitpid(pid, 0)
        say("exit", -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))


if __name__ == "__main__":
    main()
