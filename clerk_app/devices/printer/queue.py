"""A print queue kept on disk: a job that fails waits there and can be printed again.

Public API: ``PrintQueue(folder, open_printer, vault=None)`` with ``submit(data, title, pdf_path=None) ->
PrintJob``, ``retry(job_id)``, ``retry_all()``, ``pending()``, ``discard(job_id)``; ``PrintJob``.
``open_printer`` is a callable returning a fresh ``EscPosPrinter`` (asked each time so that a
re-plugged printer is picked up). The job's PDF copy is made by the documents layer before
submitting; the queue only keeps its path.

A receipt names the applicant, so its bytes never reach the disk in plaintext: with the profile's
``FileVault`` they are stored encrypted (AES-256-GCM), without one (a demo profile with no OS
keyring) they are kept in memory only and a failed job does not survive a restart.
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
from typing import TYPE_CHECKING

from clerk_app.devices.printer.adapter import EscPosPrinter
from clerk_app.errors import UserError

if TYPE_CHECKING:
    from clerk_app.security.files import FileVault

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
    def __init__(self, folder: Path, open_printer: Callable[[], EscPosPrinter], vault: FileVault | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._open = open_printer
        self._vault = vault
        self._memory: dict[str, bytes] = {}
        self._lock = threading.Lock()  # one job on the printer at a time
        self._protect_old_spool()

    def _protect_old_spool(self) -> None:
        """Spools written in plaintext before encryption existed are encrypted in place."""
        if self._vault is not None:
            for path in self.folder.glob("*.bin"):
                if not self._vault.is_encrypted(path):
                    self._vault.write(path, path.read_bytes())

    def _store(self, job_id: str, data: bytes) -> None:
        if self._vault is None:
            self._memory[job_id] = data
        else:
            self._vault.write(self._data(job_id), data)

    def _read(self, job_id: str) -> bytes:
        if self._vault is None:
            if job_id in self._memory:
                return self._memory[job_id]
            try:
                return self._data(job_id).read_bytes()  # a spool from before encryption, as it was
            except FileNotFoundError:
                raise UserError("printer.job_not_kept") from None
        return self._vault.read(self._data(job_id))

    def _forget(self, job_id: str) -> None:
        self._memory.pop(job_id, None)
        self._data(job_id).unlink(missing_ok=True)

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
            raise UserError("printer.job_not_found") from None

    def submit(self, data: bytes, title: str, pdf_path: str | None = None) -> PrintJob:
        """Stores the job first, then prints; on failure the job stays pending with the reason."""
        job = PrintJob(id=uuid.uuid4().hex, title=title, created=dt.datetime.now().isoformat(timespec="microseconds"),
                       pdf_path=pdf_path)
        self._store(job.id, data)
        self._save(job)
        return self._attempt(job)

    def _attempt(self, job: PrintJob) -> PrintJob:
        with self._lock:
            job.attempts += 1
            printer = None
            try:
                printer = self._open()
                printer.print_bytes(self._read(job.id))
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
                self._forget(job.id)
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
        self._forget(job_id)
