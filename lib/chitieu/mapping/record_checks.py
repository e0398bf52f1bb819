"""Figures that read fine but cannot be right, checked on the records of a file:

- a result many times its quota on the same row (a slip of the keyboard: "500" for "50");
- one unit on several rows of a sheet (its figures add up);
- two columns of one table read as the same figure (indicator and role): not added up;
- a file that gave no figure to count at all.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from chitieu.findings import Finding, finding
from chitieu.mapping.catalog import ROLE_LABELS, Catalog, ColumnMapping
from chitieu.names import place_key
from chitieu.reading.layout import Column, Table
from chitieu.values import format_number

IMPLAUSIBLE_TIMES = 5  # a result this many times its quota is flagged
COUNTED_ROLES = ["quota", "daily_quota", "result"]  # the roles the summary counts


def implausible_results(records: pd.DataFrame) -> list[Finding]:
    """A finding for each row whose result is ``IMPLAUSIBLE_TIMES`` its quota or more."""
    key = ["file", "sheet", "row", "indicator"]
    quota, result = records[records["role"] == "quota"], records[records["role"] == "result"]
    if quota.empty or result.empty:  # a result workbook without quotas: nothing to join, however long
        return []
    both = result.set_index(key).join(quota.set_index(key)[["value"]].add_suffix("_quota"), how="inner")
    both = both.dropna(subset=["value", "value_quota"])
    high = both[(both["value_quota"] > 0) & (both["value"] >= IMPLAUSIBLE_TIMES * both["value_quota"])]
    return [finding("result-implausible", file=file, sheet=sheet, row=int(row), column=entry.column,
                    unit=entry.unit, result=format_number(entry.value), quota=format_number(entry.value_quota),
                    times=format_number(entry.value / entry.value_quota, 1), indicator_code=indicator)
            for (file, sheet, row, indicator), entry in high.iterrows()]


def duplicate_units(records: pd.DataFrame) -> list[Finding]:
    """A finding for each unit named on several rows of one sheet, however it is spelled."""
    if records.empty:
        return []
    rows = records.drop_duplicates(["file", "sheet", "row"]).copy()
    rows["key"] = [str(place_key(unit)) for unit in rows["unit"]]
    twice = rows[rows.duplicated(["file", "sheet", "parent", "key", "as_of"], keep=False)]
    return [finding("duplicate-unit", file=file, sheet=sheet, row=int(group["row"].iloc[-1]),
                    unit=" / ".join(dict.fromkeys(group["unit"])))
            for (file, sheet, _key), group in twice.groupby(["file", "sheet", "key"], sort=False)]


def repeated_columns(table: Table, mapped: list[tuple[Column, ColumnMapping]], catalog: Catalog
                     ) -> tuple[list[tuple[Column, ColumnMapping]], list[Finding]]:
    """The mappings with columns that repeat a counted figure left uncounted, and a finding naming them.

    Columns of one indicator and counted role each under a group label of its own ("Thường trú - Tổng",
    "Tạm trú - Tổng") are parts of the table's whole and add up. Other columns read as the same figure
    are one figure written twice when they agree on every row (the first is counted, an info says so),
    else two figures that cannot both be it: neither is counted, and a warning names them.
    """
    same: dict[tuple[str, str], list[int]] = {}
    for i, (_, mapping) in enumerate(mapped):
        if mapping.indicator and mapping.role in COUNTED_ROLES:
            same.setdefault((mapping.indicator, mapping.role), []).append(i)
    mapped, findings = list(mapped), []
    for (indicator, role), members in same.items():
        groups = [mapped[i][0].group for i in members]
        if len(members) < 2 or (all(groups) and len(set(groups)) == len(groups)):
            continue
        columns = [mapped[i][0] for i in members]
        agree = _agree(table, columns)
        for i in members[1:] if agree else members:
            mapped[i] = (mapped[i][0], replace(mapped[i][1], indicator=None))
        findings.append(finding("column-repeated" if agree else "column-duplicate", file=table.file,
                                sheet=table.sheet, column=", ".join(col.letter for col in columns),
                                columns=", ".join(f"{col.letter} ('{col.label}')" for col in columns),
                                indicator=catalog.label(indicator), role=ROLE_LABELS[role],
                                kept=columns[0].letter))
    return mapped, findings


def _agree(table: Table, columns: list[Column]) -> bool:
    """Whether the columns hold the same figure on every row."""
    return all(len({row.values.get(col.index) for col in columns}) == 1 for row in table.rows)


def nothing_counted(records: pd.DataFrame, file: str) -> list[Finding]:
    """An error when the records of ``file`` hold no figure of an indicator: no table was found in it,
    or none of its columns was recognised."""
    counted = records["indicator"].notna() & records["value"].notna() & records["role"].isin(COUNTED_ROLES)
    return [] if counted.any() else [finding("file-nothing-counted", file=file)]
