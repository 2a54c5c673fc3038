"""Warm render times of notices (issue 4 targets: 受理通知书 ≤ 60 ms, 40-item 一次性告知书 ≤ 150 ms, median).

Run: .venv/bin/python bench/bench_documents.py
"""

from __future__ import annotations

import statistics
import time

from clerk_app.documents.context import demo_context
from clerk_app.documents.pdf import render_notice
from clerk_app.documents.receipts import receipt_escpos
from clerk_app.documents.templates import load_template

RUNS = 15


def median_ms(fn, runs: int = RUNS) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm: font parsed, template loaded
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> int:
    acceptance, notice = load_template("acceptance"), load_template("one_time_notice")
    small, big = demo_context(), demo_context(missing=40)
    results = [
        ("受理通知书 (2 copies)", median_ms(lambda: render_notice(acceptance, small)), 60.0),
        ("一次性告知书 40 items (2 copies)", median_ms(lambda: render_notice(notice, big)), 150.0),
        ("受理回执 ESC/POS 80 mm", median_ms(lambda: receipt_escpos(small, 80)), 5.0),
    ]
    failed = 0
    for name, ms, target in results:
        ok = ms <= target
        failed += not ok
        print(f"{name:<36} median {ms:7.1f} ms   target ≤ {target:.0f} ms   {'OK' if ok else 'SLOW'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
