"""Writing a file so that a crash or a full disk leaves either the old content or the new, never half."""

from __future__ import annotations

import os
import tempfile
import tomllib
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a hidden temporary file beside ``path`` (``.name.*.tmp``, so folder globs for real
    files never see it), fsync, then rename over ``path``. Raises OSError; leaves no temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class FileTooLarge(ValueError):
    """The file holds more than the caller's cap (or is endless, like /dev/zero)."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(f"{path} is larger than {limit} bytes")
        self.path, self.limit = path, limit


def read_capped(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of ``path``, or FileTooLarge: a device (/dev/zero, /dev/urandom) or a huge
    file never hangs the reader or fills its memory; its declared size (0 for a device) is not trusted.
    Raises OSError as ``open`` does (IsADirectoryError, FileNotFoundError, ...)."""
    with path.open("rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(path, limit)
    return data


def loads_toml(text: str) -> dict[str, object]:
    """tomllib.loads, with a nesting too deep for the parser's recursion (``a=[[[[…``) reported as a
    TOMLDecodeError like any other malformed file, not as RecursionError."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError("嵌套层数过多（数组或表嵌套过深）") from None
