"""Work the counter does by itself at start-up and then once a day (the retention purge, 容缺 commitments
that lapse): one loop on its own daemon thread, never the GUI thread. A failed run (a locked database, a
damaged profile) is logged with its traceback and retried at the next interval: housekeeping must
never take the counter down."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Generic, TypeVar

log = logging.getLogger("clerk_app.services")
Result = TypeVar("Result")


class DailyJob(Generic[Result]):
    """Runs ``work()`` at ``start()`` and every ``interval`` until ``stop()``; each result is kept in
    ``runs`` and described in the log by ``describe``."""

    name = "housekeeping"  # the thread's name
    what = "housekeeping"  # the job in a log line
    log = log  # a job may log where its own area logs

    def __init__(self, *, interval: timedelta = timedelta(days=1)) -> None:
        self.interval = interval
        self.runs: list[Result] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def work(self) -> Result:
        raise NotImplementedError

    def describe(self, result: Result) -> str:
        return f"{self.what} done"

    def run_once(self) -> Result | None:
        try:
            result = self.work()
        except Exception:  # noqa: BLE001 - logged with its traceback; the next run tries again
            self.log.exception("%s failed; retrying in %s", self.what, self.interval)
            return None
        self.log.info("%s", self.describe(result))
        self.runs.append(result)
        return result

    def _loop(self) -> None:
        self.run_once()
        while not self._stop.wait(self.interval.total_seconds()):
            self.run_once()

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
