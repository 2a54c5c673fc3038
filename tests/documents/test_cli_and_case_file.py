"""The documents CLI in a subprocess, and notices issued for a stored case into its file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from clerk_app.devices.printer.escpos import GS

from .pdftools import flat_text, pdf_text


def _cli(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "clerk_app", *(["--data-dir", str(data_dir)] if data_dir else []), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "CLERK_APP_ALLOW_UNENCRYPTED": "1", "QT_QPA_PLATFORM": "offscreen"})


def test_demo_writes_every_kind_and_both_receipts(tmp_path: Path) -> None:
    from clerk_app.documents.templates import KINDS

    result = _cli("documents", "demo", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for kind, title in KINDS.items():
        assert title in "".join(pdf_text((tmp_path / "out" / f"{kind}.pdf").read_bytes(), tmp_path).split())
    for width in (58, 80):
        data = (tmp_path / "out" / f"receipt-{width}.bin").read_bytes()
        assert "受理回执" in data.split(GS + b"(k")[0].decode("gb18030") and GS + b"V" in data


def test_render_for_a_seeded_case_and_unknown_case(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    seeded = _cli("demo", "seed", "--cases", "20", "--today", "2026-03-05", data_dir=profile)
    assert seeded.returncode == 0, seeded.stderr
    import sqlite3

    with sqlite3.connect(profile / "clerk.sqlite3") as db:
        number = db.execute("SELECT number FROM cases WHERE state = 'pending_supplement' LIMIT 1").fetchone()[0]
    out = tmp_path / "notice.pdf"
    result = _cli("documents", "render", "--kind", "one_time_notice", "--case", number, "--out", str(out),
                  data_dir=profile)
    assert result.returncode == 0, result.stderr
    flat = flat_text(out.read_bytes(), tmp_path)
    assert "一次性告知书" in flat and number in flat and "〔2026〕第01-000001号" in flat
    assert list((profile / "documents" / number).glob("one_time_notice-*.pdf"))
    missing = _cli("documents", "render", "--kind", "acceptance", "--case", "NOPE-01", "--out", str(out),
                   data_dir=profile)
    assert missing.returncode == 1 and "找不到办件 NOPE-01" in missing.stderr


def test_issue_for_case_lists_the_missing_items_and_keeps_an_encrypted_copy(  # type: ignore[no-untyped-def]
        ctx, users, new_applicant, tmp_path: Path) -> None:
    from clerk_app.documents.from_case import issue_for_case, read_from_case_file
    from clerk_app.domain.cases import IntakeDecision, MaterialStatus
    from clerk_app.domain.roles import SYSTEM
    from clerk_app.security.files import FileVault
    from clerk_app.services import cases

    clerk = users["clerk"]
    applicant = new_applicant()
    case = cases.open_case(ctx, clerk, matter_code="000131127004", applicant_id=applicant.id)
    cases.check_material(ctx, clerk, case.number, 1, MaterialStatus.SUBMITTED)
    cases.check_material(ctx, clerk, case.number, 2, MaterialStatus.DEFECTIVE, note="身份证件已过有效期，请换领后提交")
    cases.check_material(ctx, clerk, case.number, 3, MaterialStatus.MISSING, note="请提交租赁合同复印件")
    cases.check_material(ctx, clerk, case.number, 4, MaterialStatus.NOT_APPLICABLE)  # every line checked first
    cases.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    cases.decide_intake(ctx, clerk, case.number, IntakeDecision.ONE_TIME_NOTICE)
    notice, pdf, kept = issue_for_case(ctx, SYSTEM, case.number, "one_time_notice")
    flat = flat_text(pdf, tmp_path)
    for expected in ("张三丰", case.number, "经营者身份证件", "身份证件已过有效期，请换领后提交", "经营场所使用证明",
                     "请提交租赁合同复印件", "王小明", notice.document_number):
        assert expected in flat, expected
    assert "11010519491231002X" not in flat
    assert FileVault.is_encrypted(kept) and b"%PDF" not in kept.read_bytes()[:64]
    assert read_from_case_file(ctx.paths.root, kept) == pdf
