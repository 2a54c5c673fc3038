"""CPU time (user + system) of one ``clerk-app`` / ``clerk-center`` command, start to exit: what IT waits for
at a prompt and what each of the test suite's ~100 CLI subprocesses costs (issue 16 item 7).

Each figure is the median of RUNS fresh processes (``python -m clerk_app`` / ``python -m sync.server``, as the
tests spawn them), measured as the child's rusage, so other load on the machine changes it less than wall time.
With ``--against DIR`` (another checkout, e.g. a ``git worktree`` of main) the same commands run from both trees
in turn, alternating, and the ratio is printed: ``python bench/bench_cli.py --against /tmp/main-checkout``.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_cli.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

RUNS = 7
ROOT = Path(__file__).resolve().parents[1]


def _commands(profile: Path, center_db: str) -> list[tuple[str, list[str]]]:
    app, center = ["-m", "clerk_app"], ["-m", "sync.server", "--db", center_db]
    data = ["--data-dir", str(profile)]
    return [
        ("clerk-app --version", [*app, "--version"]),
        ("clerk-app --help", [*app, "--help"]),
        ("clerk-app config show", [*app, *data, "config", "show"]),
        ("clerk-app calendar due", [*app, *data, "calendar", "due", "--accepted", "2026-03-02", "--days", "20"]),
        ("clerk-app devices list", [*app, *data, "devices", "list"]),
        ("clerk-app sync status", [*app, *data, "sync", "status"]),
        ("clerk-app audit verify", [*app, *data, "audit", "verify"]),
        ("clerk-center --help", ["-m", "sync.server", "--help"]),
        ("clerk-center migrate", [*center, "migrate"]),
        ("clerk-center admin devices", [*center, "admin", "devices"]),
        ("clerk-center enroll-code", [*center, "enroll-code", "--center", "C1", "--window", "1"]),
    ]


def _cpu(tree: Path, args: list[str]) -> float:
    """User + system seconds of one fresh process run from ``tree`` (its packages first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, *args], cwd=tree, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed in {tree}: {err}")
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", type=Path, help="another checkout to compare with (run alternately)")
    parser.add_argument("--runs", type=int, default=RUNS)
    opts = parser.parse_args()
    trees = [ROOT, *([opts.against.resolve()] if opts.against else [])]
    os.environ.setdefault("CLERK_APP_ALLOW_UNENCRYPTED", "1")  # a throwaway profile; no keyring on a build host
    with tempfile.TemporaryDirectory() as tmp:
        profile, center_db = Path(tmp) / "profile", f"sqlite:///{tmp}/center.sqlite3"
        commands = _commands(profile, center_db)
        for tree in trees:  # create the profile and the center, and warm the file cache
            _cpu(tree, ["-m", "clerk_app", "--data-dir", str(profile), "config", "show"])
            _cpu(tree, ["-m", "sync.server", "--db", center_db, "migrate"])
        print(f"CPU seconds (user+sys), median of {opts.runs} processes" +
              (f"; ratio = {trees[0].name} / {trees[1].name}" if len(trees) > 1 else ""))
        for label, args in commands:
            samples: dict[Path, list[float]] = {tree: [] for tree in trees}
            for _ in range(opts.runs):
                for tree in trees:
                    samples[tree].append(_cpu(tree, args))
            medians = [statistics.median(samples[tree]) for tree in trees]
            line = f"{label:30} " + "  ".join(f"{m:6.3f} s" for m in medians)
            if len(medians) > 1:
                line += f"  ratio {medians[0] / medians[1]:.2f}"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
