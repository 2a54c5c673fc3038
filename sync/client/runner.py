"""Background sync for the app: a worker thread that syncs after each local commit and on a timer,
with exponential backoff and jitter after failures. The GUI only receives callbacks: the status after
each round, and what the round committed to the store (``Changes``: a pull's cases, a distribution's
catalogue, …) so that the views refresh as after a local action."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

from clerk_app.store import outbox
from clerk_app.store.changes import Changes, collect_changes
from sync.client.engine import SyncClient, SyncError
from sync.client.status import SyncStatus

log = logging.getLogger("clerk.sync")


class SyncRunner:
    def __init__(self, client: SyncClient, *, interval_s: float = 60.0, max_backoff_s: float = 600.0,
                 on_status: Callable[[SyncStatus], None] | None = None,
                 on_changes: Callable[[Changes], None] | None = None) -> None:
        self.client, self.interval_s, self.max_backoff_s, self.on_status = client, interval_s, max_backoff_s, on_status
        self.on_changes = on_changes
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._failures = 0
        self._retry_after: float | None = None  # from the last failed round's 429/503
        self._unhook: Callable[[], None] | None = None
        self.rounds = 0

    def start(self) -> None:
        if self._thread is not None:
            return
        self._unhook = outbox.on_commit(self.client.store._sessions, self.trigger)
        self._thread = threading.Thread(target=self._loop, name="clerk-sync", daemon=True)
        self._thread.start()

    def trigger(self) -> None:
        """Sync now (called after each local commit that wrote outbox rows)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._unhook is not None:
            self._unhook()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.client.close()

    def _delay(self) -> float:
        if self._failures == 0:
            return self.interval_s
        if self._retry_after is not None:
            # The center said when: never earlier, and spread over half as much again so that counters
            # told the same thing do not all come back in the same second.
            return min(self.max_backoff_s, self._retry_after) * random.uniform(1.0, 1.5)
        base = min(self.max_backoff_s, 2.0 ** min(self._failures, 10))
        return base * random.uniform(0.5, 1.5)  # jitter: counters recovering together do not stampede

    def _status(self) -> SyncStatus | None:
        """The status after a failed round; None when even that cannot be read (a locked or damaged
        file): the worker goes on and tries again, it never dies with the clerk's session still open."""
        try:
            return self.client.status()
        except Exception as exc:  # noqa: BLE001 - see above
            log.warning("sync status unreadable (%s)", type(exc).__name__)
            return None

    def _loop(self) -> None:
        self._wake.set()  # first round at once
        while not self._stop.is_set():
            self._wake.wait(self._delay())
            self._wake.clear()
            if self._stop.is_set():
                break
            self._retry_after = None
            status: SyncStatus | None
            with collect_changes() as collected:
                try:
                    status = self.client.sync_once()
                    self._failures = 0
                except SyncError as exc:
                    self._failures += 1
                    self._retry_after = exc.retry_after
                    log.info("sync round failed: %s", exc.message)
                    status = self._status()
                except Exception as exc:  # noqa: BLE001 - the worker must survive anything and say so
                    from clerk_app.crash import safe_traceback

                    self._failures += 1
                    log.error("sync round crashed:\n%s", safe_traceback(exc))  # no message: it may render a record
                    status = self._status()
            # A failed round may have applied some pages before failing: those are reported too.
            if collected.changes and self.on_changes is not None:
                self.on_changes(collected.changes)
            self.rounds += 1
            if status is None:
                continue
            if self.on_status is not None:
                self.on_status(status)
            if status.stopped:
                break
