"""``clerk-app calendar`` as IT runs it: the real command in a subprocess, a temporary profile."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

GOOD_2027 = """\
year = 2027
source = "测试用 2027 年安排"
official = true

[[holiday]]
name = "元旦"
start = 2027-01-01
end = 2027-01-03
"""


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    cmd = [sys.executable, "-m", "clerk_app", "--data-dir", str(data_dir), "calendar", *args]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def due_json(data_dir: Path, accepted: str, days: int) -> dict:
    r = run(data_dir, "due", "--accepted", accepted, "--days", str(days), "--json")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return json.loads(r.stdout)


def test_due_json_matches_the_domain_rules_table(tmp_path: Path) -> None:
    p = tmp_path / "p"
    assert due_json(p, "2026-02-13", 3) == {"due": "2026-02-25", "provisional": False}
    assert due_json(p, "2026-09-30", 5) == {"due": "2026-10-13", "provisional": False}
    assert due_json(p, "2026-09-29", 20) == {"due": "2026-11-02", "provisional": False}
    assert due_json(p, "2025-09-26", 5) == {"due": "2025-10-10", "provisional": False}


def test_import_turns_a_provisional_2027_deadline_official(tmp_path: Path) -> None:
    p = tmp_path / "p"
    # estimated: Fri 2027-01-01 元旦 is off by the 放假办法, but the date stays provisional
    assert due_json(p, "2026-12-10", 20) == {"due": "2027-01-08", "provisional": True}
    f = tmp_path / "2027.toml"
    f.write_text(GOOD_2027, encoding="utf-8")
    r = run(p, "import", str(f))
    assert r.returncode == 0, r.stderr
    assert "已导入 2027 年节假日安排" in r.stdout and "正式" in r.stdout and "放假 3 天" in r.stdout
    assert (p / "calendar" / "2027.toml").read_text(encoding="utf-8") == GOOD_2027
    assert due_json(p, "2026-12-10", 20) == {"due": "2027-01-08", "provisional": False}
    shown = run(p, "show", "--year", "2027", "--json")
    assert json.loads(shown.stdout) == {"year": 2027, "known": True, "official": True, "source": "测试用 2027 年安排",
                                        "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
                                        "makeup_workdays": []}


def test_bad_file_is_one_chinese_line_and_nothing_imported(tmp_path: Path) -> None:
    p = tmp_path / "p"
    f = tmp_path / "bad.toml"
    f.write_text(GOOD_2027.replace("end = 2027-01-03", "end = 2027-01-32"), encoding="utf-8")
    r = run(p, "import", str(f))
    assert r.returncode == 1 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and str(f) in lines[0], r.stderr
    assert "Traceback" not in r.stderr
    assert not (p / "calendar").exists() or list((p / "calendar").iterdir()) == []


def test_bad_date_and_days_are_refused_in_chinese(tmp_path: Path) -> None:
    p = tmp_path / "p"
    r = run(p, "due", "--accepted", "2026-02-30", "--days", "3", "--json")
    assert r.returncode == 1 and r.stdout == "" and "受理日期“2026-02-30”无效" in r.stderr
    r = run(p, "due", "--accepted", "2026-02-13", "--days", "-1")
    assert r.returncode == 1 and "时限天数“-1”无效" in r.stderr and "Traceback" not in r.stderr


def test_show_lists_holidays_and_make_up_days(tmp_path: Path) -> None:
    p = tmp_path / "p"
    r = run(p, "show", "--year", "2026")
    assert r.returncode == 0, r.stderr
    assert "2026 年节假日安排（正式）" in r.stdout
    assert "春节：2026-02-15（周日） 至 2026-02-23（周一），共 9 天" in r.stdout
    assert "2026-10-10（周六）" in r.stdout
    r = run(p, "show", "--year", "2027")
    assert r.returncode == 0 and "2027 年尚无节假日安排" in r.stdout


def test_text_output_of_due_says_provisional(tmp_path: Path) -> None:
    r = run(tmp_path / "p", "due", "--accepted", "2026-12-25", "--days", "7", "--unit", "自然日")
    # 01-01 is the estimated 元旦, so the calendar-day period runs to Mon 01-04 (民法典 第203条)
    assert r.returncode == 0 and "2027-01-04" in r.stdout and "暂定" in r.stdout
