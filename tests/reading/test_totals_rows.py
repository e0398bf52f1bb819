"""Totals rows are recognised wherever and however they are written — top or bottom, merged or not,
numbered or not, named with a totals word, after the parent unit, or by their figures — checked against
the rows, and never read as one more unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.mapping.records import read_records
from chitieu.summary.files import summarise_files
from test_gallery import make_samples, write_xlsx

HEADER = ["TT", "Đơn vị", "Chỉ tiêu thu nhận và kích hoạt (Mức 1+Mức 2)", "Chỉ tiêu trong ngày", "Ghi chú"]
DISTRICTS = [[i, unit, quota, daily, None] for i, (unit, quota, daily) in enumerate(make_samples.SOC_TRANG, 1)]
PROVINCE = ["Tỉnh Sóc Trăng", 576903, 17482]


def soc_trang_rows(total: list[object], at_top: bool = False) -> list[list[object]]:
    rows = [["PHỤ LỤC"], ["(Kèm theo Kế hoạch số 142/KH-UBND ngày 14/7/2023)"], HEADER]
    body = DISTRICTS + [total] if not at_top else [total] + DISTRICTS
    return rows + body + [[], ["* Lưu ý: chỉ tính tài khoản kích hoạt thành công."]]


def test_province_row_unmerged_and_unnumbered_at_the_bottom_is_its_total(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "chi_tieu.xlsx", {"Phụ lục": soc_trang_rows([None, *PROVINCE, None])})
    summary = summarise_files([path], days=33, start=make_samples.SOC_TRANG_START,
                              end=make_samples.SOC_TRANG_START.replace(month=8))
    table = summary.table
    province = table[table["unit"] == "Tỉnh Sóc Trăng"].iloc[0]
    assert province["quota"] == 576903 and province["level"] == 0
    assert list(table.loc[table["level"] == 1, "unit"]) == [unit for unit, _, _ in make_samples.SOC_TRANG]
    codes = [f.code for f in summary.findings]
    assert "column-unmapped" not in codes
    # "Chỉ tiêu trong ngày" names no indicator: it takes the table's one indicator, as a daily quota.
    daily = dict(zip(table["unit"], table["daily_quota"]))
    assert daily["TP Sóc Trăng"] == 1539 and daily["Tỉnh Sóc Trăng"] == 17480
    [rounding] = [f for f in summary.findings if f.code.startswith("total-")]
    assert (rounding.code, rounding.row, rounding.column[0]) == ("total-rounding", 15, "D")


@pytest.mark.parametrize("total, at_top", [
    ([None, *PROVINCE, None], True),  # the parent first, as some annexes print it
    ([12, *PROVINCE, None], False),  # numbered like the rows
    ([None, "TỔNG CỘNG TOÀN TỈNH", 576903, 17482, None], False),  # a totals word starting a longer label
    ([None, "Cộng:", 576903, 17482, None], True),
    ([None, "Toàn tỉnh", 576903, 17482, None], False),
    ([None, "Sóc Trăng", 576903, 17480, None], False),  # no prefix, no totals word: its figures are the sum
])
def test_a_totals_row_is_never_a_unit(tmp_path: Path, total: list[object], at_top: bool) -> None:
    loaded = read_records([write_xlsx(tmp_path / "chi_tieu.xlsx", {"Phụ lục": soc_trang_rows(total, at_top)})])
    quota = loaded.records[loaded.records["role"] == "quota"]
    assert list(quota["unit"]) == [unit for unit, _, _ in make_samples.SOC_TRANG]
    assert quota["value"].sum() == 576903
    assert [f.code for f in loaded.findings if f.severity != "info"] in (["total-rounding"], [])


def test_a_totals_row_named_after_the_parent_that_does_not_add_up_is_an_error(tmp_path: Path) -> None:
    loaded = read_records([write_xlsx(tmp_path / "chi_tieu.xlsx", {
        "Phụ lục": soc_trang_rows([None, "Tỉnh Sóc Trăng", 600000, 17480, None])})])
    assert "Tỉnh Sóc Trăng" not in set(loaded.records["unit"])
    [mismatch] = [f for f in loaded.findings if f.code == "total-mismatch"]
    assert (mismatch.row, mismatch.column) == (15, "C (Chỉ tiêu thu nhận và kích hoạt (Mức 1+Mức 2))")
    assert "600.000" in mismatch.message and "576.903" in mismatch.message


def test_a_district_row_over_its_communes_at_the_bottom(tmp_path: Path) -> None:
    rows = [["STT", "Xã", "Chỉ tiêu định danh điện tử"], [1, "Xã An Mỹ", 100], [2, "Thị trấn Kế Sách", 200],
            [3, "Xã Kế An", 50], [None, "Huyện Kế Sách", 350]]
    loaded = read_records([write_xlsx(tmp_path / "a.xlsx", {"S": rows})])
    assert list(loaded.records["unit"]) == ["Xã An Mỹ", "Thị trấn Kế Sách", "Xã Kế An"]
    assert set(loaded.records["parent"]) == {"Huyện Kế Sách"}
    assert loaded.findings == []


def test_a_numbered_row_that_happens_to_be_the_sum_stays_a_unit(tmp_path: Path) -> None:
    rows = [["STT", "Đơn vị", "Chỉ tiêu định danh điện tử"], [1, "Ấp 1", 10], [2, "Ấp 2", 20], [3, "Ấp 3", 30]]
    loaded = read_records([write_xlsx(tmp_path / "a.xlsx", {"S": rows})])
    assert list(loaded.records["unit"]) == ["Ấp 1", "Ấp 2", "Ấp 3"]
