"""Attachments outside the database (issue 18 item 4), against the real center on SQLite and PostgreSQL:
the bytes are files in the center's attachment folder named by their SHA-256, uploads resume after a cut,
a damaged chunk or file is never stored, quotas refuse in Chinese, abandoned uploads are cleaned up
(command and timer) while finished files stay, another center cannot read a file, and attachments kept
in the database by an older center move out into the folder."""

from __future__ import annotations

import hashlib
import os
import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from center_databases import pg_schema, server_engine_urls, upgrade_all_but
from sqlalchemy import Engine, text
from sync_helpers import start_server

from sync.server import cli
from sync.server.blob_limits import start_gc_timer
from sync.server.blob_store import BLOB_DIR_ENV, FileBlobStore
from sync.server.db import make_engine
from sync.server.limits import MIB, Limits

CHUNK = MIB


def _token(center: Any, center_code: str = "DEMO", window: str = "01") -> str:
    code = center.enrol_code(center=center_code, window=window)
    enrolled = httpx.post(f"{center.url}/v1/enroll", json={"code": code, "device_name": "pc"}).json()
    return str(httpx.post(f"{center.url}/v1/token", json={"device_id": enrolled["device_id"],
                                                          "refresh_token": enrolled["refresh_token"]})
               .json()["access_token"])


def _put(center: Any, token: str, sha: str, size: int, data: bytes, offset: int = 0,
         digest: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"}
    if digest is not None:
        headers["X-Chunk-SHA256"] = digest
    return httpx.put(f"{center.url}/v1/blobs/{sha}", params={"offset": offset, "size": size}, content=data,
                     headers=headers, timeout=30)


def _status(center: Any, token: str, sha: str) -> dict[str, Any]:
    return dict(httpx.get(f"{center.url}/v1/blobs/{sha}", headers={"Authorization": f"Bearer {token}"}).json())


def _upload(center: Any, token: str, data: bytes, start: int = 0) -> str:
    sha = hashlib.sha256(data).hexdigest()
    offset = start
    while True:
        reply = _put(center, token, sha, len(data), data[offset:offset + CHUNK], offset).json()
        if reply["complete"]:
            return sha
        offset = reply["received"]


def _content_file(blob_dir: Path, sha: str) -> Path:
    return blob_dir / "content" / sha[:2] / sha[2:4] / sha


def _chinese(r: httpx.Response) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in r.json()["detail"]["message"])


def test_an_upload_cut_mid_chunk_resumes_and_the_file_on_disk_is_its_sha(center: Any) -> None:
    token = _token(center)
    data = os.urandom(2 * CHUNK + 12345)
    sha = hashlib.sha256(data).hexdigest()
    assert _put(center, token, sha, len(data), data[:CHUNK]).json()["received"] == CHUNK
    url = urlsplit(center.url)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:  # the link drops mid-body
        sock.sendall((f"PUT /v1/blobs/{sha}?offset={CHUNK}&size={len(data)} HTTP/1.1\r\nHost: {url.netloc}\r\n"
                      f"Authorization: Bearer {token}\r\nContent-Length: {CHUNK}\r\n\r\n").encode()
                     + data[CHUNK:CHUNK + 300_000])
        time.sleep(0.3)
    status = _status(center, token, sha)
    assert (status["received"], status["complete"]) == (CHUNK, False)  # resumes here, not from 0
    assert (center.blob_dir / "uploads" / f"{sha}.part").stat().st_size == CHUNK
    assert _upload(center, token, data, start=status["received"]) == sha
    stored = _content_file(center.blob_dir, sha)
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha and stored.stat().st_size == len(data)
    assert not list((center.blob_dir / "uploads").glob("*.part"))
    # The database knows the file, and holds none of its bytes.
    assert center.scalar("SELECT size FROM blobs WHERE sha256 = :s", s=sha) == len(data)
    assert center.scalar("SELECT count(*) FROM blob_uploads") == 0
    assert center.scalar("SELECT count(*) FROM blob_chunks") == 0
    # Another counter of the same center reads it back, byte for byte.
    other = _token(center, window="02")
    r = httpx.get(f"{center.url}/v1/blobs/{sha}/content", headers={"Authorization": f"Bearer {other}"})
    assert r.status_code == 200 and r.content == data
    assert r.headers["content-type"] == "application/octet-stream"


def test_two_workers_on_one_folder_never_interleave_one_upload(center_factory: Any) -> None:
    """Two center processes' worth of servers on one database and one folder (as behind a load balancer on
    shared storage), two counters of the center sending the same file's chunks at the same moments:
    the database row lock orders them, the file ends whole and verified, nothing is left half-written."""
    import threading

    one, two = center_factory(), center_factory()
    tokens = [_token(one), _token(one, window="02")]
    data = os.urandom(6 * CHUNK + 4321)
    sha = hashlib.sha256(data).hexdigest()
    replies: list[dict[str, Any]] = []
    start = threading.Barrier(2)

    def send(center: Any, token: str) -> None:
        start.wait()
        offset = 0
        while True:
            reply = _put(center, token, sha, len(data), data[offset:offset + CHUNK], offset).json()
            replies.append(reply)
            assert "complete" in reply, reply
            if reply["complete"]:
                return
            offset = reply["received"]

    threads = [threading.Thread(target=send, args=(c, t)) for c, t in zip((one, two), tokens, strict=True)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert not any(th.is_alive() for th in threads)
    assert sum(1 for r in replies if r["complete"]) == 2  # each counter was told the file is there
    assert _content_file(one.blob_dir, sha).read_bytes() == data
    assert not list((one.blob_dir / "uploads").glob("*.part"))
    assert one.scalar("SELECT count(*) FROM blob_uploads") == 0


def test_a_damaged_chunk_is_refused_and_a_damaged_file_is_never_stored(center: Any) -> None:
    token = _token(center)
    data = os.urandom(2 * CHUNK + 7)
    sha = hashlib.sha256(data).hexdigest()
    damaged = bytearray(data[:CHUNK])
    damaged[4242] ^= 0x01
    # With the chunk's digest (as the sync client sends it): refused before anything is written.
    r = _put(center, token, sha, len(data), bytes(damaged), digest=hashlib.sha256(data[:CHUNK]).hexdigest())
    assert r.status_code == 422 and r.json()["detail"]["code"] == "chunk_corrupt" and _chinese(r)
    assert _status(center, token, sha)["received"] == 0
    assert not (center.blob_dir / "uploads" / f"{sha}.part").exists()
    # Without it, the file fails its hash on the last byte: discarded, the counter starts over.
    assert _put(center, token, sha, len(data), bytes(damaged)).json()["received"] == CHUNK
    assert _put(center, token, sha, len(data), data[CHUNK:2 * CHUNK], CHUNK).json()["received"] == 2 * CHUNK
    last = _put(center, token, sha, len(data), data[2 * CHUNK:], 2 * CHUNK).json()
    assert (last["received"], last["complete"]) == (0, False)
    assert not _content_file(center.blob_dir, sha).exists()
    assert not (center.blob_dir / "uploads" / f"{sha}.part").exists()
    assert center.scalar("SELECT count(*) FROM blobs") == 0
    assert _upload(center, token, data) == sha
    assert hashlib.sha256(_content_file(center.blob_dir, sha).read_bytes()).hexdigest() == sha


def test_the_device_quota_refuses_with_the_chinese_envelope_and_stores_nothing(center_factory: Any) -> None:
    center = center_factory(limits_=Limits(device_quota_bytes=3 * MIB, device_pending_bytes=2 * MIB))
    token = _token(center)
    first = os.urandom(2 * MIB)
    _upload(center, token, first)
    second = os.urandom(2 * MIB)
    sha = hashlib.sha256(second).hexdigest()
    r = _put(center, token, sha, len(second), second[:CHUNK])
    assert r.status_code == 413 and r.json()["detail"]["code"] == "storage_quota" and _chinese(r)
    assert not (center.blob_dir / "uploads" / f"{sha}.part").exists()
    assert center.scalar("SELECT count(*) FROM blob_uploads") == 0
    # Another device of the same center has its own quota.
    assert _put(center, _token(center, window="02"), sha, len(second), second[:CHUNK]).status_code == 200


def test_gc_removes_abandoned_uploads_and_leaves_finished_ones(center: Any, monkeypatch: Any,
                                                               capsys: Any) -> None:
    token = _token(center)
    finished = os.urandom(CHUNK + 10)
    done = _upload(center, token, finished)
    halves = {}
    for name in ("abandoned", "fresh"):
        data = os.urandom(2 * CHUNK)
        sha = hashlib.sha256(data).hexdigest()
        assert _put(center, token, sha, len(data), data[:CHUNK]).json()["received"] == CHUNK
        halves[name] = sha
    old = datetime.now() - timedelta(hours=49)
    with center.engine.begin() as conn:
        conn.execute(text("UPDATE blob_uploads SET updated_at = :t WHERE sha256 = :s"),
                     {"t": old, "s": halves["abandoned"]})
    orphan = center.blob_dir / "uploads" / f"{'e' * 64}.part"  # a first chunk whose transaction never committed
    orphan.write_bytes(b"x" * 100)
    for path in (orphan, center.blob_dir / "uploads" / f"{halves['abandoned']}.part"):
        os.utime(path, (old.timestamp(), old.timestamp()))
    monkeypatch.delenv(BLOB_DIR_ENV, raising=False)
    url = center.engine.url.render_as_string(hide_password=False)
    capsys.readouterr()
    assert cli.main(["--db", url, "--blob-dir", str(center.blob_dir), "blobs", "gc"]) == 0
    assert "已删除 1 个" in capsys.readouterr().out
    assert not (center.blob_dir / "uploads" / f"{halves['abandoned']}.part").exists() and not orphan.exists()
    assert center.scalar("SELECT count(*) FROM blob_uploads WHERE sha256 = :s", s=halves["abandoned"]) == 0
    assert center.scalar("SELECT count(*) FROM blob_quota WHERE sha256 = :s", s=halves["abandoned"]) == 0
    assert center.scalar("SELECT count(*) FROM blob_owners WHERE sha256 = :s", s=halves["abandoned"]) == 0
    assert _status(center, token, halves["abandoned"])["received"] == 0  # the counter starts it again
    # Left alone: the finished file (bytes, row, owner, quota) and the upload still going on.
    assert hashlib.sha256(_content_file(center.blob_dir, done).read_bytes()).hexdigest() == done
    assert _status(center, token, done)["complete"] is True
    assert center.scalar("SELECT count(*) FROM blob_quota WHERE sha256 = :s", s=done) == 1
    assert _status(center, token, halves["fresh"])["received"] == CHUNK
    assert (center.blob_dir / "uploads" / f"{halves['fresh']}.part").stat().st_size == CHUNK
    # The serving process's timer does the same on its own.
    with center.engine.begin() as conn:
        conn.execute(text("UPDATE blob_uploads SET updated_at = :t WHERE sha256 = :s"),
                     {"t": old, "s": halves["fresh"]})
    stop = start_gc_timer(center.engine, FileBlobStore(center.blob_dir), Limits(unfinished_upload_hours=48),
                          every_s=0.1)
    try:
        deadline = time.monotonic() + 20
        while center.scalar("SELECT count(*) FROM blob_uploads") and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
    assert center.scalar("SELECT count(*) FROM blob_uploads") == 0
    assert not list((center.blob_dir / "uploads").glob("*.part"))
    assert _content_file(center.blob_dir, done).exists()


def test_another_center_cannot_read_a_file_nor_tell_it_exists(center: Any) -> None:
    token = _token(center)
    data = os.urandom(5000)
    sha = _upload(center, token, data)
    foreign = _token(center, center_code="HD02")
    r = httpx.get(f"{center.url}/v1/blobs/{sha}/content", headers={"Authorization": f"Bearer {foreign}"})
    never = httpx.get(f"{center.url}/v1/blobs/{'0' * 64}/content", headers={"Authorization": f"Bearer {foreign}"})
    assert r.status_code == never.status_code == 404 and r.json() == never.json() and _chinese(r)
    assert data not in r.content
    assert httpx.get(f"{center.url}/v1/blobs/{sha}/content").status_code == 401
    assert httpx.get(f"{center.url}/v1/blobs/{sha}/content", headers={"Authorization": f"Bearer {token}"}) \
        .content == data


def test_where_shows_the_folder_and_postgresql_needs_one(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.delenv(BLOB_DIR_ENV, raising=False)
    db = tmp_path / "hall.sqlite3"
    assert cli.main(["--db", f"sqlite:///{db}", "blobs", "where"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == str(tmp_path / "hall-blobs")  # beside the SQLite file by default
    assert (tmp_path / "hall-blobs" / "content").is_dir()
    # PostgreSQL: refused before anything starts, one sentence naming the setting, no traceback.
    for argv in (["serve", "--port", "1"], ["blobs", "where"]):
        assert cli.main(["--db", "postgresql://postgres@127.0.0.1:5432/center_blobs_none", *argv]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "--blob-dir" in err and BLOB_DIR_ENV in err and "Traceback" not in err
    monkeypatch.setenv(BLOB_DIR_ENV, str(tmp_path / "shared"))
    assert cli.main(["--db", f"sqlite:///{db}", "blobs", "where"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == str(tmp_path / "shared")


# -- attachments kept in the database by a center before 0009_blobs ------------------------------------------
@pytest.fixture(params=server_engine_urls())
def old_center_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A center database at every schema head but 0009_blobs."""
    with ExitStack() as stack:
        if request.param == "sqlite":
            engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
            stack.callback(engine.dispose)
        else:
            engine, _schema = stack.enter_context(pg_schema())
        with engine.begin() as conn:
            upgrade_all_but(conn, "0009_blobs")
        yield engine


def test_attachments_kept_in_the_database_move_out_into_the_folder(old_center_db: Engine, tmp_path: Path,
                                                                   monkeypatch: Any, capsys: Any) -> None:
    from sync.server.app import create_app

    engine = old_center_db
    whole, partial = os.urandom(CHUNK * 2 + 99), os.urandom(CHUNK * 3)
    sha_whole, sha_partial = hashlib.sha256(whole).hexdigest(), hashlib.sha256(partial).hexdigest()
    now = datetime.now()
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO devices(id, center_code, \"window\", name, refresh_hash, revoked, created_at) "
                          "VALUES ('d1', 'DEMO', '01', 'a', 'h', false, :t)"), {"t": now})
        # A row whose bytes do not hash to its name (damaged in the database): not carried over as a file.
        rotten = hashlib.sha256(b"what the counter scanned").hexdigest()
        for sha, data, received in ((sha_whole, whole, len(whole)), (sha_partial, partial, 2 * CHUNK),
                                    (rotten, b"something else", 14)):
            conn.execute(text("INSERT INTO blobs(sha256, size, received, complete, created_at) "
                              "VALUES (:s, :n, :r, :c, :t)"),
                         {"s": sha, "n": len(data), "r": received, "c": received == len(data), "t": now})
            conn.execute(text("INSERT INTO blob_owners(center_code, sha256, created_at) VALUES ('DEMO', :s, :t)"),
                         {"s": sha, "t": now})
            conn.execute(text("INSERT INTO blob_quota(sha256, device_id, size, created_at) VALUES (:s, 'd1', :n, :t)"),
                         {"s": sha, "n": len(data), "t": now})
            for off in range(0, received, CHUNK):
                conn.execute(text("INSERT INTO blob_chunks(sha256, \"offset\", data) VALUES (:s, :o, :d)"),
                             {"s": sha, "o": off, "d": data[off:off + CHUNK]})
    blob_dir = tmp_path / "moved-blobs"
    monkeypatch.delenv(BLOB_DIR_ENV, raising=False)
    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name == "postgresql":  # no folder known yet: the schema moves, the bytes wait, IT is told
        assert cli.main(["--db", url, "migrate"]) == 0
        assert "仍有附件内容" in capsys.readouterr().err
    assert cli.main(["--db", url, "--blob-dir", str(blob_dir), "migrate"]) == 0
    assert "移出 2 个附件" in capsys.readouterr().err
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM blob_chunks")).scalar() == 0
        assert conn.execute(text("SELECT sha256 FROM blobs")).scalars().all() == [sha_whole]
        assert conn.execute(text("SELECT count(*) FROM blob_owners WHERE sha256 = :s"), {"s": rotten}).scalar() == 0
        assert conn.execute(text("SELECT received, center_code FROM blob_uploads WHERE sha256 = :s"),
                            {"s": sha_partial}).one() == (2 * CHUNK, "DEMO")
    assert not _content_file(blob_dir, rotten).exists()
    assert _content_file(blob_dir, sha_whole).read_bytes() == whole
    assert (blob_dir / "uploads" / f"{sha_partial}.part").read_bytes() == partial[:2 * CHUNK]
    assert cli.main(["--db", url, "--blob-dir", str(blob_dir), "blobs", "migrate"]) == 0  # again: nothing left
    assert "0 个附件" in capsys.readouterr().out
    # The center serves the moved file and the interrupted upload resumes where it was.
    server, thread, center_url = start_server(create_app(engine=engine, blob_dir=blob_dir))
    try:
        from sync.server import auth
        from sync.server.db import writer

        with writer(engine) as conn:
            code = auth.new_enrol_code(conn, "DEMO", "02", datetime.now())
        enrolled = httpx.post(f"{center_url}/v1/enroll", json={"code": code, "device_name": "b"}).json()
        token = httpx.post(f"{center_url}/v1/token", json={"device_id": enrolled["device_id"],
                                                            "refresh_token": enrolled["refresh_token"]}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        assert httpx.get(f"{center_url}/v1/blobs/{sha_whole}/content", headers=headers).content == whole
        assert httpx.get(f"{center_url}/v1/blobs/{sha_partial}", headers=headers).json()["received"] == 2 * CHUNK
        r = httpx.put(f"{center_url}/v1/blobs/{sha_partial}", params={"offset": 2 * CHUNK, "size": len(partial)},
                      content=partial[2 * CHUNK:], headers=headers)
        assert r.json()["complete"] is True
        assert _content_file(blob_dir, sha_partial).read_bytes() == partial
    finally:
        server.should_exit = True
        thread.join(10)


def test_the_serving_process_cleans_up_abandoned_uploads_on_its_own(tmp_path: Path) -> None:
    """``clerk-center serve`` as IT runs it: its timer removes an upload abandoned two days ago at start."""
    import subprocess
    import sys

    from sync.server.db import migrate

    db = tmp_path / "center.sqlite3"
    engine = make_engine(f"sqlite:///{db}")
    migrate(engine)
    sha = "f" * 64
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO blob_uploads(sha256, center_code, device_id, size, received, created_at, "
                          "updated_at) VALUES (:s, 'DEMO', 'd1', 10, 5, :t, :t)"),
                     {"s": sha, "t": datetime.now() - timedelta(hours=49)})
    part = tmp_path / "center-blobs" / "uploads" / f"{sha}.part"
    part.parent.mkdir(parents=True)
    part.write_bytes(b"12345")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != BLOB_DIR_ENV}
    proc = subprocess.Popen([sys.executable, "-m", "sync.server", "--db", f"sqlite:///{db}", "serve", "--port",
                             str(port)], cwd=Path(__file__).resolve().parents[2], env=env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                if not conn.execute(text("SELECT count(*) FROM blob_uploads")).scalar() and not part.exists():
                    break
            assert proc.poll() is None, "the center exited"
            time.sleep(0.2)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM blob_uploads")).scalar() == 0
        assert not part.exists()  # in the default folder beside the database file
    finally:
        proc.terminate()
        proc.wait(20)
        engine.dispose()
