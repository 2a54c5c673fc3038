"""Monthly report through ``clerk_app.cli_reports`` in a real subprocess: Excel read back with openpyxl,
PDF read back with pdftotext; bad input gives one Chinese line and leaves no file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from clerk_app.services.demo import seed

RUNNER = """
import argparse, sys
from clerk_app import cli_reports
from clerk_app.errors import UserError
p = argparse.ArgumentParser(); p.add_argument("--data-dir"); cli_reports.add_parser(p.add_subparsers())
a = p.parse_args(sys.argv[1:])
try:
    sys.exit(a.func(a))
except UserError as e:
    print("错误：" + e.message, file=sys.stderr); sys.exit(1)
"""


def _run(profile, *args: str, password: str = "super1234") -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    keyring_env = {k: os.environ[k] for k in ("CLERK_TEST_KEYRING_FILE", "PYTHON_KEYRING_BACKEND", "PYTHONPATH")
                   if k in os.environ}  # the shared_keyring fixture: the subprocess opens the encrypted profile
    env = {"CLERK_APP_USER": "supervisor", "CLERK_APP_PASSWORD": password, "PATH": "/usr/bin:/bin",
           "HOME": str(profile.root), **keyring_env}
    return subprocess.run([sys.executable, "-c", RUNNER, "--data-dir", str(profile.root), "reports", "export", *args],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def _seeded_template(_template_database, tmp_path_factory):  # type: ignore[no-untyped-def]
    """150 demo cases (seed 3) seeded on 2026-03-20 into a copy of the migrated template, once per module:
    seeding costs ~0.3 s of CPU and every test here only reads the profile. Returns the database (same
    master key as the template) and the counts."""
    from _users import opened_template

    folder = tmp_path_factory.mktemp("seeded-exports") / "profile"
    with opened_template(folder, _template_database, lambda: datetime(2026, 3, 20, 12, 0)) as (paths, _key, ctx):
        counts = seed(ctx, 150, seed=3)
    return paths.database, counts


@pytest.fixture
def seeded(shared_keyring, profile, seed_profile, _seeded_template):  # type: ignore[no-untyped-def]
    """The test's profile: a copy of the seeded template, its key in the keyring the subprocess reads."""
    database, counts = _seeded_template
    seed_profile(profile, database)
    return counts


def test_monthly_xlsx_and_pdf(profile, seeded, tmp_path: Path, ctx) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from clerk_app.services.bootstrap import open_context
    from clerk_app.store.tables import CaseRow

    ctx2 = open_context(profile)
    with ctx2.store.read() as s:
        march = s.scalar(select(func.count()).select_from(CaseRow).where(
            CaseRow.received_at >= datetime(2026, 3, 1), CaseRow.received_at < datetime(2026, 4, 1)))
    ctx2.store.close()
    xlsx = tmp_path / "m.xlsx"
    done = _run(profile, "--month", "2026-03", "--out", str(xlsx))
    assert done.returncode == 0, done.stderr
    wb = load_workbook(xlsx)
    summary = wb[wb.sheetnames[0]]
    assert summary["A1"].value.startswith("2026年3月概况")
    assert (summary["A3"].value, summary["B3"].value) == ("收件量", march)
    assert "差评回访整改台账" in wb.sheetnames and "人员绩效（本月）" in wb.sheetnames
    pdf = tmp_path / "m.pdf"
    assert _run(profile, "--month", "2026-03", "--out", str(pdf)).returncode == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "政务服务月度报表" in text and "办不成事与投诉建议台账" in text and "加权办件量" in text
    # Every font embedded: a CID font left to the viewer prints blank on counter PCs without Asian font packs.
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    chinese = [line for line in fonts if not line.startswith("Helvetica")]  # reportlab's unused standard-14 default
    assert chinese and all("WenQuanYi" in line and line.split()[-5] == "yes" for line in chinese), fonts


@pytest.mark.parametrize(("args", "message"), [
    (("--month", "2026-13", "--out", "x.xlsx"), "月份“2026-13”无效"),
    (("--month", "2026-03", "--out", "x.docx"), "不支持的导出格式"),
    (("--month", "2026-03", "--kind", "yearly", "--out", "x.xlsx"), "报表类型“yearly”不存在"),
])
def test_bad_input_one_line_no_file(profile, seeded, tmp_path: Path, args, message) -> None:  # type: ignore[no-untyped-def]
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out_index = args.index("--out") + 1
    args = (*args[:out_index], str(tmp_path / args[out_index]), *args[out_index + 1:])
    done = _run(profile, *args)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("错误：")]
    assert len(errors) == 1 and message in errors[0]
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_wrong_password_and_clerk_role_refused(profile, seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    done = _run(profile, "--month", "2026-03", "--out", str(tmp_path / "m.xlsx"), password="wrong-pass")
    assert done.returncode == 1 and "用户名或密码不正确" in done.stderr
    env_clerk = _run(profile, "--month", "2026-03", "--out", str(tmp_path / "m.xlsx"), "--user", "clerk",
                     password="clerk1234")
    assert env_clerk.returncode == 1 and "无权执行此操作" in env_clerk.stderr
    assert list(tmp_path.iterdir()) == []
