"""Workbooks in, summary out: a file given twice, or in both slots, is read once and said so."""

from __future__ import annotations

import shutil
from pathlib import Path

import xlsxwriter

from chitieu import summarise_files
from chitieu.cli import main

ROWS = [("Ấp 1", 120, 45), ("Ấp 2", 80, 20), ("Ấp 3", 100, 70)]


def annex(path: Path) -> Path:
    """An annex with the quota and the result side by side, as plans print them."""
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Phụ lục")
    sheet.write_row(0, 0, ["KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ (Tính từ ngày 01/06/2024 đến ngày 30/06/2024)"])
    sheet.write_row(2, 0, ["STT", "Đơn vị", "Chỉ tiêu được giao", "Số tài khoản đã kích hoạt"])
    for r, (unit, quota, result) in enumerate(ROWS, start=3):
        sheet.write_row(r, 0, [r - 2, unit, quota, result])
    book.close()
    return path


def figures(summary) -> dict[str, tuple[float, float]]:
    rows = summary.table[summary.table["indicator"] == "dddt"]
    return {row.unit: (row.quota, row.result) for row in rows.itertuples()}


def test_an_annex_given_as_quota_and_as_results_counts_once(tmp_path: Path) -> None:
    path = annex(tmp_path / "phu_luc.xlsx")
    copy = shutil.copy(path, tmp_path / "phu_luc (1).xlsx")  # the same bytes under another name
    summary = summarise_files([path], [copy])
    truth = {unit: (float(quota), float(result)) for unit, quota, result in ROWS}
    assert {unit: figures(summary)[unit] for unit in truth} == truth
    repeated = [f for f in summary.findings if f.code == "file-repeated"]
    assert [f.message for f in repeated] == [
        "Tệp 'phu_luc (1).xlsx' có nội dung giống hệt tệp 'phu_luc.xlsx' (sổ chỉ tiêu) nên chỉ được đọc một lần, "
        "như sổ chỉ tiêu."]
    assert list(summary.sources["file"].unique()) == ["phu_luc.xlsx"]


def test_a_result_file_given_twice_is_read_once(tmp_path: Path) -> None:
    path = annex(tmp_path / "phu_luc.xlsx")
    once = figures(summarise_files([path], [path]))
    twice = summarise_files([path], [path, path])
    assert figures(twice) == once
    assert sum(f.code == "file-repeated" for f in twice.findings) == 2


def test_the_command_line_reads_a_file_in_both_slots_once(tmp_path: Path, capsys) -> None:
    path = annex(tmp_path / "phu_luc.xlsx")
    assert main(["summary", "--quota", str(path), "--results", str(path), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("Ấp 1,")]
    assert len(lines) == 1 and ",120.0," in lines[0] and ",45.0," in lines[0]
