"""Citizen-level lists (one row per person) counted per unit and indicator.

A list exported from the national population database holds names, 12-digit
personal IDs and birth dates: personal data (Decree 13/2023/NĐ-CP). chitieu reads
only the columns it counts by — residence, receiving unit, status — so names and
IDs are never loaded, copied, logged or put in a finding; what comes out is a
count per unit × indicator.  fastexcel reads the columns as Arrow text, which is
fast and keeps "079160772246" as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import fastexcel
import pandas as pd
import pyarrow as pa
import yaml

from .checks import Finding, fail, finding
from .text import fold

VOCABULARY_PATH = Path(__file__).with_name("citizen.yaml")
HEADER_SEARCH_ROWS = 30
LEVELS = {"dddt_muc1": "residence", "dddt_muc2": "receiving"}  # which unit each level is counted by


@dataclass(frozen=True)
class CitizenColumns:
    """Where a citizen list's header is and which columns are counted (0-based)."""

    header_row: int
    residence: int
    status: int
    receiving: int | None = None


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
            return CitizenColumns(r, found["residence"], found["status"], found["receiving"])
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


def citizen_list_columns(path: str | Path, sheet: int | str = 0) -> CitizenColumns | None:
    """The citizen-list columns of a workbook's sheet, or None if it is not a citizen list."""
    try:
        probe = fastexcel.read_excel(str(path)).load_sheet(sheet, header_row=None, n_rows=HEADER_SEARCH_ROWS,
                                                           dtypes="string")
    except Exception:
        return None
    table = probe.to_arrow()
    rows = [list(r.values()) for r in table.to_pylist()]
    return find_citizen_columns(rows)


def count_citizen_list(path: str | Path, columns: CitizenColumns, *, sheet: int | str = 0,
                       as_of: date | None = None) -> tuple[pd.DataFrame, list[Finding]]:
    """Counts of a citizen list per (unit, indicator) as result records, and findings.

    Level-1 accounts count for the residence unit; level-2 for the receiving unit
    when the list has that column. "dddt" (level 1 + level 2) is their sum.
    """
    shown = Path(path).name
    wanted = [c for c in (columns.residence, columns.status, columns.receiving) if c is not None]
    try:
        sheet_data = fastexcel.read_excel(str(path)).load_sheet(
            sheet, header_row=columns.header_row, use_columns=wanted, dtypes="string")
        table = pa.Table.from_batches([sheet_data.to_arrow()])
    except Exception:
        raise fail("file-unreadable", file=shown) from None
    names = table.column_names
    by = dict(zip(wanted, names))
    keys = [by[columns.residence], by[columns.status]] + ([by[columns.receiving]] if columns.receiving is not None else [])
    counted = table.group_by(keys).aggregate([([], "count_all")]).to_pandas()
    del table  # only the counts are kept
    counted = counted.rename(columns={by[columns.residence]: "residence", by[columns.status]: "status",
                                      "count_all": "value"})
    if columns.receiving is not None:
        counted = counted.rename(columns={by[columns.receiving]: "receiving"})
    statuses = {s: status_indicator(s) for s in counted["status"].dropna().unique()}
    counted["indicator"] = counted["status"].map(statuses)
    findings = [finding("status-unknown", file=shown, sheet=str(sheet_data.name), status=status,
                        count=int(counted.loc[counted["status"] == status, "value"].sum()))
                for status, code in statuses.items() if code is None]
    counted = counted[counted["indicator"].isin(LEVELS)]
    counted["unit"] = [row.receiving if LEVELS[row.indicator] == "receiving" and isinstance(
        getattr(row, "receiving", None), str) else row.residence for row in counted.itertuples()]
    per_unit = counted.groupby(["unit", "indicator"], as_index=False, sort=False)["value"].sum()
    both = per_unit.groupby("unit", as_index=False, sort=False)["value"].sum().assign(indicator="dddt")
    records = pd.concat([per_unit, both], ignore_index=True)
    records = records.assign(file=shown, sheet=str(sheet_data.name), role="result", confidence=1.0,
                             as_of=as_of, label="Danh sách công dân")
    findings.append(finding("citizen-list", file=shown, sheet=str(sheet_data.name), people=int(sheet_data.height)))
    return records, findings
