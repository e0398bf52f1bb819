"""Two columns of one table read as the same figure (indicator and role) are not added up: one figure
written twice counts once, two different figures count neither, and the finding names both columns —
never a "duplicate-unit" warning about units that appear once."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.summary.files import summarise_files
from test_gallery import make_samples, write_xlsx

TITLE = ["KẾT QUẢ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ", "", "", ""]
AS_OF = ["Tính đến ngày 27/7/2023"]
UNITS = {"TP Sóc Trăng": (10160, 9870), "TX Vĩnh Châu": (5020, 4410)}


@pytest.fixture
def quota(tmp_path: Path) -> Path:
    path = tmp_path / "chi_tieu_dddt.xlsx"
    make_samples.soc_trang_quota(path)
    return path


def summary_of(tmp_path: Path, quota: Path, header: list[str], rows: list[list[object]], merges=None):
    path = write_xlsx(tmp_path / "ket_qua.xlsx", {"KQ": [TITLE, AS_OF, *header, *rows]}, merges)
    return summarise_files([quota], [path], days=33)


def test_two_different_result_columns_count_neither_and_a_warning_names_both(tmp_path: Path, quota: Path) -> None:
    header = [["STT", "Đơn vị", "Số TK định danh đã kích hoạt", "Kết quả kích hoạt ĐDĐT"]]
    rows = [[i, unit, *figures] for i, (unit, figures) in enumerate(UNITS.items(), 1)]
    summary = summary_of(tmp_path, quota, header, rows)
    codes = [f.code for f in summary.findings]
    assert "duplicate-unit" not in codes
    [found] = [f for f in summary.findings if f.code == "column-duplicate"]
    assert found.severity == "warning" and found.file == "ket_qua.xlsx"
    assert "C ('Số TK định danh đã kích hoạt')" in found.message and "D ('Kết quả kích hoạt ĐDĐT')" in found.message
    table = summary.table.set_index("unit")
    assert table.loc[list(UNITS), "result"].isna().all()  # not 20,030 for TP Sóc Trăng: nothing silently added


def test_one_figure_written_twice_counts_once(tmp_path: Path, quota: Path) -> None:
    header = [["STT", "Đơn vị", "Số TK định danh đã kích hoạt", "Kết quả kích hoạt ĐDĐT"]]
    rows = [[i, unit, figures[0], figures[0]] for i, (unit, figures) in enumerate(UNITS.items(), 1)]
    summary = summary_of(tmp_path, quota, header, rows)
    [found] = [f for f in summary.findings if f.code == "column-repeated"]
    assert found.severity == "info" and "C (" in found.message and "D (" in found.message
    table = summary.table.set_index("unit")
    assert table.loc[list(UNITS), "result"].tolist() == [figures[0] for figures in UNITS.values()]
    assert "duplicate-unit" not in [f.code for f in summary.findings]


def test_results_of_two_groups_add_up_without_a_duplicate_unit_warning(tmp_path: Path, quota: Path) -> None:
    header = [["STT", "Đơn vị", "Thường trú", "Tạm trú"],
              [None, None, "Số TK định danh đã kích hoạt", "Số TK định danh đã kích hoạt"]]
    rows = [[i, unit, *figures] for i, (unit, figures) in enumerate(UNITS.items(), 1)]
    summary = summary_of(tmp_path, quota, header, rows, {"KQ": ["A3:A4", "B3:B4"]})
    table = summary.table.set_index("unit")
    assert table.loc[list(UNITS), "result"].tolist() == [sum(figures) for figures in UNITS.values()]
    codes = [f.code for f in summary.findings]
    assert "duplicate-unit" not in codes and "column-duplicate" not in codes


def test_a_unit_on_two_rows_is_still_a_duplicate_unit(tmp_path: Path, quota: Path) -> None:
    header = [["STT", "Đơn vị", "Số TK định danh đã kích hoạt"]]
    rows = [[1, "TP Sóc Trăng", 100], [2, "Thành phố Sóc Trăng", 50], [3, "TX Vĩnh Châu", 70]]
    summary = summary_of(tmp_path, quota, header, rows)
    assert [f.code for f in summary.findings].count("duplicate-unit") == 1
