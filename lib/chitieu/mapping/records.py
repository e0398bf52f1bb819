"""Tidy records from workbooks: one record per unit × mapped column."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from chitieu.citizens.counts import count_sheet_citizens, read_citizen_list
from chitieu.collector import collector_paused
from chitieu.findings import Finding, finding
from chitieu.mapping.catalog import COUNTED_ROLES, ROLE_LABELS, Catalog, ColumnMapping, load_catalog
from chitieu.mapping.columns import settle_columns
from chitieu.mapping.days import Series, cumulative, daily_series, day_dates, series_findings, series_mappings
from chitieu.mapping.families import family_mismatches
from chitieu.mapping.overrides import Overrides
from chitieu.mapping.record_checks import implausible_results, repeated_columns
from chitieu.mapping.targets import share_quotas, table_deadlines
from chitieu.mapping.units import place_hint
from chitieu.reading.ahead import read_ahead
from chitieu.reading.guards import check_file
from chitieu.reading.layout import Column, Row, Table, find_tables
from chitieu.reading.sheets import Sheet, sheets_begun
from chitieu.reading.table_checks import empty_tables, merged_figures, unlabelled_figures
from chitieu.reading.tcvn3 import convert_sheet
from chitieu.reading.xlsx_parts import cell_row
from chitieu.values import as_of_in_text, date_in_file_name, format_number, period_in_text

RECORD_COLUMNS = ["file", "sheet", "row", "column", "label", "unit", "parent", "level",
                  "indicator", "role", "confidence", "value", "as_of", "place_hint"]
RECORD_DTYPES = {"row": "Int64", "level": "Int64", "confidence": "float64", "value": "float64"}
UNSUMMED_ROLES = ("percent", "other")  # figures whose total is not the sum of the rows'
ROUNDED_ROLES = ("daily_quota", "eligible")  # figures each row may have rounded
READING_COLUMNS = ["file", "sheet", "column", "label", "indicator", "role", "confidence", "counted",
                   "needs_confirmation", "evidence"]


@dataclass
class Loaded:
    """What a set of files gave: the records, the findings, and the dates they name."""

    records: pd.DataFrame
    findings: list[Finding] = field(default_factory=list)
    period: tuple[date, date] | None = None
    tables: list[Table] = field(default_factory=list)
    deadlines: dict[str, date] = field(default_factory=dict)  # indicator → the deadline a table's words give


def empty_records() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=RECORD_DTYPES.get(c, "object")) for c in RECORD_COLUMNS})


@collector_paused()
def read_records(paths: Iterable[str | Path], default_role: str = "quota",
                 catalog: Catalog | None = None, overrides: Overrides | None = None,
                 hidden: bool = False) -> Loaded:
    """Read every file into tidy records.

    ``default_role`` is the role of a column whose header names an indicator but
    not whether it is a quota or a result: "quota" for quota files, "result" for
    result files.  ``overrides`` are the columns an officer mapped by hand (``--map``,
    a saved profile); they win over the catalog.  Hidden sheets are skipped unless
    ``hidden`` asks for them; either way a finding says so.

    >>> loaded = read_records(["inputs/soc_trang/chi_tieu_dddt.xlsx"])
    >>> loaded.records[["unit", "indicator", "role", "value"]].head(2)
               unit indicator         role    value
    0  TP Sóc Trăng      dddt        quota  50802.0
    1  TP Sóc Trăng      dddt  daily_quota   1539.0
    """
    catalog = catalog or load_catalog()
    frames, findings, tables = [], [], []
    period, deadlines = None, {}
    for path, (citizens, sheets) in read_ahead(_file_begun, map(Path, paths)):
        if citizens is not None:
            frames.append(citizens[0].reindex(columns=RECORD_COLUMNS))
            findings += citizens[1]
            continue
        for sheet in sheets:
            if sheet.hidden:
                findings.append(finding("sheet-hidden-read" if hidden else "sheet-hidden",
                                        file=sheet.file, sheet=sheet.name))
                if not hidden:
                    continue
            findings += convert_sheet(sheet)
            findings += [finding("formula-uncached", file=sheet.file, sheet=sheet.name, row=cell_row(cell),
                                 column=cell) for cell in sheet.uncached]
            found, problems = find_tables(sheet)
            findings += problems + empty_tables(found) + merged_figures(sheet, found) + unlabelled_figures(sheet, found)
            for table in found:
                tables.append(table)
                period = period or period_in_text(f"{table.title} {table.header_text}")
                as_of = _as_of(table, path)
                records, unmapped = table_records(table, catalog, default_role, as_of, overrides)
                records, shared = share_quotas(table, records, catalog) if default_role == "quota" else (records, [])
                used = {f.column for f in shared}  # a population column a share of it made the quota of: read
                unmapped = [f for f in unmapped if not (f.code == "column-unmapped" and f.column in used)]
                dated, said = table_deadlines(table, records, default_role, catalog)
                deadlines = dated | deadlines  # the first table to give an indicator's deadline wins
                frames.append(records)
                findings += unmapped + shared + said
    records = pd.concat(frames, ignore_index=True) if frames else empty_records()
    checks = implausible_results(records) + family_mismatches(records, catalog)
    return Loaded(records.astype(RECORD_DTYPES), findings + checks, period, tables, deadlines)


Citizens = tuple[pd.DataFrame, list[Finding]]


def _file_begun(path: Path, parser: Executor) -> Callable[[], tuple[Citizens | None, list[Sheet]]]:
    """A file's reading begun (``read_ahead``); the call returned gives a citizen list's records and findings,
    or else None and the file's sheets. A citizen list is told from an ordinary workbook by its first rows;
    either way the file is parsed once: streamed (xlsx, csv) now, or read by calamine, in ``parser``."""
    check_file(path, None, path.name, grid=False)  # before the citizen-list stream inflates anything
    dated = date_in_file_name(path.name)
    citizens = read_citizen_list(path, as_of=dated)
    if citizens is not None:
        return lambda: (citizens, [])
    sheets = sheets_begun(path, parser=parser)

    def finish() -> tuple[Citizens | None, list[Sheet]]:
        read = sheets()
        return (count_sheet_citizens(read[0], as_of=dated) if read else None), read
    return finish


def _as_of(table: Table, path: Path) -> date | None:
    """The date a table's figures stand at: from its title, its header, its sheet's name
    (one sheet per day: "27.7.2023") or its file's name."""
    return (as_of_in_text(table.title) or as_of_in_text(table.header_text) or date_in_file_name(table.sheet)
            or date_in_file_name(path.name))


def table_records(table: Table, catalog: Catalog, default_role: str, as_of: date | None,
                  overrides: Overrides | None = None) -> tuple[pd.DataFrame, list[Finding]]:
    """The records of one table; the totals rows stay on the table, to be checked later. A daily table's
    days give each unit's cumulative result on each day (mapping/days.py)."""
    if table.increments:
        return increment_records(table, catalog)
    mapped, series, findings = _settled_mappings(table, catalog, default_role, overrides)
    for col, mapping in mapped:
        if mapping.candidates:
            findings.append(finding("column-ambiguous", file=table.file, sheet=table.sheet, column=col.letter,
                                    label=col.label, candidates=", ".join(mapping.candidates)))
        elif mapping.indicator is None:
            findings.append(finding("column-unmapped", file=table.file, sheet=table.sheet,
                                    column=col.letter, label=col.label))
        elif mapping.waits:
            findings.append(unconfirmed(table, col, mapping, catalog))
    mapped = [(col, mapping) for col, mapping in mapped if not mapping.waits]  # counted once confirmed
    series = [one for one in series if not one.mapping.waits]
    in_series = {col.index for one in series for col in (*one.days, one.total) if col is not None}
    plain = [(col, mapping) for col, mapping in mapped if col.index not in in_series]
    counted, repeated = repeated_columns(table, plain + [_standing_for(one) for one in series], catalog)
    series = [one for one in series if _standing_for(one) in counted]
    records = _plain_records(table.rows, [(col, mapping) for col, mapping in counted if col.index not in in_series],
                             as_of)
    for one in series:
        dates = day_dates(table, one.days)
        days = [(row, col, one.mapping, value, day) for row in table.rows
                for (col, value), day in zip(cumulative(row, one), dates) if value is not None]
        for fields, more in zip(records, zip(*days)):
            fields += more
        findings += series_findings(table, one)
    return _records_frame(table, *records), findings + repeated + totals_findings(table, mapped)


def _standing_for(series: Series) -> tuple[Column, ColumnMapping]:
    """The column a series' result is read from: its total, else its last day."""
    return series.total or series.days[-1], series.mapping


def _plain_records(rows: list[Row], counted: list[tuple[Column, ColumnMapping]], as_of: date | None
                   ) -> tuple[list[Row], list[Column], list[ColumnMapping], list[float | None], list[object]]:
    """The records of columns read as they are, as five lists (row, column, mapping, value, date), a row's
    columns together: a national table has thousands of rows a day, and one tuple per record costs."""
    values = [row.values[col.index] for row in rows for col, _ in counted]
    return ([row for row in rows for _ in counted], [col for col, _ in counted] * len(rows),
            [mapping for _, mapping in counted] * len(rows), values, [as_of] * len(values))


def _records_frame(table: Table, rows: list[Row], columns: list[Column], mappings: list[ColumnMapping],
                   values: list[float | None], dates: list[object]) -> pd.DataFrame:
    """A table's records from their rows, columns, mappings, values and dates, built column by column."""
    if not rows:
        return empty_records()
    parents = list(map(attrgetter("parent"), rows))
    texts = {"file": table.file, "sheet": table.sheet, "column": _field(columns, "letter"),
             "label": _field(columns, "label"), "unit": list(map(attrgetter("unit"), rows)),
             "parent": [parent or table.parent for parent in parents] if table.parent else parents,
             "indicator": _field(mappings, "indicator"), "role": _field(mappings, "role"),
             "place_hint": place_hint(table.title, table.file)}  # where a result unit's name fits several places
    levels = np.fromiter(map(bool, parents), np.int64, len(rows)) + (1 if table.parent else 0)
    return pd.DataFrame({name: _text(value, len(rows)) for name, value in texts.items()} | {
        "row": np.fromiter(map(attrgetter("number"), rows), np.int64, len(rows)), "level": levels,
        "confidence": _field(mappings, "confidence"), "value": np.array(values, dtype=float), "as_of": _each(dates)},
        columns=RECORD_COLUMNS)  # numbers as arrays: pandas would look at each value of a list for its type


def _text(values: object, count: int) -> object:
    """A text column as pyarrow builds it, from a text repeated ``count`` times or from a list of texts and None:
    pandas would first look at each value for its type. A column of no text is left to pandas."""
    if isinstance(values, str):
        return pd.array(pa.repeat(pa.scalar(values, pa.large_string()), count), dtype="str")
    if isinstance(values, list) and any(isinstance(value, str) for value in values):
        return pd.array(pa.array(values, pa.large_string()), dtype="str")
    return values


def _field(objects: list[object], name: str) -> object:
    """A field of each object, or its one value when the objects are all one (a table's one counted column)."""
    if objects.count(objects[0]) == len(objects):
        return getattr(objects[0], name)
    return _each(map(attrgetter(name), objects))


def _each(values: Iterable[object]) -> object:
    """A column's values, or the one value they all are: pandas repeats it without converting each (a table
    of one counted column has thousands of records of one label, indicator and date)."""
    values = list(values)
    return values[0] if values.count(values[0]) == len(values) else values


def unconfirmed(table: Table, col: Column, mapping: ColumnMapping, catalog: Catalog) -> Finding:
    """The warning that a column below the confidence bar is not counted until an officer confirms it."""
    return finding("column-unconfirmed", file=table.file, sheet=table.sheet, column=col.letter, label=col.label,
                   reading=f"{catalog.label(mapping.indicator)} — {ROLE_LABELS[mapping.role]}",
                   confidence=f"{round(mapping.confidence * 100)}%", evidence=mapping.evidence_text(),
                   choice=f"{mapping.indicator}:{mapping.role}")


def column_mappings(table: Table, catalog: Catalog, default_role: str, overrides: Overrides | None = None
                    ) -> tuple[list[tuple[Column, ColumnMapping]], list[Finding]]:
    """Each column of a table with the (indicator, role) its records get: an officer's choice, else its
    header's words settled by the table's structure and arithmetic (a daily table's days and their total
    are results: ``days.daily_series``; then ``columns.settle_columns``); and what was found on the way.
    What a review of the columns should show."""
    mapped, _, findings = _settled_mappings(table, catalog, default_role, overrides)
    return mapped, findings


def _settled_mappings(table: Table, catalog: Catalog, default_role: str, overrides: Overrides | None
                      ) -> tuple[list[tuple[Column, ColumnMapping]], list[Series], list[Finding]]:
    mapped, fixed, named = _header_mappings(table, catalog, default_role, overrides)
    series = daily_series(table, mapped, catalog, fixed) if table.days else []
    mapped = series_mappings(mapped, series)
    daily = {i for i, (col, _) in enumerate(mapped)
             if any(col is one.total or col in one.days for one in series)}
    mapped, findings = settle_columns(table, mapped, catalog, default_role, fixed | daily, named | daily)
    return mapped, series, findings


def column_readings(tables: list[Table], catalog: Catalog, default_role: str, overrides: Overrides | None = None
                    ) -> pd.DataFrame:
    """Each column of each table as it was read, one row per column: its (indicator, role), confidence,
    whether it is counted, whether it waits for an officer's confirmation, and the evidence, in Vietnamese
    (``chitieu read --columns``). Increments tables, mapped row by row, have no columns to list."""
    rows = [{"file": table.file, "sheet": table.sheet, "column": col.letter, "label": col.label,
             "indicator": mapping.indicator, "role": mapping.role, "confidence": mapping.confidence,
             "counted": bool(mapping.indicator) and mapping.role in COUNTED_ROLES and not mapping.waits,
             "needs_confirmation": mapping.waits, "evidence": mapping.evidence_text()}
            for table in tables if not table.increments
            for col, mapping in column_mappings(table, catalog, default_role, overrides)[0]]
    return pd.DataFrame(rows, columns=READING_COLUMNS)


def _header_mappings(table: Table, catalog: Catalog, default_role: str, overrides: Overrides | None
                     ) -> tuple[list[tuple[Column, ColumnMapping]], set[int], set[int]]:
    """Each column's mapping from its header; the columns an officer mapped;
    the columns whose role was said, by the officer or by the header's words."""
    mapped, fixed, named = [], set(), set()
    for i, col in enumerate(table.columns):
        chosen = overrides.mapping_for(col.label, table.header_text) if overrides else None
        if chosen:
            fixed.add(i)
        if chosen or catalog.role_of(col.label):
            named.add(i)
        mapped.append((col, chosen or catalog.map_column(col.label, table.title, default_role, col.group)))
    return mapped, fixed, named


def increment_records(table: Table, catalog: Catalog) -> tuple[pd.DataFrame, list[Finding]]:
    """An increments table (day, unit, indicator, figure of the day) as cumulative results:
    each unit's figures added up day by day, so they join the snapshots in one history."""
    findings, rows, hint = [], [], place_hint(table.title, table.file)
    for row in table.rows:
        mapping = catalog.map_column(row.subject, table.title, "result")
        if mapping.indicator is None:
            findings.append(finding("column-unmapped", file=table.file, sheet=table.sheet, row=row.number,
                                    label=row.subject))
            continue
        for col in table.columns:
            rows.append({"file": table.file, "sheet": table.sheet, "row": row.number, "column": col.letter,
                         "label": row.subject, "unit": row.unit, "parent": row.parent or table.parent,
                         "level": 1 if row.parent or table.parent else 0, "indicator": mapping.indicator,
                         "role": "result", "confidence": mapping.confidence, "value": row.values[col.index],
                         "as_of": row.day, "place_hint": hint})
    if not rows:
        return empty_records(), findings
    frame = pd.DataFrame(rows, columns=RECORD_COLUMNS)
    frame["value"] = frame["value"].fillna(0)
    frame = frame.sort_values("as_of", kind="stable")
    frame["value"] = frame.groupby(["unit", "indicator"], sort=False)["value"].cumsum()
    frame = frame.drop_duplicates(["unit", "indicator", "as_of"], keep="last")
    return frame.sort_values(["as_of", "row"], kind="stable").reset_index(drop=True), findings


def totals_findings(table: Table, mapped: list[tuple[Column, ColumnMapping]]) -> list[Finding]:
    """Each totals row checked against the sum of the table's rows, and each group
    row against the sum of its children, column by column: the counted columns and the
    context columns of counts (eligible, baseline, not done, households, parts) alike.

    Daily quotas are rounded row by row (round(quota / days)), and so may an eligible population
    be (a share of the people), so their total may differ from the sum by up to half a unit per row:
    that is a rounding warning. Any other difference is an error in a counted column, a warning in
    a context column (its figures are not counted, but they are wrong).
    """
    checks = [(total, table.rows) for total in table.totals]
    checks += [(group, [row for row in table.rows if row.parent == group.unit]) for group in table.groups]
    findings = []
    for total, rows in checks:
        for col, mapping in mapped:
            published = total.values.get(col.index)
            if published is None or mapping.role in UNSUMMED_ROLES:
                continue
            computed = sum(row.values[col.index] or 0 for row in rows)
            difference = published - computed
            if abs(difference) < 1e-9:
                continue
            rounding = mapping.role in ROUNDED_ROLES and abs(difference) <= 0.5 * len(rows)
            code = ("total-rounding" if rounding else "total-mismatch" if mapping.role in COUNTED_ROLES
                    else "total-mismatch-context")
            findings.append(finding(code, file=table.file, sheet=table.sheet, row=total.number,
                                    column=f"{col.letter} ({col.label})", label=col.label,
                                    published=format_number(published), computed=format_number(computed),
                                    difference=format_number(difference)))
    return findings
