"""Working-day calendar costs at start-up and per case: printed, not asserted.

Each start-up figure is measured in a fresh interpreter (median of 5), because caches make a second
measurement in the same process meaningless.
Usage: python bench/bench_calendar.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROBE = """
import time, tempfile, pathlib
t0 = time.perf_counter()
from clerk_app.domain.workdays import builtin_schedules
t1 = time.perf_counter()
b = builtin_schedules(); b[2025]; b[2026]
t2 = time.perf_counter()
for y in b: b[y]
t3 = time.perf_counter()
from clerk_app.paths import ProfilePaths
from clerk_app.services.calendar import load_calendar
t4 = time.perf_counter()
load_calendar(ProfilePaths(pathlib.Path(tempfile.mkdtemp())))
t5 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t5 - t4)
"""


def startup() -> None:
    runs = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append([float(x) for x in out.stdout.split()])
    med = [statistics.median(col) * 1000 for col in zip(*runs, strict=True)]
    print(f"import workdays {med[0]:.2f} ms; build 2025+2026 (incl. chinese_calendar import) {med[1]:.2f} ms; "
          f"build the other 21 years {med[2]:.2f} ms; load_calendar (shipped 2026.toml) {med[3]:.2f} ms")


def per_case() -> None:
    from datetime import date, timedelta

    from clerk_app.domain.deadlines import compute_due, deadline_status
    from clerk_app.domain.matters import LimitUnit, TimeLimit
    from clerk_app.domain.workdays import WorkCalendar, builtin_schedules

    cal = WorkCalendar(base=builtin_schedules())
    limit = TimeLimit(20, LimitUnit.WORKING_DAYS)
    times = []
    for i in range(2000):
        day = date(2025, 1, 1) + timedelta(days=i % 700)
        t = time.perf_counter()
        due = compute_due(cal, day, limit)
        assert due is not None
        deadline_status(cal, due, day)
        times.append(time.perf_counter() - t)
    times.sort()
    print(f"compute_due(20 working days) + deadline_status: p95 {times[int(len(times) * 0.95)] * 1e6:.0f} µs")
    t = time.perf_counter()
    cal.add_working_days(date(2016, 1, 1), 2500)
    print(f"add_working_days(2500) across ten years: {(time.perf_counter() - t) * 1000:.2f} ms")


if __name__ == "__main__":
    startup()
    per_case()
