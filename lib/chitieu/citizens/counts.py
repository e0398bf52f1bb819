"""Citizen-level lists (one row per person) counted per unit and indicator.

A list exported from the national population database holds names, 12-digit
personal IDs and birth dates: personal data (Decree 13/2023/NĐ-CP). Only the
counted columns — commune, residence, receiving unit, status — are ever kept: in an
xlsx/xlsm they are streamed out of the sheet's XML (sheet_stream), in a CSV pandas
reads them alone (``usecols``), as text; a .xls/.ods list is counted from the grid
calamine already read, keeping only those columns. Names and IDs are never copied,
logged or put in a finding; what comes out is a count per unit × indicator.
"""

from __future__ import annotations

import csv
import io
import itertools
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from chitieu.findings import Finding, fail, finding
from chitieu.reading.sheets import CSV_SUFFIXES, Sheet, csv_delimiter, decode_text
from chitieu.reading.stream import count_rows, read_head
from chitieu.text import fold

VOCABULARY_PATH = Path(__file__).with_name("citizen.yaml")
HEADER_SEARCH_ROWS = 30
STREAMED_SUFFIXES = {".xlsx", ".xlsm"}
LEVELS = {"dddt_muc1": "residence", "dddt_muc2": "receiving"}  # which unit each level is counted by


@dataclass(frozen=True)
class CitizenColumns:
    """Where a citizen list's header is and which columns are counted (0-based)."""

    header_row: int
    residence: int
    status: int
    receiving: int | None = None
    commune: int | None = None  # when the residence is a hamlet: the commune it belongs to

    def counted(self) -> dict[str, int]:
        """The columns read, by the name they are counted under."""
        named = {"residence": self.residence, "status": self.status, "receiving": self.receiving,
                 "commune": self.commune}
        return {name: col for name, col in named.items() if col is not None}


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    data = yaml.safe_load(VOCABULARY_PATH.read_text(encoding="utf-8"))
    columns = {role: tuple(fold(w) for w in words) for role, words in data["columns"].items()}
    statuses = {code: tuple(fold(w) for w in words) for code, words in data["statuses"].items()}
    return {"columns": columns, "statuses": statuses}


def find_citizen_columns(rows: list[list[object]]) -> CitizenColumns | None:
    """The citizen-list header among the first rows of a sheet, if the sheet is one:
    a row naming a personal-ID, a name, a status and a residence column."""
    words = _vocabulary()["columns"]
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        folded = [fold(v) if isinstance(v, str) else "" for v in row]
        found = {role: _first_column(folded, words[role]) for role in words}
        if all(found[role] is not None for role in ("id", "name", "status", "residence")):
            commune = found["commune"] if found["commune"] != found["residence"] else None
            return CitizenColumns(r, found["residence"], found["status"], found["receiving"], commune)
    return None


def _first_column(folded: list[str], words: tuple[str, ...]) -> int | None:
    """The column whose label is the earliest of ``words`` (finest unit first)."""
    for word in words:
        if word in folded:
            return folded.index(word)
    return None


def status_indicator(status: str) -> str | None:
    """The indicator a status counts for ("Đã kích hoạt mức 2" → dddt_muc2), "not_counted",
    or None when the status is not known."""
    folded = fold(status)
    best, length = None, 0
    for code, words in _vocabulary()["statuses"].items():
        for word in words:
            if len(word) > length and (folded == word or f" {word} " in f" {folded} "):
                best, length = code, len(word)
    return best


def read_citizen_list(path: str | Path, *, as_of: date | None = None) -> tuple[pd.DataFrame, list[Finding]] | None:
    """Counts of the citizen list in an xlsx/xlsm workbook's first sheet or in a CSV file,
    or None if it is not one (or is a workbook that `count_sheet_citizens` reads from its grid).

    Only the first rows are looked at to decide, so an ordinary workbook is left
    for calamine to read once.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in STREAMED_SUFFIXES:
        return _streamed_citizen_list(path, as_of)
    if suffix in CSV_SUFFIXES:
        return _csv_citizen_list(path, as_of)
    return None


def _streamed_citizen_list(path: Path, as_of: date | None) -> tuple[pd.DataFrame, list[Finding]] | None:
    """A workbook's citizen list, its counted columns streamed out of the sheet's XML."""
    head = read_head(path, HEADER_SEARCH_ROWS)
    if head is None:
        return None
    sheet, rows = head
    columns = find_citizen_columns(rows)
    del rows  # the first people on the list, if the header is short
    if columns is None:
        return None
    counted, people = count_rows(path, columns.counted(), columns.header_row + 1)
    return citizen_records(counted, people, file=path.name, sheet=sheet, as_of=as_of)


def _csv_citizen_list(path: Path, as_of: date | None) -> tuple[pd.DataFrame, list[Finding]] | None:
    """A citizen list saved as CSV: only its counted columns are parsed, as text."""
    if not path.is_file():
        return None  # read_sheets says the file is missing
    text = decode_text(path.read_bytes())
    delimiter = csv_delimiter(text)
    try:
        head = list(itertools.islice(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter),
                                     HEADER_SEARCH_ROWS))
    except csv.Error:
        return None  # not a list; read_sheets tells what is wrong with the file
    columns = find_citizen_columns([[value.strip() or None for value in row] for row in head])
    width = max(map(len, head), default=0)
    del head
    if columns is None:
        return None
    counted = columns.counted()
    # Named columns as wide as the header: a row cut short after its last value, or an
    # empty list, still reads (index_col=False: a trailing separator is not an index).
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, skiprows=columns.header_row + 1,
                            names=range(width), index_col=False, usecols=list(counted.values()), dtype=str,
                            keep_default_na=False, skip_blank_lines=True)
    except (pd.errors.ParserError, csv.Error):
        raise fail("file-unreadable", file=path.name) from None
    del text
    frame = frame[list(counted.values())].set_axis(list(counted), axis=1)
    return _frame_citizens(frame, file=path.name, sheet=path.stem, as_of=as_of)


def count_sheet_citizens(sheet: Sheet, *, as_of: date | None = None) -> tuple[pd.DataFrame, list[Finding]] | None:
    """Counts of a citizen list read as a grid (.xls, .ods, an xlsx whose cells carry no
    reference), or None if the sheet is not one."""
    columns = find_citizen_columns(sheet.rows[:HEADER_SEARCH_ROWS])
    if columns is None:
        return None
    people = sheet.rows[columns.header_row + 1:]
    frame = pd.DataFrame({name: [row[col] if col < len(row) else None for row in people]
                          for name, col in columns.counted().items()}, dtype=object)
    return _frame_citizens(frame, file=sheet.file, sheet=sheet.name, as_of=as_of)


def _frame_citizens(frame: pd.DataFrame, *, file: str, sheet: str,
                    as_of: date | None) -> tuple[pd.DataFrame, list[Finding]]:
    """Counts from the counted columns of a list, one row per person (blank rows skipped)."""
    frame = frame.apply(_text_or_none)
    frame = frame[frame.notna().any(axis=1)]
    counted = frame.groupby(list(frame.columns), sort=False, dropna=False).size().reset_index(name="value")
    return citizen_records(counted.astype({"value": "int64"}), len(frame), file=file, sheet=sheet, as_of=as_of)


def _nfc(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _text_or_none(column: pd.Series) -> pd.Series:
    text = column.astype("str").str.strip()
    return text.where(text != "")


def citizen_records(counted: pd.DataFrame, people: int, *, file: str, sheet: str,
                    as_of: date | None = None) -> tuple[pd.DataFrame, list[Finding]]:
    """Counts per (unit, indicator) as result records, and findings, from how many
    people ("value") have each combination of the counted columns ("residence",
    "status", and "receiving", "commune" if any) of a list of ``people`` rows.

    Level-1 accounts count for the residence unit; level-2 for the receiving unit
    when the list has that column. "dddt" (level 1 + level 2) is their sum.
    """
    for name in ("residence", "receiving", "commune"):
        if name in counted:
            counted[name] = counted[name].map(_nfc)
    statuses = {s: status_indicator(s) for s in counted["status"].dropna().unique()}
    counted["indicator"] = counted["status"].map(statuses)
    findings = [finding("status-unknown", file=file, sheet=sheet, status=status,
                        count=int(counted.loc[counted["status"] == status, "value"].sum()))
                for status, code in statuses.items() if code is None]
    counted = counted[counted["indicator"].isin(LEVELS)]
    counted["unit"] = counted["residence"]
    counted["parent"] = counted["commune"] if "commune" in counted else None
    if "receiving" in counted:
        by_receiver = (counted["indicator"].map(LEVELS) == "receiving") & counted["receiving"].notna()
        counted.loc[by_receiver, "unit"] = counted.loc[by_receiver, "receiving"]
        counted.loc[by_receiver, "parent"] = None
    keys = ["parent", "unit"]
    per_unit = counted.groupby([*keys, "indicator"], as_index=False, sort=False, dropna=False)["value"].sum()
    both = per_unit.groupby(keys, as_index=False, sort=False, dropna=False)["value"].sum().assign(indicator="dddt")
    records = pd.concat([per_unit, both], ignore_index=True)
    records = records.assign(file=file, sheet=sheet, level=records["parent"].notna().astype(int), role="result",
                             confidence=1.0,
                             as_of=as_of, label="Danh sách công dân")
    findings.append(finding("citizen-list", file=file, sheet=sheet, people=people))
    return records, findings
