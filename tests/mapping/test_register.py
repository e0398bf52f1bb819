"""Commune names checked against the official register of 1 July 2025 (34 provinces and
cities, 3,321 communes, from the `vietnam-provinces` package)."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from chitieu.cli import main
from chitieu.mapping.register import register_communes, register_province

ROWS = [["CHỈ TIÊU KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ NĂM 2025"], [],
        ["STT", "Đơn vị", "Chỉ tiêu kích hoạt định danh điện tử"],
        [1, "Phường Ninh Kiều", 1200],  # as in the register
        [2, "X. Phú Tâm", 800],  # abbreviated prefix: the same commune, said nothing about
        [3, "Xã Phú Tam", 700],  # a missing diacritic
        [4, "Xã Phú Tâmm", 650],  # a typo: not in the register
        [5, "Ấp Tân Phú", 90]]  # a hamlet: not in the register, and not checked


def write_quota(path: Path) -> Path:
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Chỉ tiêu")
    for r, row in enumerate(ROWS):
        sheet.write_row(r, 0, row)
    book.close()
    return path


def test_a_misspelt_commune_gets_the_official_name_suggested(tmp_path: Path, capsys) -> None:
    path = write_quota(tmp_path / "chi_tieu_2025.xlsx")
    assert main(["check", str(path), "--register", "Cần Thơ"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        # names that differ in their diacritics are two units, not one typed twice: no duplicate-unit
        "Thông tin [register-spelling]: 'Xã Phú Tam' được ghi trong danh mục đơn vị hành chính từ ngày 1/7/2025 "
        "là 'Xã Phú Tâm'. [tệp 'chi_tieu_2025.xlsx', trang tính 'Chỉ tiêu', dòng 6]",
        "Cảnh báo [register-unit-unknown]: 'Xã Phú Tâmm' không có trong danh mục xã, phường, đặc khu của "
        "Thành phố Cần Thơ từ ngày 1/7/2025. Có phải là: 'Xã Phú Tâm', 'Xã Thạnh Phú', 'Xã Tân Phước Hưng'? "
        "[tệp 'chi_tieu_2025.xlsx', trang tính 'Chỉ tiêu', dòng 7]",
    ]


def test_soc_trang_is_checked_against_can_tho_which_it_merged_into(tmp_path: Path, capsys) -> None:
    path = write_quota(tmp_path / "chi_tieu_2025.xlsx")
    main(["check", str(path), "--register", "Tỉnh Sóc Trăng"])
    out = capsys.readouterr().out
    assert ("Thông tin [register-province-merged]: Từ ngày 1/7/2025, Sóc Trăng đã hợp nhất vào Thành phố Cần Thơ; "
            "tên xã, phường được đối chiếu với danh mục của Thành phố Cần Thơ.") in out
    assert "'Xã Phú Tâmm' không có trong danh mục" in out


def test_an_unknown_province_is_said_with_the_closest_names(tmp_path: Path, capsys) -> None:
    path = write_quota(tmp_path / "chi_tieu_2025.xlsx")
    main(["check", str(path), "--register", "Cần Thớ Mới"])
    out = capsys.readouterr().out
    assert ("Cảnh báo [register-province-unknown]: Không có 'Cần Thớ Mới' trong danh mục 34 tỉnh, thành phố "
            "từ ngày 1/7/2025 nên chưa đối chiếu được tên xã, phường. Có phải là: 'Thành phố Cần Thơ'") in out
    assert "register-unit-unknown" not in out


def test_the_register_names_each_province_and_its_communes_as_officially_written() -> None:
    assert register_province("TP. Cần Thơ") == ("Thành phố Cần Thơ", [])
    communes = register_communes("Cần Thơ")
    assert len(communes) == 103 and {"Phường Ninh Kiều", "Xã Phú Tâm", "Xã Phú Hữu"} <= set(communes)
    assert register_communes("Sóc Trăng") == communes
    assert register_communes("Atlantis") == ()


def test_every_province_merged_in_2025_leads_to_one_of_the_34() -> None:
    from chitieu.mapping.register import _merged_provinces, _register

    assert len(_register()) == 34 and sum(map(len, _register().values())) == 3321
    for old in _merged_provinces():
        official, findings = register_province(old)
        assert official in _register() and [f.code for f in findings] == ["register-province-merged"]
