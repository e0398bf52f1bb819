"""Figures that read fine but cannot be right, checked on the records of a file:

- a result many times its quota on the same row (a slip of the keyboard: "500" for "50");
- one unit on several rows of a sheet (its figures add up);
- a file that gave no figure to count at all.
"""

from __future__ import annotations

import pandas as pd

from chitieu.findings import Finding, finding
from chitieu.names import unit_key
from chitieu.values import format_number

IMPLAUSIBLE_TIMES = 5  # a result this many times its quota is flagged
COUNTED_ROLES = ["quota", "daily_quota", "result"]  # the roles the summary counts


def implausible_results(records: pd.DataFrame) -> list[Finding]:
    """A finding for each row whose result is ``IMPLAUSIBLE_TIMES`` its quota or more."""
    key = ["file", "sheet", "row", "indicator"]
    quota = records[records["role"] == "quota"].set_index(key)
    result = records[records["role"] == "result"].set_index(key)
    both = result.join(quota[["value"]].add_suffix("_quota"), how="inner").dropna(subset=["value", "value_quota"])
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
    rows["key"] = [str(unit_key(unit)) for unit in rows["unit"]]
    twice = rows[rows.duplicated(["file", "sheet", "parent", "key", "as_of"], keep=False)]
    return [finding("duplicate-unit", file=file, sheet=sheet, row=int(group["row"].iloc[-1]),
                    unit=" / ".join(dict.fromkeys(group["unit"])))
            for (file, sheet, _key), group in twice.groupby(["file", "sheet", "key"], sort=False)]


def nothing_counted(records: pd.DataFrame, file: str) -> list[Finding]:
    """An error when the records of ``file`` hold no figure of an indicator: no table was found in it,
    or none of its columns was recognised."""
    counted = records["indicator"].notna() & records["value"].notna() & records["role"].isin(COUNTED_ROLES)
    return [] if counted.any() else [finding("file-nothing-counted", file=file)]
