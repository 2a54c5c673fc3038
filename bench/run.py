"""``make bench``: runs every benchmark script in bench/ and prints figures against their targets.

Figures are printed, never asserted: performance is judged by people reading them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    scripts = [HERE / "bench_core.py"] + sorted(p for p in HERE.glob("bench_*.py") if p.name != "bench_core.py")
    failed = 0
    for script in scripts:
        print(f"== {script.name}", flush=True)
        r = subprocess.run([sys.executable, str(script), *sys.argv[1:]])
        failed += r.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
