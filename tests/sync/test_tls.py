"""TLS with the center's own CA: the real ``clerk-center serve --certfile --keyfile`` on 127.0.0.1 and
counters that verify it against the CA configured by IT (``sync_ca_file`` in the machine file, or
``--ca``). Without that CA, or with another one, they refuse in Chinese and keep every record."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from center_databases import CenterTemplate, fresh_sqlite_center
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from sqlalchemy import Engine, text
from sync_helpers import local_ids, write_applicants

from clerk_app.paths import ProfilePaths
from clerk_app.services.bootstrap import open_context
from clerk_app.services.context import ServiceContext
from clerk_app.settings import MACHINE_CONFIG_ENV
from sync.client import SyncClient, SyncError

REPO = Path(__file__).resolve().parent.parent.parent
REFUSED = "证书未通过验证"


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _ca(folder: Path, cn: str) -> tuple[Path, ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(_name(cn)).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    path = folder / f"{cn}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path, key, cert


@dataclass
class Pki:
    ca: Path
    wrong_ca: Path
    cert: Path
    key: Path


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    folder = tmp_path / "pki"
    folder.mkdir()
    ca_path, ca_key, ca_cert = _ca(folder, "center-ca")
    wrong_path, _k, _c = _ca(folder, "other-ca")
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    (folder / "server.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "server.key").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                          serialization.PrivateFormat.PKCS8,
                                                          serialization.NoEncryption()))
    return Pki(ca=ca_path, wrong_ca=wrong_path, cert=folder / "server.pem", key=folder / "server.key")


@dataclass
class TlsCenter:
    url: str
    engine: Engine  # the served center's database, shared with the process (SQLite in WAL mode)

    def enrol_code(self) -> str:
        # Written into the database as `clerk-center enroll-code` does (that command has its own tests,
        # test_limits): a process of its own each time was most of these tests' time, and proved no TLS.
        from sync.server import auth
        from sync.server.db import writer

        with writer(self.engine) as conn:
            return auth.new_enrol_code(conn, "DEMO", "01", dt.datetime.now())

    def count(self, entity: str) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM records WHERE entity = :e"), {"e": entity})
                       .scalar() or 0)


@pytest.fixture
def tls_center(tmp_path: Path, pki: Pki, _center_template: CenterTemplate) -> Iterator[TlsCenter]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # A copy of the migrated template (its own epoch and secret): `serve` finds the database current.
    engine = fresh_sqlite_center(_center_template.sqlite, tmp_path / "center.sqlite3")
    db_url = engine.url.render_as_string(hide_password=False)
    log = (tmp_path / "center.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "sync.server", "--db", db_url, "serve", "--port", str(port),
                             "--certfile", str(pki.cert), "--keyfile", str(pki.key)], cwd=REPO, stdout=log,
                            stderr=subprocess.STDOUT)
    url = f"https://127.0.0.1:{port}"
    trust = ssl.create_default_context(cafile=str(pki.ca))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/healthz", verify=trust, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "center.log").read_text()
            time.sleep(0.05)
        yield TlsCenter(url=url, engine=engine)
    finally:
        proc.terminate()
        proc.wait(20)
        log.close()
        engine.dispose()


@pytest.fixture
def machine_ca(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The machine file IT writes; the test sets ``sync_ca_file`` in it."""
    path = tmp_path / "machine.toml"
    path.write_text("", encoding="utf-8")
    monkeypatch.setenv(MACHINE_CONFIG_ENV, str(path))
    return path


def _counter(tmp_path: Path, name: str) -> ServiceContext:
    return open_context(ProfilePaths(tmp_path / name).ensure())


def _client(ctx: ServiceContext) -> SyncClient:
    # Built as clerk_app.app builds it: the CA comes from the settings.
    return SyncClient(ctx.store, attachments=ctx.paths.attachments, profile=ctx.paths,
                      ca_file=ctx.settings.sync_ca_file or None)


def _pending(ctx: ServiceContext) -> list[str]:
    with ctx.store.engine.connect() as conn:
        return list(conn.execute(text("SELECT mutation_id FROM sync_outbox WHERE status = 'pending' ORDER BY seq"))
                    .scalars())


def test_enrolment_needs_the_configured_ca(tmp_path: Path, pki: Pki, tls_center: TlsCenter,
                                           machine_ca: Path) -> None:
    ctx = _counter(tmp_path, "a")
    try:
        for ca in (None, pki.wrong_ca):  # no CA: the CAs Python trusts; then another center's CA
            client = SyncClient(ctx.store, attachments=ctx.paths.attachments, ca_file=str(ca) if ca else None)
            with pytest.raises(SyncError) as refused:
                client.enroll(tls_center.url, tls_center.enrol_code())
            assert REFUSED in refused.value.message and "sync_ca_file" in refused.value.message
            assert not client.status().enrolled
    finally:
        ctx.store.close()

    machine_ca.write_text(f"sync_ca_file = '{pki.ca}'\n", encoding="utf-8")
    ctx = _counter(tmp_path, "a")
    try:
        assert ctx.settings.sync_ca_file == str(pki.ca)
        client = _client(ctx)
        client.enroll(tls_center.url, tls_center.enrol_code(), device_name="a")
        write_applicants(ctx.store, 3)
        status = client.sync_once()
        assert status.pending == 0 and status.last_error is None
        assert tls_center.count("applicants") == 3
        client.close()
    finally:
        ctx.store.close()


def test_a_wrong_ca_refuses_keeps_everything_and_the_right_one_syncs(tmp_path: Path, pki: Pki,
                                                                      tls_center: TlsCenter, machine_ca: Path) -> None:
    machine_ca.write_text(f"sync_ca_file = '{pki.ca}'\n", encoding="utf-8")
    ctx = _counter(tmp_path, "a")
    client = _client(ctx)
    client.enroll(tls_center.url, tls_center.enrol_code(), device_name="a")
    client.close()
    ctx.store.close()

    # IT points the machine file at another CA (or the center's certificate was replaced by one the
    # counter does not trust): sync refuses, everything stays on the counter.
    machine_ca.write_text(f"sync_ca_file = '{pki.wrong_ca}'\n", encoding="utf-8")
    ctx = _counter(tmp_path, "a")
    try:
        ids = set(write_applicants(ctx.store, 4))
        queued = _pending(ctx)
        client = _client(ctx)
        with pytest.raises(SyncError) as refused:
            client.sync_once()
        assert REFUSED in refused.value.message and "待上传记录全部保留" in refused.value.message
        status = client.status()
        assert REFUSED in (status.last_error or "") and not status.stopped
        assert _pending(ctx) == queued and len(queued) == 8
        assert ids <= local_ids(ctx.store, "applicants")
        assert tls_center.count("applicants") == 0
        client.close()
    finally:
        ctx.store.close()

    # A missing CA file is its own clear error, never a fallback to no verification.
    machine_ca.write_text(f"sync_ca_file = '{tmp_path / 'gone.pem'}'\n", encoding="utf-8")
    ctx = _counter(tmp_path, "a")
    try:
        with pytest.raises(SyncError, match="找不到中心服务器的 CA 证书文件"):
            _client(ctx).sync_once()
        assert _pending(ctx) == queued
    finally:
        ctx.store.close()

    machine_ca.write_text(f"sync_ca_file = '{pki.ca}'\n", encoding="utf-8")
    ctx = _counter(tmp_path, "a")
    try:
        client = _client(ctx)
        status = client.sync_once()
        assert status.pending == 0 and status.last_error is None
        assert tls_center.count("applicants") == 4
        client.close()
    finally:
        ctx.store.close()


def test_cli_enrols_with_ca_and_later_runs_check_the_same_ca(tmp_path: Path, pki: Pki, tls_center: TlsCenter,
                                                            shared_keyring: dict[str, str]) -> None:
    env = dict(os.environ, **shared_keyring, CLERK_APP_ALLOW_UNENCRYPTED="1", QT_QPA_PLATFORM="offscreen")
    env.pop(MACHINE_CONFIG_ENV, None)
    data = tmp_path / "counter"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "clerk_app", "--data-dir", str(data), "sync", *args],
                              cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)

    code = tls_center.enrol_code()
    no_ca = cli("enroll", "--server", tls_center.url, "--code", code)
    assert no_ca.returncode == 1 and REFUSED in no_ca.stderr
    wrong = cli("enroll", "--server", tls_center.url, "--code", code, "--ca", str(pki.wrong_ca))
    assert wrong.returncode == 1 and REFUSED in wrong.stderr
    ok = cli("enroll", "--server", tls_center.url, "--code", code, "--ca", str(pki.ca))
    assert ok.returncode == 0, ok.stderr
    assert "注册成功" in ok.stdout
    # The CA given at enrolment is remembered: a later run checks the center against it.
    run = cli("run", "--once")
    assert run.returncode == 0, run.stderr
    assert '"pending": 0' in run.stdout
    refused = cli("run", "--once", "--ca", str(pki.wrong_ca))
    assert refused.returncode == 1 and REFUSED in refused.stderr
