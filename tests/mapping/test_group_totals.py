"""A group's total and its parts under a merged header ("Thường trú chưa cấp CCCD" over "Tổng | Không
ngày tháng sinh | Có ngày tháng sinh"): the total counts, its parts never add to it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from chitieu.mapping.records import read_records
from chitieu.summary.files import summarise_files
from test_gallery import make_samples, write_xlsx

GROUPS = ("Thường trú chưa cấp CCCD", "Tạm trú chưa Cấp CCCD", "Tạm trú ngoài địa bàn")
SUBS = ["Tổng", "Không ngày tháng sinh", "Có ngày tháng sinh"]


def annex(rows: list[list[object]], subs: list[str] = SUBS) -> tuple[list[list[object]], list[str]]:
    """Mỹ Phú Đông's annex I shape: a title, a two-row header, the figures."""
    head = [["Chỉ tiêu mời thu nhận hồ sơ CCCD trên địa bàn xã Mỹ Phú Đông"],
            ["Stt", "Đơn vị", GROUPS[0], None, None, GROUPS[1], None, None, GROUPS[2], None, None],
            [None, None, *subs, *subs, *subs]]
    merges = ["A2:A3", "B2:B3", "C2:E2", "F2:H2", "I2:K2"]
    return head + rows, merges


def test_the_cccd_quota_is_the_sum_of_the_group_totals(tmp_path: Path) -> None:
    path = tmp_path / "phu_luc_ke_hoach_46.xlsx"
    make_samples.my_phu_dong(path)
    summary = summarise_files([path], start=date(2023, 6, 8), end=date(2023, 7, 8))
    cccd = summary.table[(summary.table["unit"] == "Mỹ Phú Đông") & (summary.table["indicator"] == "cccd")]
    assert list(cccd["quota"]) == [94 + 1 + 3]


def test_a_group_total_found_by_its_figures_when_not_named(tmp_path: Path) -> None:
    rows, merges = annex([[1, "Ấp Tân Phú", 40, 10, 30, 5, 2, 3, 7, 7, 0],
                          [2, "Ấp Tân Mỹ", 60, 20, 40, 0, 0, 0, 2, 1, 1]],
                         subs=["Cộng chung", "Không ngày tháng sinh", "Có ngày tháng sinh"])
    rows[2][2:5] = ["Số người", "Không ngày tháng sinh", "Có ngày tháng sinh"]  # the first group's total unnamed
    loaded = read_records([write_xlsx(tmp_path / "a.xlsx", {"S": rows}, {"S": merges})])
    quota = loaded.records[loaded.records["role"] == "quota"]
    assert quota.groupby("unit", sort=False)["value"].sum().to_dict() == {"Ấp Tân Phú": 52, "Ấp Tân Mỹ": 62}
    assert set(loaded.records.loc[loaded.records["role"] == "part", "column"]) == {"D", "E", "G", "H", "J", "K"}


def test_a_named_total_that_is_not_the_sum_of_its_parts_is_a_warning(tmp_path: Path) -> None:
    rows, merges = annex([[1, "Ấp Tân Phú", 40, 10, 25, 5, 2, 3, 7, 7, 0]])
    loaded = read_records([write_xlsx(tmp_path / "a.xlsx", {"S": rows}, {"S": merges})])
    quota = loaded.records[loaded.records["role"] == "quota"]
    assert quota["value"].sum() == 40 + 5 + 7  # the totals, as published
    [warning] = [f for f in loaded.findings if f.code == "group-total-mismatch"]
    assert (warning.row, warning.column) == (4, "C (Thường trú chưa cấp CCCD - Tổng)")
    assert "'Ấp Tân Phú'" in warning.message and "40" in warning.message and "35" in warning.message


def test_parts_of_other_indicators_under_one_group_are_not_a_total(tmp_path: Path) -> None:
    rows = [["STT", "Đơn vị", "Kết quả kích hoạt", None, None], [None, None, "Tổng", "Mức 1", "Mức 2"],
            [1, "Ấp 1", 30, 10, 20]]
    loaded = read_records([write_xlsx(tmp_path / "a.xlsx", {"S": rows}, {"S": ["A1:A2", "B1:B2", "C1:E1"]})],
                          "result")
    r = loaded.records
    assert list(zip(r["indicator"], r["role"], r["value"])) == [
        ("dddt", "result", 30), ("dddt_muc1", "result", 10), ("dddt_muc2", "result", 20)]
