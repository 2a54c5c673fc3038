"""A chunk upload cut mid-body is routine on counter networks: the center logs one line, keeps
nothing of the partial chunk, and does not spill a traceback per cut into its log."""

from __future__ import annotations

import logging
import socket
import time
from typing import Any
from urllib.parse import urlsplit


def test_a_cut_chunk_upload_is_one_log_line_and_stores_nothing(center: Any, counter_factory: Any,
                                                               caplog: Any) -> None:
    a = counter_factory("a")
    a._refresh()
    sha = "ab" * 32
    url = urlsplit(center.url)
    caplog.set_level(logging.INFO)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall((f"PUT /v1/blobs/{sha}?offset=0&size=100000 HTTP/1.1\r\nHost: {url.netloc}\r\n"
                      f"Authorization: Bearer {a._access}\r\nContent-Type: application/octet-stream\r\n"
                      "Content-Length: 100000\r\n\r\n").encode() + b"x" * 5000)
        time.sleep(0.3)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "blob_upload_cut" not in caplog.text:
        time.sleep(0.05)
    assert "blob_upload_cut" in caplog.text
    assert "Traceback" not in caplog.text and not [r for r in caplog.records if r.exc_info]
    assert not (center.blob_dir / "uploads" / f"{sha}.part").exists()
    assert center.scalar("SELECT coalesce(max(received), 0) FROM blob_uploads") == 0
    assert center.scalar("SELECT count(*) FROM blobs") == 0
