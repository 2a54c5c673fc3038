"""Excel and PDF exports formatted for reading (issue 15 item 14): numbers as numbers with number
formats, frozen headers, sheet names not cut inside a date; PDF pages numbered 第x页/共y页, headings
kept with their tables, a signature block. Files read back with openpyxl and pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path

from openpyxl import load_workbook

from clerk_app.services.exports import export_tables
from clerk_app.services.report_tables import Table


def _tables() -> list[Table]:
    summary = Table("2026年11月概况（2026-11-01 至 2026-11-30，不含节假日）", ("指标", "数值"),
                    [("收件量", 51), ("受理（占比）", "38（74.5%）"), ("参评率", "94.1%"),
                     ("实名差评回访整改率", "100.0%（3/3）"), ("窗口", "01"), ("电话", "13800138000"), ("无数据", "—")])
    ranking = Table("人员绩效（本月）", ("窗口人员", "办件量", "好评率", "得分"),
                    [(f"人员{i}", i * 3, f"{90 + i % 10}.0%", f"{80 + i / 10:.2f}") for i in range(80)])
    return [summary, ranking]


def test_excel_holds_numbers_with_formats_frozen_headers_and_whole_dates(tmp_path: Path) -> None:
    out = export_tables(_tables(), tmp_path / "report.xlsx", title="演示区政务服务中心 2026年11月 政务服务月度报表")
    wb = load_workbook(out)
    assert wb.sheetnames == ["2026年11月概况", "人员绩效（本月）"]  # a long date range dropped whole, not cut
    ws = wb["2026年11月概况"]
    assert ws.freeze_panes == "A3"
    assert [c.value for c in ws[2]] == ["指标", "数值", "数值（补充）"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3, max_row=9)}
    assert rows["收件量"][1].value == 51 and rows["收件量"][1].number_format == "0"
    assert rows["受理（占比）"][1].value == 38 and rows["受理（占比）"][2].value == 0.745
    assert rows["受理（占比）"][2].number_format == "0.0%"
    assert rows["参评率"][1].value == 0.941 and rows["参评率"][1].number_format == "0.0%"
    assert rows["实名差评回访整改率"][1].value == 1.0 and rows["实名差评回访整改率"][2].value == "3/3"
    assert rows["窗口"][1].value == "01" and rows["电话"][1].value == "13800138000" and rows["无数据"][1].value == "—"
    ranking = wb["人员绩效（本月）"]
    assert ranking["C3"].value == 0.9 and ranking["D3"].value == 80.0 and ranking["D3"].number_format == "0.00"


def test_pdf_pages_numbered_headings_with_tables_and_signature(tmp_path: Path) -> None:
    out = export_tables(_tables() * 3, tmp_path / "report.pdf", title="演示区政务服务中心 2026年11月 政务服务月度报表")
    pages = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    total = len(pages)
    assert total >= 3
    for n, page in enumerate(pages, start=1):
        assert f"第{n}页/共{total}页" in page
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        # a heading is never the last thing on a page: its table follows on the same page
        assert not lines[-2].startswith(("2026年11月概况", "人员绩效")), lines[-3:]
    assert "制表人" in pages[-1] and "审核人" in pages[-1]


def test_pdf_prints_the_formula_minus_signs_no_face_draws(tmp_path: Path) -> None:
    """U+2212 (the ranking formula's −) has no glyph in the embedded faces: printed as "-", not a gap."""
    from clerk_app.domain.performance import formula
    from clerk_app.fonts import FACES, face_codepoints

    assert not any(0x2212 in face_codepoints(face) for face in FACES)  # why the plain form is needed
    table = Table("人员绩效", ("排名", "差额 − 备注"), [(1, "3 − 1")], note=formula())
    out = export_tables([table], tmp_path / "ranking.pdf", title="月度报表")
    text = "".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    assert "20×按时办结率-2×差评数" in text and "按时办结率=1-逾期件数" in text, text
    assert "差额-备注" in text and "3-1" in text
