"""However a quota workbook and its results are written — in any of the shapes the seeds describe, composed
at random (tests/layout_pairs.py) — every figure of the summary is the true one, or a warning or an error
names the unit or the column; a disagreement in the workbooks is always said.

CHITIEU_PROPERTY_EXAMPLES sets how many pairs are tried (60 by default); benchmarks/bench_layouts.py tries
thousands.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings

from chitieu.summary.files import summarise_files
from chitieu.summary.table import Summary
from layout_pairs import Pair, pairs, summarise_pair, wrong_figures
from layouts import AS_OF, DAYS, END, START, Figures, SheetSpec, write_sheet

EXAMPLES = int(os.environ.get("CHITIEU_PROPERTY_EXAMPLES", "60"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_every_figure_is_true_or_a_warning_names_its_unit_or_column(pair: Pair) -> None:
    with tempfile.TemporaryDirectory() as folder:
        summary, _, _ = summarise_pair(pair, Path(folder))
    assert not wrong_figures(pair, summary)


# Each failing example the generator found, kept as the officer would meet it.

def summary_of(tmp_path: Path, quota: SheetSpec, results: SheetSpec | None = None) -> Summary:
    files = [write_sheet(tmp_path / "chi_tieu.xlsx", quota)]
    given = [write_sheet(tmp_path / "ket_qua_2023-07-27.xlsx", results)] if results else []
    summary = summarise_files(files, given, start=START, end=END, as_of=AS_OF, days=DAYS)
    return summary


def figures(summary: Summary, column: str, indicator: str = "dddt") -> dict[str, float]:
    table = summary.table[(summary.table["indicator"] == indicator) & (summary.table["level"] > 0)]
    return dict(zip(table["unit"], table[column]))


def test_a_quota_repeated_beside_the_results_is_not_counted_twice(tmp_path: Path) -> None:
    quota = SheetSpec([], ["Ấp 1", "Ấp 3"], [Figures("Chỉ tiêu kích hoạt định danh điện tử", [165, 16036])])
    results = SheetSpec(["KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06"], ["Ấp 3", "Ấp 1"],
                        [Figures("Chỉ tiêu kích hoạt định danh điện tử", [16036, 165]),
                         Figures("Đã kích hoạt định danh điện tử", [9000, 100])])
    summary = summary_of(tmp_path, quota, results)
    assert figures(summary, "quota") == {"Ấp 1": 165, "Ấp 3": 16036}  # not 330 and 32,072
    assert figures(summary, "result") == {"Ấp 1": 100, "Ấp 3": 9000}


def test_a_total_under_a_group_takes_the_family_of_its_siblings_in_a_table_of_several(tmp_path: Path) -> None:
    group = "Kết quả kích hoạt"
    annex = SheetSpec([], ["Long Bình", "Tân Long"], [
        Figures("Chỉ tiêu", [162, 500], "Định danh điện tử"), Figures("Chỉ tiêu SIM chính chủ", [40, 50]),
        Figures("TK mức 1", [0, 200], group), Figures("TK mức 2", [33, 100], group),
        Figures("Tổng số", [32, 300], group)])
    summary = summary_of(tmp_path, annex)
    assert figures(summary, "result") == {"Long Bình": 32, "Tân Long": 300}  # the total, not 0 + 33
    [warning] = [f for f in summary.findings if f.code == "family-parts-mismatch"]
    assert "'Long Bình'" in warning.message and "33" in warning.message


def test_done_before_the_campaign_for_people_born_before_2009_is_not_a_result(tmp_path: Path) -> None:
    header = "Số đã cấp trước ngày 18/7/2023 (CCCD sinh trước năm 2009)"
    quota = SheetSpec([], ["Ấp 1", "Ấp 5"], [Figures("Chỉ tiêu CCCD sinh trước năm 2009", [17988, 94131])])
    results = SheetSpec([], ["Ấp 1", "Ấp 5"], [Figures(header, [5996, 31377]),
                                              Figures("Kết quả CCCD sinh trước năm 2009", [None, 18826])])
    summary = summary_of(tmp_path, quota, results)
    results = figures(summary, "result", "cccd_truoc_2009")
    assert pd.isna(results["Ấp 1"]) and results["Ấp 5"] == 18826  # not 5,996 and 50,203


def test_an_agency_named_quan_su_is_a_unit_not_a_district_over_the_hamlets(tmp_path: Path) -> None:
    quota = SheetSpec([], ["Áp Tân Mỹ", "Quân sự"], [Figures("Chỉ tiêu kích hoạt định danh điện tử", [11, 11])])
    assert figures(summary_of(tmp_path, quota), "quota") == {"Áp Tân Mỹ": 11, "Quân sự": 11}


def test_a_parent_total_with_a_percentage_beside_is_no_unit(tmp_path: Path) -> None:
    quota = SheetSpec([], ["Vĩnh Quới", "Long Bình"], [
        Figures("Chỉ tiêu kích hoạt định danh điện tử", [120, 80], total=200),
        Figures("Tỷ lệ (%)", [40.0, 60.0], total=48.0)],
        total={"label": "Thị xã Ngã Năm", "top": False, "merged": False, "numbered": False})
    summary = summary_of(tmp_path, quota)
    assert figures(summary, "quota") == {"Vĩnh Quới": 120, "Long Bình": 80}
    top = summary.table[summary.table["level"] == 0].iloc[0]
    assert (top["unit"], top["quota"]) == ("Thị xã Ngã Năm", 200)


def test_levels_named_with_the_family_words_are_the_levels_and_add_up(tmp_path: Path) -> None:
    units = ["Xã An Mỹ", "Thị trấn Kế Sách", "Xã Phong Nẫm"]
    quota = SheetSpec([], units, [Figures("Chỉ tiêu Định danh điện tử", [1, 1, 10])])
    results = SheetSpec(["KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06", "Tính đến ngày 27/7/2023"], units, [
        Figures("Tài khoản định danh điện tử mức 1", [None, 2, 0]),
        Figures("Tài khoản định danh điện tử mức độ 2", [None, 3, 1])])
    summary = summary_of(tmp_path, quota, results)
    results = figures(summary, "result")
    assert pd.isna(results["Xã An Mỹ"]) and results["Thị trấn Kế Sách"] == 5 and results["Xã Phong Nẫm"] == 1
    assert "column-duplicate" not in {f.code for f in summary.findings}


def test_a_percentage_above_100_beside_the_quota_is_no_second_quota(tmp_path: Path) -> None:
    annex = SheetSpec([], ["Mỹ Xuyên", "TX Ngã Năm"], [
        Figures("Phân bổ chỉ tiêu SIM chính chủ kèm chữ ký số", [161, 26]),
        Figures("Đạt (%) (SIM chính chủ kèm chữ ký số)", [139.8, 0.0], total=120.9),
        Figures("Đã thực hiện (Đăng ký sim chính chủ, tích hợp chữ ký số)", [225, 0])])
    summary = summary_of(tmp_path, annex)
    assert figures(summary, "quota", "sim") == {"Mỹ Xuyên": 161, "TX Ngã Năm": 26}  # not refused as duplicated
    assert figures(summary, "result", "sim") == {"Mỹ Xuyên": 225, "TX Ngã Năm": 0}
