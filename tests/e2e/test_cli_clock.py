"""``clerk-app clock list|suspend|resume|extend`` in a real subprocess on an encrypted profile: the due
date moves on the case (case list, 催办 and the synced row follow), each change is audited, a clerk
cannot extend, and bad input is one Chinese line with nothing changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import select, text

from clerk_app.domain.cases import IntakeDecision
from clerk_app.services import cases as svc
from clerk_app.services.bootstrap import open_context
from clerk_app.services.search import search_cases
from clerk_app.services.supervision import due_cases
from clerk_app.store.tables import AuditRow
from tests.unit.services.test_legal_rules import _open

D = date.fromisoformat


def clock_cli(profile, *args: str, user: str = "clerk", password: str = "clerk1234"):  # type: ignore[no-untyped-def]
    keyring_env = {k: os.environ[k] for k in ("CLERK_TEST_KEYRING_FILE", "PYTHON_KEYRING_BACKEND", "PYTHONPATH")
                   if k in os.environ}  # the shared_keyring fixture: the subprocess opens the encrypted profile
    env = {"CLERK_APP_USER": user, "CLERK_APP_PASSWORD": password, "PATH": "/usr/bin:/bin",
           "HOME": str(profile.root), "PYTHONIOENCODING": "utf-8", **keyring_env}
    return subprocess.run([sys.executable, "-m", "clerk_app", "--data-dir", str(profile.root), "clock", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


@pytest.fixture
def accepted(shared_keyring, ctx, users, new_applicant, clock):  # type: ignore[no-untyped-def]
    """A 食品经营许可 accepted on Mon 2026-03-02: 5 working days, due 03-09."""
    number = _open(ctx, users["clerk"], new_applicant().id)
    assert svc.decide_intake(ctx, users["clerk"], number, IntakeDecision.ACCEPT).due_date == D("2026-03-09")
    ctx.store.close()
    return number


def test_law_45_42_clock_cli_suspends_resumes_and_extends_everywhere(profile, accepted, clock) -> None:  # type: ignore[no-untyped-def]
    """行政许可法 第45条 (现场核查 time not counted) and 第42条 (extension with reason and approver), from the shell."""
    number = accepted
    done = clock_cli(profile, "suspend", "--case", number, "--reason", "现场核查", "--start", "2026-03-03")
    assert done.returncode == 0, done.stderr
    assert "已暂停计时" in done.stdout and number in done.stdout
    listed = json.loads(clock_cli(profile, "list", "--case", number, "--json").stdout)
    assert listed["paused"] is True and listed["suspensions"] == [
        {"start": "2026-03-03", "end": None, "reason": "现场核查"}]

    done = clock_cli(profile, "resume", "--case", number, "--end", "2026-03-05")  # 03-03..03-05 not counted
    assert done.returncode == 0 and "办结期限 2026-03-12" in done.stdout, done.stderr

    refused = clock_cli(profile, "extend", "--case", number, "--days", "2", "--reason", "需补充现场核查")
    assert refused.returncode == 1 and refused.stdout == "" and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and refused.stderr.startswith("错误：")

    done = clock_cli(profile, "extend", "--case", number, "--days", "2", "--reason", "需补充现场核查",
                     user="sup", password="super1234")
    assert done.returncode == 0 and "批准人 李带班" in done.stdout and "办结期限 2026-03-16" in done.stdout, done.stderr

    shown = clock_cli(profile, "list", "--case", number)
    assert shown.returncode == 0
    assert shown.stdout.splitlines() == [
        f"办件 {number}（已受理）办结期限：2026-03-16",
        "暂停计时 2026-03-03 至 2026-03-05：现场核查",
        f"延长期限 2 个工作日：需补充现场核查（批准：李带班，{date.today().isoformat()}）"]

    ctx = open_context(profile, clock=clock)
    try:
        from clerk_app.services.auth import login

        clerk, sup = login(ctx, "clerk", "clerk1234"), login(ctx, "sup", "super1234")
        assert [c.due_date for c in search_cases(ctx, clerk, number)] == [D("2026-03-16")]
        rows, _, _ = due_cases(ctx, sup, D("2026-03-13"))
        assert [(c.number, c.due) for c in rows] == [(number, D("2026-03-16"))]
        case = svc.get_case(ctx, clerk, number)
        with ctx.store.read() as s:
            actions = list(s.scalars(select(AuditRow.action).where(AuditRow.entity_id == case.id)))
            synced = s.execute(text("SELECT data FROM sync_outbox WHERE entity = 'cases' "
                                    "ORDER BY seq DESC LIMIT 1")).scalar()
    finally:
        ctx.store.close()
    assert actions.count("case.suspend") == actions.count("case.resume") == actions.count("case.extend") == 1
    payload = json.loads(synced)
    assert payload["due_date"] == "2026-03-16" and "需补充现场核查" in payload["clock"]


def test_clock_cli_bad_input_is_one_chinese_line_and_nothing_changes(profile, accepted) -> None:  # type: ignore[no-untyped-def]
    number = accepted
    for args, words in [
        (("suspend", "--case", number, "--reason", "检验", "--start", "2026-02-30"), "开始日期“2026-02-30”无效"),
        (("suspend", "--case", number, "--reason", "  ", "--start", "2026-03-03"), "暂停计时须写明原因"),
        (("suspend", "--case", number, "--reason", "检验", "--start", "2026-02-27"), "不能早于受理日期"),
        (("resume", "--case", number), "没有正在暂停的计时"),
        (("extend", "--case", number, "--days", "11", "--reason", "复杂"), "延长天数“11”无效"),
        (("list", "--case", "NO-SUCH-CASE"), "NO-SUCH-CASE"),
    ]:
        r = clock_cli(profile, *args, user="sup", password="super1234")
        assert r.returncode == 1 and r.stdout == "", (args, r.stdout)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("错误：") and words in lines[0], (args, r.stderr)
    r = clock_cli(profile, "list", "--case", number, "--json", password="wrong-password")
    assert r.returncode == 1 and r.stdout == "" and "Traceback" not in r.stderr
    listed = json.loads(clock_cli(profile, "list", "--case", number, "--json").stdout)
    assert (listed["due"], listed["suspensions"], listed["extensions"]) == ("2026-03-09", [], [])
