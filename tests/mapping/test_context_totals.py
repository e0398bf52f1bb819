"""A totals row is checked in every column of counts, not only in the counted ones: a wrong total of
households, of people not done yet or of an eligible population is a warning naming the file, the
column and both figures (a rounding difference told apart, as in the counted columns)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.mapping.records import read_records
from test_gallery import write_xlsx

# Phụ lục III of the Mỹ Phú Đông plan: households per hamlet, created, not created, VNeID installed.
HAMLETS = [("Ấp Mỹ Phú", 182, 104, 78, 30), ("Ấp Mỹ Lợi", 155, 90, 65, 25), ("Ấp Mỹ Thạnh", 201, 120, 81, 33),
           ("Ấp Mỹ Hưng", 140, 80, 60, 20), ("Ấp Mỹ Đông", 170, 95, 75, 28)]
HEADER = ["STT", "Ấp", "Tổng số hộ", "Đã tạo (đại diện 01 người/hộ)", "Chưa tạo", "Đã cài đặt VNeID"]


def annex(path: Path, total: list[object], header: list[str] = HEADER) -> Path:
    rows = [["PHỤ LỤC III"], ["Chỉ tiêu cài đặt định danh điện tử mức độ 2 các ấp"], header]
    rows += [[i, *hamlet] for i, hamlet in enumerate(HAMLETS, 1)]
    return write_xlsx(path, {"Phụ lục III": rows + [[None, "Tổng cộng", *total]]})


def sums() -> list[int]:
    return [sum(hamlet[i] for hamlet in HAMLETS) for i in range(1, 5)]


def totals(path: Path) -> list:
    return [f for f in read_records([path]).findings if f.code.startswith("total-")]


def test_a_wrong_total_of_not_created_is_a_warning_naming_the_column_and_both_figures(tmp_path: Path) -> None:
    figures = sums()
    figures[2] += 100  # the annex prints 443 where its rows add up to 343: one hundred too many
    [found] = totals(annex(tmp_path / "phu_luc.xlsx", figures))
    assert (found.code, found.severity, found.file, found.row) == ("total-mismatch-context", "warning",
                                                                   "phu_luc.xlsx", 9)
    assert found.column == "E (Chưa tạo)"
    assert f"{figures[2]}" in found.message and f"{sums()[2]}" in found.message


def test_totals_that_add_up_in_every_column_say_nothing(tmp_path: Path) -> None:
    assert totals(annex(tmp_path / "phu_luc.xlsx", sums())) == []


@pytest.mark.parametrize("header, role", [("Dân số từ đủ 14 tuổi trở lên", "eligible"),
                                          ("Số TK đã kích hoạt trước đợt", "baseline"),
                                          ("Còn lại chưa kích hoạt", "not_done"), ("Số hộ gia đình", "households")])
def test_every_context_column_of_counts_is_checked(tmp_path: Path, header: str, role: str) -> None:
    path = annex(tmp_path / "phu_luc.xlsx", [*sums()[:3], sums()[3] + 7],
                 [*HEADER[:5], header])
    [found] = totals(path)
    records = read_records([path]).records
    assert set(records.loc[records["label"] == header, "role"]) == {role}
    assert (found.code, found.column) == ("total-mismatch-context", f"F ({header})")  # 7 is no rounding


def test_an_eligible_population_rounded_row_by_row_is_a_rounding_difference_not_an_error(tmp_path: Path) -> None:
    header = [*HEADER[:5], "Số người đủ điều kiện kích hoạt"]
    [found] = totals(annex(tmp_path / "phu_luc.xlsx", [*sums()[:3], sums()[3] + 2], header))
    assert (found.code, found.severity) == ("total-rounding", "warning")
