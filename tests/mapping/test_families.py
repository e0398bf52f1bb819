"""Level 1 and level 2 accounts against a quota for "mức 1 + mức 2": the family's result is the sum of
its parts when only they are given, said once; whole and parts given together must agree; a whole is
never added to its parts."""

from __future__ import annotations

from pathlib import Path

from chitieu.mapping.records import read_records
from chitieu.summary.files import summarise_files
from chitieu.summary.status import Status
from test_gallery import make_samples, write_xlsx

TITLE = [["KẾT QUẢ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ"], ["Tính đến ngày 27/7/2023"]]
LEVEL_1, LEVEL_2 = "Số TK mức 1 đã kích hoạt", "Số TK mức 2 đã kích hoạt"
UNITS = [unit for unit, _, _ in make_samples.SOC_TRANG]


def quota_book(tmp_path: Path) -> Path:
    path = tmp_path / "chi_tieu_dddt.xlsx"
    make_samples.soc_trang_quota(path)
    return path


def result_book(tmp_path: Path, header: list[str], rows: list[list[object]]) -> Path:
    return write_xlsx(tmp_path / "ket_qua_2023-07-27.xlsx", {"KQ": [*TITLE, ["STT", "Đơn vị", *header], *rows]})


def test_results_given_as_level_1_and_level_2_are_summed_for_the_quota(tmp_path: Path) -> None:
    rows = [[i, unit, 1000 + i, 300 + i] for i, unit in enumerate(UNITS, 1)]
    summary = summarise_files([quota_book(tmp_path)], [result_book(tmp_path, [LEVEL_1, LEVEL_2], rows)], days=33)
    leaves = summary.table[summary.table["level"] == 1]
    assert dict(zip(leaves["unit"], leaves["result"])) == {unit: 1300 + 2 * i for i, unit in enumerate(UNITS, 1)}
    assert Status.NOT_REPORTED not in set(leaves["status"])
    [said] = [f for f in summary.findings if f.code == "family-from-parts"]
    assert said.severity == "info" and said.file == "ket_qua_2023-07-27.xlsx" and "11 đơn vị" in said.message
    assert not [f for f in summary.findings if f.code == "result-without-quota"]


def test_whole_and_parts_that_disagree_are_a_warning_naming_the_unit_and_both_figures(tmp_path: Path) -> None:
    rows = [[1, "TP Sóc Trăng", 17698, 13000, 4698], [2, "TX Vĩnh Châu", 16000, 12000, 3500]]
    path = result_book(tmp_path, ["Kết quả kích hoạt (Mức 1+Mức 2)", LEVEL_1, LEVEL_2], rows)
    loaded = read_records([path], "result")
    [warning] = [f for f in loaded.findings if f.code == "family-parts-mismatch"]
    assert (warning.severity, warning.row) == ("warning", 5)
    assert "'TX Vĩnh Châu'" in warning.message and "16.000" in warning.message and "15.500" in warning.message
    summary = summarise_files([quota_book(tmp_path)], [path], days=33)
    got = dict(zip(summary.table["unit"], summary.table["result"]))
    assert (got["TP Sóc Trăng"], got["TX Vĩnh Châu"]) == (17698, 16000)  # the whole, never whole + parts


def test_only_one_level_given_is_a_warning_not_a_result(tmp_path: Path) -> None:
    rows = [[1, "TP Sóc Trăng", 4698]]
    summary = summarise_files([quota_book(tmp_path)], [result_book(tmp_path, [LEVEL_2], rows)], days=33)
    row = summary.table[summary.table["unit"] == "TP Sóc Trăng"].iloc[0]
    assert row["status"] == Status.NOT_REPORTED
    [warning] = [f for f in summary.findings if f.code == "family-parts-incomplete"]
    assert "mức 1" in warning.message and warning.file == "ket_qua_2023-07-27.xlsx"
