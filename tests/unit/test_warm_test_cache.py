"""scripts/warm_test_cache.py: what it writes is what pytest would have written, and pytest takes it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from _pytest.assertion.rewrite import PYC_TAIL, _read_pyc, _rewrite_test

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "warm_test_cache.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("warm_test_cache", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cached_code_is_pytests_rewrite_and_a_second_run_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "test_sample.py"
    source.write_text("def test_it():\n    x = [1, 2]\n    assert len(x) == 3\n", encoding="utf-8")
    warm = _script()

    assert warm._warm([source]) == 1
    pyc = tmp_path / "__pycache__" / ("test_sample" + PYC_TAIL)
    cached = _read_pyc(source, pyc)
    assert cached is not None, "pytest does not accept the cached file"
    _hash, rewritten = _rewrite_test(source, None)  # type: ignore[arg-type]
    assert cached.co_consts == rewritten.co_consts and cached.co_code == rewritten.co_code
    assert warm._warm([source]) == 0

    # The cached code is the rewritten one: the failure explains itself, as under pytest.
    namespace: dict[str, object] = {}
    exec(cached, namespace)
    try:
        namespace["test_it"]()  # type: ignore[operator]
    except AssertionError as exc:
        assert "where 2 = len([1, 2])" in str(exc)
    else:
        raise AssertionError("the sample test passed")

    # A changed source is not served from the old cache.
    source.write_text("def test_it():\n    assert True\n", encoding="utf-8")
    assert _read_pyc(source, pyc) is None
    assert warm._warm([source]) == 1


def test_it_covers_the_suites_test_modules_and_the_plugin_packages() -> None:
    warm = _script()
    tests = {p.name for p in warm._test_files()}
    assert {"conftest.py", "test_warm_test_cache.py", "test_faults_proxy.py"} <= tests
    plugins = {p.parts[-2] if p.name == "__init__.py" else p.stem for p in warm._plugin_files()}
    assert {"hypothesis", "xdist", "pytestqt"} <= plugins


def test_it_runs_as_make_test_runs_it() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "-v"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("warm_test_cache: ") and "files rewritten" in done.stdout
