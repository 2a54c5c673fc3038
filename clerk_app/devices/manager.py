"""Device manager: opens adapters from configuration, probes them, runs their I/O off the GUI thread.

Public API: ``DeviceManager(config, queue_dir=None, vault=None)`` with
- ``open_id_reader()``, ``open_printer()``, ``open_camera()``, ``open_evaluator()``: a fresh adapter
  each call (a re-plugged device is picked up; nothing is cached across hotplug);
- ``probe(kind) -> DeviceStatus``, ``probe_all() -> list[DeviceStatus]``, ``statuses``;
- non-blocking: ``read_id(timeout, cancel=None)``, ``print_receipt(data, title, pdf_path=None)``,
  ``capture(deskew=True)``, ``preview_frame(max_side)``, ``ask_rating(case_no, timeout, cancel=None)``, ``probe_all_async()``;
  each returns a ``concurrent.futures.Future`` (one worker thread per device, so calls to one
  device queue up while others run); ``add_status_listener(cb)`` is told of every status change,
  from a worker thread — the UI layer re-posts it to the GUI thread;
- ``print_queue`` (when ``queue_dir`` is given); ``close()`` stops workers and simulators.
``sim:`` URLs start the built-in simulators on a pty or loopback TCP, so even ``make run`` drives
real bytes through the same adapters.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from clerk_app.devices.base import KIND_LABELS, DeviceError, DeviceState, DeviceStatus
from clerk_app.devices.config import DeviceConfig
from clerk_app.errors import UserError
from clerk_app.messages import Text

log = logging.getLogger("clerk_app.devices")
T = TypeVar("T")
KINDS = ("id_reader", "printer", "camera", "evaluator")
PRINTER_SIM_FLAGS = {"paper_out": "paper_out", "cover_open": "cover_open", "offline": "offline",
                     "near_end": "paper_near_end", "silent": "silent"}


class DeviceManager:
    def __init__(self, config: DeviceConfig, queue_dir: Path | None = None, vault: Any = None) -> None:
        self.config = config
        self._sims: dict[str, tuple[Any, Any]] = {}
        self._sim_lock = threading.Lock()
        self._workers = {k: ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"dev-{k}") for k in KINDS}
        self.statuses: dict[str, DeviceStatus] = {}
        self._listeners: list[Callable[[DeviceStatus], None]] = []
        self.print_queue = None
        if queue_dir is not None:
            from clerk_app.devices.printer.queue import PrintQueue

            self.print_queue = PrintQueue(queue_dir, self.open_printer, vault)  # vault: receipts encrypted at rest

    def url(self, kind: str) -> str:
        return str(getattr(self.config, kind))

    # -- simulators ---------------------------------------------------------------------
    def simulator(self, kind: str) -> Any:
        """The simulator object behind a ``sim:`` device (tests and demos drive it)."""
        return self._sim_host(kind)[1]

    def _sim_host(self, kind: str) -> tuple[Any, Any]:
        with self._sim_lock:
            if kind in self._sims:
                return self._sims[kind]
            arg = self.url(kind)[4:]
            if kind == "id_reader":
                from clerk_app.devices.id_reader.simulator import start_pty_reader

                host, sim = start_pty_reader()
                if arg != "empty":
                    try:
                        sim.place_card(arg or 0)
                    except StopIteration:
                        host.close()
                        raise DeviceError("reader.sim_no_sample", sample=arg) from None
            elif kind == "printer":
                from clerk_app.devices.printer.simulator import start_tcp_printer

                host, sim = start_tcp_printer()
                for flag in filter(None, arg.split(",")):
                    if flag not in PRINTER_SIM_FLAGS:
                        host.close()
                        raise DeviceError("printer.sim_unknown_state", flag=flag)
                    setattr(sim, PRINTER_SIM_FLAGS[flag], True)
            elif kind == "evaluator":
                from clerk_app.devices.evaluator.simulator import start_pty_keypad

                host, sim = start_pty_keypad(auto_press=int(arg) if arg.isdigit() else None)
            else:
                raise KeyError(kind)
            self._sims[kind] = (host, sim)
            return host, sim

    # -- adapters -----------------------------------------------------------------------
    def open_id_reader(self):  # -> Ga467Reader
        from clerk_app.devices.id_reader.adapter import Ga467Reader
        from clerk_app.devices.transports import SerialTransport, open_transport

        url = self.url("id_reader")
        if url.startswith("sim:"):
            return Ga467Reader(SerialTransport(self._sim_host("id_reader")[0].port, self.config.id_reader_baud))
        return Ga467Reader(open_transport(url, baudrate=self.config.id_reader_baud))

    def open_printer(self):  # -> EscPosPrinter
        from clerk_app.devices.printer.adapter import EscPosPrinter
        from clerk_app.devices.transports import TcpTransport, open_transport

        url = self.url("printer")
        if url.startswith("sim:"):
            return EscPosPrinter(TcpTransport(self._sim_host("printer")[0].url))
        return EscPosPrinter(open_transport(url, baudrate=9600))

    def encoder(self):  # -> EscPosEncoder configured for this counter's printer
        from clerk_app.devices.printer.escpos import EscPosEncoder

        return EscPosEncoder(self.config.printer_encoding, self.config.printer_width_mm)

    def open_camera(self):  # -> Camera
        from clerk_app.devices.camera.capture import open_camera

        return open_camera(self.url("camera"))

    def open_evaluator(self):  # -> KeypadEvaluator
        from clerk_app.devices.evaluator.adapter import KeypadEvaluator
        from clerk_app.devices.transports import SerialTransport, open_transport

        url = self.url("evaluator")
        if url.startswith("sim:"):
            return KeypadEvaluator(SerialTransport(self._sim_host("evaluator")[0].port, self.config.evaluator_baud))
        return KeypadEvaluator(open_transport(url, baudrate=self.config.evaluator_baud))

    # -- status ------------------------------------------------------------------------
    def add_status_listener(self, cb: Callable[[DeviceStatus], None]) -> None:
        self._listeners.append(cb)

    def _set_status(self, st: DeviceStatus) -> DeviceStatus:
        old = self.statuses.get(st.kind)
        self.statuses[st.kind] = st
        if old != st:
            for cb in list(self._listeners):
                try:
                    cb(st)
                except Exception:  # a listener's bug must not break device work
                    log.exception("status listener failed")
        return st

    def _status_from_error(self, kind: str, exc: UserError) -> DeviceStatus:
        state = getattr(exc, "state", DeviceState.ERROR)
        if state is DeviceState.READY:  # "no card" and the like: the device itself is fine
            return DeviceStatus(kind, self.url(kind), DeviceState.READY, Text("device.ready"))
        return DeviceStatus(kind, self.url(kind), state, exc.message, exc.detail or "")

    def _probe_now(self, kind: str) -> DeviceStatus:
        url = self.url(kind)
        dev = None
        try:
            if kind == "id_reader":
                dev = self.open_id_reader()
                dev.sam_status()
                msg = Text("device.ready_sam", sam=dev.sam_id())
            elif kind == "printer":
                dev = self.open_printer()
                st = dev.status()
                if not st.printable:
                    return DeviceStatus(kind, url, DeviceState.ERROR, st.message, st.condition.value)
                msg = st.message
            elif kind == "camera":
                dev = self.open_camera()
                dev.check()
                msg = Text("device.ready")
            else:
                dev = self.open_evaluator()
                msg = Text("device.ready_with", info=dev.hello())
            return DeviceStatus(kind, url, DeviceState.READY, msg)
        except UserError as exc:
            log.info("probe %s %s: %s (%s)", kind, url, exc.message, exc.detail)
            return self._status_from_error(kind, exc)
        finally:
            if dev is not None:
                dev.close()

    def probe(self, kind: str) -> DeviceStatus:
        return self._set_status(self._probe_now(kind))

    def probe_all(self) -> list[DeviceStatus]:
        futures = [self._workers[k].submit(self.probe, k) for k in KINDS]
        return [f.result() for f in futures]

    # -- non-blocking operations ----------------------------------------------------------
    def _run(self, kind: str, fn: Callable[[], T]) -> Future[T]:
        def job() -> T:
            try:
                result = fn()
            except UserError as exc:
                self._set_status(self._status_from_error(kind, exc))
                raise
            self._set_status(DeviceStatus(kind, self.url(kind), DeviceState.READY, Text("device.ready")))
            return result

        return self._workers[kind].submit(job)

    def probe_all_async(self) -> Future[list[DeviceStatus]]:
        fut: Future[list[DeviceStatus]] = Future()
        threading.Thread(target=lambda: fut.set_result(self.probe_all()), daemon=True).start()
        return fut

    def read_id(self, timeout: float, cancel: threading.Event | None = None) -> Future[Any]:
        def work():
            reader = self.open_id_reader()
            try:
                return reader.wait_for_card(timeout, cancel=cancel)
            finally:
                reader.close()

        return self._run("id_reader", work)

    def print_receipt(self, data: bytes, title: str, pdf_path: str | None = None) -> Future[Any]:
        """Through the print queue when there is one: a failed job waits there for a retry."""
        def work():
            if self.print_queue is not None:
                job = self.print_queue.submit(data, title, pdf_path)
                if job.state != "printed":
                    raise DeviceError("printer.kept_in_queue", last_error=job.last_error)
                return job
            printer = self.open_printer()
            try:
                return printer.print_bytes(data)
            finally:
                printer.close()

        return self._run("printer", work)

    def capture(self, deskew: bool = True) -> Future[bytes]:
        def work() -> bytes:
            from clerk_app.devices.camera.capture import capture_document

            cam = self.open_camera()
            try:
                return capture_document(cam, deskew=deskew)
            finally:
                cam.close()

        return self._run("camera", work)

    def preview_frame(self, max_side: int = 960) -> Future[bytes]:
        """One small preview JPEG from the camera. It runs on the camera's worker, so a capture
        waits at most for one preview frame and the two never reach the device at once."""
        def work() -> bytes:
            from clerk_app.devices.camera.imaging import preview_jpeg

            cam = self.open_camera()
            try:
                return preview_jpeg(cam.preview_raw(), max_side)
            finally:
                cam.close()

        return self._run("camera", work)

    def ask_rating(self, case_no: str, timeout: float, cancel: threading.Event | None = None) -> Future[Any]:
        def work():
            ev = self.open_evaluator()
            try:
                return ev.ask(case_no, timeout, cancel=cancel)
            finally:
                ev.close()

        return self._run("evaluator", work)

    def close(self) -> None:
        for w in self._workers.values():
            w.shutdown(wait=True, cancel_futures=True)
        with self._sim_lock:
            for host, _ in self._sims.values():
                host.close()
            self._sims.clear()

    def __enter__(self) -> DeviceManager:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def describe(st: DeviceStatus) -> str:
    return f"{KIND_LABELS[st.kind]}\t{st.url}\t{st.state.label}\t{st.message}"
