"""Indicator families whose parts add up to the whole (``parts_add_up`` in catalog.yaml: level 1 and
level 2 accounts make "mức 1 + mức 2"), checked and completed on the records, row by row:

- a row giving the whole and every part: they must agree (``family_mismatches``);
- a row giving every part but not the whole: the whole is their sum (``family_results``), said once per
  file; a row giving only some parts gives no whole, and a warning says which part is missing.

A whole is never added to its parts: they are other indicators, summed only where the whole is missing.
"""

from __future__ import annotations

import pandas as pd

from chitieu.findings import Finding, finding, quoted, record_row
from chitieu.mapping.catalog import Catalog
from chitieu.values import format_number

ROW_KEY = ["file", "sheet", "row", "unit", "parent", "as_of"]
NAMED_UNITS = 5  # units a finding names before "…"


def families(catalog: Catalog) -> list[tuple[str, tuple[str, ...]]]:
    """Each indicator whose parts add up to it, with its parts."""
    return [(code, catalog.parts(code)) for code, indicator in catalog.indicators.items()
            if indicator.parts_add_up and catalog.parts(code)]


def family_rows(records: pd.DataFrame, whole: str, parts: tuple[str, ...], role: str) -> pd.DataFrame:
    """One row per record row (``ROW_KEY``) with a figure of the family in ``role``: a column per
    indicator of the family (NaN where the row has none)."""
    codes = [whole, *parts]
    in_parts = records["indicator"].isin(parts)
    if not in_parts.any():  # the common case, checked first: no part at all
        return pd.DataFrame(columns=[*ROW_KEY, *codes])
    mine = records[(records["role"] == role) & (in_parts | (records["indicator"] == whole)) & records["value"].notna()]
    if mine.empty:
        return pd.DataFrame(columns=[*ROW_KEY, *codes])
    wide = (mine.groupby([*ROW_KEY, "indicator"], sort=False, dropna=False)["value"].sum()
            .unstack("indicator").reindex(columns=codes))
    return wide.reset_index()


def family_mismatches(records: pd.DataFrame, catalog: Catalog) -> list[Finding]:
    """A warning for each row whose whole is not the sum of its parts, quotas and results alike."""
    found = []
    for whole, parts in families(catalog):
        for role in ("quota", "result"):
            rows = family_rows(records, whole, parts, role).dropna(subset=[whole, *parts])
            computed = rows[list(parts)].sum(axis=1)
            for (_, row), total in zip(rows.iterrows(), computed):
                if abs(row[whole] - total) > 1e-9:
                    found.append(finding(
                        "family-parts-mismatch", file=row["file"], sheet=row["sheet"], row=record_row(row["row"]),
                        unit=row["unit"], family=catalog.label(whole), whole=format_number(row[whole]),
                        parts=" + ".join(f"{catalog.label(p)} ({format_number(row[p])})" for p in parts),
                        computed=format_number(total)))
    return found


def family_results(records: pd.DataFrame, catalog: Catalog) -> tuple[pd.DataFrame, list[Finding]]:
    """``records`` with a result record of the whole for each row that gives every part of a family but
    not the whole, when that whole has a quota; one finding per file says so, another per file names
    the rows that give only some of the parts (and so no whole)."""
    added, findings = [], []
    has_quota = set(records.loc[records["role"] == "quota", "indicator"].unique())
    for whole, parts in families(catalog):
        if whole not in has_quota:
            continue
        rows = family_rows(records, whole, parts, "result")
        rows = rows[rows[whole].isna()]
        complete = rows[list(parts)].notna().all(axis=1)
        sums = rows[complete].assign(indicator=whole, role="result", value=rows[complete][list(parts)].sum(axis=1))
        if not sums.empty:
            added.append(sums[[*ROW_KEY, "indicator", "role", "value"]].astype({"value": float}))
        for file, part in sums.groupby("file", sort=False):
            findings.append(finding("family-from-parts", file=file, family=catalog.label(whole),
                                    units=part["unit"].nunique(), parts=" + ".join(map(catalog.label, parts))))
        findings += _incomplete(rows[~complete], whole, parts, catalog)
    if not added:
        return records, findings
    return pd.concat([records, *added], ignore_index=True).astype({"row": records["row"].dtype}), findings


def _incomplete(rows: pd.DataFrame, whole: str, parts: tuple[str, ...], catalog: Catalog) -> list[Finding]:
    """A warning per file whose rows give some parts of a family but not all, nor the whole."""
    found = []
    for file, part in rows.groupby("file", sort=False):
        given = [p for p in parts if part[p].notna().any()]
        missing = [p for p in parts if part[p].isna().any()]
        units = list(dict.fromkeys(part["unit"]))
        named = quoted(units[:NAMED_UNITS]) + (", …" if len(units) > NAMED_UNITS else "")
        found.append(finding("family-parts-incomplete", file=file, family=catalog.label(whole), count=len(units),
                             units=named, given=", ".join(map(catalog.label, given)),
                             missing=", ".join(map(catalog.label, missing))))
    return found
