"""Runs ``clerk-app`` as a real subprocess whose keyring is a JSON file shared with the test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from keyring_backends import FILE_ENV

from clerk_app.security.keys import DATABASE_INFO, KEYRING_SERVICE, derive

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def cli_env(keyring_file: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=f"{REPO}{os.pathsep}{HERE}", QT_QPA_PLATFORM="offscreen",
                PYTHON_KEYRING_BACKEND="keyring_backends.FileKeyring", CLERK_APP_REQUIRE_KEYRING="1",
                **{FILE_ENV: str(keyring_file)})


def run_clerk_app(*args: str, data_dir: Path, keyring_file: Path,
                  module: str = "clerk_app") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", module, "--data-dir", str(data_dir), *args], capture_output=True,
                          text=True, encoding="utf-8", env=cli_env(keyring_file), timeout=180, cwd=REPO)


def run_audit_verify(data_dir: Path, keyring_file: Path) -> subprocess.CompletedProcess[str]:
    # Through clerk_app.cli_audit until the lead lists it in cli.SUBCOMMAND_MODULES.
    return run_clerk_app("audit", "verify", data_dir=data_dir, keyring_file=keyring_file, module="clerk_app.cli_audit")


def database_key(data_dir: Path, keyring_file: Path) -> bytes:
    """What an attacker with this PC's keystore would have: the real SQLCipher key."""
    key_id = (data_dir / "key-id").read_text().strip()
    master = json.loads(keyring_file.read_text())[f"{KEYRING_SERVICE}\n{key_id}"]
    return derive(bytes.fromhex(master), DATABASE_INFO)
