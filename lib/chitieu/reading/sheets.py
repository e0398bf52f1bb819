"""Read a file into cell grids, one per sheet (python-calamine for workbooks)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import python_calamine as calamine

from chitieu.findings import fail
from chitieu.reading.disguise import html_table, real_format
from chitieu.reading.guards import CSV_DELIMITERS as DELIMITER_BYTES
from chitieu.reading.guards import check_file
from chitieu.reading.xlsx_parts import DAMAGED_ZIP, sheet_parts

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt"}
CSV_DELIMITERS = DELIMITER_BYTES.decode("ascii")


@dataclass
class Sheet:
    """A sheet as a grid of cell values (None for blank), with its merged ranges.

    ``merged`` holds (first_row, first_col, last_row, last_col), 0-based and inclusive;
    ``uncached`` the cells ("B7") holding a formula saved without its computed value.
    """

    file: str
    name: str
    rows: list[list[object]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False
    uncached: list[str] = field(default_factory=list)


def read_sheets(path: str | Path, content: bytes | None = None, *, name: str | None = None) -> list[Sheet]:
    """Every sheet of a workbook or CSV file as a grid.

    ``content`` reads from bytes already in memory (an upload); ``name`` is the
    file name shown in messages (defaults to the path's name).

    >>> sheets = read_sheets("inputs/soc_trang/chi_tieu_dddt.xlsx")
    >>> sheets[0].name, sheets[0].rows[0][0]
    ('Phụ lục', 'CHỈ TIÊU THU NHẬN VÀ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ')
    """
    return sheets_begun(path, content, name=name)()


def sheets_begun(path: str | Path, content: bytes | None = None, *, name: str | None = None,
                 parser: Executor | None = None) -> Callable[[], list[Sheet]]:
    """``read_sheets`` begun: the file checked and, given a ``parser``, its workbook parsed there meanwhile
    (calamine parses without holding Python's lock, so one file is parsed while the one before is laid out);
    the call returned gives the sheets."""
    path = Path(path)
    shown = name or path.name
    check_file(path, content, shown)
    if content is None:
        if not path.is_file():
            raise fail("file-missing", file=shown)
        content = path.read_bytes()
    if not content:
        raise fail("file-empty", file=shown)
    suffix = path.suffix.lower()
    real = real_format(content)  # web exports: an HTML table or a CSV named .xls/.xlsx
    if real == "html":
        page = [Sheet(shown, Path(shown).stem, *html_table(decode_text(content)))]
        return lambda: page
    if suffix in CSV_SUFFIXES and real == "binary":
        raise fail("file-unreadable", file=shown)
    if suffix in CSV_SUFFIXES or (real == "text" and suffix in WORKBOOK_SUFFIXES):
        text = [_csv_sheet(content, shown)]
        return lambda: text
    if suffix not in WORKBOOK_SUFFIXES:
        raise fail("file-format", file=shown, suffix=suffix or "(không có đuôi)")
    parsed = partial(_parsed_workbook, content, shown) if parser is None else parser.submit(
        _parsed_workbook, content, shown).result
    return partial(_workbook_sheets, parsed, content, shown)


ParsedSheets = list[tuple[calamine.SheetMetadata, calamine.CalamineSheet]]


def _parsed_workbook(content: bytes, shown: str) -> ParsedSheets:
    """Each sheet of a workbook as calamine parsed it, not yet as Python values: the part that runs
    without Python's lock."""
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except calamine.PasswordError:
        raise fail("file-encrypted", file=shown) from None
    except Exception:
        # An encrypted xlsx is an OLE container, not a zip: calamine cannot tell it from junk.
        if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and b"E\x00n\x00c\x00r\x00y\x00p\x00t" in content[:65536]:
            raise fail("file-encrypted", file=shown) from None
        raise fail("file-unreadable", file=shown) from None
    parsed = []
    for meta in book.sheets_metadata:
        try:
            parsed.append((meta, book.get_sheet_by_name(meta.name)))
        except Exception:
            raise fail("file-unreadable", file=shown, sheet=meta.name) from None
    return parsed


def _workbook_sheets(parsed: Callable[[], ParsedSheets], content: bytes, shown: str) -> list[Sheet]:
    sheets = []
    uncached = uncached_formula_cells(content)
    for meta, sheet in parsed():
        try:
            rows = [_cells(row) for row in sheet.to_python(skip_empty_area=False)]
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
        except Exception:
            raise fail("file-unreadable", file=shown, sheet=meta.name) from None
        hidden = meta.visible != calamine.SheetVisibleEnum.Visible
        sheets.append(Sheet(shown, meta.name, rows, merged, hidden, uncached.get(meta.name, [])))
    return sheets


_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+\d+)"[^>/]*>((?:(?!</c>).)*?<f[ >/](?:(?!</c>).)*)</c>', re.S)
_CACHED_VALUE = re.compile(rb"<v>[^<]")


def uncached_formula_cells(content: bytes) -> dict[str, list[str]]:
    """Per sheet name, the cells of an xlsx/xlsm whose formula has no cached value.

    Calamine reads such a cell as blank (or drops it), which would pass for "no
    value"; a program that writes formulas without computing them (openpyxl, a
    script) leaves them so until Excel recalculates and saves the file.
    """
    if not content.startswith(b"PK"):
        return {}
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            found = {}
            for name, part in sheet_parts(book).items():
                xml = book.read(part)
                if b"<f" in xml:
                    cells = [m.group(1).decode() for m in _FORMULA_CELL.finditer(xml)
                             if not _CACHED_VALUE.search(m.group(2))]
                    if cells:
                        found[name] = cells
            return found
    except (*DAMAGED_ZIP, KeyError, ET.ParseError):
        return {}  # a damaged part: calamine reports the file unreadable when it reads that sheet


def _cells(row: list[object]) -> list[object]:
    """A row's cells, text stripped and blank text as None: inline, as this runs for every cell of a sheet."""
    return [(value.strip() or None) if value.__class__ is str else value for value in row]


def _csv_sheet(content: bytes, shown: str) -> Sheet:
    text = decode_text(content)
    try:
        rows = [_cells(row)
                for row in csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))]
    except csv.Error:  # a field over the csv module's limit (131,072 characters), a stray quote …
        raise fail("file-unreadable", file=shown) from None
    return Sheet(shown, Path(shown).stem, rows)


def csv_delimiter(text: str) -> str:
    """The separator of a CSV text (",", ";", tab or "|"), guessed from its beginning;
    when title rows above the table leave the sniffer unsure, the most frequent one."""
    sample = text[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        return max(CSV_DELIMITERS, key=sample.count)


def decode_text(content: bytes) -> str:
    """Text of a CSV in UTF-8 (with or without BOM), UTF-16 (BOM) or Windows-1258."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return content.decode("utf-16", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1258 stores Vietnamese with combining tone marks; NFC happens in layout.
        return content.decode("cp1258", errors="replace")


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, or "" when it cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""
