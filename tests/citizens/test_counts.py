"""A citizen list exported from the population database is counted per unit, and the
people in it never leave the file: no name, no ID number in records or findings."""

from __future__ import annotations

import re
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from chitieu.citizens.counts import status_indicator
from chitieu.mapping.records import read_records

from .test_worklist import write_list as write_people

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_read import write_citizen_list  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_gallery import encode_cp1258, write_xls  # noqa: E402

HEADER = ["STT", "Họ và tên", "Số định danh cá nhân", "Ngày sinh", "Ấp", "Nơi tiếp nhận", "Trạng thái"]
PEOPLE = [
    [1, "Nguyễn Văn An", "079160772246", "01/02/1980", "Ấp Tân Phú", "Công an xã", "Đã kích hoạt mức 2"],
    [2, "Trần Thị Bình", "079160772247", "03/04/1990", "Ấp Tân Phú", "Công an huyện", "Đã kích hoạt mức 2"],
    [3, "Lê Minh Châu", "079160772248", "05/06/2001", "Ấp Tân Phú", None, "Đã kích hoạt mức 1"],
    [4, "Phạm Thị Dung", "079160772249", "07/08/1975", "Ấp Tân Mỹ", "Công an xã", "Chưa kích hoạt"],
    [5, "Võ Hữu Phước", "079160772250", "09/10/1968", "Ấp Tân Mỹ", None, "Đã kích hoạt mức 1"],
    [6, "Huỳnh Ngọc Hân", "079160772251", "11/12/2005", "Ấp Tân Mỹ", None, "Chờ xác minh"],
]


def write_list(path: Path) -> Path:
    return write_people(path, PEOPLE, HEADER, "DS")


def test_a_citizen_list_is_counted_per_unit_level_2_by_the_receiving_unit(tmp_path: Path) -> None:
    loaded = read_records([write_list(tmp_path / "trich_xuat_2023-07-27.xlsx")], "result")
    r = loaded.records
    counts = {(u, i): v for u, i, v in zip(r["unit"], r["indicator"], r["value"])}
    assert counts == {
        ("Công an xã", "dddt_muc2"): 1, ("Công an huyện", "dddt_muc2"): 1,
        ("Ấp Tân Phú", "dddt_muc1"): 1, ("Ấp Tân Mỹ", "dddt_muc1"): 1,
        ("Công an xã", "dddt"): 1, ("Công an huyện", "dddt"): 1, ("Ấp Tân Phú", "dddt"): 1, ("Ấp Tân Mỹ", "dddt"): 1,
    }
    assert set(r["role"]) == {"result"} and set(r["as_of"]) == {date(2023, 7, 27)}
    assert sorted(f.code for f in loaded.findings) == ["citizen-list", "status-unknown"]
    unknown = next(f for f in loaded.findings if f.code == "status-unknown")
    assert "'Chờ xác minh' (1 người)" in unknown.message


def test_names_and_id_numbers_never_leave_the_file(tmp_path: Path) -> None:
    loaded = read_records([write_list(tmp_path / "ds.xlsx")], "result")
    everything = loaded.records.astype(str).to_csv() + " ".join(f.text() for f in loaded.findings)
    for _, name, number, born, *_ in PEOPLE:
        assert name not in everything and number not in everything and born not in everything


def test_status_words() -> None:
    assert [status_indicator(s) for s in ["Đã kích hoạt mức 2", "ĐÃ KÍCH HOẠT MỨC 1", "Chưa kích hoạt mức 2",
                                          "Chưa đăng ký", "Đang xử lý"]] == [
        "dddt_muc2", "dddt_muc1", "not_counted", "not_counted", None]


def test_the_benchmark_list_counts_every_activated_person(tmp_path: Path) -> None:
    path = write_citizen_list(tmp_path / "ds.xlsx", 2000)
    loaded = read_records([path], "result")
    r = loaded.records
    import pandas as pd

    people = pd.read_excel(path, dtype=str, engine="calamine")
    activated = people["Trạng thái"].str.startswith("Đã kích hoạt").sum()
    assert r.loc[r["indicator"] == "dddt", "value"].sum() == activated
    assert people["Số định danh cá nhân"].str.len().eq(12).all()  # the IDs keep their leading zero


def test_hamlets_of_the_same_name_in_two_communes_stay_apart(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Họ và tên", "Số CCCD", "Xã/Phường", "Ấp", "Trạng thái"])
    people = [("Xã Minh Thắng", "Ấp 2"), ("Xã Minh Thắng", "Ấp 2"), ("Xã Minh Hưng", "Ấp 2")]
    for r, (commune, hamlet) in enumerate(people, start=1):
        sheet.write_row(r, 0, ["Nguyễn Văn An", f"07916077224{r}", commune, hamlet, "Đã kích hoạt mức 1"])
    book.close()
    r = read_records([path], "result").records
    counts = r[r["indicator"] == "dddt_muc1"]
    assert list(zip(counts["parent"], counts["unit"], counts["level"], counts["value"])) == [
        ("Xã Minh Thắng", "Ấp 2", 1, 2), ("Xã Minh Hưng", "Ấp 2", 1, 1)]


COUNTS = {
    ("Công an xã", "dddt_muc2"): 1, ("Công an huyện", "dddt_muc2"): 1,
    ("Ấp Tân Phú", "dddt_muc1"): 1, ("Ấp Tân Mỹ", "dddt_muc1"): 1,
    ("Công an xã", "dddt"): 1, ("Công an huyện", "dddt"): 1, ("Ấp Tân Phú", "dddt"): 1, ("Ấp Tân Mỹ", "dddt"): 1,
}
LIST_ROWS = [["DANH SÁCH CÔNG DÂN KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ"], [], HEADER, *PEOPLE]


def counts(path: Path) -> dict[tuple[str, str], float]:
    r = read_records([path], "result").records
    return {(u, i): v for u, i, v in zip(r["unit"], r["indicator"], r["value"])}


def write_inline_strings(path: Path) -> Path:
    """xlsxwriter's constant-memory mode writes every text inline (t="inlineStr")."""
    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = book.add_worksheet("DS")
    for r, row in enumerate(LIST_ROWS):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    book.close()
    return path


def write_openpyxl(path: Path) -> Path:
    """Excel's own attribute order (r, s, t) and shared strings, with a styled blank cell."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in LIST_ROWS:
        sheet.append(row)
    sheet["F6"].number_format = "@"  # an empty receiving-unit cell that still has a style
    book.save(path)
    return path


def write_without_references(path: Path) -> Path:
    """A sheet whose cells leave out their reference (r="B4"), which the format allows:
    every cell is then written in its place, blank ones too."""
    book = xlsxwriter.Workbook(path.with_suffix(".tmp.xlsx"))
    sheet, blank = book.add_worksheet("DS"), book.add_format({"border": 1})
    for r, row in enumerate(LIST_ROWS):
        for c, value in enumerate(row):
            sheet.write_blank(r, c, None, blank) if value is None else sheet.write(r, c, value)
    book.close()
    with zipfile.ZipFile(path.with_suffix(".tmp.xlsx")) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'(<c) r="[A-Z]+\d+"', rb"\1", data)
            dst.writestr(item, data)
    return path


def write_list_xls(path: Path) -> Path:
    return write_xls(path, LIST_ROWS)


@pytest.mark.parametrize("writer, name", [(write_list, "ds.xlsx"), (write_inline_strings, "ds.xlsx"),
                                          (write_openpyxl, "ds.xlsx"), (write_openpyxl, "ds.xlsm"),
                                          (write_without_references, "ds.xlsx"), (write_list_xls, "ds.xls")])
def test_the_same_list_gives_the_same_counts_whatever_wrote_it(tmp_path: Path, writer, name: str) -> None:
    assert counts(writer(tmp_path / name)) == COUNTS


@pytest.mark.parametrize("encoding, sep", [("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("cp1258", ",")])
def test_a_list_saved_as_csv_is_counted_the_same(tmp_path: Path, encoding: str, sep: str) -> None:
    lines = [sep.join("" if v is None else f'"{v}"' if sep in str(v) else str(v) for v in row) for row in LIST_ROWS]
    text = "\r\n".join(lines) + "\r\n"
    path = tmp_path / "ds.csv"
    path.write_bytes(encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    loaded = read_records([path], "result")
    assert counts(path) == COUNTS
    assert "citizen-list" in [f.code for f in loaded.findings]
    everything = loaded.records.astype(str).to_csv() + " ".join(f.text() for f in loaded.findings)
    assert not any(number in everything for _, _, number, *_ in PEOPLE)


def test_a_list_of_many_people_in_shared_strings_is_counted_without_its_names(tmp_path: Path) -> None:
    """Names and IDs share the strings table with the units and statuses; the counts
    still come out right when the counted strings sit among thousands of others."""
    path = tmp_path / "ds.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Họ và tên", "Số định danh cá nhân", "Ấp", "Trạng thái"])
    for r in range(1, 30001):
        sheet.write_row(r, 0, [f"Người thứ {r}", f"{r:012d}", "Ấp Tân Phú" if r % 3 else "Ấp Tân Mỹ",
                               "Đã kích hoạt mức 1" if r % 2 else "Chưa kích hoạt"])
    book.close()
    assert counts(path) == {("Ấp Tân Phú", "dddt_muc1"): 10000, ("Ấp Tân Mỹ", "dddt_muc1"): 5000,
                            ("Ấp Tân Phú", "dddt"): 10000, ("Ấp Tân Mỹ", "dddt"): 5000}


def test_a_row_too_long_to_be_a_list_is_refused_not_read_into_memory(tmp_path: Path, monkeypatch) -> None:
    """A zip bomb (a row of gigabytes) is told apart from a list: here with the limits made small."""
    from chitieu.findings import ChitieuError
    from chitieu.reading import stream as sheet_stream

    path = write_list(tmp_path / "ds.xlsx")
    monkeypatch.setattr(sheet_stream, "CHUNK", 64)
    monkeypatch.setattr(sheet_stream, "MAX_ELEMENT", 200)
    with pytest.raises(ChitieuError) as error:
        read_records([path], "result")
    assert error.value.finding.code == "file-unreadable"


def test_a_hand_edited_csv_list_with_short_rows_and_blank_lines_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text("Họ và tên,Số CCCD,Ấp,Trạng thái,Ghi chú\n"
                    "Nguyễn Văn An,079160772246,Ấp 1,Đã kích hoạt mức 1\n"  # no note, no trailing comma
                    "Trần Thị Bình,079160772247,Ấp 2,Đã kích hoạt mức 2,gọi lại,\n"  # a trailing comma
                    "\n"
                    "Lê Minh Châu,079160772248,Ấp 2,Chưa kích hoạt,,\n", encoding="utf-8")
    assert counts(path) == {("Ấp 1", "dddt_muc1"): 1, ("Ấp 2", "dddt_muc2"): 1, ("Ấp 1", "dddt"): 1,
                            ("Ấp 2", "dddt"): 1}
    header_only = tmp_path / "rong.csv"
    header_only.write_text("Họ và tên,Số CCCD,Ấp,Trạng thái\n", encoding="utf-8")
    assert counts(header_only) == {}


def test_each_workbook_is_parsed_once(tmp_path: Path, monkeypatch) -> None:
    """A quota workbook is read by calamine alone (the citizen-list probe looks at its first
    rows only); a citizen list is streamed alone, never handed to calamine."""
    from chitieu.citizens import counts as extract
    from chitieu.mapping import records

    calls: list[str] = []
    sheets_begun, count_rows = records.sheets_begun, extract.count_rows
    monkeypatch.setattr(records, "sheets_begun", lambda *a, **k: calls.append("calamine") or sheets_begun(*a, **k))
    monkeypatch.setattr(extract, "count_rows", lambda *a, **k: calls.append("stream") or count_rows(*a, **k))
    quota = tmp_path / "chi_tieu.xlsx"
    book = xlsxwriter.Workbook(quota)
    sheet = book.add_worksheet()
    for r, row in enumerate([["STT", "Đơn vị", "Chỉ tiêu kích hoạt định danh điện tử"], [1, "Ấp 1", 120]]):
        sheet.write_row(r, 0, row)
    book.close()
    read_records([quota])
    assert calls == ["calamine"]
    calls.clear()
    read_records([write_list(tmp_path / "ds.xlsx")], "result")
    assert calls == ["stream"]
