"""容缺 commitments lapse by themselves (seed 001 §5.3.5; seed 003 App. C.7): ``CommitmentScheduler``
breaks every commitment past its promised date at start-up and then once a day while the app runs,
on its own thread (never the GUI thread), as the system actor, the way the retention purge runs.
Nobody has to press a button for a broken commitment to count against the applicant's credit."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from clerk_app.domain.roles import SYSTEM
from clerk_app.services.context import ServiceContext

log = logging.getLogger("clerk_app.services")


class CommitmentScheduler:
    """Runs ``break_overdue_commitments`` at ``start()`` and every ``interval`` until ``stop()``.

    A failed run (a locked database) is logged and retried at the next interval."""

    def __init__(self, ctx: ServiceContext, *, interval: timedelta = timedelta(days=1)) -> None:
        self.ctx = ctx
        self.interval = interval
        self.runs: list[list[str]] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> list[str] | None:
        from clerk_app.services.cases import break_overdue_commitments

        try:
            broken = break_overdue_commitments(self.ctx, SYSTEM)
        except Exception:  # noqa: BLE001 - logged with its traceback; the next run tries again
            log.exception("breaking overdue 容缺 commitments failed; retrying in %s", self.interval)
            return None
        log.info("容缺 commitments broken: %d", len(broken))
        self.runs.append(broken)
        return broken

    def _loop(self) -> None:
        self.run_once()
        while not self._stop.wait(self.interval.total_seconds()):
            self.run_once()

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="commitments", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
