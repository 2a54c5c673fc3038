"""The ``clerk-app`` command as IT and the installers run it: a real subprocess."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from clerk_app import __version__


def run(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "clerk_app", *(["--data-dir", str(data_dir)] if data_dir else []), *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)


def test_version() -> None:
    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"clerk-app {__version__}"


def test_self_test_on_a_new_profile(tmp_path: Path) -> None:
    r = run("--self-test", data_dir=tmp_path / "p")
    assert r.returncode == 0, r.stderr
    line = r.stdout.strip()
    assert line.startswith("自检通过") and "主窗口已创建" in line and "启动耗时" in line and "\n" not in line
    assert (tmp_path / "p" / "clerk.sqlite3").exists()


def test_self_test_reports_a_bad_catalogue(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[matter]]\ncode = "1"\nname = "坏事项"\ntype = "许可"\n', encoding="utf-8")
    profile = tmp_path / "p"
    profile.mkdir()
    (profile / "settings.toml").write_text(f'catalogue_file = "{bad}"\n', encoding="utf-8")
    r = run("--self-test", data_dir=profile)
    assert r.returncode == 1 and r.stdout == ""
    assert "自检失败" in r.stderr and "坏事项" in r.stderr and str(bad) in r.stderr


def test_env_var_selects_the_profile(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CLERK_APP_DATA_DIR": str(tmp_path / "envp")}
    r = subprocess.run([sys.executable, "-m", "clerk_app", "--self-test"], capture_output=True, text=True, env=env,
                       timeout=300)
    assert r.returncode == 0 and (tmp_path / "envp" / "clerk.sqlite3").exists()


def _dump(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT c.number, c.matter_code, c.state, a.name, a.id_number FROM cases c "
                         "JOIN applicants a ON a.id=c.applicant_id ORDER BY c.number").fetchall()


def test_demo_seed_is_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        r = run("demo", "seed", "--cases", "120", "--seed", "5", "--today", "2026-03-02", data_dir=tmp_path / name)
        assert r.returncode == 0, r.stderr
        assert "办件 120 件" in r.stdout
    a, b = _dump(tmp_path / "a" / "clerk.sqlite3"), _dump(tmp_path / "b" / "clerk.sqlite3")
    assert a == b and len(a) == 120
    assert len({row[2] for row in a}) >= 8  # cases across the states
    r = run("demo", "seed", "--cases", "120", "--seed", "6", "--today", "2026-03-02", data_dir=tmp_path / "c")
    assert _dump(tmp_path / "c" / "clerk.sqlite3") != a


def test_bad_argument_is_a_clear_error(tmp_path: Path) -> None:
    r = run("demo", "seed", "--cases", "0", data_dir=tmp_path / "p")
    assert r.returncode == 1 and "--cases" in r.stderr and "Traceback" not in r.stderr


def test_set_overrides_a_setting_for_one_run(tmp_path: Path) -> None:
    r = run("--set", "window=07", "--set", "center_code=HD01", "demo", "seed", "--cases", "3", "--today", "2026-03-02",
            data_dir=tmp_path / "p")
    assert r.returncode == 0, r.stderr
    with sqlite3.connect(tmp_path / "p" / "clerk.sqlite3") as c:
        numbers = [n for (n,) in c.execute("SELECT number FROM cases")]
    assert numbers and all(n.startswith("HD01-07-") for n in numbers)
    bad = run("--set", "window=七", "--self-test", data_dir=tmp_path / "p")
    assert bad.returncode == 1 and "window" in bad.stderr and "Traceback" not in bad.stderr


def test_commands_write_a_masked_log(tmp_path: Path) -> None:
    r = run("demo", "seed", "--cases", "1", "--applicant", "11010519491231002X,张三丰,13800138000",
            data_dir=tmp_path / "p")
    assert r.returncode == 0, r.stderr
    r = run("--set", "window=七", "--self-test", data_dir=tmp_path / "p")
    logs = list((tmp_path / "p" / "logs").glob("*.log*"))
    assert logs, "the command wrote no log file"
    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in logs)
    assert "11010519491231002X" not in text and "13800138000" not in text
