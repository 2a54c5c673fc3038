"""Rewrite the asserts of the test modules and pytest plugins once, before `make test` starts its workers.

pytest rewrites the asserts of every test module, conftest and plugin package it imports, and keeps the
result in __pycache__ as a checked-hash pyc (valid for the same source bytes, whatever the file times).
A clean clone has no such cache, and where PYTHONDONTWRITEBYTECODE is set (this CI machine sets it)
pytest never writes one: each of the three xdist workers rewrote ~250 test modules and the plugin
packages (hypothesis, schemathesis, anyio...) on its own, 6.7 s of CPU per worker of its 7.7 s to start
and collect (measured with a timing wrapper around the rewriter). Rewritten here once, across the cores,
with pytest's own rewriter, the workers read the cache.

The rewriter is pytest's internal API (_pytest.assertion.rewrite). Where a pytest release changes it this
script says so and does nothing: the suite runs the same, only the workers rewrite again. The config
pytest passes to the rewriter only says whether the experimental pass hook is on; pyproject.toml does not
turn it on, and where it did this script would leave the cache alone rather than write different code.
"""

from __future__ import annotations

import importlib.metadata
import os
import sys
import tomllib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _test_files() -> list[Path]:
    # pytest's default python_files (the project sets none) and every conftest under the testpaths.
    found: set[Path] = set()
    for pattern in ("test_*.py", "*_test.py", "conftest.py"):
        found.update(p for p in (ROOT / "tests").rglob(pattern) if "__pycache__" not in p.parts)
    return sorted(found)


def _plugin_files() -> list[Path]:
    # The packages pytest marks for rewriting: those of every distribution with a pytest11 entry point.
    from _pytest.config import _iter_rewritable_modules

    files: list[Path] = []
    for dist in importlib.metadata.distributions():
        if not any(ep.group == "pytest11" for ep in dist.entry_points):
            continue
        names = set(_iter_rewritable_modules(str(f) for f in dist.files or []))
        files.extend(Path(str(dist.locate_file(f))) for f in dist.files or []
                     if f.suffix == ".py" and f.parts[0].removesuffix(".py") in names)
    return files


def _warm(files: list[Path]) -> int:
    from _pytest.assertion.rewrite import PYC_TAIL, _read_pyc, _rewrite_test, _write_pyc, get_cache_dir

    class _State:  # what _write_pyc reports its failures to
        @staticmethod
        def trace(_message: str) -> None:
            pass

    written = 0
    for source in files:
        cache = get_cache_dir(source)
        pyc = cache / (source.name[:-3] + PYC_TAIL)
        if _read_pyc(source, pyc) is not None:
            continue
        try:
            source_hash, code = _rewrite_test(source, None)  # type: ignore[arg-type]
            cache.mkdir(exist_ok=True)
        except (OSError, SyntaxError, ValueError):
            continue  # pytest meets the same file and reports it itself
        written += _write_pyc(_State(), code, source_hash, pyc)  # type: ignore[arg-type]
    return written


def main() -> int:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    if settings.get("tool", {}).get("pytest", {}).get("ini_options", {}).get("enable_assertion_pass_hook"):
        print("warm_test_cache: the assertion pass hook is on; leaving pytest's cache to pytest")
        return 0
    try:
        files = _test_files() + _plugin_files()
        _warm([])  # imports the rewriter's names here, so that a changed pytest is reported before the pool
    except (ImportError, AttributeError, TypeError) as exc:
        print(f"warm_test_cache: pytest's rewriter has changed ({exc}); the workers will rewrite instead")
        return 0
    # Largest first, dealt round-robin: the shares come out even.
    files.sort(key=lambda p: p.stat().st_size, reverse=True)
    jobs = max(1, min(os.cpu_count() or 1, 4))
    with ProcessPoolExecutor(jobs) as pool:
        written = sum(pool.map(_warm, [files[i::jobs] for i in range(jobs)]))
    if "-v" in sys.argv:
        print(f"warm_test_cache: {written} of {len(files)} files rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
