"""Start → login window visible, and login → main window visible (issue 15 target: the login
window within 3× the time a bare PySide6 window takes on the same machine, same run).

Each figure is the median of 5 fresh processes. "Visible" is the window shown and its first events
processed. The login path is the application's own (``clerk_app.startup.show_login_first``, as
``run_gui`` calls it): the store, the catalogue and the main window's modules load on a background
thread while the login window is up (its end is reported too). Login → main window, after a
clerk's typing time: the password checked (waiting for that load if still needed) and the main window
built and shown (without devices: they open in the background).
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CLERK_APP_ALLOW_UNENCRYPTED", "1")  # a throwaway profile; no keyring on a build host

RUNS = 5
TYPING_S = 3.0  # a clerk typing a user name and a password
TARGET_RATIO = 3.0

BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
w = QWidget(); w.resize(380, 240); w.show(); app.processEvents()
print("visible", time.time(), flush=True)
"""

LOGIN = """
import sys, time
TYPING = float(sys.argv[2])
from clerk_app.app import create_qt_app
from clerk_app.startup import show_login_first
app = create_qt_app()
dialog, loader = show_login_first(sys.argv[1])
app.processEvents()
shown = time.time()
print("visible", shown, flush=True)
loader.get()
print("loaded", time.time(), flush=True)
time.sleep(max(0.0, TYPING - (time.time() - shown)))  # the clerk types name and password meanwhile
dialog.username.setText("clerk"); dialog.password.setText("clerk1234")
t0 = time.perf_counter()
dialog._on_submit()
assert dialog.actor is not None, dialog.error.text()
from clerk_app.ui.main_window import MainWindow
window = MainWindow(loader.get(), dialog.actor)
window.show(); app.processEvents()
print("main", time.perf_counter() - t0, flush=True)
window.runner.shutdown()
"""


def _run(code: str, *args: str) -> dict[str, float]:
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout
    figures: dict[str, float] = {}
    for line in out.splitlines():
        key, _, value = line.partition(" ")
        if key in ("visible", "loaded"):
            figures[key] = float(value) - started
        elif key == "main":
            figures["main"] = float(value)
    return figures


def main() -> int:
    from clerk_app.domain.roles import Role
    from clerk_app.paths import ProfilePaths
    from clerk_app.services.auth import create_user
    from clerk_app.services.bootstrap import open_context

    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        ctx = open_context(ProfilePaths(profile).ensure())
        create_user(ctx, None, username="clerk", display_name="王小明", role=Role.CLERK, password="clerk1234")
        ctx.store.close()
        _run(BARE)  # warm the OS file cache for both
        _run(LOGIN, str(profile), str(TYPING_S))
        bare, login, loaded, main_window = [], [], [], []
        for _ in range(RUNS):
            bare.append(_run(BARE)["visible"])
            figures = _run(LOGIN, str(profile), str(TYPING_S))
            login.append(figures["visible"])
            loaded.append(figures["loaded"])
            main_window.append(figures["main"])
    b, lg, mw = statistics.median(bare), statistics.median(login), statistics.median(main_window)
    print(f"bare PySide6 window visible:   {b * 1000:7.0f} ms (median of {RUNS})")
    print(f"login window visible:          {lg * 1000:7.0f} ms  ratio {lg / b:.2f}× (target ≤ {TARGET_RATIO:.0f}×)")
    print(f"store and main window loaded:  {statistics.median(loaded) * 1000:7.0f} ms after start, behind the login window")
    print(f"login → main window visible:   {mw * 1000:7.0f} ms (password check included; typing {TYPING_S:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
