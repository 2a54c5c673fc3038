"""Issue 8 acceptance, through the real ``clerk-app`` in a subprocess with a file-backed keyring."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import database_key, run_audit_verify, run_clerk_app
from sqlalchemy import text

from clerk_app.store.db import make_engine

ID_NUMBER, NAME, PHONE = "11010519491231002X", "张三丰", "13800138000"
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "gb18030")
GUARDS = ("audit_log_no_update", "audit_log_no_delete", "audit_chain_no_update", "audit_chain_no_delete",
          "audit_anchor_no_delete", "audit_anchor_forward_only")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    """One seeded profile shared by the checks (tamper tests work on copies)."""
    base = tmp_path_factory.mktemp("accept")
    data_dir, keyring_file = base / "profile", base / "keyring.json"
    proc = run_clerk_app("demo", "seed", "--cases", "200", "--applicant", f"{ID_NUMBER},{NAME},{PHONE}",
                         data_dir=data_dir, keyring_file=keyring_file)
    assert proc.returncode == 0, proc.stderr
    return data_dir, keyring_file


def _sql(data_dir: Path, keyring_file: Path, *statements: str) -> list:  # type: ignore[type-arg]
    engine = make_engine(data_dir / "clerk.sqlite3", database_key(data_dir, keyring_file))
    try:
        with engine.begin() as conn:
            return [conn.execute(text(s)).all() if s.lstrip().upper().startswith("SELECT") else conn.execute(text(s))
                    for s in statements]
    finally:
        engine.dispose()


def test_seeded_applicant_is_really_in_the_database(seeded):
    [[(mine,)], [(total,)]] = _sql(*seeded,
                                   "SELECT count(*) FROM cases JOIN applicants a ON a.id = cases.applicant_id "
                                   f"WHERE a.id_number = '{ID_NUMBER}' AND a.name = '{NAME}' AND a.phone = '{PHONE}'",
                                   "SELECT count(*) FROM cases")
    assert mine == 3 and total >= 195


def test_no_byte_under_the_data_folder_reveals_the_applicant(seeded):
    data_dir, keyring_file = seeded
    files = [f for f in data_dir.rglob("*") if f.is_file()]
    assert {"clerk.sqlite3", "key-id"} <= {f.name for f in files}
    assert not keyring_file.is_relative_to(data_dir)
    needles = {v.encode(enc): f"{v} ({enc})" for v in (ID_NUMBER, NAME, PHONE) for enc in ENCODINGS}
    found = [(str(f.relative_to(data_dir)), label) for f in files for needle, label in needles.items()
             if needle in f.read_bytes()]
    assert found == []


def test_plain_sqlite_cannot_read_the_database(seeded):
    conn = sqlite3.connect(seeded[0] / "clerk.sqlite3")
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    conn.close()


def test_audit_verify_passes_on_the_untouched_profile(seeded):
    proc = run_audit_verify(*seeded)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "审计日志完整" in proc.stdout


@pytest.mark.parametrize(("change", "named"), [
    ("UPDATE audit_log SET detail = '199 cases' WHERE id = (SELECT audit_id FROM audit_chain WHERE seq = 5)",
     "第 5 条审计记录（"),
    ("DELETE FROM audit_log WHERE id = (SELECT audit_id FROM audit_chain WHERE seq = 2)", "第 2 条审计记录"),
    ("DELETE FROM audit_log WHERE id = (SELECT audit_id FROM audit_chain WHERE seq = (SELECT max(seq) FROM audit_chain))",
     "审计记录"),
])
def test_audit_verify_names_a_changed_or_removed_entry(seeded, tmp_path, change, named):
    data_dir, keyring_file = seeded
    copy = tmp_path / "profile"
    shutil.copytree(data_dir, copy)
    [[(last,)]] = _sql(copy, keyring_file, "SELECT max(seq) FROM audit_chain")
    _sql(copy, keyring_file, *(f"DROP TRIGGER {g}" for g in GUARDS), change)
    proc = run_audit_verify(copy, keyring_file)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert named in proc.stdout
    if "max(seq)" in change:
        assert f"第 {last} 条审计记录" in proc.stdout and "已被删除" in proc.stdout


def test_applicant_option_refuses_a_malformed_value(tmp_path):
    data_dir = tmp_path / "profile"
    proc = run_clerk_app("demo", "seed", "--cases", "5", "--applicant", f"{ID_NUMBER},{NAME}",
                         data_dir=data_dir, keyring_file=tmp_path / "k.json")
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[0] == ("错误：--applicant 应写成“身份证号,姓名,手机号”，"
                                                   "例如 11010519491231002X,张三丰,13800138000。")
    assert not (data_dir / "clerk.sqlite3").exists()
