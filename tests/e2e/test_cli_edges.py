"""Every start-up and input failure of issue 13 item 10, run as the real ``clerk-app`` subprocess: one
Chinese sentence on stderr, a non-zero exit code, no traceback, nothing overwritten. Full and read-only
disks are real small tmpfs mounts (the suite runs as root here), removed after each test."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, data_dir: str | Path | None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CLERK_APP_ALLOW_UNENCRYPTED": "1"}
    env.pop("CLERK_APP_DATA_DIR", None)
    cmd = [sys.executable, "-m", "clerk_app", *([] if data_dir is None else ["--data-dir", str(data_dir)]), *args]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace", env=env,
                          cwd=REPO, timeout=timeout)


def sentence(r: subprocess.CompletedProcess[str]) -> str:
    """The one line the command said; the test machine's own warning (no OS keyring) aside."""
    lines = [x for x in r.stderr.splitlines() if x.strip() and "is NOT encrypted" not in x]
    assert r.returncode != 0, r.stdout
    assert len(lines) == 1 and "Traceback" not in r.stderr and "Error:" not in r.stderr, r.stderr
    assert lines[0].startswith("错误：") or lines[0].startswith("自检失败"), lines[0]
    assert not any(c in r.stderr for c in "\x1b\u202e\x00"), r.stderr  # nothing raw reaches the terminal
    return lines[0]


@pytest.fixture
def mount(tmp_path: Path) -> Iterator:  # type: ignore[type-arg]
    """mount(size, read_only) -> a fresh tmpfs folder; unmounted at the end."""
    made: list[Path] = []

    def make(size: str = "3m", read_only: bool = False) -> Path:
        where = tmp_path / f"fs{len(made)}"
        where.mkdir()
        opts = f"size={size}" + (",ro" if read_only else "")
        subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)], check=True)
        made.append(where)
        return where

    yield make
    for where in made:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_data_dir_empty_is_refused_not_the_default_profile(tmp_path: Path) -> None:
    for value in ("", "  "):
        line = sentence(run("sync", "status", data_dir=value))
        assert "--data-dir" in line and "为空" in line


@pytest.mark.parametrize("target", ["file", "/dev/null", "below-a-file"])
def test_data_dir_that_is_not_a_folder_is_refused_and_left_alone(tmp_path: Path, target: str) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_bytes(b"keep me")
    path = {"file": str(a_file), "/dev/null": "/dev/null", "below-a-file": str(a_file / "profile")}[target]
    line = sentence(run("sync", "status", data_dir=path))
    assert "不是文件夹" in line
    assert a_file.read_bytes() == b"keep me"


def test_data_dir_on_a_read_only_disk_is_refused(mount) -> None:  # type: ignore[no-untyped-def]
    ro = mount("1m", read_only=True)
    line = sentence(run("sync", "status", data_dir=ro / "profile"))
    assert "不可写入" in line and "只读" in line


def test_a_full_disk_is_one_sentence_and_keeps_what_was_there(mount) -> None:  # type: ignore[no-untyped-def]
    fs = mount("3m")
    profile = fs / "p"
    first = run("demo", "seed", "--cases", "5", "--today", "2026-03-02", data_dir=profile)
    assert first.returncode == 0, first.stderr
    filler = fs / "filler"
    with filler.open("wb") as f:  # take every free block
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    line = sentence(run("demo", "seed", "--cases", "50", "--today", "2026-03-02", data_dir=profile))
    assert "磁盘空间已满" in line
    filler.unlink()
    with sqlite3.connect(profile / "clerk.sqlite3") as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert c.execute("SELECT count(*) FROM cases").fetchone()[0] == 5


def test_a_corrupted_unencrypted_database_is_one_sentence_and_not_overwritten(tmp_path: Path) -> None:
    profile = tmp_path / "p"
    assert run("demo", "seed", "--cases", "3", "--today", "2026-03-02", data_dir=profile).returncode == 0
    db = profile / "clerk.sqlite3"
    for suffix in ("-wal", "-shm"):
        (profile / f"clerk.sqlite3{suffix}").unlink(missing_ok=True)
    raw = bytearray(db.read_bytes())
    raw[4096:] = os.urandom(len(raw) - 4096)  # the header stays: it still looks like an unencrypted file
    db.write_bytes(bytes(raw))
    for args in (["sync", "status"], ["demo", "seed", "--cases", "1"], ["--self-test"]):
        r = run(*args, data_dir=profile)
        line = sentence(r)
        assert "损坏" in line, line
    assert db.read_bytes() == bytes(raw)


def test_endless_catalogue_file_does_not_hang(tmp_path: Path) -> None:
    profile = tmp_path / "p"
    profile.mkdir()
    (profile / "settings.toml").write_text('catalogue_file = "/dev/zero"\n', encoding="utf-8")
    started = time.monotonic()
    line = sentence(run("--self-test", data_dir=profile, timeout=60))
    assert time.monotonic() - started < 30 and "/dev/zero" in line and "catalogue_file" in line


@pytest.mark.parametrize("nesting", ["a = " + "[" * 5000 + "]" * 5000, "a = " + "{b = " * 5000 + "1" + "}" * 5000])
def test_deeply_nested_toml_is_one_sentence(tmp_path: Path, nesting: str) -> None:
    profile = tmp_path / "p"
    profile.mkdir()
    (profile / "settings.toml").write_text(nesting + "\n", encoding="utf-8")
    line = sentence(run("config", "check", data_dir=profile))
    assert "嵌套层数过多" in line and "RecursionError" not in line
    schedule = tmp_path / "2027.toml"
    schedule.write_text(nesting + "\n", encoding="utf-8")
    (profile / "settings.toml").unlink()
    line = sentence(run("calendar", "import", str(schedule), data_dir=profile))
    assert "嵌套层数过多" in line and not list((profile / "calendar").glob("*.toml"))


@pytest.mark.parametrize("char", ["\\u001b[31m", "\\u202e", "\\u0000"])
def test_control_characters_in_a_holiday_name_are_refused(tmp_path: Path, char: str) -> None:
    schedule = tmp_path / "2027.toml"
    schedule.write_text(f'year = 2027\nsource = "国办发明电〔2026〕1号"\nofficial = true\n'
                        f'[[holiday]]\nname = "国庆{char}节"\nstart = 2027-10-01\nend = 2027-10-07\n', encoding="utf-8")
    profile = tmp_path / "p"
    line = sentence(run("calendar", "import", str(schedule), data_dir=profile))
    assert "控制字符" in line and "holiday[1].name" in line
    assert not list((profile / "calendar").glob("*.toml"))


@pytest.mark.parametrize("char", ["\\u001b]0;pwned\\u0007", "\\u202e"])
def test_control_characters_in_a_matter_name_are_refused(tmp_path: Path, char: str) -> None:
    demo = (REPO / "resources" / "catalogue" / "demo.toml").read_text(encoding="utf-8")
    first_name = demo.index('name = "', demo.index("[[matter]]")) + len('name = "')
    catalogue = tmp_path / "catalogue.toml"
    catalogue.write_text(demo[:first_name] + char + demo[first_name:], encoding="utf-8")
    profile = tmp_path / "p"
    profile.mkdir()
    (profile / "settings.toml").write_text(f'catalogue_file = "{catalogue}"\n', encoding="utf-8")
    line = sentence(run("--self-test", data_dir=profile))
    assert "控制字符" in line and "matter[1].name" in line
