"""Cyclic garbage is collected on the GUI thread only (clerk_app/ui/gui_collector.py): a widget that
became cyclic garbage is not finalised by a collection a worker thread's allocations would have
triggered, but by the collector's timer on the GUI thread. Real Qt offscreen, real threads."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QWidget


class _Cyclic(QWidget):
    """A Python subclass, like the app's dialogs: finalising it destroys the C++ widget."""

    def __init__(self) -> None:
        super().__init__()
        self.me = self  # only the cyclic collector can free it


def _make_cyclic_garbage(count: int) -> None:
    # Self-referencing lists stay garbage until a collection: CPython's allocation count stays up,
    # as after a device thread decoded a frame into many small objects.
    for _ in range(count):
        box: list[object] = []
        box.append(box)


def test_a_collection_the_worker_would_trigger_runs_on_the_gui_thread(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    assert not gc.isenabled()
    gui_thread = threading.get_ident()
    finalised_on: list[int] = []
    gc.collect()  # the allocation count starts from zero: nothing on this thread reaches the threshold
    widget = _Cyclic()
    weakref.finalize(widget, lambda: finalised_on.append(threading.get_ident()))
    del widget
    worker = threading.Thread(target=_make_cyclic_garbage, args=(10 * gc.get_threshold()[0],),
                              name="dev-camera-like")
    worker.start()
    worker.join()
    # With automatic collection, the worker's allocations collected generation 0 there, widget included.
    assert finalised_on == []
    qtbot.waitUntil(lambda: finalised_on != [], timeout=5000)
    assert finalised_on == [gui_thread]


def test_the_app_and_the_tests_share_one_collector(qapp) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.app import create_qt_app
    from clerk_app.ui.gui_collector import GuiCollector, collect_on_gui_thread

    collector = collect_on_gui_thread(qapp)
    assert create_qt_app() is qapp
    assert collect_on_gui_thread(qapp) is collector
    assert qapp.findChildren(GuiCollector) == [collector]
