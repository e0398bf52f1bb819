"""The sheets leaders meet over, read back cell by cell: who reported on time, late or not at all, the
emulation ranking with its reward and criticism, this period against the previous one; and "Nhận xét"
naming the units behind, late or left out."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from chitieu import summarise_files, write_report
from chitieu.cli import main
from chitieu.report.build import SUMMARY_SHEET
from chitieu.report.meeting import COMPARISON_SHEET, EMULATION_SHEET, NO_SCHEDULE, REPORTING_SHEET
from chitieu.report.xlsx import TITLE_ROWS
from chitieu.summary.timeliness import stale_unranked
from conftest import INPUTS
from summary.test_comparison import two_weeks
from summary.test_timeliness import weekly_commune

from .sheets import below, report_texts, tab_rows

HEADER_ROW = TITLE_ROWS + 1  # 1-based row of the column labels under a sheet's title


def table(ws) -> list[dict]:
    """The sheet's body rows by their column headings."""
    headings = [c.value for c in ws[HEADER_ROW]]
    rows = ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    return [dict(zip(headings, row)) for row in rows if any(v is not None for v in row)]


@pytest.fixture(scope="module")
def weekly(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("weekly")
    summary, reporting = weekly_commune(folder)
    return write_report(stale_unranked(summary, reporting), folder / "bao_cao.xlsx", reporting=reporting,
                        now=datetime(2025, 6, 19, 10))


def test_the_reporting_sheet_marks_each_report_on_time_late_or_missing(weekly):
    ws = openpyxl.load_workbook(weekly)[REPORTING_SHEET]
    assert ws["A1"].value == "Tình hình báo cáo — lịch: Thứ Năm hằng tuần, trước 09:00"
    rows = {(r["Đơn vị"], r["Hạn báo cáo"]): r for r in table(ws)}
    late = rows["Thôn Đông", "12/06/2025 09:00"]
    assert (late["Số liệu đến ngày"], late["Thời điểm nhận"], late["Tình trạng"], late["Muộn"]) == (
        "12/06/2025", "12/06/2025 10:30", "muộn", "1 giờ 30 phút")
    assert rows["Thôn Đông", "05/06/2025 09:00"]["Tình trạng"] == "đúng hạn"
    assert rows["Thôn Đông", "19/06/2025 09:00"]["Tình trạng"] == "thiếu"
    assert rows["Thôn Bắc", "19/06/2025 09:00"]["Ghi chú"] == "báo cáo cũ (số liệu đến 04/06/2025): không xếp hạng"
    assert [r["STT"] for r in table(ws)] == list(range(1, 13))
    header = ws.cell(HEADER_ROW, 2)
    assert header.font.name == "Times New Roman" and header.font.b
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9


def test_the_stale_unit_is_left_out_of_the_emulation_and_the_summary_rank(weekly):
    book = openpyxl.load_workbook(weekly)
    rows = {r["Đơn vị"]: r for r in table(book[EMULATION_SHEET])}
    assert [r["Hạng"] for r in table(book[EMULATION_SHEET])] == [1, 2, 3, None]
    assert rows["Thôn Nam"]["Điểm thi đua"] == pytest.approx(0.6)
    assert rows["Thôn Bắc"]["Không xét thi đua vì"] == "báo cáo cũ (số liệu đến 04/06/2025)"
    assert rows["Thôn Bắc"]["Đề xuất"] == "phê bình"
    score = book[EMULATION_SHEET].cell(HEADER_ROW + 1, 3)
    assert score.number_format == "0.0%"
    ranks = {r["label"]: r["rank"] for r in tab_rows(book[SUMMARY_SHEET])}
    assert ranks["Thôn Bắc"] == "BC cũ" and ranks["Thôn Nam"] == 1
    cell = next(r["cells"]["rank"] for r in tab_rows(book[SUMMARY_SHEET]) if r["label"] == "Thôn Bắc")
    assert cell.alignment.shrink_to_fit  # kept within its narrow column when printed


def test_the_comment_names_the_units_behind_late_and_left_out(weekly):
    comment = below(report_texts(weekly), "Nhận xét:", 1)
    assert "Đơn vị chậm tiến độ, cần đạt mỗi ngày: Thôn Nam (" in comment
    assert ("Báo cáo muộn hoặc thiếu: Thôn Bắc (thiếu 2 kỳ); Thôn Nam (muộn 1, thiếu 1 kỳ); "
            "Thôn Tây (muộn 1, thiếu 1 kỳ); Thôn Đông (muộn 1, thiếu 1 kỳ).") in comment
    assert "Không xét thi đua (báo cáo cũ (số liệu đến 04/06/2025)): Thôn Bắc." in comment
    assert "Đề xuất phê bình: Thôn Đông; Thôn Tây; Thôn Bắc." in comment  # in the ranking's order


def test_the_comparison_sheet_holds_both_periods(tmp_path):
    path = write_report(two_weeks(tmp_path), tmp_path / "bao_cao.xlsx", compare_days=7)
    ws = openpyxl.load_workbook(path)[COMPARISON_SHEET]
    assert ws["A1"].value == "So sánh kỳ: 7 ngày đến 14/06/2025 so với 7 ngày trước đó"
    rows = {r["Đơn vị"]: r for r in table(ws)}
    assert rows["Thôn Đông"]["Tăng 01/06–07/06"] == 30 and rows["Thôn Đông"]["Tăng 08/06–14/06"] == 70
    assert rows["Thôn Tây"]["Chênh lệch"] == -30 and rows["Thôn Tây"]["Thay đổi hạng (+: lên)"] == -1
    assert rows["Thôn Đông"]["Số ngày đạt chỉ tiêu ngày"] == "7/7"
    assert ws.cell(HEADER_ROW + 1, 3).number_format == "#,##0"


def test_without_a_schedule_the_reporting_sheet_says_how_to_set_one(tmp_path):
    path = write_report(two_weeks(tmp_path), tmp_path / "bao_cao.xlsx")
    assert table(openpyxl.load_workbook(path)[REPORTING_SHEET])[0]["Đơn vị"] == NO_SCHEDULE


def test_the_emulation_ranking_of_the_samples_is_the_same_sheet_every_time(tmp_path):
    folder = INPUTS / "minh_thang"
    sheets = []
    for name in ("a.xlsx", "b.xlsx"):
        summary = summarise_files([folder / "chi_tieu_4_phu.xlsx"], sorted(folder.glob("KQ *.xlsx")),
                                  as_of=date(2024, 5, 31))
        ws = openpyxl.load_workbook(write_report(summary, tmp_path / name))[EMULATION_SHEET]
        sheets.append([[c.value for c in row] for row in ws.iter_rows()])
    assert sheets[0] == sheets[1] and len(table_values := sheets[0][HEADER_ROW:]) >= 7
    assert [row[0] for row in table_values[:7]] == sorted(row[0] for row in table_values[:7])


def test_the_command_takes_other_rules_and_another_period_and_keeps_the_rules(tmp_path, capsys):
    two_weeks(tmp_path)  # writes the workbooks the command reads
    rules, profile = tmp_path / "thi_dua.yaml", tmp_path / "profile.yaml"
    rules.write_text("reward: {top: 1, min_score: 0.5}\ncriticism: {bottom: 0}\n", encoding="utf-8")
    books = [str(p) for p in sorted(tmp_path.glob("bao cao thon *.xlsx"))]
    common = ["report", "--quota", str(tmp_path / "giao_chi_tieu.xlsx"), "--results", *books, "--start", "2025-06-01",
              "--end", "2025-06-14", "--as-of", "2025-06-14", "--profile", str(profile)]
    assert main([*common, "--emulation", str(rules), "--compare-days", "3", "--out", str(tmp_path / "a.xlsx")]) == 0
    assert main([*common, "--out", str(tmp_path / "b.xlsx")]) == 0  # the rules kept in the profile
    for name in ("a.xlsx", "b.xlsx"):
        book = openpyxl.load_workbook(tmp_path / name)
        assert [(r["Đơn vị"], r["Đề xuất"]) for r in table(book[EMULATION_SHEET])] == [
            ("Thôn Đông", "khen thưởng"), ("Thôn Tây", None)]
    comparison = openpyxl.load_workbook(tmp_path / "a.xlsx")[COMPARISON_SHEET]
    assert comparison["A1"].value == "So sánh kỳ: 3 ngày đến 14/06/2025 so với 3 ngày trước đó"
    assert "Tăng 12/06–14/06" in [c.value for c in comparison[HEADER_ROW]]
