"""Every security test runs against a real keyring backend set explicitly (never the host's)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))  # the same module name the CLI subprocess loads the file backend by

from keyring_backends import FILE_ENV, MemoryKeyring  # noqa: E402


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def run_cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Runs ``clerk-app`` as a real subprocess whose keyring is a file shared with the test."""
    keyring_file = tmp_path / "keyring-outside-profile.json"

    def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, PYTHONPATH=f"{REPO}{os.pathsep}{HERE}", QT_QPA_PLATFORM="offscreen",
                   PYTHON_KEYRING_BACKEND="keyring_backends.FileKeyring", **{FILE_ENV: str(keyring_file)},
                   CLERK_APP_REQUIRE_KEYRING="1")
        return subprocess.run([sys.executable, "-m", "clerk_app", "--data-dir", str(data_dir), *args],
                              capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, cwd=REPO)
    run.keyring_file = keyring_file  # type: ignore[attr-defined]
    return run
