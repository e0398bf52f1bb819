"""Citizen-level lists (one row per person) counted per unit and indicator.

A list exported from the national population database holds names, 12-digit
personal IDs and birth dates: personal data (Decree 13/2023/NĐ-CP). fastexcel reads
the sheet once as Arrow text (fast, and "079160772246" stays as written); every
column but the counted ones — commune, residence, receiving unit, status — is
dropped right away, before counting, so names and IDs are never copied, logged or
put in a finding; what comes out is a count per unit × indicator.
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

from .checks import Finding, finding
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
    """Counts of the citizen list in a workbook's first sheet, or None if it is not one.

    The sheet is read once, as text; the rows above and including the header and
    every column but the counted ones are dropped at once.
    """
    try:
        sheet = fastexcel.read_excel(str(path)).load_sheet(0, header_row=None, dtypes="string")
        batch = sheet.to_arrow()
    except Exception:
        return None
    head = batch.slice(0, HEADER_SEARCH_ROWS).to_pylist()
    columns = find_citizen_columns([list(row.values()) for row in head])
    if columns is None:
        return None
    counted = columns.counted()
    table = pa.Table.from_batches([batch.slice(columns.header_row + 1).select(list(counted.values()))])
    table = table.rename_columns(list(counted))
    del batch  # names, ID numbers and birth dates go here, before anything is counted
    return count_citizens(table, file=Path(path).name, sheet=str(sheet.name), as_of=as_of)


def count_citizens(table: pa.Table, *, file: str, sheet: str,
                   as_of: date | None = None) -> tuple[pd.DataFrame, list[Finding]]:
    """Counts per (unit, indicator) as result records, and findings, from the counted
    columns of a citizen list ("residence", "status", and "receiving", "commune" if any).

    Level-1 accounts count for the residence unit; level-2 for the receiving unit
    when the list has that column. "dddt" (level 1 + level 2) is their sum.
    """
    counted = table.group_by(table.column_names).aggregate([([], "count_all")]).to_pandas()
    counted = counted.rename(columns={"count_all": "value"})
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
    findings.append(finding("citizen-list", file=file, sheet=sheet, people=table.num_rows))
    return records, findings
