"""What a quota table's words say of its targets beyond the figures: each indicator's deadline ("Chỉ tiêu
thu nhận CCCD (đến 20/6/2023)") and a quota given as a share of an eligible population ("90% dân số", or a
percent column beside the population).
"""

from __future__ import annotations

import math
import re
from datetime import date

import pandas as pd

from chitieu.findings import Finding, finding
from chitieu.mapping.catalog import Catalog
from chitieu.reading.layout import Table
from chitieu.values import deadline_in_text, format_number, format_percent, parse_number

TARGET_ROLES = ("quota", "daily_quota")
_SHARE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*%")  # "90%", "90 %", "92,5%" in a header


def table_deadlines(table: Table, records: pd.DataFrame, default_role: str, catalog: Catalog
                    ) -> tuple[dict[str, date], list[Finding]]:
    """Each indicator's deadline as the headers of its quota columns say it, else as the title of a quota
    table of one indicator says it; an info for each, naming the file and the column (or the title)."""
    is_target = records["role"].isin(TARGET_ROLES) & records["indicator"].notna()
    if not is_target.any():  # a day's results: nothing to look at
        return {}, []
    columns = records[is_target].drop_duplicates("column")[["column", "label", "indicator"]]
    found: dict[str, date] = {}
    findings = []
    for column, label, code in columns.itertuples(index=False):
        deadline = deadline_in_text(label)
        if deadline and code not in found:
            found[code] = deadline
            findings.append(_deadline_read(table, code, deadline, label, catalog, column))
    codes = columns["indicator"].unique().tolist()
    if not found and default_role == "quota" and len(codes) == 1 and (deadline := deadline_in_text(table.title)):
        found[codes[0]] = deadline
        findings.append(_deadline_read(table, codes[0], deadline, table.title, catalog))
    return found, findings


def _deadline_read(table: Table, code: str, deadline: date, text: str, catalog: Catalog, column: str = ""
                   ) -> Finding:
    return finding("deadline-read", file=table.file, sheet=table.sheet, column=column,
                   indicator=catalog.label(code), deadline=deadline.strftime("%d/%m/%Y"), text=text)


def share_quotas(table: Table, records: pd.DataFrame, catalog: Catalog) -> tuple[pd.DataFrame, list[Finding]]:
    """The records with a quota added for each row whose indicator has no quota figure but an eligible
    population and a share of it (from a percent column of the indicator, else an "N%" in the header of its
    quota or eligible column): ⌈share × eligible⌉, said in an info per indicator. A table that also gives
    results of the indicator is left alone: its percent column is what was achieved, not a target."""
    blank = _blank_column_share(table, catalog)
    if blank:  # the population beside a quota column left blank is that column's indicator's
        records = records.assign(indicator=records["indicator"].where(
            records["indicator"].notna() | (records["role"] != "eligible"), blank[0]))
    counted = records[records["indicator"].notna() & records["value"].notna()]
    eligible = counted[counted["role"] == "eligible"].drop_duplicates(["row", "indicator"])
    if eligible.empty:
        return records, []
    quota_rows = set(zip(*counted.loc[counted["role"] == "quota", ["row", "indicator"]].to_numpy().T))
    results = set(counted.loc[counted["role"] == "result", "indicator"])
    shares = _row_shares(counted)
    headers = dict([blank]) | _header_shares(records) if blank else _header_shares(records)
    added, findings = [], []
    for code, rows in eligible.groupby("indicator", sort=False):
        if code in results:
            continue
        rows = rows[[(row, code) not in quota_rows for row in rows["row"]]]
        share = pd.Series([shares.get((row, code), headers.get(code)) for row in rows["row"]], index=rows.index,
                          dtype=float)
        rows = rows[share.notna()].assign(share=share[share.notna()])
        if rows.empty:
            continue
        quota = [math.ceil(s * v - 1e-9) for s, v in zip(rows["share"], rows["value"])]
        added.append(rows.assign(role="quota", value=[float(q) for q in quota]).drop(columns="share"))
        first = rows.iloc[0]
        findings.append(finding("quota-from-share", file=table.file, sheet=table.sheet, column=first["column"],
                                indicator=catalog.label(code), units=len(rows), share=format_percent(first["share"]),
                                eligible=first["label"], unit=first["unit"],
                                eligible_value=format_number(first["value"]), quota=format_number(quota[0])))
    return pd.concat([records, *added], ignore_index=True) if added else records, findings


def _row_shares(counted: pd.DataFrame) -> dict[tuple[object, str], float]:
    """(row, indicator) → the share its percent column gives ("90%" read as 0.9; 90 as 90%)."""
    percent = counted[counted["role"] == "percent"]
    return {(row, code): value / 100 if value > 1 else value
            for row, code, value in percent[["row", "indicator", "value"]].itertuples(index=False) if value > 0}


def _header_shares(records: pd.DataFrame) -> dict[str, float]:
    """indicator → the share an "N%" in the header of its quota or eligible column says ("Chỉ tiêu (90% dân
    số)")."""
    found: dict[str, float] = {}
    columns = records[records["role"].isin(["quota", "eligible"]) & records["indicator"].notna()]
    for label, code in columns.drop_duplicates("column")[["label", "indicator"]].itertuples(index=False):
        m = _SHARE.search(str(label))
        share = parse_number(f"{m.group(1)}%") if m else None
        if share and code not in found:
            found[code] = share
    return found


def _blank_column_share(table: Table, catalog: Catalog) -> tuple[str, float] | None:
    """The indicator and share of a quota column left blank whose header says a share ("Chỉ tiêu định danh
    điện tử (90% dân số)"): in the header's words outside the table's columns of figures."""
    rest = table.header_text
    for col in table.columns:
        rest = rest.replace(col.label, " ", 1)
    m = _SHARE.search(rest)
    mapping = catalog.map_column(rest, table.title, "quota") if m else None
    if mapping is None or mapping.indicator is None or mapping.candidates or mapping.role != "quota":
        return None
    return mapping.indicator, parse_number(f"{m.group(1)}%")
