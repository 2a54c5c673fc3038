"""Every security test runs against a real keyring backend set explicitly (never the host's)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the same module name the CLI subprocess loads the file backend by

from keyring_backends import MemoryKeyring  # noqa: E402


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
