"""Processes for the counter SIGKILL test. Each writer registers applicants through the real services
while the background SyncRunner pushes after each commit, until it is killed or has written TARGET
applicants (printing "n <count>" after each commit); then it syncs until its outbox is empty and prints
"done <pending>".

Usage: python sync_crash_writer.py PROFILE SERVER_URL ENROL_CODE TARGET

Started this way the script is a zygote: it imports everything once, then forks one writer process for
each line "run" it reads on stdin and, when that writer has ended, prints "exit <signal or code>". A
writer prints "ready <pid> <applicants held>" once it is set up. Forking spares twenty restarts a second
and a half of imports each; every writer is still its own process, opened from the files alone.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fault_helpers import id_number  # noqa: E402

from clerk_app.domain.applicants import ApplicantKind  # noqa: E402
from clerk_app.domain.roles import Role  # noqa: E402
from clerk_app.paths import ProfilePaths  # noqa: E402
from clerk_app.services import cases  # noqa: E402
from clerk_app.services.auth import create_user, login  # noqa: E402
from clerk_app.services.bootstrap import open_context
from clerk_app.services.context import ServiceContext  # noqa: E402
from sync.client import SyncClient, SyncError  # noqa: E402
from sync.client.runner import SyncRunner  # noqa: E402


def count(ctx: ServiceContext) -> int:
    with ctx.store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM applicants")).scalar() or 0)


def say(*parts: object) -> None:
    """One line in one write: with PYTHONUNBUFFERED (as in CI) print() writes each part on its own, and a
    writer killed between two of them leaves half a line ("n" without its count) for the test to read."""
    sys.stdout.write(" ".join(map(str, parts)) + "\n")
    sys.stdout.flush()


def writer(profile: Path, server: str, code: str, target: int) -> None:
    ctx = open_context(ProfilePaths(profile).ensure())
    client = SyncClient(ctx.store, attachments=ctx.paths.attachments, batch=50)
    if client.device_id is None:
        client.enroll(server, code, device_name="crash-writer")
        clerk = create_user(ctx, None, username="clerk", display_name="王小明", role=Role.CLERK, password="clerk1234")
    else:
        clerk = login(ctx, "clerk", "clerk1234")
    runner = SyncRunner(client, interval_s=0.05, max_backoff_s=0.2)
    runner.start()
    n = count(ctx)
    say("ready", os.getpid(), n)
    while n < target:
        cases.register_applicant(ctx, clerk, kind=ApplicantKind.PERSON, name=f"申请人{n}", id_number=id_number(n))
        n = count(ctx)
        say("n", n)  # committed: the test picks its moment to kill from these
    runner.stop()
    for _ in range(200):
        try:
            if client.sync_once().pending == 0:
                break
        except SyncError:
            time.sleep(0.05)
    say("done", client.status().pending)


def main() -> None:
    profile, server, code, target = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    for line in sys.stdin:
        if line.strip() != "run":
            break
        pid = os.fork()
        if pid == 0:
            try:
                writer(profile, server, code, target)
            finally:
                sys.stdout.flush()
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        say("exit", -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    main()
