"""Deploy tests never read this machine's /etc/clerk-workbench/config.toml: each gets its own."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def machine_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "machine" / "config.toml"
    path.parent.mkdir()
    monkeypatch.setenv("CLERK_APP_MACHINE_CONFIG", str(path))
    return path
