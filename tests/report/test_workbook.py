"""The officer builds the report from the sample workbooks, opens it, and checks what a leader will see."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from chitieu import build_report, summarise_files, write_report
from chitieu.cli import main
from chitieu.findings import finding
from chitieu.report.build import (
    CHANGE_COLUMN,
    FINDINGS_SHEET,
    HISTORY_SHEET,
    PLAN_LABEL,
    SOURCES_SHEET,
    SUMMARY_SHEET,
    SUMMARY_TAB_COLUMNS,
    TOTAL_LABEL,
)
from chitieu.report.meeting import COMPARISON_SHEET, EMULATION_SHEET, REPORTING_SHEET
from chitieu.report.xlsx import HEADING_ROWS, TITLE_ROWS
from chitieu.summary.selection import filtered_table
from chitieu.summary.status import Status

from .sheets import FIRST_BODY_ROW, body_units, tab_rows

ROOT = Path(__file__).resolve().parents[2]
MINH_THANG = ROOT / "inputs" / "minh_thang"
SOC_TRANG = ROOT / "inputs" / "soc_trang"
NOW = datetime(2024, 6, 1, 8, 30)


@pytest.fixture(scope="module")
def minh_thang():
    return summarise_files([MINH_THANG / "chi_tieu_4_phu.xlsx"], sorted(MINH_THANG.glob("KQ*.xlsx")))


@pytest.fixture(scope="module")
def soc_trang():
    return summarise_files([SOC_TRANG / "chi_tieu_dddt.xlsx"], sorted(SOC_TRANG.glob("ket_qua_*.xlsx")), days=33)


@pytest.fixture(scope="module")
def book_path(minh_thang, tmp_path_factory):
    return write_report(minh_thang, tmp_path_factory.mktemp("mt") / "bao_cao.xlsx",
                        unit_name="Công an xã Minh Thắng", place="Minh Thắng", now=NOW)


@pytest.fixture(scope="module")
def book(book_path):
    return openpyxl.load_workbook(book_path)


@pytest.fixture(scope="module")
def book_values(book_path):
    return openpyxl.load_workbook(book_path, data_only=True)  # the values cached with the formulas


def test_the_report_has_the_summary_one_sheet_per_indicator_history_checks_and_sources(book, minh_thang):
    indicators = minh_thang.table["indicator"].nunique()
    assert book.sheetnames[0] == SUMMARY_SHEET
    assert book.sheetnames[-3:] == [HISTORY_SHEET, FINDINGS_SHEET, SOURCES_SHEET]
    assert len(book.sheetnames) == 7 + indicators  # with "Tình hình báo cáo", "Xếp hạng thi đua", "So sánh kỳ"
    assert book.sheetnames[1].startswith("1. Cấp CCCD")


def test_the_official_frame_heads_the_summary(book, minh_thang):
    ws = book[SUMMARY_SHEET]
    assert ws["A2"].value == "CÔNG AN XÃ MINH THẮNG"
    assert ws["I1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert ws["I2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert ws["I3"].value == "Minh Thắng, ngày 31 tháng 5 năm 2024"
    assert ws["A5"].value == "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU ĐỀ ÁN 06"
    assert ws["A6"].value == "Số liệu tính đến ngày 31/05/2024"
    assert "từ ngày 04/04/2024 đến ngày 03/07/2024" in ws["A7"].value
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:D1", "A2:D2", "A3:D3", "I1:N1", "I2:N2", "I3:N3", "A5:N5", "A6:N6", "A7:N7", "D8:F8", "G8:I8", "J8:L8"} <= merged
    assert (ws["D8"].value, ws["G8"].value, ws["J8"].value) == (
        "Kết quả thực hiện", "Tiến độ đến nay", "Phần còn lại của đợt")
    assert (ws["D9"].value, ws["E9"].value) == ("Kết quả", "Tăng từ 15/05")  # the previous report's date
    assert ws["A5"].font.name == "Times New Roman" and ws["A5"].font.b


def test_the_signature_block_and_comment_sit_under_the_table(book, minh_thang):
    ws = book[SUMMARY_SHEET]
    under = FIRST_BODY_ROW + len(minh_thang.table) + minh_thang.table["indicator"].nunique()
    texts = [c.value for row in ws.iter_rows(min_row=under) for c in row if c.value]
    assert "NGƯỜI LẬP BIỂU" in texts and "Nơi nhận:" in texts and "(Ký tên, đóng dấu)" in texts
    assert "Nhận xét:" in texts and "Chú giải:" in texts
    comment = next(t for t in texts if str(t).startswith("Trong "))
    leaves = minh_thang.table[minh_thang.table["level"] == 1]
    assert f"{(leaves['status'] == Status.EXCEEDED).sum()} vượt chỉ tiêu" in comment
    assert "Cao nhất:" in comment and "Thấp nhất:" in comment and "mỗi ngày" in comment


def test_every_table_cell_matches_the_summary_with_its_number_format(book, book_values, minh_thang):
    ws, values = book[SUMMARY_SHEET], book_values[SUMMARY_SHEET]
    assert [c.value for c in ws[HEADING_ROWS + 1]] == [
        "Tăng từ 15/05" if c is CHANGE_COLUMN else c.heading for c in SUMMARY_TAB_COLUMNS]
    rows = tab_rows(ws, values)
    assert [(r["indicator"], r["label"]) for r in rows] == list(zip(minh_thang.table["indicator_label"],
                                                                   minh_thang.table["label"]))
    formats = {"count": "#,##0", "rate": "0.0%", "status": "General"}
    for row, expected in zip(rows, minh_thang.table.to_dict("records")):
        for column in (c for c in SUMMARY_TAB_COLUMNS[2:] if c is not CHANGE_COLUMN):  # not the summary's (test_change)
            cell, value = row["cells"][column.key], row[column.key]
            wanted = expected[column.key]
            if column.key == "rank" and expected["level"] == 0:
                assert value is None  # a total is not ranked
            elif column.key == "daily_quota" and wanted == 0 and expected["quota"] > 0:
                assert value == pytest.approx(expected["quota"] / minh_thang.campaign.days_total)
            elif pd.isna(wanted):  # not reported
                assert value in (None, "")
            elif column.kind == "status":
                assert value == wanted
            else:
                assert value == pytest.approx(float(wanted))
            if column.kind == "number":  # as many decimals as a figure needs not to show as 0
                decimals = len(cell.number_format.partition(".")[2])
                assert value in (None, "") or value == 0 or round(value, decimals) != 0
            else:
                assert cell.number_format == formats[column.kind]
            assert cell.border.left.style == "thin"


def test_each_indicator_heads_its_units_numbered_in_tree_order_totals_bold(book, minh_thang):
    ws = book[SUMMARY_SHEET]
    labels = list(dict.fromkeys(minh_thang.table["indicator_label"]))
    groups = [r for r in ws.iter_rows(min_row=FIRST_BODY_ROW) if r[0].value and str(r[0].value)[0] in "IVX"]
    assert [g[0].value for g in groups] == [f"{n}. {label}" for n, label in zip(["I", "II", "III", "IV", "V"], labels)]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert all(f"A{g[0].row}:N{g[0].row}" in merged and g[0].font.b for g in groups)
    first = groups[0][0].row + 1
    hamlets = minh_thang.table[minh_thang.table["indicator_label"] == labels[0]]
    for offset, expected in enumerate(hamlets.itertuples()):
        row = first + offset
        assert ws.cell(row, 2).value == expected.label
        assert ws.cell(row, 1).value == (None if expected.level == 0 else offset)  # STT: the units, not totals
        assert ws.cell(row, 2).font.b == (expected.level == 0)
        assert ws.row_dimensions[row].outline_level == expected.level
        assert ws.cell(row, 2).alignment.indent == expected.level


def test_status_colours_follow_the_status_cells(book):
    ws = book[SUMMARY_SHEET]
    rules = {rule.formula[0]: rule.dxf.fill.bgColor.rgb[-6:] for area in ws.conditional_formatting for rule in area.rules}
    assert rules == {f'"{s.value}"': s.colour.lstrip("#") for s in Status}
    assert all(str(area.sqref).startswith("M") for area in ws.conditional_formatting)
    legend = [c.value for c in ws["B"] if c.value in (Status.EXCEEDED, Status.ON_PACE, Status.BEHIND, Status.NOT_REPORTED)]
    assert set(legend) == {Status.EXCEEDED, Status.ON_PACE, Status.BEHIND, Status.NOT_REPORTED}


def test_every_sheet_prints_on_a4_landscape_one_page_wide_with_repeated_header(book):
    for ws in book.worksheets:
        assert ws.page_setup.paperSize == 9
        assert ws.page_setup.orientation == "landscape"
        if ws.title == SUMMARY_SHEET or ws._charts:  # scaled, so that its page breaks count (see test_layout)
            assert not ws.sheet_properties.pageSetUpPr.fitToPage and 10 <= int(ws.page_setup.scale) < 100
            continue
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0  # 1 is OOXML's default
        assert ws.oddHeader.center.text == "&P" and ws.HeaderFooter.differentFirst  # none on page 1
        assert not ws.oddFooter.center.text
    summary = book[SUMMARY_SHEET]
    assert summary.print_title_rows == f"${HEADING_ROWS}:${HEADING_ROWS + 1}"
    assert summary.freeze_panes == f"C{HEADING_ROWS + 2}"
    assert summary.auto_filter.ref.startswith(f"A{HEADING_ROWS + 1}:N")


def test_each_indicator_sheet_ranks_units_with_a_percent_chart_and_a_line_of_what_is_due(book, minh_thang):
    ws = book.worksheets[1]
    first = minh_thang.table[minh_thang.table["level"] == 1].groupby("indicator", sort=False).get_group(
        minh_thang.table["indicator"].iloc[0])
    head, end = TITLE_ROWS + 1, TITLE_ROWS + 1 + len(first)  # 1-based rows: the header, the last unit
    ranked = list(ws.iter_rows(min_row=head + 1, max_row=end))
    percents = [r[4].value for r in ranked]
    assert percents == sorted(percents, reverse=True) and ranked[0][0].value == 1
    (chart,) = ws._charts
    refs = [s.val.numRef.f for s in chart.series] + [s.val.numRef.f for c in chart._charts[1:] for s in c.series]
    assert f"'{ws.title}'!$E${head + 1}:$E${end}" in refs and f"'{ws.title}'!$F${head + 1}:$F${end}" in refs
    # the line is what is due by now, the summary's "Cần đạt đến nay" over the quota, not 100 %
    due = dict(zip(first["unit"], first["expected_to_date"] / first["quota"]))
    assert all(r[5].value == pytest.approx(due[r[1].value]) for r in ranked)
    assert ws[f"F{head}"].value == "Cần đạt đến nay (%)"


def test_each_indicator_sheet_is_headed_by_its_label_the_as_of_date_and_the_period(book, minh_thang):
    labels = list(dict.fromkeys(minh_thang.table["indicator_label"]))
    as_of, period = book[SUMMARY_SHEET]["A6"].value, book[SUMMARY_SHEET]["A7"].value
    for ws, label in zip(book.worksheets[1:1 + len(labels)], labels):
        assert [ws.cell(row, 1).value for row in (1, 2, 3)] == [label, "Số liệu tính đến ngày 31/05/2024", period]
        assert as_of == ws["A2"].value and "04/04/2024" in period
        assert ws["A1"].font.b and f"A1:{chr(64 + ws.max_column)}1" in {str(r) for r in ws.merged_cells.ranges}
        # the table still starts with its header row, which the filter covers (and long tables repeat)
        assert [c.value for c in ws[TITLE_ROWS + 1]][:2] == ["Hạng", "Đơn vị"]
        assert ws.print_title_rows in (None, f"${TITLE_ROWS}:${TITLE_ROWS + 1}")
        assert ws.auto_filter.ref.startswith(f"A{TITLE_ROWS + 1}:") and ws.freeze_panes == f"C{TITLE_ROWS + 2}"


def test_history_sheet_shows_cumulative_results_beside_the_plan_with_a_chart_each(book, minh_thang):
    ws = book[HISTORY_SHEET]
    dates = sorted(set(minh_thang.history["as_of"]))
    assert [c.value for c in ws[1]][2:] == [f"{d:%d/%m/%Y}" for d in dates]
    assert ws["B2"].value == "Kế hoạch (lũy kế)" and ws["B3"].value == "Tổng các đơn vị"
    last = minh_thang.history[minh_thang.history["as_of"] == dates[-1]]
    first_indicator = minh_thang.table["indicator"].iloc[0]
    assert ws.cell(3, 2 + len(dates)).value == last.loc[last["indicator"] == first_indicator, "result"].sum()
    assert len(ws._charts) == minh_thang.table["indicator"].nunique()
    series = ws._charts[0].series
    assert [s.val.numRef.f for s in series] == [f"'{HISTORY_SHEET}'!$C$2:$E$2", f"'{HISTORY_SHEET}'!$C$3:$E$3"]


def test_sources_list_each_file_with_its_sha256_and_the_report_time(book, minh_thang):
    ws = book[SOURCES_SHEET]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(minh_thang.sources)
    by_file = {r[0]: r for r in rows}
    quota = by_file["chi_tieu_4_phu.xlsx"]
    assert quota[3] == hashlib.sha256((MINH_THANG / "chi_tieu_4_phu.xlsx").read_bytes()).hexdigest()
    assert quota[1] == "Chỉ tiêu" and quota[6] == "01/06/2024 08:30"
    assert by_file["KQ 31.5.2024.xlsx"][5] == "31/05/2024"


def test_a_clean_input_says_no_problem_was_found(soc_trang, tmp_path):
    clean = dataclasses.replace(soc_trang, findings=[])
    assert openpyxl.load_workbook(write_report(clean, tmp_path / "r.xlsx"))[FINDINGS_SHEET]["C2"].value == (
        "Không phát hiện vấn đề nào.")


def test_a_blank_result_in_the_newest_report_is_said_not_silently_filled(book, book_values):
    # Ấp Bàu Sen wrote "-" for smartphones on 31/05: its 15/05 figure stands in, and the report says so
    said = [row for row in book[FINDINGS_SHEET].iter_rows(min_row=2, values_only=True) if row[1] == "result-stale"]
    assert len(said) == 1 and said[0][0] == "Cảnh báo" and said[0][3] == "KQ 31.5.2024.xlsx"
    assert "'Ấp Bàu Sen' (Trang bị điện thoại thông minh 4G)" in said[0][2] and "15/05/2024 (3)" in said[0][2]


def test_errors_and_warnings_come_first_and_infos_are_grouped_by_code_with_their_units(soc_trang, tmp_path):
    infos = [finding("result-without-quota", file=f"kq_{i % 2}.xlsx", sheet="S", row=i + 4, unit=f"Ấp {i}",
                     indicator="Cấp CCCD") for i in range(1, 8)]
    warning = finding("unit-unmatched", file="kq.xlsx", sheet="S1", row=9, column="B", unit="Ap 9", suggestion="")
    summary = dataclasses.replace(soc_trang, findings=[*infos, warning])
    ws = openpyxl.load_workbook(write_report(summary, tmp_path / "r.xlsx"))[FINDINGS_SHEET]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("Cảnh báo", "unit-unmatched", warning.message, "kq.xlsx", "S1", "9", "B")
    assert len(rows) == 2 and rows[1][:2] == ("Thông tin", "result-without-quota")
    assert rows[1][2].startswith("7 lượt (Ấp 1, Ấp 2, Ấp 3, Ấp 4, Ấp 5, Ấp 6, Ấp 7)")
    assert rows[1][3] == "kq_1.xlsx; kq_0.xlsx" and rows[1][5] == "5; 6; 7; 8; 9; 10; 11"
    message = ws.cell(2, 3)
    assert message.alignment.wrap_text and ws.column_dimensions["C"].width < 75  # wrapped within the page
    assert ws.row_dimensions[3].height > ws.row_dimensions[2].height  # the long line gets its lines


def test_a_one_indicator_comment_names_the_best_and_worst_units_plainly(soc_trang, tmp_path):
    ws = openpyxl.load_workbook(write_report(soc_trang, tmp_path / "r.xlsx"))[SUMMARY_SHEET]
    comment = next(c.value for row in ws.iter_rows() for c in row if str(c.value).startswith("Trong "))
    assert "Cao nhất: Long Phú (36,4%); TP Sóc Trăng (34,8%); Thạnh Trị (33,3%)." in comment
    assert "Thấp nhất: Mỹ Xuyên (18,2%)" in comment


def test_findings_are_listed_with_their_location(soc_trang, tmp_path):
    found = finding("result-decreased", file="ket_qua.xlsx", sheet="Sheet1", row=12, column="D", unit="Ấp 1",
                    indicator="dddt", before="45", before_date="15/05/2024", after="30", after_date="31/05/2024")
    summary = dataclasses.replace(soc_trang, findings=[*soc_trang.findings, found])
    ws = openpyxl.load_workbook(write_report(summary, tmp_path / "r.xlsx"))[FINDINGS_SHEET]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert ("Cảnh báo", "result-decreased", found.message, "ket_qua.xlsx", "Sheet1", "12", "D") in rows
    assert "giảm từ 45 (15/05/2024) xuống 30 (31/05/2024)" in found.message


def test_formula_like_unit_names_stay_text(soc_trang, tmp_path):
    table = soc_trang.table.copy()
    names = {table["unit"].iloc[1]: "=1+1", table["unit"].iloc[2]: "+84912345678"}
    table["unit"], table["label"] = table["unit"].replace(names), table["label"].replace(names)
    summary = dataclasses.replace(soc_trang, table=table)
    ws = openpyxl.load_workbook(write_report(summary, tmp_path / "r.xlsx"))[SUMMARY_SHEET]
    cells = {c.value: c.data_type for c in ws["B"] if c.value in ("=1+1", "+84912345678")}
    assert cells == {"=1+1": "s", "+84912345678": "s"}


def test_an_existing_report_is_never_overwritten_and_no_temp_file_is_left(soc_trang, tmp_path):
    first = write_report(soc_trang, tmp_path / "bao_cao.xlsx", now=NOW)
    second = write_report(soc_trang, tmp_path / "bao_cao.xlsx", now=NOW)
    third = write_report(soc_trang, tmp_path / "bao_cao.xlsx", now=NOW)
    assert first == tmp_path / "bao_cao.xlsx"
    assert second.name == "bao_cao_20240601_083000.xlsx" and third != second
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (first, second, third))


def test_units_and_indicators_narrow_the_report(soc_trang, tmp_path):
    code = soc_trang.table["indicator"].iloc[0]
    unit = soc_trang.table["unit"].iloc[1]
    book = openpyxl.load_workbook(write_report(soc_trang, tmp_path / "r.xlsx", units=[unit], indicators=[code]))
    ws = book[SUMMARY_SHEET]
    assert [(r["label"], r["indicator"]) for r in tab_rows(ws)] == [(unit, soc_trang.table["indicator_label"].iloc[0])]
    assert len(book.sheetnames) == 8


def test_the_report_holds_only_the_rows_the_filters_keep(minh_thang):
    # the hamlets behind, indicator by indicator: the app shows these rows, the report must hold the same
    kept = filtered_table(minh_thang.table, levels=[1], statuses=[Status.BEHIND])
    chosen = list(zip(kept["unit"], kept["indicator_label"]))
    assert 0 < len(chosen) < len(minh_thang.table[minh_thang.table["level"] == 1])
    report = build_report(minh_thang, levels=[1], statuses=[Status.BEHIND], now=NOW)
    tabs = {tab.name: tab.table for tab in report.sheets}
    assert body_units(tabs.pop(SUMMARY_SHEET)) == chosen
    history = tabs.pop(HISTORY_SHEET)
    assert {row[:2] for row in history.rows if row[1] not in (PLAN_LABEL, TOTAL_LABEL)} == {
        (label, unit) for unit, label in chosen}
    assert {row[1] for row in tabs.pop(EMULATION_SHEET).rows} == set(kept["unit"])  # the units kept, only
    assert {row[0] for row in tabs.pop(COMPARISON_SHEET).rows} == set(kept["unit"])
    tabs.pop(REPORTING_SHEET)
    rankings = [table for name, table in tabs.items() if name not in (FINDINGS_SHEET, SOURCES_SHEET)]
    assert [sorted(row[1] for row in table.rows) for table in rankings] == [
        sorted(part["unit"]) for _, part in kept.groupby("indicator", sort=False)]
    assert report.comment.startswith(f"Trong {len(chosen)} lượt đơn vị × chỉ tiêu: 0 vượt chỉ tiêu, 0 đạt tiến độ")


def test_a_unit_chosen_brings_the_units_below_it(minh_thang):
    report = build_report(minh_thang, units=["Xã Minh Thắng"], indicators=["Trang bị điện thoại thông minh 4G"])
    summary_tab = next(tab.table for tab in report.sheets if tab.name == SUMMARY_SHEET)
    assert [unit for unit, _ in body_units(summary_tab)] == ["Xã Minh Thắng", *(f"Ấp {i}" for i in range(1, 6)),
                                                     "Ấp Đồng Tân", "Ấp Bàu Sen"]


def test_cli_writes_the_report_and_prints_its_path(tmp_path, capsys):
    out = tmp_path / "bao_cao.xlsx"
    args = ["report", "--quota", str(SOC_TRANG / "chi_tieu_dddt.xlsx"), "--results",
            *map(str, sorted(SOC_TRANG.glob("ket_qua_*.xlsx"))), "--days", "33",
            "--unit-name", "Công an tỉnh Sóc Trăng", "--place", "Sóc Trăng", "--out", str(out)]
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == str(out)
    ws = openpyxl.load_workbook(out)[SUMMARY_SHEET]
    assert ws["I3"].value == "Sóc Trăng, ngày 27 tháng 7 năm 2023" and ws["A2"].value == "CÔNG AN TỈNH SÓC TRĂNG"
    assert main(args) == 0
    assert capsys.readouterr().out.strip() != str(out)


def test_cli_report_without_out_is_a_usage_error_and_a_missing_file_fails(tmp_path):
    with pytest.raises(SystemExit) as usage:
        main(["report", "--quota", str(SOC_TRANG / "chi_tieu_dddt.xlsx")])
    assert usage.value.code == 2
    assert main(["report", "--quota", str(tmp_path / "khong_co.xlsx"), "--out", str(tmp_path / "r.xlsx")]) == 1
    assert not (tmp_path / "r.xlsx").exists()


def test_a_crash_while_writing_leaves_neither_half_a_report_nor_a_temp_file(soc_trang, tmp_path, monkeypatch):
    import chitieu.report.xlsx

    def broken(*args, **kwargs):
        raise RuntimeError("mất điện")

    monkeypatch.setattr(chitieu.report.xlsx, "write_notes", broken)
    with pytest.raises(RuntimeError):
        write_report(soc_trang, tmp_path / "bao_cao.xlsx")
    assert list(tmp_path.iterdir()) == []
