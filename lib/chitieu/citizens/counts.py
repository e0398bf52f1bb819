"""Citizen-level lists (one row per person) counted per unit and indicator.

A list exported from the national population database holds names, 12-digit
personal IDs and birth dates: personal data (Decree 13/2023/NĐ-CP). Only the
counted columns — commune, residence, receiving unit, status — are ever kept: in an
xlsx/xlsm they are streamed out of the sheet's XML (sheet_stream), in a CSV pyarrow
streams them a block at a time (citizens/rows.py), as text; a .xls/.ods list is counted from the grid
calamine already read, keeping only those columns. Names and IDs are never copied,
logged or put in a finding; what comes out is a count per unit × indicator.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pandas as pd

from chitieu.citizens.kept import CitizenCount, read_kept_counts
from chitieu.citizens.rows import Progress, count_csv, csv_head, progress_listener
from chitieu.findings import Finding, finding
from chitieu.reading.sheets import CSV_SUFFIXES, Sheet, read_sheets
from chitieu.reading.stream import count_rows, read_head
from chitieu.text import fold, has_word
from chitieu.yamlfile import read_yaml

VOCABULARY_PATH = Path(__file__).with_name("citizen.yaml")
HEADER_SEARCH_ROWS = 30
CONTENT_SAMPLE = 20  # rows under a header looked at to tell an ID or a status column by its values
SPECIFIC_ROLES = ("id", "name", "status", "receiving")  # told apart by the longest word in the header
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
    id: int | None = None  # never counted: a worklist shows it masked

    def counted(self) -> dict[str, int]:
        """The columns read, by the name they are counted under."""
        named = {"residence": self.residence, "status": self.status, "receiving": self.receiving,
                 "commune": self.commune}
        return {name: col for name, col in named.items() if col is not None}


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    data = read_yaml(VOCABULARY_PATH)
    columns = {role: tuple(fold(w) for w in words) for role, words in data["columns"].items()}
    statuses = {code: tuple(fold(w) for w in words) for code, words in data["statuses"].items()}
    return {"columns": columns, "statuses": statuses}


def find_citizen_columns(rows: list[list[object]]) -> CitizenColumns | None:
    """The citizen-list header among the first rows of a sheet, if the sheet is one: a row whose
    columns give a personal ID, a status and a residence, told by their header's words (anywhere in
    the header: "Trạng thái ĐDĐT", "Nơi thường trú (Ấp/KDC)"). The values under the ID and status
    headers must agree (ID numbers of 9 to 12 digits; text); where no header names them, a column of
    such ID numbers or of status phrases the vocabulary knows is taken."""
    words = vocabulary()["columns"]
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if not all(v is None or _is_text(v) for v in row):
            continue  # a header is words: a row with a number (an ID, a figure, a date) is a person's or a unit's
        folded = [fold(v) if isinstance(v, str) else "" for v in row]
        if _first_column(folded, words["residence"], set()) is None:
            continue  # no header names where people live (checked first: it is cheap)
        found = header_columns(folded)
        if found["residence"] is None or any(map(_is_known_status, row)):
            continue  # a header names where people live; a person's row holds a status
        below = rows[r + 1:r + 1 + CONTENT_SAMPLE]
        for role, agrees, looks_like in (("id", _is_id_number, _is_id_number),
                                         ("status", _is_text, _is_known_status)):
            col = found[role]
            if col is not None and not _values_agree(below, col, agrees, exact=folded[col] in words[role]):
                found[role] = col = None
            if col is None:  # a column headed by words the vocabulary lacks (never a title's empty cells)
                unnamed = {c for c in range(len(row)) if not folded[c]} | set(found.values())
                found[role] = _column_of_values(below, looks_like, unnamed)
        if all(found[role] is not None for role in ("id", "status", "residence")):
            commune = found["commune"] if found["commune"] != found["residence"] else None
            return CitizenColumns(r, found["residence"], found["status"], found["receiving"], commune, found["id"])
    return None


def header_columns(folded: list[str]) -> dict[str, int | None]:
    """Which column of a folded header row gives each role of a citizen list, from the words in each
    header. A header goes to the role whose word in it is longest ("Trạng thái CCCD" is a status, "Số
    CCCD" an ID); the residence is the finest unit named, the commune the coarser one."""
    words = vocabulary()["columns"]
    found: dict[str, int | None] = {}
    best = {col: _longest_role(text, words) for col, text in enumerate(folded) if text}
    for role in SPECIFIC_ROLES:
        mine = [(length, -col) for col, (kind, length) in best.items() if kind == role]
        found[role] = -max(mine)[1] if mine else None
    taken = {col for col in found.values() if col is not None}
    for role in ("residence", "commune"):
        found[role] = _first_column(folded, words[role], taken)
    return found


def _longest_role(text: str, words: dict[str, tuple[str, ...]]) -> tuple[str | None, int]:
    """The specific role (ID, name, status, receiving unit) whose longest word is in ``text``."""
    hits = [(len(word), role) for role in SPECIFIC_ROLES for word in words[role] if has_word(text, word)]
    length, role = max(hits, default=(0, None))
    return role, length


def _first_column(folded: list[str], words: tuple[str, ...], taken: set[int]) -> int | None:
    """The column, among those not ``taken``, naming the earliest of ``words`` (finest unit first)."""
    for word in words:
        for col, text in enumerate(folded):
            if col not in taken and text and has_word(text, word):
                return col
    return None


def _column_values(rows: list[list[object]], col: int) -> list[object]:
    return [row[col] for row in rows if col < len(row) and row[col] not in (None, "")]


def _values_agree(rows: list[list[object]], col: int, looks_like: Callable[[object], bool], exact: bool) -> bool:
    """Whether most values under a header look as its role wants; with no value under it (an empty
    list), whether the header is the role's word exactly."""
    values = _column_values(rows, col)
    return sum(map(looks_like, values)) >= 0.8 * len(values) if values else exact


def _column_of_values(rows: list[list[object]], looks_like: Callable[[object], bool],
                      taken: set[int | None]) -> int | None:
    """The first column, not ``taken``, where most of at least three values look like a kind of value."""
    for col in range(max(map(len, rows), default=0)):
        values = _column_values(rows, col)
        if col not in taken and len(values) >= 3 and sum(map(looks_like, values)) >= 0.8 * len(values):
            return col
    return None


def _is_id_number(value: object) -> bool:
    """A personal ID (12 digits) or an old ID card number (9), as text or as a number that lost its zeros."""
    text = str(int(value)) if isinstance(value, (int, float)) and float(value).is_integer() else str(value).strip()
    return text.isdigit() and 8 <= len(text) <= 12


def _is_text(value: object) -> bool:
    """Text that is not a number: a status is a phrase, even one the vocabulary does not know."""
    return isinstance(value, str) and not _is_id_number(value) and not value.replace(".", "").replace(",", "").isdigit()


def _is_known_status(value: object) -> bool:
    return isinstance(value, str) and status_indicator(value) is not None


@lru_cache(maxsize=1 << 14)  # asked of each value of a workbook's first rows, and each day's file repeats them
def status_indicator(status: str) -> str | None:
    """The indicator a status counts for ("Đã kích hoạt mức 2" → dddt_muc2), "not_counted",
    or None when the status is not known."""
    folded = fold(status)
    best, length = None, 0
    for code, words in vocabulary()["statuses"].items():
        for word in words:
            if len(word) > length and (folded == word or f" {word} " in f" {folded} "):
                best, length = code, len(word)
    return best


def read_citizen_list(path: str | Path, *, as_of: date | None = None,
                      progress: Progress | None = None) -> tuple[pd.DataFrame, list[Finding]] | None:
    """Counts of the citizen list in an xlsx/xlsm workbook's first sheet or in a CSV file (or the
    counts kept of an upload, `counts_text`), or None if it is not one (or is a workbook that
    `count_sheet_citizens` reads from its grid).

    Only the first rows are looked at to decide, so an ordinary workbook is left
    for calamine to read once.
    """
    path = Path(path)
    kept = read_kept_counts(path)
    if kept is not None:
        file, count = kept
        return citizen_records(count.counted, count.people, file=file, sheet=count.sheet, as_of=as_of)
    count = count_citizen_list(path, progress=progress)
    if count is None:
        return None
    return citizen_records(count.counted, count.people, file=path.name, sheet=count.sheet, as_of=as_of)


def count_citizen_list(path: Path, content: bytes | None = None, *, grid: bool = False,
                       progress: Progress | None = None) -> CitizenCount | None:
    """What is counted of the citizen list at ``path`` (or in ``content``, its bytes), or None if the
    file is not one; an xlsx/xlsm is streamed, a CSV read a block at a time, any other workbook read
    as a grid when ``grid`` asks for it."""
    suffix = path.suffix.lower()
    source = content if content is not None else path
    if suffix in STREAMED_SUFFIXES:
        count = _streamed_count(io.BytesIO(content) if content is not None else path, progress)
        if count is not None or not grid:
            return count
    elif suffix in CSV_SUFFIXES:
        return _csv_count(source, path.name, progress) if content is not None or path.is_file() else None
    if not grid:
        return None
    return sheet_count(read_sheets(path, content)[0])


def _streamed_count(source: Path | io.BytesIO, progress: Progress | None) -> CitizenCount | None:
    """A workbook's citizen list, its counted columns streamed out of the sheet's XML."""
    head = read_head(source, HEADER_SEARCH_ROWS)
    if head is None:
        return None
    sheet, rows = head
    columns = find_citizen_columns(rows)
    del rows  # the first people on the list, if the header is short
    if columns is None:
        return None
    counted, people = count_rows(source, columns.counted(), columns.header_row + 1, progress_listener(progress))
    return CitizenCount(counted, people, sheet)


def _csv_count(source: Path | bytes, name: str, progress: Progress | None) -> CitizenCount | None:
    """A citizen list saved as CSV: only its counted columns are parsed, a block at a time."""
    head = csv_head(source, HEADER_SEARCH_ROWS)
    columns = find_citizen_columns(head.rows) if head else None
    if columns is None:
        return None
    counted, people = count_csv(source, head, columns.header_row + 1, columns.counted(), progress, name)
    return CitizenCount(counted, people, Path(name).stem)


def count_sheet_citizens(sheet: Sheet, *, as_of: date | None = None) -> tuple[pd.DataFrame, list[Finding]] | None:
    """Counts of a citizen list read as a grid (.xls, .ods, an xlsx whose cells carry no
    reference), or None if the sheet is not one."""
    count = sheet_count(sheet)
    if count is None:
        return None
    return citizen_records(count.counted, count.people, file=sheet.file, sheet=sheet.name, as_of=as_of)


def sheet_count(sheet: Sheet) -> CitizenCount | None:
    """What is counted of a citizen list read as a grid (blank rows skipped), or None if it is not one."""
    columns = find_citizen_columns(sheet.rows[:HEADER_SEARCH_ROWS])
    if columns is None:
        return None
    people = sheet.rows[columns.header_row + 1:]
    frame = pd.DataFrame({name: [row[col] if col < len(row) else None for row in people]
                          for name, col in columns.counted().items()}, dtype=object)
    frame = frame.apply(_text_or_none)
    frame = frame[frame.notna().any(axis=1)]
    counted = frame.groupby(list(frame.columns), sort=False, dropna=False).size().reset_index(name="value")
    return CitizenCount(counted.astype({"value": "int64"}), len(frame), sheet.name)


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
