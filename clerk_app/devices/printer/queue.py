"""A print queue kept on disk: a job that fails waits there and can be printed again.

Public API: ``PrintQueue(folder, open_printer)`` with ``submit(data, title, pdf_path=None) -> PrintJob``,
``retry(job_id)``, ``retry_all()``, ``pending()``, ``discard(job_id)``; ``PrintJob``.
``open_printer`` is a callable returning a fresh ``EscPosPrinter`` (asked each time so that a
re-plugged printer is picked up). The job's PDF copy is made by the documents layer before
submitting; the queue only keeps its path.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from clerk_app.devices.printer.adapter import EscPosPrinter
from clerk_app.errors import UserError

log = logging.getLogger("clerk_app.devices")


@dataclass
class PrintJob:
    id: str
    title: str
    created: str
    pdf_path: str | None = None
    state: str = "pending"  # pending | printed
    attempts: int = 0
    last_error: str | None = None


class PrintQueue:
    def __init__(self, folder: Path, open_printer: Callable[[], EscPosPrinter]) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._open = open_printer
        self._lock = threading.Lock()  # one job on the printer at a time

    def _meta(self, job_id: str) -> Path:
        return self.folder / f"{job_id}.json"

    def _data(self, job_id: str) -> Path:
        return self.folder / f"{job_id}.bin"

    def _save(self, job: PrintJob) -> None:
        tmp = self._meta(job.id).with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(job), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self._meta(job.id))  # atomic: a crash never leaves half a record

    def load(self, job_id: str) -> PrintJob:
        try:
            return PrintJob(**json.loads(self._meta(job_id).read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise UserError("找不到这个打印任务：它可能已被打印或删除。") from None

    def submit(self, data: bytes, title: str, pdf_path: str | None = None) -> PrintJob:
        """Stores the job first, then prints; on failure the job stays pending with the reason."""
        job = PrintJob(id=uuid.uuid4().hex, title=title, created=dt.datetime.now().isoformat(timespec="microseconds"),
                       pdf_path=pdf_path)
        self._data(job.id).write_bytes(data)
        self._save(job)
        return self._attempt(job)

    def _attempt(self, job: PrintJob) -> PrintJob:
        with self._lock:
            job.attempts += 1
            printer = None
            try:
                printer = self._open()
                printer.print_bytes(self._data(job.id).read_bytes())
            except UserError as exc:
                job.last_error = exc.message
                log.warning("print job %s (%s) failed: %s", job.id, job.title, exc.detail or exc.message)
            else:
                job.state, job.last_error = "printed", None
            finally:
                if printer is not None:
                    printer.close()
            self._save(job)
            if job.state == "printed":
                self._data(job.id).unlink(missing_ok=True)
            return job

    def retry(self, job_id: str) -> PrintJob:
        job = self.load(job_id)
        if job.state == "printed":
            return job
        return self._attempt(job)

    def pending(self) -> list[PrintJob]:
        jobs = [self.load(p.stem) for p in self.folder.glob("*.json")]
        return sorted((j for j in jobs if j.state == "pending"), key=lambda j: j.created)

    def retry_all(self) -> list[PrintJob]:
        """Retries in submission order; stops at the first failure (the printer is still not ready)."""
        done = []
        for job in self.pending():
            job = self._attempt(job)
            done.append(job)
            if job.state != "printed":
                break
        return done

    def discard(self, job_id: str) -> None:
        self._meta(job_id).unlink(missing_ok=True)
        self._data(job_id).unlink(missing_ok=True)
