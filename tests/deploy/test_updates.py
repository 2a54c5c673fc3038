"""Signed update manifests served over real HTTP on 127.0.0.1: nothing unverified is believed."""

import base64
import hashlib
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from clerk_app import __version__
from clerk_app.errors import UserError
from clerk_app.updates import Manifest, check_for_update, sign_manifest, verify_download, verify_manifest

PACKAGE = b"MZ fake installer bytes " * 100


def keypair() -> tuple[str, str]:
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(private).decode(), base64.b64encode(public).decode()


def manifest(version: str = "9.0.0") -> Manifest:
    return Manifest(version=version, file="ClerkWorkbench-9.0.0.msi", size=len(PACKAGE),
                    sha256=hashlib.sha256(PACKAGE).hexdigest(), notes="修正若干问题")


@pytest.fixture
def center(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    folder = tmp_path / "www"
    (folder / "updates").mkdir(parents=True)
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(folder))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}/updates/manifest.json"
    server.shutdown()
    server.server_close()


def publish(folder: Path, body: bytes, sig: bytes) -> None:
    (folder / "updates" / "manifest.json").write_bytes(body)
    (folder / "updates" / "manifest.json.sig").write_bytes(sig)


def test_newer_signed_release_is_announced(center) -> None:  # type: ignore[no-untyped-def]
    folder, url = center
    private, public = keypair()
    publish(folder, *sign_manifest(manifest(), private))
    found = check_for_update(__version__, url, public)
    assert found == manifest()
    publish(folder, *sign_manifest(manifest(__version__), private))
    assert check_for_update(__version__, url, public) is None


def test_tampered_or_foreign_manifest_is_refused(center) -> None:  # type: ignore[no-untyped-def]
    folder, url = center
    private, public = keypair()
    body, sig = sign_manifest(manifest(), private)
    publish(folder, body.replace(b"9.0.0", b"9.0.1"), sig)
    with pytest.raises(UserError, match="签名无效"):
        check_for_update(__version__, url, public)
    other_private, _ = keypair()
    publish(folder, *sign_manifest(manifest(), other_private))
    with pytest.raises(UserError, match="签名无效"):
        check_for_update(__version__, url, public)
    with pytest.raises(UserError, match="未配置更新签名公钥"):
        verify_manifest(body, sig, "")


def test_download_must_match_the_manifest() -> None:
    verify_download(PACKAGE, manifest())
    with pytest.raises(UserError, match="与签名清单不符"):
        verify_download(PACKAGE[:-1] + b"!", manifest())


def test_unreachable_center_is_one_sentence(center) -> None:  # type: ignore[no-untyped-def]
    _folder, url = center
    with pytest.raises(UserError, match="无法获取更新清单"):
        check_for_update(__version__, url.replace("manifest.json", "missing.json"), keypair()[1])


def test_cli_exit_codes(center, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder, url = center
    private, public = keypair()
    machine = tmp_path / "machine.toml"
    machine.write_text(f'update_manifest_url = "{url}"\nupdate_public_key = "{public}"\n', encoding="utf-8")
    env = {**os.environ, "CLERK_APP_MACHINE_CONFIG": str(machine)}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "clerk_app", "--data-dir", str(tmp_path / "p"), "update", "check"],
                              capture_output=True, text=True, env=env, timeout=120)
    publish(folder, *sign_manifest(manifest(), private))
    r = run()
    assert r.returncode == 10 and "有新版本 9.0.0" in r.stdout
    publish(folder, *sign_manifest(manifest(__version__), private))
    r = run()
    assert r.returncode == 0 and "已是最新版本" in r.stdout
    body, sig = sign_manifest(manifest(), private)
    publish(folder, body, sig[:-1] + bytes([sig[-1] ^ 1]))
    r = run()
    assert r.returncode == 1 and r.stdout == "" and "签名无效" in r.stderr


def test_the_window_tells_the_clerk_an_update_is_due(qtbot, ctx, users, center) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from clerk_app.ui.main_window import MainWindow

    folder, url = center
    private, public = keypair()
    publish(folder, *sign_manifest(manifest(), private))
    ctx.settings = replace(ctx.settings, update_manifest_url=url, update_public_key=public)
    window = MainWindow(ctx, users["clerk"])
    qtbot.addWidget(window)
    window.check_updates()
    qtbot.waitUntil(lambda: "9.0.0" in window.message_line.text(), timeout=10000)
    assert "信息技术人员" in window.message_line.text()
