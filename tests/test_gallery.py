"""A gallery of workbooks as officers send them: each is built here, read, and checked
for the numbers, the indicator and role of each column, the units and the findings."""

from __future__ import annotations

import sys
import unicodedata
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from chitieu.mapping.catalog import TITLE_SURE
from chitieu.mapping.records import Loaded, read_records
from chitieu.mapping.units import match_units

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_samples  # noqa: E402

Rows = list[list[object]]


def write_xlsx(path: Path, sheets: dict[str, Rows], merges: dict[str, list[str]] | None = None,
               hidden: tuple[str, ...] = ()) -> Path:
    """A workbook with one sheet per entry; ``merges`` are ranges ("A5:B5") whose
    top-left cell keeps its value, as Excel does."""
    book = xlsxwriter.Workbook(path)
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
        for cells in (merges or {}).get(name, []):
            first_row, first_col, last_row, last_col = _range(cells)
            sheet.merge_range(first_row, first_col, last_row, last_col, rows[first_row][first_col])
        if name in hidden:
            sheet.hide()
    book.close()
    return path


def _range(cells: str) -> tuple[int, int, int, int]:
    from xlsxwriter.utility import xl_cell_to_rowcol

    first, last = cells.split(":")
    return (*xl_cell_to_rowcol(first), *xl_cell_to_rowcol(last))


def write_csv(path: Path, rows: Rows, encoding: str, sep: str = ",") -> Path:
    text = "\r\n".join(sep.join("" if v is None else str(v) for v in row) for row in rows) + "\r\n"
    path.write_bytes(encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def encode_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 stores it: letters with â/ă/ê/ô/ơ/ư precomposed, tones combining."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            for mark in marks:
                head = unicodedata.normalize("NFC", base + mark)
                if len(head) == 1 and head.encode("cp1258", errors="ignore"):
                    base, marks = head, [m for m in marks if m != mark]
                    break
            out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


def read(path: Path, kind: str = "quota") -> Loaded:
    return read_records([path], kind)


def numbers(loaded: Loaded) -> list[tuple[str, str | None, str, float | None]]:
    """(unit, indicator, role, value) of every record, in sheet order."""
    r = loaded.records
    return [(u, i, ro, None if v != v else v) for u, i, ro, v in zip(r["unit"], r["indicator"], r["role"], r["value"])]


def columns(loaded: Loaded) -> dict[str, tuple[str | None, str]]:
    """Each column label → (indicator, role)."""
    r = loaded.records.drop_duplicates("label")
    return {label: (ind, role) for label, ind, role in zip(r["label"], r["indicator"], r["role"])}


def codes(loaded: Loaded) -> list[str]:
    return sorted(f.code for f in loaded.findings)


def units(loaded: Loaded) -> list[str]:
    return list(dict.fromkeys(loaded.records["unit"]))


HEADER = ["STT", "Đơn vị", "Chỉ tiêu kích hoạt định danh điện tử"]
HAMLETS = [[1, "Ấp 1", 120], [2, "Ấp 2", 95], [3, "Ấp 3", 80]]
HAMLET_NUMBERS = [("Ấp 1", "dddt", "quota", 120.0), ("Ấp 2", "dddt", "quota", 95.0), ("Ấp 3", "dddt", "quota", 80.0)]


# 1–4: the seed annexes as printed ------------------------------------------------------------

def test_soc_trang_annex_as_printed(tmp_path: Path) -> None:
    path = tmp_path / "chi_tieu_dddt.xlsx"
    make_samples.soc_trang_quota(path)
    loaded = read(path)
    assert units(loaded) == [unit for unit, _, _ in make_samples.SOC_TRANG]
    quota = loaded.records[loaded.records["role"] == "quota"]
    daily = loaded.records[loaded.records["role"] == "daily_quota"]
    assert list(quota["value"]) == [q for _, q, _ in make_samples.SOC_TRANG]
    assert list(daily["value"]) == [d for _, _, d in make_samples.SOC_TRANG]
    assert set(loaded.records["indicator"]) == {"dddt"}
    assert loaded.period == (date(2023, 7, 18), date(2023, 8, 18))
    assert loaded.tables[0].parent == "Tỉnh Sóc Trăng"
    # The province's daily quota is round(576 903 / 33) = 17 482; the rows add up to 17 480.
    assert codes(loaded) == ["total-rounding"]


@pytest.fixture
def my_phu_dong(tmp_path: Path) -> Loaded:
    path = tmp_path / "phu_luc_ke_hoach_46.xlsx"
    make_samples.my_phu_dong(path)
    return read(path)


def test_my_phu_dong_annex_1_two_level_header(my_phu_dong: Loaded) -> None:
    annex = my_phu_dong.records[my_phu_dong.records["sheet"] == "Phụ lục I"]
    assert list(annex["label"]) == [f"{group} - {sub}" for group in
                                    ("Thường trú chưa cấp CCCD", "Tạm trú chưa Cấp CCCD", "Tạm trú ngoài địa bàn")
                                    for sub in ("Tổng", "Không ngày tháng sinh", "Có ngày tháng sinh")]
    assert list(annex["value"]) == [94, 22, 72, 1, 0, 1, 3, 3, 0]
    assert set(annex["indicator"]) == {"cccd"}
    assert set(annex["unit"]) == {"Mỹ Phú Đông"}


def test_my_phu_dong_annex_2_agencies(my_phu_dong: Loaded) -> None:
    annex = my_phu_dong.records[my_phu_dong.records["sheet"] == "Phụ lục II"]
    assert list(dict.fromkeys(annex["unit"])) == ["Đảng ủy, HĐND, UBND, Khối vận xã", "Công an", "Quân sự",
                                                  "Áp Tân Phú", "Áp Tân Mỹ", "Áp Tân Đông"]
    by_label = {label: (ind, role) for label, ind, role in zip(annex["label"], annex["indicator"], annex["role"])}
    assert by_label == {"Tổng số": ("dddt", "quota"), "Đã tạo": ("dddt", "result"),
                        "Đã cài đặt VNeID": ("vneid", "result")}
    # The printed total (67) is not the sum of the rows (63): the plan's own slip, reported.
    mismatches = [f for f in my_phu_dong.findings if f.code == "total-mismatch" and f.sheet == "Phụ lục II"]
    assert [(f.row, f.column) for f in mismatches] == [(11, "C (Tổng số)"), (11, "D (Đã tạo)"),
                                                        (11, "F (Đã cài đặt VNeID)")]


def test_my_phu_dong_annex_3_households_quota_and_result_side_by_side(my_phu_dong: Loaded) -> None:
    annex = my_phu_dong.records[my_phu_dong.records["sheet"] == "Phụ lục III"]
    quota = annex[annex["role"] == "quota"]
    result = annex[(annex["role"] == "result") & (annex["indicator"] == "dddt")]
    assert list(zip(quota["unit"], quota["value"])) == [("Áp Tân Phú", 339), ("Áp Tân Mỹ", 375), ("Áp Tân Đông", 443)]
    assert list(result["value"]) == [186, 169, 259]
    # "1.057" printed as text is one thousand and fifty-seven, not 1.057; the rows add up to 1 157.
    [mismatch] = [f for f in my_phu_dong.findings if f.sheet == "Phụ lục III" and f.code == "total-mismatch"]
    assert "1.057" in mismatch.message and "1.157" in mismatch.message


# 5–8: title rows and header blocks ------------------------------------------------------------

def test_no_title_rows(tmp_path: Path) -> None:
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"Sheet1": [HEADER, *HAMLETS]}))
    assert numbers(loaded) == HAMLET_NUMBERS
    assert codes(loaded) == []


def test_three_title_rows_give_the_as_of_date(tmp_path: Path) -> None:
    rows = [["UBND XÃ MINH THẮNG"], ["KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ"], ["(tính đến ngày 27/7/2023)"], [],
            ["STT", "Đơn vị", "Kết quả"], *HAMLETS]
    loaded = read(write_xlsx(tmp_path / "kq.xlsx", {"KQ": rows}), "result")
    assert numbers(loaded) == [(u, "dddt", "result", v) for u, _, _, v in HAMLET_NUMBERS]
    assert set(loaded.records["as_of"]) == {date(2023, 7, 27)}
    # the indicator came from the title, not the header: counted, but less sure than a header's word
    assert set(loaded.records["confidence"]) == {TITLE_SURE}


def test_three_header_rows_flattened(tmp_path: Path) -> None:
    rows = [["STT", "Đơn vị", "Định danh điện tử", None, None, None],
            [None, None, "Mức 1", None, "Mức 2", None],
            [None, None, "Chỉ tiêu", "Kết quả", "Chỉ tiêu", "Kết quả"],
            [1, "Ấp 1", 50, 40, 70, 65], [2, "Ấp 2", 30, 31, 20, 5]]
    merges = {"S": ["A1:A3", "B1:B3", "C1:F1", "C2:D2", "E2:F2"]}
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}, merges))
    assert columns(loaded) == {
        "Định danh điện tử - Mức 1 - Chỉ tiêu": ("dddt_muc1", "quota"),
        "Định danh điện tử - Mức 1 - Kết quả": ("dddt_muc1", "result"),
        "Định danh điện tử - Mức 2 - Chỉ tiêu": ("dddt_muc2", "quota"),
        "Định danh điện tử - Mức 2 - Kết quả": ("dddt_muc2", "result"),
    }
    assert [v for *_, v in numbers(loaded)] == [50, 40, 70, 65, 30, 31, 20, 5]


def test_column_number_row_under_the_header_is_not_a_label(tmp_path: Path) -> None:
    rows = [HEADER + ["Ghi chú"], ["(1)", "(2)", "(3)", "(4)"],
            [1, "Ấp 1", 120, "đạt"], [2, "Ấp 2", 95, None], [3, "Ấp 3", 80, None]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    assert columns(loaded) == {"Chỉ tiêu kích hoạt định danh điện tử": ("dddt", "quota")}
    assert numbers(loaded) == HAMLET_NUMBERS


# 9–13: numbers as officers type them --------------------------------------------------------

def test_numbers_as_text_with_dots(tmp_path: Path) -> None:
    rows = [HEADER, [1, "TP Sóc Trăng", "50.802"], [2, "TX Vĩnh Châu", "75.019"], [3, "Cù Lao Dung", "1.057"]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    assert [v for *_, v in numbers(loaded)] == [50802, 75019, 1057]


def test_decimal_comma(tmp_path: Path) -> None:
    rows = [["TT", "Đơn vị", "Bình quân ngày định danh"], [1, "Ấp 1", "1.057,5"], [2, "Ấp 2", "12,25"]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    assert numbers(loaded) == [("Ấp 1", "dddt", "daily_quota", 1057.5), ("Ấp 2", "dddt", "daily_quota", 12.25)]


def test_percent_column_is_not_a_quota(tmp_path: Path) -> None:
    rows = [["STT", "Đơn vị", "Chỉ tiêu VNeID", "Đã cài đặt VNeID", "Tỷ lệ %"],
            [1, "Ấp 1", 100, 12, "12%"], [2, "Ấp 2", 200, 25, "12,5 %"]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    assert columns(loaded)["Tỷ lệ %"][1] == "percent"
    assert [v for u, i, r, v in numbers(loaded) if r == "percent"] == [0.12, 0.125]


def test_dash_and_blank_mean_no_value(tmp_path: Path) -> None:
    rows = [HEADER, [1, "Ấp 1", "-"], [2, "Ấp 2", None], [3, "Ấp 3", 0]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    assert numbers(loaded) == [("Ấp 1", "dddt", "quota", None), ("Ấp 2", "dddt", "quota", None),
                               ("Ấp 3", "dddt", "quota", 0.0)]


def test_text_in_a_number_column_is_an_error_pointing_at_the_cell(tmp_path: Path) -> None:
    rows = [HEADER, [1, "Ấp 1", 120], [2, "Ấp 2", "chín lăm"]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    [bad] = loaded.findings
    assert (bad.code, bad.sheet, bad.row, bad.column) == ("not-a-number", "S", 3, "C (" + HEADER[2] + ")")
    assert "chín lăm" in bad.message


# 14–18: totals rows ----------------------------------------------------------------------------

@pytest.mark.parametrize("label", ["Tổng cộng", "Cộng", "Tổng số", "TỔNG CỘNG"])
def test_totals_row_unmerged_is_set_aside_and_checked(tmp_path: Path, label: str) -> None:
    rows = [HEADER, *HAMLETS, [None, label, 295]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    assert numbers(loaded) == HAMLET_NUMBERS
    assert codes(loaded) == []


def test_totals_row_merged_over_stt_and_unit(tmp_path: Path) -> None:
    rows = [HEADER, *HAMLETS, ["Tổng cộng", None, 300]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}, {"S": ["A5:B5"]}))
    assert numbers(loaded) == HAMLET_NUMBERS
    [mismatch] = loaded.findings
    assert (mismatch.code, mismatch.row) == ("total-mismatch", 5)


def test_totals_row_named_after_the_parent_unit(tmp_path: Path) -> None:
    rows = [HEADER, ["Xã Minh Thắng", None, 295], *HAMLETS]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}, {"S": ["A2:B2"]}))
    assert numbers(loaded) == HAMLET_NUMBERS
    assert loaded.tables[0].parent == "Xã Minh Thắng"
    assert set(loaded.records["parent"]) == {"Xã Minh Thắng"}
    assert codes(loaded) == []


# 19–22: notes, blanks, several tables, hidden sheets -------------------------------------------

def test_notes_under_the_table_are_skipped(tmp_path: Path) -> None:
    rows = [HEADER, *HAMLETS, [], [None, "* Lưu ý: chỉ tính tài khoản kích hoạt thành công"],
            [None, "Ghi chú: số liệu 120 là tạm tính", 5], [None, "Nguồn: Công an xã"]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    assert numbers(loaded) == HAMLET_NUMBERS
    assert codes(loaded) == []


def test_blank_rows_and_columns_inside_the_table(tmp_path: Path) -> None:
    rows = [[None, "STT", None, "Đơn vị", None, "Chỉ tiêu kích hoạt định danh điện tử"],
            [],
            [None, 1, None, "Ấp 1", None, 120], [], [None, 2, None, "Ấp 2", None, 95],
            [None, 3, None, "Ấp 3", None, 80]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    assert numbers(loaded) == HAMLET_NUMBERS
    assert list(loaded.records["column"]) == ["F", "F", "F"]


def test_two_tables_on_one_sheet(tmp_path: Path) -> None:
    rows = [["CHỈ TIÊU KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ"], HEADER, *HAMLETS, ["Tổng cộng", None, 295], [],
            ["CHỈ TIÊU CÀI ĐẶT ỨNG DỤNG VNEID"], ["STT", "Đơn vị", "Chỉ tiêu"], [1, "Ấp 1", 60], [2, "Ấp 2", 40]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    assert len(loaded.tables) == 2
    assert numbers(loaded) == HAMLET_NUMBERS + [("Ấp 1", "vneid", "quota", 60.0), ("Ấp 2", "vneid", "quota", 40.0)]
    assert codes(loaded) == []


def test_hidden_sheet_is_reported_and_skipped(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", {"Chỉ tiêu": [HEADER, *HAMLETS], "Nháp": [HEADER, [1, "Ấp 9", 5]]},
                      hidden=("Nháp",))
    loaded = read(path)
    assert numbers(loaded) == HAMLET_NUMBERS
    [hidden] = loaded.findings
    assert (hidden.code, hidden.sheet) == ("sheet-hidden", "Nháp")
    asked = read_records([path], hidden=True)
    assert numbers(asked) == HAMLET_NUMBERS + [("Ấp 9", "dddt", "quota", 5.0)]
    assert codes(asked) == ["sheet-hidden-read"]


def test_every_sheet_is_read_in_order(tmp_path: Path) -> None:
    sheets = {"Định danh": [["STT", "Đơn vị", "Chỉ tiêu định danh điện tử"], *HAMLETS],
              "VNeID": [["STT", "Đơn vị", "Chỉ tiêu cài đặt VNeID"], [1, "Ấp 1", 7]],
              "Bìa": [["KẾ HOẠCH SỐ 87/KH-UBND"]]}
    loaded = read(write_xlsx(tmp_path / "a.xlsx", sheets))
    assert numbers(loaded) == HAMLET_NUMBERS + [("Ấp 1", "vneid", "quota", 7.0)]
    [cover] = loaded.findings
    assert (cover.code, cover.sheet) == ("no-table", "Bìa")


# 23–24: where the unit column is ---------------------------------------------------------------

def test_unit_column_found_by_its_words_not_its_place(tmp_path: Path) -> None:
    rows = [["Chỉ tiêu kích hoạt định danh điện tử", "Kết quả kích hoạt định danh", "Tên đơn vị"],
            [120, 100, "Ấp 1"], [95, 99, "Ấp 2"]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    assert numbers(loaded) == [("Ấp 1", "dddt", "quota", 120.0), ("Ấp 1", "dddt", "result", 100.0),
                               ("Ấp 2", "dddt", "quota", 95.0), ("Ấp 2", "dddt", "result", 99.0)]


def test_xa_phuong_header_and_agencies(tmp_path: Path) -> None:
    rows = [["TT", "Xã/Phường", "Số CCCD đã thu nhận"], [1, "Phường 1", "1.204"], [2, "Xã Tài Văn", 860]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}), "result")
    assert numbers(loaded) == [("Phường 1", "cccd", "result", 1204.0), ("Xã Tài Văn", "cccd", "result", 860.0)]


# 25–28: CSV in the encodings officers' tools save ----------------------------------------------

CSV_ROWS = [["STT", "Đơn vị", "Chỉ tiêu kích hoạt định danh điện tử"], [1, "Ấp Tân Phú", "1.057"],
            [2, "Ấp Đồng Tân", 95], [None, "Tổng cộng", "1.152"]]
CSV_NUMBERS = [("Ấp Tân Phú", "dddt", "quota", 1057.0), ("Ấp Đồng Tân", "dddt", "quota", 95.0)]


@pytest.mark.parametrize("encoding, sep", [("utf-8", ","), ("utf-8-sig", ","), ("utf-16", ","),
                                           ("cp1258", ";"), ("utf-8", ";")])
def test_csv_encodings(tmp_path: Path, encoding: str, sep: str) -> None:
    loaded = read(write_csv(tmp_path / "chi_tieu.csv", CSV_ROWS, encoding, sep))
    assert numbers(loaded) == CSV_NUMBERS
    assert codes(loaded) == []


# 29–31: other workbook formats and formula cells ----------------------------------------------

def test_xlsm_is_read_like_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", {"S": [HEADER, *HAMLETS]})
    loaded = read(path.rename(tmp_path / "chi_tieu.xlsm"))
    assert numbers(loaded) == HAMLET_NUMBERS


def test_formula_without_cached_value_is_a_finding_not_zero(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Chỉ tiêu"
    for row in [HEADER, *HAMLETS, [None, "Tổng cộng", "=SUM(C2:C4)"]]:
        sheet.append(row)
    sheet["C3"] = "=100-5"
    path = tmp_path / "script.xlsx"
    book.save(path)
    loaded = read(path)
    uncached = [(f.row, f.column) for f in loaded.findings if f.code == "formula-uncached"]
    assert uncached == [(3, "C3"), (5, "C5")]
    assert ("Ấp 2", "dddt", "quota", 0.0) not in numbers(loaded)


def test_formula_with_cached_value_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("S")
    for r, row in enumerate([HEADER, *HAMLETS]):
        sheet.write_row(r, 0, row)
    sheet.write_formula("C5", "=SUM(C2:C4)", None, 295)
    sheet.write("B5", "Tổng cộng")
    book.close()
    loaded = read(path)
    assert numbers(loaded) == HAMLET_NUMBERS
    assert codes(loaded) == []


# 32: units across workbooks ---------------------------------------------------------------------

def test_result_units_spelled_otherwise_match_the_quota_units(tmp_path: Path) -> None:
    quota = read(write_xlsx(tmp_path / "ct.xlsx", {"S": [
        ["TT", "Đơn vị", "Chỉ tiêu định danh"], [1, "TP Sóc Trăng", 10], [2, "TX Vĩnh Châu", 20],
        [3, "Châu Thành", 30], [4, "Ấp Tân Phú", 5], [5, "Ấp 2", 6]]}))
    results = read(write_xlsx(tmp_path / "kq.xlsx", {"S": [
        ["TT", "Đơn vị", "Kết quả định danh"], [1, "Thành phố  Sóc Trăng", 1], [2, "thị xã vĩnh châu", 2],
        [3, "H. Châu Thành", 3], [4, "Áp Tân Phú", 4], [5, "Khu phố 2", 5],
        [6, unicodedata.normalize("NFD", "TX Vĩnh Châu"), 6]]}), "result")
    matched = match_units(units(results), units(quota))
    assert {name: m.matched for name, m in matched.items()} == {
        "Thành phố Sóc Trăng": "TP Sóc Trăng", "thị xã vĩnh châu": "TX Vĩnh Châu", "H. Châu Thành": "Châu Thành",
        "Áp Tân Phú": "Ấp Tân Phú", "Khu phố 2": None, "TX Vĩnh Châu": "TX Vĩnh Châu"}
    assert matched["Khu phố 2"].suggestions[0] == "Ấp 2"


# 33–36: hierarchy and snapshots ----------------------------------------------------------------

def test_parent_column_beside_the_unit_column(tmp_path: Path) -> None:
    rows = [["STT", "Huyện", "Xã", "Chỉ tiêu định danh điện tử"],
            [1, "Kế Sách", "Xã An Mỹ", 100], [2, None, "Thị trấn Kế Sách", 200],
            [3, "Mỹ Tú", "Xã Mỹ Hương", 50], ["Tổng cộng", None, None, 350]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}, {"S": ["B2:B3", "A5:C5"]}))
    r = loaded.records
    assert list(zip(r["unit"], r["parent"], r["level"], r["value"])) == [
        ("Xã An Mỹ", "Kế Sách", 1, 100), ("Thị trấn Kế Sách", "Kế Sách", 1, 200), ("Xã Mỹ Hương", "Mỹ Tú", 1, 50)]
    assert codes(loaded) == []


def test_district_rows_heading_their_communes_are_subtotals(tmp_path: Path) -> None:
    rows = [HEADER, ["I", "Huyện Kế Sách", 300], [1, "Xã An Mỹ", 100], [2, "Thị trấn Kế Sách", 200],
            ["II", "Huyện Mỹ Tú", 60], [1, "Xã Mỹ Hương", 50], ["Tổng cộng", None, 350]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}, {"S": ["A7:B7"]}))
    r = loaded.records
    assert list(zip(r["unit"], r["parent"], r["value"])) == [
        ("Xã An Mỹ", "Huyện Kế Sách", 100), ("Thị trấn Kế Sách", "Huyện Kế Sách", 200),
        ("Xã Mỹ Hương", "Huyện Mỹ Tú", 50)]
    [mismatch] = loaded.findings  # Mỹ Tú's subtotal says 60, its one commune 50
    assert (mismatch.code, mismatch.row) == ("total-mismatch", 5)


def test_a_flat_list_of_mixed_units_is_not_grouped(tmp_path: Path) -> None:
    rows = [HEADER, [1, "Huyện Kế Sách", 300], [2, "Thị xã Ngã Năm", 100], [3, "Công an tỉnh", 5]]
    loaded = read(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    assert units(loaded) == ["Huyện Kế Sách", "Thị xã Ngã Năm", "Công an tỉnh"]
    assert set(loaded.records["parent"].dropna()) == set()


def test_one_sheet_per_day_gives_each_snapshot_its_date(tmp_path: Path) -> None:
    header = ["STT", "Đơn vị", "Kết quả kích hoạt định danh điện tử"]
    sheets = {"20.7.2023": [header, [1, "Ấp 1", 10], [2, "Ấp 2", 4]],
              "27-7-2023": [header, [1, "Ấp 1", 25], [2, "Ấp 2", 9]]}
    loaded = read(write_xlsx(tmp_path / "ket_qua.xlsx", sheets), "result")
    r = loaded.records
    assert list(zip(r["unit"], r["as_of"], r["value"])) == [
        ("Ấp 1", date(2023, 7, 20), 10), ("Ấp 2", date(2023, 7, 20), 4),
        ("Ấp 1", date(2023, 7, 27), 25), ("Ấp 2", date(2023, 7, 27), 9)]


# 37: OpenDocument (LibreOffice) ----------------------------------------------------------------

def write_ods(path: Path, name: str, rows: Rows) -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice saves one."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(v: object) -> str:
        if v is None:
            return "<table:table-cell/>"
        if isinstance(v, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'

    body = "".join(f"<table:table-row>{''.join(cell(v) for v in row)}</table:table-row>" for row in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="{escape(name)}">{body}'
               '</table:table></office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("META-INF/manifest.xml", manifest)
        book.writestr("content.xml", content)
    return path


def test_ods_from_libreoffice(tmp_path: Path) -> None:
    rows = [["CHỈ TIÊU KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ"], ["STT", "Đơn vị", "Chỉ tiêu"],
            [1, "Ấp 1", 120], [2, "Ấp 2", "95"], [3, "Ấp 3", 80], [None, "Cộng", "295"]]
    loaded = read(write_ods(tmp_path / "chi_tieu.ods", "Chỉ tiêu", rows))
    assert numbers(loaded) == [(u, i, "quota", v) for u, i, _, v in HAMLET_NUMBERS]
    assert codes(loaded) == []


def test_increments_table_joins_the_history_as_cumulative_results(tmp_path: Path) -> None:
    rows = [["BÁO CÁO SỐ PHÁT SINH HẰNG NGÀY"], ["Ngày", "Đơn vị", "Chỉ tiêu", "Số lượng"],
            ["18/7/2023", "Ấp 1", "Kích hoạt định danh điện tử", 10],
            ["18/7/2023", "Ấp 1", "Cài đặt VNeID", 3],
            ["19/7/2023", "Ấp 1", "Kích hoạt định danh điện tử", 7],
            ["19/7/2023", "Ấp 2", "Kích hoạt định danh điện tử", "1.005"],
            ["20/7/2023", "Ấp 1", "Kích hoạt định danh điện tử", "-"]]
    loaded = read(write_xlsx(tmp_path / "phat_sinh.xlsx", {"S": rows}), "result")
    r = loaded.records
    assert list(zip(r["unit"], r["indicator"], r["role"], r["as_of"], r["value"])) == [
        ("Ấp 1", "dddt", "result", date(2023, 7, 18), 10), ("Ấp 1", "vneid", "result", date(2023, 7, 18), 3),
        ("Ấp 1", "dddt", "result", date(2023, 7, 19), 17), ("Ấp 2", "dddt", "result", date(2023, 7, 19), 1005),
        ("Ấp 1", "dddt", "result", date(2023, 7, 20), 17)]
    assert codes(loaded) == []


def test_increments_and_snapshots_make_one_history_in_the_summary(tmp_path: Path) -> None:
    from chitieu.summary.files import summarise_files

    quota = write_xlsx(tmp_path / "chi_tieu.xlsx", {"S": [HEADER, *HAMLETS]})
    increments = write_xlsx(tmp_path / "phat_sinh.xlsx", {"S": [
        ["Ngày", "Đơn vị", "Nội dung", "Kết quả"], ["18/7/2023", "Ấp 1", "Kích hoạt định danh điện tử", 10],
        ["19/7/2023", "Ấp 1", "Kích hoạt định danh điện tử", 7]]})
    snapshot = write_xlsx(tmp_path / "ket_qua_2023-07-19.xlsx", {"S": [
        ["STT", "Đơn vị", "Kết quả kích hoạt định danh điện tử"], [2, "Ấp 2", 40]]})
    summary = summarise_files([quota], [increments, snapshot], start=date(2023, 7, 18), end=date(2023, 8, 18),
                              as_of=date(2023, 7, 19))
    results = dict(zip(summary.table["unit"], summary.table["result"]))
    assert (results["Ấp 1"], results["Ấp 2"]) == (17, 40)


def write_xls(path: Path, rows: Rows) -> Path:
    """A workbook as Excel 97-2003 saves it (BIFF8), written by xlwt."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Chi tieu")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def test_xls_from_old_excel(tmp_path: Path) -> None:
    loaded = read(write_xls(tmp_path / "chi_tieu.xls", [["CHỈ TIÊU KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ"], [],
                                                        HEADER, *HAMLETS, [None, "Tổng cộng", 295]]))
    assert numbers(loaded) == HAMLET_NUMBERS
    assert codes(loaded) == []


def test_xls_citizen_list_from_old_excel(tmp_path: Path) -> None:
    people = [["STT", "Họ và tên", "Số định danh cá nhân", "Ấp", "Trạng thái"],
              [1, "Nguyễn Văn An", "079160772246", "Ấp 1", "Đã kích hoạt mức 2"],
              [2, "Trần Thị Bình", "079160772247", "Ấp 1", "Đã kích hoạt mức 1"],
              [3, "Lê Minh Châu", "079160772248", "Ấp 2", "Chưa kích hoạt"]]
    loaded = read(write_xls(tmp_path / "trich_xuat.xls", people), "result")
    assert sorted(numbers(loaded)) == [("Ấp 1", "dddt", "result", 2.0), ("Ấp 1", "dddt_muc1", "result", 1.0),
                                       ("Ấp 1", "dddt_muc2", "result", 1.0)]
    assert codes(loaded) == ["citizen-list"]


def test_check_lists_each_problem_where_the_officer_can_find_it(tmp_path: Path, capsys) -> None:
    from chitieu.cli import main

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tuần 3"
    for row in [["STT", "Đơn vị", "Chỉ tiêu định danh điện tử"], [1, "Ấp 1", "1.200"], [2, "Ấp 2", "mười"],
                [None, "Tổng cộng", "=SUM(C2:C3)"]]:
        sheet.append(row)
    book.save(tmp_path / "bao_cao.xlsx")
    assert main(["check", str(tmp_path / "bao_cao.xlsx")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "Lỗi [formula-uncached]: Ô chứa công thức nhưng tệp không lưu giá trị đã tính nên chưa biết số; hãy mở tệp "
        "bằng Excel, lưu lại rồi tải lên lại. [tệp 'bao_cao.xlsx', trang tính 'Tuần 3', dòng 4, cột 'C4']",
        "Lỗi [not-a-number]: Ô có giá trị 'mười' không phải là số. [tệp 'bao_cao.xlsx', trang tính 'Tuần 3', "
        "dòng 3, cột 'C (Chỉ tiêu định danh điện tử)']",
    ]
