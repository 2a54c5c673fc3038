"""Plain http only on loopback (issue 13 item 9), and an enrolment that cannot keep its credential never
spends the code (issue 13 item 10): refused at ``sync enroll``, at the settings check and in the runner,
each with one Chinese sentence that says how to fix it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from clerk_app.store import outbox
from clerk_app.transport import plain_http_refusal
from sync.client import SyncRunner

REPO = Path(__file__).resolve().parents[2]


def clerk_app(data: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clerk_app", "--data-dir", str(data), *args], cwd=REPO,
                          env={**os.environ, "CLERK_APP_ALLOW_UNENCRYPTED": "1", **env}, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def one_sentence(stderr: str) -> str:
    # The test environment's own warning (profiles unencrypted: no OS keyring here) is not the answer.
    lines = [x for x in stderr.strip().splitlines() if "is NOT encrypted" not in x]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765", "http://127.8.9.10/", "http://[::1]:80",
                                 "http://localhost:1", "http://LOCALHOST.", "https://center.example",
                                 "https://10.0.0.5:8765"])
def test_loopback_and_https_are_allowed(url: str) -> None:
    assert plain_http_refusal(url) is None


@pytest.mark.parametrize("url", ["http://10.0.0.5:8765", "http://center.example", "HTTP://192.168.1.2",
                                 "http://127.0.0.1.nip.io", "http://[::ffff:7f00:1]", "http://0.0.0.0:80",
                                 "http://user:pw@10.0.0.5"])
def test_plain_http_elsewhere_is_refused(url: str) -> None:
    why = plain_http_refusal(url)
    assert why is not None and "https://" in why and "sync_ca_file" in why and "pw" not in why


def test_enroll_over_plain_http_is_refused_before_any_connection(tmp_path: Path) -> None:
    # 192.0.2.0/24 is TEST-NET: nothing answers there, so a connection attempt would time out, not refuse.
    r = clerk_app(tmp_path / "c", "sync", "enroll", "--server", "http://192.0.2.7:8765", "--code", "ABCD-EFGH")
    line = one_sentence(r.stderr)
    assert r.returncode == 1 and "明文" in line and "https://" in line and "sync_ca_file" in line


def test_settings_check_refuses_a_plain_http_center(tmp_path: Path) -> None:
    data = tmp_path / "c"
    data.mkdir()
    (data / "settings.toml").write_text('server_url = "http://center.example:8765"\n', encoding="utf-8")
    r = clerk_app(data, "config", "check")
    line = one_sentence(r.stderr)
    assert r.returncode == 1 and "server_url" in line and "https://" in line and "sync_ca_file" in line
    ok = clerk_app(data, "config", "check", "--set", "server_url=https://center.example:8765")
    assert ok.returncode == 1  # the file still says http: the stronger layer does not hide a bad file
    (data / "settings.toml").write_text('server_url = "http://127.0.0.1:8765"\n', encoding="utf-8")
    assert clerk_app(data, "config", "check").returncode == 0


def test_the_runner_refuses_a_plain_http_center_stored_by_an_older_client(counter_factory) -> None:
    client = counter_factory("a")
    with client.store.engine.begin() as conn:
        outbox.state_set(conn, "server", "http://192.0.2.7:8765")
    client.close()
    seen = threading.Event()
    statuses = []
    runner = SyncRunner(client, interval_s=30, on_status=lambda s: (statuses.append(s), seen.set()))
    runner.start()
    try:
        assert seen.wait(20)
    finally:
        runner.stop()
    assert "明文" in (statuses[0].last_error or "") and "sync_ca_file" in statuses[0].last_error


def test_enroll_without_a_keyring_keeps_the_code_unspent(tmp_path: Path, center, shared_keyring) -> None:  # type: ignore[no-untyped-def]
    code = center.enrol_code()
    data = tmp_path / "c"
    r = clerk_app(data, "sync", "enroll", "--server", center.url, "--code", code,
                  PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    line = one_sentence(r.stderr)
    assert r.returncode == 1 and "密钥库" in line and "注册码尚未使用" in line
    assert center.scalar("SELECT count(*) FROM devices") == 0
    ok = clerk_app(data, "sync", "enroll", "--server", center.url, "--code", code)
    assert ok.returncode == 0, ok.stderr
    assert center.scalar("SELECT count(*) FROM devices") == 1
