"""Bad, hostile and heavy inputs, made by code: what an officer's inbox may hold.

Each case names the file it writes, how to write it, and what chitieu must answer: the codes
of the findings ``chitieu check`` prints, its exit code, where the first finding points (sheet,
row, column), and for a readable file the correct reading — the sum of each indicator and role
over the file's data rows. Heavy files are made once and kept in tests/.cache/.
"""

from __future__ import annotations

import csv
import io
import random
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import openpyxl
import pandas as pd
import xlsxwriter

CACHE = Path(__file__).resolve().parent / ".cache"
HEADER = ["STT", "Đơn vị", "Chỉ tiêu CCCD", "Kết quả CCCD"]
TITLE = "CHỈ TIÊU VÀ KẾT QUẢ THU NHẬN HỒ SƠ CCCD"
UNITS = ["Ấp 1", "Ấp 2", "Ấp 3", "Ấp Tân Phú"]
BIG_ROWS = 1_048_576  # Excel's last row
BIG_CSV_ROWS = 2_000_000
BOMB_BYTES = 4 * 1024 ** 3  # what the zip bomb's sheet inflates to


@dataclass(frozen=True)
class Case:
    """One corpus file and what chitieu must say of it."""

    name: str
    make: Callable[[Path], None]
    codes: tuple[str, ...] = ()  # finding codes printed by ``chitieu check`` (in any order, each at least once)
    exit: int = 0
    where: tuple[str, ...] = ()  # location words in the first finding's text: "trang tính", "dòng", "cột"
    reading: dict[str, float] | None = None  # "indicator:role" → sum over data rows; None: not readable
    units: tuple[str, ...] = ()  # unit names the reading must hold, exactly
    heavy: bool = False  # made once under tests/.cache/; its memory is measured

    def path(self, folder: Path) -> Path:
        """The case's file, made in ``folder`` (heavy ones in the cache) if not there yet."""
        path = (CACHE if self.heavy else folder) / self.name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.partial")
            self.make(partial)
            partial.rename(path)
        return path


# --- writers -------------------------------------------------------------------------------------

def workbook(rows: list[list[object]], *, merged: list[tuple[int, int, int, int, object]] = (),
             hidden: list[list[object]] | None = None, title: str = TITLE) -> Callable[[Path], None]:
    """A writer of a workbook: a title, then ``rows`` (header first); ``merged`` (r0, c0, r1, c1,
    value) counted from the header row; ``hidden`` the rows of a second, hidden sheet."""
    def make(path: Path) -> None:
        book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False,
                                          "strings_to_urls": False})
        sheet = book.add_worksheet("Chỉ tiêu")
        sheet.write_string(0, 0, title)
        covered = {(r, c) for r0, c0, r1, c1, _ in merged for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None and (r, c) not in covered:  # as in Excel, a merge keeps one value
                    sheet.write(r + 2, c, value)
        for r0, c0, r1, c1, value in merged:
            sheet.merge_range(r0 + 2, c0, r1 + 2, c1, value)
        if hidden is not None:
            other = book.add_worksheet("Ẩn")
            for r, row in enumerate(hidden):
                other.write_row(r, 0, row)
            other.hide()
        book.close()
    return make


def table(values: list[tuple[object, object, object]]) -> list[list[object]]:
    """Header and one row per (unit, quota, result)."""
    return [HEADER] + [[i + 1, unit, quota, result] for i, (unit, quota, result) in enumerate(values)]


def plain_rows(values: list[tuple[object, object, object]]) -> list[list[object]]:
    return [[TITLE], []] + table(values)


def csv_text(rows: list[list[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def text_file(text: str, encoding: str, bom: bytes = b"") -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(bom + text.encode(encoding))
    return make


def cp1258_text(text: str) -> str:
    """Vietnamese as Windows-1258 stores it: letters with their shape marks precomposed ("Â",
    "Ơ"), tone marks as combining characters after them ("Ấ" is "Â" + U+0301)."""
    out = []
    for ch in text:
        marks = unicodedata.normalize("NFD", ch)
        shape = unicodedata.normalize("NFC", "".join(m for m in marks if m not in TONE_MARKS))
        out.append(shape + "".join(m for m in marks if m in TONE_MARKS))
    return "".join(out)


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def raw(data: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(data)
    return make


def valid_xlsx() -> bytes:
    path = CACHE / ".valid.xlsx"
    CACHE.mkdir(exist_ok=True)
    workbook(table(SAMPLE))(path)
    return path.read_bytes()


def truncated(path: Path) -> None:
    data = valid_xlsx()
    path.write_bytes(data[: len(data) // 2])


def encrypted(path: Path) -> None:
    import msoffcrypto.format.ooxml as ooxml  # pinned in the test extra

    plain = io.BytesIO(valid_xlsx())
    with open(path, "wb") as out:
        ooxml.OOXMLFile(plain).encrypt("matkhau", out)


SKELETON = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                           'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                           'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                           '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                           'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
                           'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                           'worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                   '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                                  'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                                  'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                                  'Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                       '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                       '<sheets><sheet name="Chỉ tiêu" sheetId="1" r:id="rId1"/></sheets></workbook>',
}
SHEET_OPEN = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<sheetData>')
SHEET_CLOSE = "</sheetData></worksheet>"


def handmade_xlsx(path: Path, parts: dict[str, str], sheet: Callable[[zipfile.ZipFile], None]) -> None:
    """An xlsx written part by part (``parts`` over the skeleton), its sheet written by ``sheet``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in {**SKELETON, **parts}.items():
            book.writestr(name, text)
        sheet(book)


def zip_bomb(path: Path) -> None:
    """A valid xlsx whose one sheet is a few MB on disk and ``BOMB_BYTES`` inflated: the
    compressed stream is made block by block, never the whole inflated text in memory."""
    def sheet(book: zipfile.ZipFile) -> None:
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(SHEET_OPEN.encode())
            block = b" " * (1 << 20)
            for _ in range(BOMB_BYTES // len(block)):
                out.write(block)
            out.write(SHEET_CLOSE.encode())
    handmade_xlsx(path, {}, sheet)


def small_bomb(path: Path) -> None:
    """A sheet of 64 MiB of blanks in about 64 KB: under the total limit, over the ratio."""
    def sheet(book: zipfile.ZipFile) -> None:
        with book.open("xl/worksheets/sheet1.xml", "w") as out:
            out.write(SHEET_OPEN.encode() + b" " * (64 << 20) + SHEET_CLOSE.encode())
    handmade_xlsx(path, {}, sheet)


def oversized(path: Path) -> None:
    """101 MiB of zero bytes, written as a sparse file (no disk used)."""
    with open(path, "wb") as out:
        out.truncate(101 << 20)


def many_members_bomb(path: Path) -> None:
    """1,100 members of 1 MB each, each below the size where the ratio is checked: the total
    inflated size (1.1 GB) gives it away."""
    block = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        for name, text in SKELETON.items():
            book.writestr(name, text)
        book.writestr("xl/worksheets/sheet1.xml", SHEET_OPEN + SHEET_CLOSE)
        for i in range(1100):
            book.writestr(f"xl/media/padding{i}.bin", block)


def billion_laughs(path: Path) -> None:
    """An entity-expansion bomb in the workbook part."""
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE workbook [{entities}]>' + SKELETON["xl/workbook.xml"].split("?>", 1)[1]
    bomb = bomb.replace('name="Chỉ tiêu"', 'name="&a9;"')
    handmade_xlsx(path, {"xl/workbook.xml": bomb}, lambda book: book.writestr("xl/worksheets/sheet1.xml",
                                                                              SHEET_OPEN + SHEET_CLOSE))


def stray_cell_at_last_row(path: Path) -> None:
    """A small table and one stray mark in row 1,048,576: a sheet of a million rows to a reader."""
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Chỉ tiêu")
    for r, row in enumerate(plain_rows(SAMPLE)):
        sheet.write_row(r, 0, row)
    sheet.write_string(BIG_ROWS - 1, 0, ".")
    book.close()


def big_citizen_list(path: Path) -> None:
    """1,048,575 people (Excel's full sheet with its header), counted by hamlet and status."""
    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = book.add_worksheet("Danh sách")
    sheet.write_row(0, 0, ["Họ và tên", "Số định danh", "Ấp", "Trạng thái"])
    for i in range(1, BIG_ROWS):
        sheet.write_string(i, 0, f"Công dân {i}")
        sheet.write_string(i, 1, f"{i:012d}")
        sheet.write_string(i, 2, UNITS[i % 4])
        sheet.write_string(i, 3, STATUSES[i % 3])
    book.close()


def big_csv(path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(HEADER) + "\r\n")
        for i in range(1, BIG_CSV_ROWS + 1):
            out.write(f"{i},Ấp {i},{i % 50},{i % 40}\r\n")


def uncached_formulas(path: Path) -> None:
    """Totals as formulas, saved by openpyxl, which never computes them."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Chỉ tiêu"
    for row in plain_rows(SAMPLE):
        sheet.append(row)
    sheet.append([None, "Tổng cộng", "=SUM(C4:C7)", "=SUM(D4:D7)"])
    book.save(path)


def html_export(path: Path) -> None:
    cells = "".join(f"<tr><td>{i + 1}</td><td>{u}</td><td>{q}</td><td>{r}</td></tr>"
                    for i, (u, q, r) in enumerate(SAMPLE))
    page = (f'<html><head><meta charset="utf-8"></head><body><table border="1"><tr><th colspan="4">{TITLE}</th></tr>'
            + "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + f"</tr>{cells}</table></body></html>")
    path.write_bytes(page.encode("utf-8"))


def random_bytes(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


# --- the cases -----------------------------------------------------------------------------------

SAMPLE = [("Ấp 1", 120, 45), ("Ấp 2", 80, 80), ("Ấp 3", 100, 0), ("Ấp Tân Phú", 60, 75)]
SAMPLE_SUMS = {"cccd:quota": 360, "cccd:result": 200}
STATUSES = ["Đã kích hoạt mức 2", "Đã kích hoạt mức 1", "Chưa kích hoạt"]
ODD_NAMES = ["=1+1", "+84 912 345 678", "-", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"bấm\")"]
LONG_NAME = "Ấp " + "Tân Phú " * 37 + "cuối"  # 300 characters
TCVN3_ROWS = [["STT", "§¬n vÞ", "ChØ tiªu CCCD", "KÕt qu¶ CCCD"], [1, "Êp T©n Phó", 50, 20], [2, "Êp Mü Hßa", 40, 10]]


def sums(values: list[tuple[object, object, object]]) -> dict[str, float]:
    return {"cccd:quota": sum(q for _, q, _ in values if isinstance(q, (int, float)) and q >= 0),
            "cccd:result": sum(r for _, _, r in values if isinstance(r, (int, float)) and r >= 0)}


def rows_of(values: list[tuple[object, object, object]]) -> Callable[[Path], None]:
    return workbook(table(values))


CASES: list[Case] = [
    # the file itself
    Case("rong.xlsx", raw(b""), ("file-empty",), 1),
    Case("rong.csv", raw(b""), ("file-empty",), 1),
    Case("ngau_nhien.xlsx", raw(random_bytes(50_000, 1)), ("file-unreadable",), 1),
    Case("ngau_nhien.xls", raw(random_bytes(50_000, 2)), ("file-unreadable",), 1),
    Case("zip_cat_ngang.xlsx", truncated, ("file-unreadable",), 1),
    Case("dat_mat_khau.xlsx", encrypted, ("file-encrypted",), 1),
    Case("zip_khong_phai_so.xlsx", lambda p: zipfile.ZipFile(p, "w").writestr("ghi_chu.txt", "xin chào"),
         ("file-unreadable",), 1),
    Case("bao_cao.pdf", raw(b"%PDF-1.4\n" + random_bytes(2000, 3)), ("file-format",), 1),
    Case("bao_cao.docx", lambda p: zipfile.ZipFile(p, "w").writestr("word/document.xml", "<w/>"), ("file-format",), 1),
    # hostile
    Case("bom_giai_nen.xlsx", zip_bomb, ("zip-too-large",), 1, heavy=True),
    Case("bom_nho.xlsx", small_bomb, ("zip-ratio",), 1),
    Case("qua_nang.xlsx", oversized, ("file-too-large",), 1),
    Case("bom_nhieu_phan.xlsx", many_members_bomb, ("zip-too-large",), 1, heavy=True),
    Case("bom_thuc_the_xml.xlsx", billion_laughs, ("file-unreadable",), 1),
    Case("zip_duong_dan_la.xlsx", lambda p: zipfile.ZipFile(p, "w").writestr("../../../etc/chitieu.txt", "x"),
         ("file-unreadable",), 1),
    # heavy
    Case("mot_trieu_dong.xlsx", big_citizen_list, ("citizen-list",), 0,
         reading={"dddt_muc1:result": 349_525, "dddt_muc2:result": 349_525, "dddt:result": 699_050}, heavy=True),
    Case("o_lac_dong_cuoi.xlsx", stray_cell_at_last_row, ("too-many-cells",), 1, ("trang tính",), heavy=True),
    Case("hai_trieu_dong.csv", big_csv, ("too-many-cells",), 1, ("trang tính",), heavy=True),
    # encodings
    Case("windows_1258.csv", text_file(cp1258_text(csv_text(plain_rows(SAMPLE))), "cp1258"), reading=SAMPLE_SUMS, units=tuple(UNITS)),
    Case("utf16.csv", text_file(csv_text(plain_rows(SAMPLE)).replace(",", "\t"), "utf-16"), reading=SAMPLE_SUMS,
         units=tuple(UNITS)),
    Case("utf8_bom.csv", text_file(csv_text(plain_rows(SAMPLE)), "utf-8", b"\xef\xbb\xbf"), reading=SAMPLE_SUMS,
         units=tuple(UNITS)),
    Case("tcvn3_vntime.xlsx", workbook(TCVN3_ROWS, title="ChØ tiªu thu nhËn hå s¬ CCCD"), ("text-tcvn3",), 0,
         ("trang tính", "dòng", "cột"), reading={"cccd:quota": 90, "cccd:result": 30}, units=("ấp Tân Phú", "ấp Mỹ Hòa")),
    # what the sheet holds
    # (check also says file-nothing-counted of these three: nothing in them can be counted)
    Case("chi_co_tieu_de.xlsx", workbook([["(Kèm theo Kế hoạch số 142/KH-UBND ngày 14/7/2023)"]]), ("no-table",), 1,
         ("trang tính",), reading={}),
    Case("trang_trong.xlsx", workbook([], title=""), ("no-table",), 1, ("trang tính",), reading={}),
    Case("tieu_de_khong_so_lieu.xlsx", workbook([HEADER]), ("table-empty",), 1, ("trang tính",), reading={}),
    Case("don_vi_trung.xlsx", rows_of(SAMPLE + [("Ấp 1", 10, 5), ("ấp  1", 1, 1)]), reading=sums(
        SAMPLE + [("Ấp 1", 10, 5), ("ấp  1", 1, 1)])),
    Case("so_am.xlsx", rows_of(SAMPLE + [("Ấp 5", -20, -3)]), ("negative-number",), 1, ("trang tính", "dòng", "cột"),
         reading=SAMPLE_SUMS),
    Case("chu_trong_o_so.xlsx", rows_of(SAMPLE + [("Ấp 5", "không", "N/A"), ("Ấp 6", "x", 7)]), ("not-a-number",), 1,
         ("trang tính", "dòng", "cột"), reading={"cccd:quota": 360, "cccd:result": 207}),
    Case("dong_thieu_ten_don_vi.xlsx", workbook(table(SAMPLE) + [[5, None, 30, 10]]), ("row-without-unit",), 1,
         ("trang tính", "dòng", "cột"), reading=SAMPLE_SUMS),
    Case("ket_qua_gap_muoi.xlsx", rows_of(SAMPLE + [("Ấp 5", 50, 500)]), ("result-implausible",), 0,
         ("trang tính", "dòng", "cột"), reading=sums(SAMPLE + [("Ấp 5", 50, 500)])),
    Case("so_dang_chu.xlsx", rows_of([("Ấp 1", "50.802", "1.057"), ("Ấp 2", "1.000", "12")]),
         reading={"cccd:quota": 51_802, "cccd:result": 1_069}),
    Case("cong_thuc_chua_tinh.xlsx", uncached_formulas, ("formula-uncached",), 1, ("trang tính", "dòng", "cột"),
         reading=SAMPLE_SUMS),
    Case("tong_sai.xlsx", rows_of(SAMPLE + [("Tổng cộng", 999, 200)]), ("total-mismatch",), 1,
         ("trang tính", "dòng", "cột"), reading=SAMPLE_SUMS),
    Case("o_gop_qua_dong.xlsx", workbook(table(SAMPLE), merged=[(1, 2, 2, 2, 200)]), ("merged-figure",), 0,
         ("trang tính", "dòng", "cột"), reading={"cccd:quota": 360, "cccd:result": 200}),
    Case("trang_an.xlsx", workbook(table(SAMPLE), hidden=table([("Ấp 9", 1000, 1000)])), ("sheet-hidden",), 0,
         ("trang tính",), reading=SAMPLE_SUMS),
    Case("ngay_so_va_chu.xlsx", workbook([["Ngày", "Đơn vị", "Chỉ tiêu", "Kết quả trong ngày"],
                                          [45126, "Ấp 1", "Định danh điện tử", 5],
                                          ["19/07/2023", "Ấp 1", "Định danh điện tử", 7],
                                          ["ngày 20 tháng 7 năm 2023", "Ấp 2", "Định danh điện tử", 4]]),
         reading={"dddt:result": 16}),
    # names
    Case("ten_nhu_cong_thuc.xlsx", rows_of([(n, 10, 4) for n in ODD_NAMES]), reading={"cccd:quota": 50, "cccd:result": 20},
         units=tuple(ODD_NAMES)),
    Case("ten_300_ky_tu.xlsx", rows_of([(LONG_NAME, 10, 4), ("Ấp 2", 5, 5)]), reading={"cccd:quota": 15, "cccd:result": 9},
         units=(LONG_NAME, "Ấp 2")),
    Case("emoji_ky_tu_dieu_khien.xlsx", rows_of([("Ấp 1 🎉", 10, 4), ("Ấp\x072\x1f", 5, 5), ("Ấp\u200b 3", 1, 1)]),
         reading={"cccd:quota": 16, "cccd:result": 10}, units=("Ấp 1 🎉", "Ấp2", "Ấp 3")),
    # disguised web exports
    Case("xuat_tu_web_html.xls", html_export, reading=SAMPLE_SUMS, units=tuple(UNITS)),
    Case("xuat_tu_web_html.xlsx", html_export, reading=SAMPLE_SUMS, units=tuple(UNITS)),
    Case("thuc_ra_la_csv.xlsx", text_file(csv_text(plain_rows(SAMPLE)), "utf-8"), reading=SAMPLE_SUMS,
         units=tuple(UNITS)),
    Case("ngau_nhien.csv", raw(random_bytes(20_000, 4)), ("file-unreadable",), 1),
    Case("o_qua_dai.csv", raw(b"STT,\xc4\x90\xc6\xa1n v\xe1\xbb\x8b\r\n1," + b"x" * 200_000), ("file-unreadable",), 1),
    Case("dong_xuong_dong_le.csv", raw(csv_text(plain_rows(SAMPLE)).replace("\r\n", "\r").encode()),
         reading=SAMPLE_SUMS, units=tuple(UNITS)),
    # the sample itself, as a control
    Case("hop_le.xlsx", rows_of(SAMPLE), reading=SAMPLE_SUMS, units=tuple(UNITS)),
]

READABLE = [case for case in CASES if case.reading is not None]


def counted_sums(loaded) -> dict[str, float]:
    """What chitieu counted, per "indicator:role": a snapshot table's figures added up, an
    increments table's (cumulated per unit) taken at each unit's last day."""
    records = loaded.records[loaded.records["indicator"].notna()]
    increments = {(t.file, t.sheet) for t in loaded.tables if t.increments}
    in_increments = pd.Series([(f, s) in increments for f, s in zip(records["file"], records["sheet"])],
                              index=records.index, dtype=bool)
    last = (records[in_increments].sort_values("as_of", kind="stable")
            .drop_duplicates(["file", "sheet", "unit", "indicator", "role"], keep="last"))
    both = pd.concat([records[~in_increments], last])
    sums = both.groupby(both["indicator"] + ":" + both["role"])["value"].sum()
    return {key: float(value) for key, value in sums.items()}
