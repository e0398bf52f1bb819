"""The workbooks the app has read, one by one, and what the officer reviews of them: how each
column was mapped, and the result units that match no quota unit."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from chitieu.mapping.catalog import COUNTED_ROLES, ROLE_LABELS, SURE, Catalog, ColumnMapping, Evidence
from chitieu.mapping.overrides import Choice, Overrides
from chitieu.mapping.records import Loaded, column_mappings, empty_records, read_records
from chitieu.mapping.units import UnitMatch, match_units
from chitieu.summary.table import Summary
from chitieu.text import clean, fold
from chitieu.values import format_number

NOT_COUNTED = ""  # the dropdown value of a column that is not counted


# Columns of few distinct values, kept as categories: a page's kernel holds every file it read and the
# summary's history, and at national size their texts took five to ten times the memory as strings.
CATEGORY_COLUMNS = ("file", "sheet", "column", "label", "unit", "parent", "indicator", "role", "as_of", "place_hint",
                    "place")


@dataclass(frozen=True)
class FileRead:
    """One workbook read: what it gave and the time the reading took."""

    path: Path
    kind: str  # "quota" or "result"
    loaded: Loaded
    seconds: float
    types: dict[str, object] = field(default_factory=dict)  # the records' own column types (``merged``)

    def records(self) -> pd.DataFrame:
        """The records as read: each column of its own type, an object column's blanks None again."""
        records = self.loaded.records.astype(self.types)
        blanks = {column: None for column, kind in self.types.items() if kind == object}
        return records.fillna(blanks) if blanks else records

    def rows(self) -> int:
        """Table rows read, plus the people of a citizen list (whose records are only counts)."""
        people = sum(f.params["people"] for f in self.loaded.findings if f.code == "citizen-list")
        records = self.loaded.records.dropna(subset=["row"])
        return people + len(records.drop_duplicates(["sheet", "row"]))

    def text(self) -> str:
        """What the officer reads once the file is read: Đã đọc 'x.xlsx' (12,3 MB, 200.000 dòng, 4,1 giây)."""
        return (f"Đã đọc '{self.path.name}' ({size_text(self.path.stat().st_size)}, "
                f"{format_number(self.rows())} dòng, {format_number(self.seconds, 1)} giây)")


def size_text(size: int) -> str:
    """A file size as an officer reads it: "12,3 MB", "18 KB"."""
    if size >= 1024 * 1024:
        return f"{format_number(size / 1024 / 1024, 1)} MB"
    return f"{format_number(max(1, round(size / 1024)))} KB"


def read_file(path: Path, kind: str, catalog: Catalog, overrides: Overrides) -> FileRead:
    """One workbook read as ``kind`` ("quota" or "result"), timed."""
    started = time.perf_counter()
    loaded = read_records([path], kind, catalog, overrides)
    types = loaded.records.dtypes.to_dict()
    loaded.records = categorised(loaded.records)
    return FileRead(path, kind, loaded, time.perf_counter() - started, types)


def categorised(frame: pd.DataFrame, keep: tuple[str, ...] = ()) -> pd.DataFrame:
    """``frame`` with its columns of few distinct values as categories, but those it must ``keep``."""
    return frame.astype({column: "category" for column in CATEGORY_COLUMNS if column in frame and column not in keep})


def kept_summary(summary: Summary) -> Summary:
    """The summary as the page keeps it: its history's texts as categories, its dates as they are (compared
    with a day, which an unordered category cannot be)."""
    return dataclasses.replace(summary, history=categorised(summary.history, keep=("as_of",)))


def merged(reads: list[FileRead]) -> Loaded:
    """The files' records, findings, campaign period and tables as one ``read_records`` would give them."""
    if not reads:
        return Loaded(empty_records())
    return Loaded(pd.concat([r.records() for r in reads], ignore_index=True),
                  [f for r in reads for f in r.loaded.findings],
                  next((r.loaded.period for r in reads if r.loaded.period), None),
                  [t for r in reads for t in r.loaded.tables])


@dataclass
class ColumnReview:
    """A column of one template (header) as the reader mapped it, why, and the files it was seen in."""

    header: str
    label: str
    mapping: ColumnMapping
    files: list[str]
    chosen: bool = False  # the officer chose or confirmed the mapping (saved in the profile)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Why the reader mapped the column so (``catalog.Evidence``)."""
        return self.mapping.evidence

    @property
    def doubtful(self) -> bool:
        """Below the confidence bar and not confirmed: the officer should check it."""
        return not self.chosen and self.mapping.confidence < SURE

    @property
    def waits(self) -> bool:
        """A column that would be counted but waits for the officer's confirmation (``ColumnMapping.waits``)."""
        return not self.chosen and self.mapping.waits

    @property
    def confirmable(self) -> bool:
        """Doubtful, with an indicator and role the officer can confirm as they are ("Đúng")."""
        return self.doubtful and self.mapping.indicator is not None


def column_reviews(reads: list[FileRead], catalog: Catalog, overrides: Overrides) -> list[ColumnReview]:
    """Each column of each template read, once however many files share the template, with the
    (indicator, role) and confidence its records got (``records.column_mappings``: an officer's earlier
    choice wins, else the header's words settled by the table's structure)."""
    found: dict[tuple[str, str], ColumnReview] = {}
    for read in reads:
        for table in read.loaded.tables:
            if table.increments:  # mapped row by row from the indicator named in each row
                continue
            for col, mapping in column_mappings(table, catalog, read.kind, overrides)[0]:
                key = (fold(table.header_text), fold(col.label))
                if key in found:
                    if table.file not in found[key].files:
                        found[key].files.append(table.file)
                    continue
                chosen = overrides.mapping_for(col.label, table.header_text) is not None
                found[key] = ColumnReview(clean(table.header_text), col.label, mapping, [table.file], chosen)
    return list(found.values())


def mapping_options(catalog: Catalog) -> list[tuple[str, str]]:
    """The dropdown's choices: "not counted", then every indicator × role as "indicator:role"."""
    return [("Không tính", NOT_COUNTED)] + [
        (f"{indicator.label} — {ROLE_LABELS[role]}", f"{code}:{role}")
        for code, indicator in catalog.indicators.items() for role in COUNTED_ROLES]


def mapping_label(value: str, catalog: Catalog) -> str:
    """What the dropdown shows for ``value``: "Trang bị điện thoại thông minh 4G — kết quả"; a role the
    dropdown does not offer (a confirmed population column) reads the same way."""
    shown = next((label for label, option in mapping_options(catalog) if option == value), None)
    if shown is not None:
        return shown
    indicator, role = value.split(":")
    return f"{catalog.label(indicator)} — {ROLE_LABELS[role]}"


def mapping_value(mapping: ColumnMapping) -> str:
    """The dropdown value of a column's mapping: "indicator:role" for a counted role, else "not counted"
    (an eligible population, a percentage … is never added up)."""
    return f"{mapping.indicator}:{mapping.role}" if mapping.indicator and mapping.role in COUNTED_ROLES else NOT_COUNTED


def confirmed_value(mapping: ColumnMapping) -> str:
    """The value an officer's "Đúng" saves: the column's indicator and role exactly as read, counted or
    not ("dddt:eligible" stays a population column)."""
    return f"{mapping.indicator}:{mapping.role}"


def chosen_mapping(value: str, review: ColumnReview, catalog: Catalog) -> Choice:
    """The (indicator, role) an officer's dropdown value means; "not counted" keeps the indicator
    (a profile needs one) with the role "other", which nothing adds up."""
    if value != NOT_COUNTED:
        indicator, role = value.split(":")
        return indicator, role
    indicator = review.mapping.indicator or (review.mapping.candidates or tuple(catalog.indicators))[0]
    return indicator, "other"


def unmatched_units(reads: list[FileRead], summary: Summary, aliases: dict[str, str]) -> list[tuple[UnitMatch, str]]:
    """Result units that match no quota unit (with their suggestions), and the file each first appears in;
    only units of counted columns, as the summary sees them."""
    results = merged([r for r in reads if r.kind == "result"]).records
    results = results[(results["role"] == "result") & results["indicator"].notna() & results["value"].notna()]
    # whole columns as lists: iterating Arrow-backed text value by value is slow at 200,000 records
    first = results.drop_duplicates("unit")
    first_file = dict(zip(first["unit"].tolist(), first["file"].tolist()))
    matches = match_units(list(first_file), summary.table["unit"].unique().tolist(), aliases)
    return [(m, first_file[m.name]) for m in matches.values() if m.matched is None]
