"""Columns that are neither quota nor result — eligible population, done before the campaign, not done
yet, percentages, households — are read with their own role and never counted; their roles come from
the header's words wherever they stand in it, so header variants read alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.mapping.records import read_records
from chitieu.summary.files import summarise_files
from test_gallery import make_samples, write_xlsx

TITLE = ["KẾT QUẢ THU NHẬN VÀ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ"]
AS_OF = ["Tính đến ngày 27/7/2023"]
RESULT = "Kết quả thu nhận và kích hoạt (Mức 1+Mức 2) lũy kế"
# TP Sóc Trăng: 203,208 people of 14 and over, 10,160 accounts activated.
ELIGIBLE = {"TP Sóc Trăng": 203208, "TX Vĩnh Châu": 120455, "TX Ngã Năm": 60112}
DONE = {"TP Sóc Trăng": 10160, "TX Vĩnh Châu": 9870, "TX Ngã Năm": 5020}


def roles(path: Path, kind: str) -> dict[str, str]:
    records = read_records([path], kind).records.drop_duplicates("label")
    return dict(zip(records["label"], records["role"]))


@pytest.mark.parametrize("eligible", ["Dân số từ đủ 14 tuổi trở lên", "Số người đủ điều kiện",
                                      "Tổng dân số (từ 14 tuổi)", "Số công dân đủ điều kiện kích hoạt"])
def test_an_eligible_population_beside_the_results_is_not_a_result(tmp_path: Path, eligible: str) -> None:
    quota = tmp_path / "chi_tieu_dddt.xlsx"
    make_samples.soc_trang_quota(quota)
    rows = [TITLE, AS_OF, ["STT", "Đơn vị", eligible, RESULT]]
    rows += [[i, unit, ELIGIBLE[unit], DONE[unit]] for i, unit in enumerate(ELIGIBLE, 1)]
    result = write_xlsx(tmp_path / "ket_qua.xlsx", {"Kết quả": rows})
    assert roles(result, "result") == {eligible: "eligible", RESULT: "result"}
    summary = summarise_files([quota], [result], days=33)
    got = dict(zip(summary.table["unit"], summary.table["result"]))
    assert {unit: got[unit] for unit in DONE} == DONE  # TP Sóc Trăng 10,160, not 213,368


@pytest.mark.parametrize("header, values, role", [
    ("Tỷ lệ đạt", [0.45, 0.8], "percent"),
    ("Tỉ lệ % so với chỉ tiêu", [45.5, 80], "percent"),
    ("Đạt (%)", [45.5, 100], "percent"),
    ("Số TK đã kích hoạt trước ngày 18/7/2023", [300, 120], "baseline"),
    ("Lũy kế trước đợt cao điểm", [300, 120], "baseline"),
    ("Số TK chưa kích hoạt", [55, 20], "not_done"),
    ("Còn lại phải kích hoạt", [55, 20], "not_done"),
    ("Tổng số hộ", [339, 375], "households"),
    ("Số hộ gia đình trên địa bàn", [339, 375], "households"),
])
def test_context_columns_beside_a_quota_are_never_added_to_it(tmp_path: Path, header: str, values: list,
                                                            role: str) -> None:
    rows = [["STT", "Đơn vị", "Chỉ tiêu kích hoạt định danh điện tử", header],
            [1, "Ấp 1", 100, values[0]], [2, "Ấp 2", 150, values[1]]]
    path = write_xlsx(tmp_path / "chi_tieu.xlsx", {"S": rows})
    assert roles(path, "quota") == {"Chỉ tiêu kích hoạt định danh điện tử": "quota", header: role}
    summary = summarise_files([path], start=make_samples.SOC_TRANG_START, end=make_samples.SOC_TRANG_START,
                              days=1)
    assert dict(zip(summary.table["unit"], summary.table["quota"]))["Ấp 1"] == 100


def test_a_percent_sign_over_counts_is_not_a_percentage(tmp_path: Path) -> None:
    rows = [["STT", "Đơn vị", "Chỉ tiêu (90% dân số) định danh điện tử"], [1, "Ấp 1", 1200], [2, "Ấp 2", 950]]
    path = write_xlsx(tmp_path / "chi_tieu.xlsx", {"S": rows})
    assert roles(path, "quota") == {"Chỉ tiêu (90% dân số) định danh điện tử": "quota"}


def test_done_and_not_done_that_do_not_make_the_whole_are_a_warning(tmp_path: Path) -> None:
    rows = [TITLE, ["STT", "Đơn vị", "Dân số đủ 14 tuổi", "Đã kích hoạt", "Chưa kích hoạt"],
            [1, "Ấp Tân Phú", 339, 186, 153], [2, "Ấp Tân Mỹ", 375, 169, 196]]
    loaded = read_records([write_xlsx(tmp_path / "ket_qua.xlsx", {"S": rows})], "result")
    [warning] = [f for f in loaded.findings if f.code == "done-mismatch"]
    assert (warning.row, warning.column, warning.severity) == (4, "C (Dân số đủ 14 tuổi)", "warning")
    assert "'Ấp Tân Mỹ'" in warning.message and "365" in warning.message and "375" in warning.message
    assert loaded.records.loc[loaded.records["role"] == "result", "value"].sum() == 186 + 169


def test_households_beside_created_and_not_created_are_the_quota_when_there_is_none(tmp_path: Path) -> None:
    rows = [["Chỉ tiêu cài đặt định danh điện tử mức độ 2 các ấp"],
            ["Stt", "Đơn vị", "Tổng số hộ", "Đã tạo (đại diện 01 người/hộ)", "Chưa tạo"],
            [1, "Áp Tân Phú", 339, 186, 153], [2, "Áp Tân Mỹ", 375, 169, 206]]
    loaded = read_records([write_xlsx(tmp_path / "phu_luc.xlsx", {"S": rows})])
    quota = loaded.records[loaded.records["role"] == "quota"]
    assert list(zip(quota["unit"], quota["value"])) == [("Áp Tân Phú", 339), ("Áp Tân Mỹ", 375)]
    [said] = loaded.findings
    assert (said.code, said.column) == ("whole-as-quota", "C")
