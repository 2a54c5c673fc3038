"""CPython's cyclic garbage collector, run on the GUI thread only.

With automatic collection on, a collection runs on whichever thread's allocation crosses the
generation-0 threshold, often a device or writer thread decoding an image. A widget whose Python
wrapper is cyclic garbage while its C++ side lives is then finalised on that thread: a Python
subclass is destroyed there and Shiboken queues its Python-owned children for a second deletion on
the GUI thread (SIGSEGV in ``BindingManager::runDeletionInMainThread``, b4bc56d; docs/architecture.md,
"Qt wrappers and worker threads"). Instead of proving every widget free of that pattern, automatic
collection is switched off once the Qt application exists, and a timer on the GUI thread applies
CPython's own thresholds (``gc.get_count()`` against ``gc.get_threshold()``, generation by generation)
every ``INTERVAL_MS``: garbage is still collected, but only here.

The idea of the PyQt wiki's ``GarbageCollector``, by Kovid Goyal for calibre
(``calibre/gui2/main_window.py``). Processes without a Qt application (the CLI, the center) keep automatic
collection. An explicit ``gc.collect()`` on another thread still runs: nothing here may call one.
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Slot

# Often enough that a burst of garbage (a page of thumbnails) waits at most half a second, rarely
# enough that the count check costs nothing measurable.
INTERVAL_MS = 500


class GuiCollector(QObject):
    """Owned by the application; from its creation on, every collection happens in ``check``."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.thresholds = gc.get_threshold()
        self._timer = QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        gc.disable()
        self._timer.start()

    @Slot()
    def check(self) -> None:
        """What CPython would have done at the allocations since the last tick (younger generations
        first; a collection of one counts towards the next)."""
        count0, count1, count2 = gc.get_count()
        threshold0, threshold1, threshold2 = self.thresholds
        if count0 > threshold0:
            gc.collect(0)
            if count1 > threshold1:
                gc.collect(1)
                if count2 > threshold2:
                    gc.collect(2)


_collector: GuiCollector | None = None


def collect_on_gui_thread(app: QCoreApplication) -> GuiCollector:
    """Switch automatic collection off and collect from a timer of ``app`` (once per application;
    called on the GUI thread, by ``app.create_qt_app`` and the tests' ``qapp``)."""
    global _collector
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("the collector belongs to the GUI thread")
    if _collector is None or not shiboken6.isValid(_collector) or _collector.parent() is not app:
        _collector = GuiCollector(app)
    return _collector


def check_now() -> None:
    """A collection due now, on the calling (GUI) thread; for the tests between two tests, where no
    event loop may turn for a while."""
    if _collector is not None and shiboken6.isValid(_collector):
        _collector.check()
