"""Units as places: equal names under different parents never merge, names that differ only in their
diacritics are different places, and a result file's parent comes from a column, its title or its name."""

from __future__ import annotations

import math
from pathlib import Path

import xlsxwriter

from chitieu import summarise_files
from chitieu.cli import main
from chitieu.mapping.overrides import Overrides

PERIOD = "(Tính từ ngày 01/07/2024 đến ngày 30/07/2024)"
QUOTA_HEADING = "Chỉ tiêu kích hoạt định danh điện tử"
RESULT_HEADING = "Số tài khoản đã kích hoạt"
RESULT_TITLE = "KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ (tính đến ngày 20/07/2024)"
HAMLETS = {  # commune → hamlet → (quota, result)
    "Xã Phú Tân": {"Ấp 1": (100, 40), "Ấp 2": (100, 55)},
    "Xã Phú Lộc": {"Ấp 1": (200, 90), "Ấp 2": (150, 30), "Ấp 3": (50, 10)},
}


def workbook(path: Path, title: str, header: list[str], rows: list[list[object]], period: str = PERIOD) -> Path:
    """A workbook as officers send them: a title, the campaign's period, a header row and a row per unit."""
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Báo cáo")
    sheet.write(0, 0, title)
    sheet.write(1, 0, period)
    sheet.write_row(3, 0, header)
    for r, row in enumerate(rows, start=4):
        sheet.write_row(r, 0, row)
    book.close()
    return path


def district_quota(path: Path) -> Path:
    """A district's quota table: a commune column and a hamlet column."""
    rows = [[i + 1, commune, hamlet, quota]
            for i, (commune, hamlet, quota) in enumerate((c, h, q) for c, hs in HAMLETS.items() for h, (q, _) in hs.items())]
    return workbook(path, "CHỈ TIÊU KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ CỦA HUYỆN CHÂU THÀNH",
                    ["STT", "Xã, thị trấn", "Ấp", QUOTA_HEADING], rows)


def commune_results(path: Path, commune: str, title_names_commune: bool = True, day: int = 20) -> Path:
    """One commune's results: its hamlets only, the commune named in the title (or only in the file name)."""
    title = f"KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ CỦA {commune.upper()}" if title_names_commune else \
        "KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ"
    rows = [[i + 1, hamlet, result] for i, (hamlet, (_, result)) in enumerate(HAMLETS[commune].items())]
    return workbook(path, f"{title} (tính đến ngày {day}/07/2024)", ["STT", "Tên ấp", RESULT_HEADING], rows)


def figures(summary) -> dict[tuple[str, str], tuple[float, float]]:
    """(parent, unit) → (quota, result) of the eID rows."""
    rows = summary.table[summary.table["indicator"] == "dddt"]
    return {(row.parent if isinstance(row.parent, str) else None, row.unit): (row.quota, row.result)
            for row in rows.itertuples()}


def test_hamlets_of_the_same_name_in_two_communes_keep_their_own_figures(tmp_path: Path) -> None:
    quota = district_quota(tmp_path / "chi_tieu_huyen.xlsx")
    results = [commune_results(tmp_path / "ket_qua_1.xlsx", "Xã Phú Tân"),
               commune_results(tmp_path / "ket_qua_2.xlsx", "Xã Phú Lộc")]
    summary = summarise_files([quota], results)
    got = figures(summary)
    for commune, hamlets in HAMLETS.items():
        for hamlet, (quota_value, result) in hamlets.items():
            assert got[commune, hamlet] == (quota_value, result)
        assert got[summary.table.loc[summary.table["unit"] == commune, "parent"].iloc[0], commune] == (
            sum(q for q, _ in hamlets.values()), sum(r for _, r in hamlets.values()))
    assert got[None, "Tổng cộng"] == (600, 225)
    placed = sorted(f.message for f in summary.findings if f.code == "unit-placed")
    assert placed == ["Các đơn vị trong tệp được hiểu là thuộc 'Xã Phú Lộc' (theo tiêu đề của bảng).",
                      "Các đơn vị trong tệp được hiểu là thuộc 'Xã Phú Tân' (theo tiêu đề của bảng)."]
    assert not [f for f in summary.findings if f.code in ("result-replaced", "duplicate-unit", "unit-ambiguous")]


def test_a_result_file_named_after_its_commune_is_placed_by_its_name(tmp_path: Path) -> None:
    quota = district_quota(tmp_path / "chi_tieu_huyen.xlsx")
    results = [commune_results(tmp_path / "ket_qua_xa_phu_loc.xlsx", "Xã Phú Lộc", title_names_commune=False)]
    summary = summarise_files([quota], results)
    got = figures(summary)
    assert got["Xã Phú Lộc", "Ấp 1"] == (200, 90) and got["Xã Phú Lộc", "Ấp 3"] == (50, 10)
    assert math.isnan(got["Xã Phú Tân", "Ấp 1"][1])  # Phú Tân has not reported
    assert [f.params["source"] for f in summary.findings if f.code == "unit-placed"] == ["tên tệp"]


def test_a_name_that_fits_two_places_is_asked_about_not_guessed(tmp_path: Path) -> None:
    quota = district_quota(tmp_path / "chi_tieu_huyen.xlsx")
    results = [commune_results(tmp_path / f"bao_cao_{day}.xlsx", "Xã Phú Tân", title_names_commune=False, day=day)
               for day in (20, 21)]
    summary = summarise_files([quota], results)
    assert all(math.isnan(result) for (_, unit), (_, result) in figures(summary).items() if unit.startswith("Ấp"))
    asked = [f for f in summary.findings if f.code == "unit-ambiguous"]
    assert len(asked) == 2  # one per name (Ấp 1, Ấp 2), not one per file × name
    assert asked[0].params["places"] == "'Ấp 1 (Xã Phú Tân)', 'Ấp 1 (Xã Phú Lộc)'"
    assert asked[0].params["files"] == 2


def test_places_are_shown_with_their_parent_where_names_repeat(tmp_path: Path, capsys) -> None:
    quota = district_quota(tmp_path / "chi_tieu_huyen.xlsx")
    result = commune_results(tmp_path / "ket_qua_1.xlsx", "Xã Phú Tân")
    summary = summarise_files([quota], [result])
    labels = dict(zip(summary.table["place"], summary.table["label"]))
    assert labels["Xã Phú Tân › Ấp 1"] == "Ấp 1 (Xã Phú Tân)" and labels["Xã Phú Lộc › Ấp 3"] == "Ấp 3"
    assert main(["summary", "--quota", str(quota), "--results", str(result), "--as-of", "2024-07-20"]) == 0
    out = capsys.readouterr().out
    assert "Ấp 1 (Xã Phú Lộc)" in out and "Ấp 1 (Xã Phú Tân)" in out


QUANG_NGAI = {"Xã Sơn Hà": (300, 250), "Xã Sơn Hạ": (100, 60), "Xã Ba Tô": (120, 100), "Xã Ba Tơ": (80, 20)}


def province_quota(path: Path) -> Path:
    rows = [[i + 1, commune, quota] for i, (commune, (quota, _)) in enumerate(QUANG_NGAI.items())]
    return workbook(path, "CHỈ TIÊU KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ TỈNH QUẢNG NGÃI", ["STT", "Xã, phường", QUOTA_HEADING],
                    rows)


def test_names_that_differ_only_in_diacritics_are_different_places(tmp_path: Path) -> None:
    quota = province_quota(tmp_path / "chi_tieu.xlsx")
    # as typed: other case, extra spaces, decomposed Unicode; the same letters
    written = {"XÃ SƠN HẠ": "Xã Sơn Hạ", "xã  sơn hà": "Xã Sơn Hà", "Xã Ba To\u0302": "Xã Ba Tô", "X. Ba Tơ": "Xã Ba Tơ"}
    rows = [[i + 1, name, QUANG_NGAI[commune][1]] for i, (name, commune) in enumerate(written.items())]
    result = workbook(tmp_path / "ket_qua.xlsx", RESULT_TITLE, ["STT", "Đơn vị", RESULT_HEADING],
                      rows)
    got = figures(summarise_files([quota], [result]))
    assert {unit: value for (_, unit), value in got.items() if unit in QUANG_NGAI} == {
        unit: (float(q), float(r)) for unit, (q, r) in QUANG_NGAI.items()}


def test_a_folded_name_is_only_a_suggestion_and_never_when_two_places_fold_alike(tmp_path: Path) -> None:
    quota = province_quota(tmp_path / "chi_tieu.xlsx")
    result = workbook(tmp_path / "ket_qua.xlsx", RESULT_TITLE, ["STT", "Đơn vị", RESULT_HEADING],
                      [[1, "Xa Son Ha", 77], [2, "Xã Ba Tò", 5]])
    summary = summarise_files([quota], [result])
    assert all(math.isnan(result) for (_, unit), (_, result) in figures(summary).items() if unit in QUANG_NGAI)
    unmatched = {f.params["unit"]: f.params["suggestion"] for f in summary.findings if f.code == "unit-unmatched"}
    assert "Có phải là" not in unmatched["Xa Son Ha"] and "'Xã Sơn Hà', 'Xã Sơn Hạ'" in unmatched["Xa Son Ha"]
    assert "Xã Ba Tô" in unmatched["Xã Ba Tò"] and "Xã Ba Tơ" in unmatched["Xã Ba Tò"]


def test_an_alias_the_officer_confirmed_stays(tmp_path: Path) -> None:
    quota = province_quota(tmp_path / "chi_tieu.xlsx")
    result = workbook(tmp_path / "ket_qua.xlsx", RESULT_TITLE, ["STT", "Đơn vị", RESULT_HEADING],
                      [[1, "Xa Son Ha", 77]])
    summary = summarise_files([quota], [result], overrides=Overrides(units={"Xa Son Ha": "Xã Sơn Hạ"}))
    got = {unit: value for (_, unit), value in figures(summary).items()}
    assert got["Xã Sơn Hạ"] == (100, 77) and math.isnan(got["Xã Sơn Hà"][1])
