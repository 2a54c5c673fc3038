"""The crash handler (issue 16 item 6): an exception nobody handled becomes a report in the profile's logs
with frames and types but no message (which may carry citizen data), and one sentence for the clerk; a
``UserError`` that escaped shows its own sentence. Run in a real Qt event loop in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from clerk_app.crash import CRASH_SENTENCE

REPO = Path(__file__).resolve().parents[2]
SECRET = "欧阳娜娜 11010519491231002X 13912345678"

SCRIPT = textwrap.dedent('''
    import sys, threading
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from clerk_app import crash
    from clerk_app.errors import UserError

    app = QApplication([])
    shown = []
    crash.install(Path(sys.argv[1]), shown.append)

    def save_applicant_slot():
        raise ValueError("binding failed for %s")

    def user_fault():
        raise UserError("打印机未连接，请检查后重试。")

    def worker():
        raise KeyError("%s")

    QTimer.singleShot(0, save_applicant_slot)
    QTimer.singleShot(10, user_fault)
    QTimer.singleShot(20, lambda: threading.Thread(target=worker, name="clerk-worker").start())
    QTimer.singleShot(400, app.quit)
    app.exec()
    print("\\n".join(shown))
''') % (SECRET, SECRET)


def test_unhandled_exceptions_become_a_masked_report_and_one_sentence(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    r = subprocess.run([sys.executable, "-c", SCRIPT, str(logs)], capture_output=True, text=True, encoding="utf-8",
                       cwd=REPO, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [CRASH_SENTENCE, "打印机未连接，请检查后重试。"]  # the worker's: report only
    assert "Traceback" not in r.stderr and SECRET not in r.stderr
    reports = sorted(logs.glob("crash-*.log"))
    assert len(reports) == 2
    texts = [p.read_text(encoding="utf-8") for p in reports]
    assert any("save_applicant_slot" in t and "builtins.ValueError" in t for t in texts)
    assert any("worker" in t and "builtins.KeyError" in t and "clerk-worker" in t for t in texts)
    for t in texts:
        for part in SECRET.split():
            assert part not in t
