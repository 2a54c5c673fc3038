"""A process killed with SIGKILL in the middle of 1,000 case writes leaves a sound database holding
only complete cases."""

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from clerk_app.store.db import Store

HERE = Path(__file__).parent


def test_sigkill_mid_writes_leaves_only_complete_cases(tmp_path: Path) -> None:
    profile = tmp_path / "p"
    child = subprocess.Popen([sys.executable, str(HERE / "crash_writer.py"), str(profile)], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    db = profile / "clerk.sqlite3"
    deadline = time.monotonic() + 60
    written = 0
    while time.monotonic() < deadline:
        with sqlite3.connect(db, timeout=5) as conn:
            written = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
        if written >= 150:
            break
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    assert 150 <= written < 1000, "the kill must land in the middle of the writes"

    store = Store(db, key=None)  # the writer had no keyring: its profile is a plain SQLite file
    assert store.integrity_check() == "ok"
    with sqlite3.connect(db) as conn:
        cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
        incomplete = conn.execute(
            "SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM case_materials m WHERE m.case_id=c.id) != 4"
        ).fetchone()[0]
        unaudited = conn.execute(
            "SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id=c.id "
            "AND a.action='case.receive')").fetchone()[0]
        numbers = conn.execute("SELECT count(DISTINCT number) FROM cases").fetchone()[0]
        seq = conn.execute("SELECT max(value) FROM sequences WHERE key LIKE 'case:%'").fetchone()[0]
    assert cases >= written
    assert incomplete == 0 and unaudited == 0
    assert numbers == cases and seq == cases  # no number lost or reused
