"""Workbooks in, summary out: the one way through that the command line, the app and the
notebooks share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from chitieu.collector import collector_paused
from chitieu.findings import Finding, fail, finding
from chitieu.mapping.catalog import Catalog, load_catalog
from chitieu.mapping.overrides import Overrides
from chitieu.mapping.records import Loaded, read_records
from chitieu.reading.sheets import file_sha256
from chitieu.summary.campaign import Deadlines, dated_campaign
from chitieu.summary.plausibility import Accepted
from chitieu.summary.table import SOURCE_COLUMNS, Summary, summarise_progress


@collector_paused()  # through both reads and the summary: re-enabled between them, it walks every record
def summarise_files(quota_files: list[str | Path], result_files: list[str | Path] = (), *,
                    start: date | None = None, end: date | None = None, as_of: date | None = None,
                    days: int | None = None, catalog: Catalog | None = None,
                    overrides: Overrides | None = None, deadlines: Deadlines | None = None) -> Summary:
    """Read quota and result workbooks and summarise them: the one way through that
    the command line, the app and the notebooks share.

    Dates not given are taken from the workbooks (the period from the quota's title
    or header, the as-of date from the newest result); ``deadlines`` (indicator → (start or None, end))
    set indicators' own periods over those the workbooks' words give.

    >>> s = summarise_files(["inputs/soc_trang/chi_tieu_dddt.xlsx"], ["inputs/soc_trang/ket_qua_2023-07-27.xlsx"],
    ...                     days=33)
    >>> s.table[["unit", "quota", "result", "status"]].head(2)
                 unit     quota    result       status
    0  Tỉnh Sóc Trăng  576903.0  159448.0         chậm
    1    TP Sóc Trăng   50802.0   17698.0  đạt tiến độ
    """
    catalog = catalog or load_catalog()
    inputs = read_inputs(quota_files, result_files, catalog, overrides)
    return summarise_loaded(inputs.quota, inputs.results, inputs.quota_files, inputs.result_files, start=start,
                            end=end, as_of=as_of, days=days, catalog=catalog,
                            unit_aliases=overrides.units if overrides else None,
                            accepted=overrides.accepted if overrides else None, deadlines=deadlines)


SLOT_NAMES = {"quota": "sổ chỉ tiêu", "result": "sổ kết quả"}


@dataclass
class Inputs:
    """The quota and result workbooks as read, each distinct file once."""

    quota: Loaded
    results: Loaded
    quota_files: list[Path]
    result_files: list[Path]


def read_inputs(quota_files: list[str | Path], result_files: list[str | Path], catalog: Catalog | None = None,
                overrides: Overrides | None = None, hidden: bool = False) -> Inputs:
    """Read each distinct quota and result workbook once (``distinct_files``); a file left out is said
    in an info among the quota's findings. A table holding quota and result columns side by side,
    given in both slots, is read once, and both its columns count."""
    quota, results, repeated = distinct_files(quota_files, result_files)
    quota_read = read_records(quota, "quota", catalog, overrides, hidden)
    quota_read.findings[:0] = repeated
    return Inputs(quota_read, read_records(results, "result", catalog, overrides, hidden), quota, results)


def distinct_files(quota_files: list[str | Path], result_files: list[str | Path]
                   ) -> tuple[list[Path], list[Path], list[Finding]]:
    """The quota and result files without the ones whose bytes (SHA-256) were given before, in the same
    slot or the other: each is kept where it was first given, and an info names each left out. A file
    that cannot be read is kept, for the reader to say what is wrong with it."""
    first: dict[str, tuple[Path, str]] = {}
    kept: dict[str, list[Path]] = {"quota": [], "result": []}
    repeated = []
    for slot, paths in (("quota", quota_files), ("result", result_files)):
        for path in map(Path, paths):
            digest = file_sha256(path)
            if digest in first:
                earlier, earlier_slot = first[digest]
                repeated.append(finding("file-repeated", file=path.name, name=path.name, same_as=earlier.name,
                                        slot=SLOT_NAMES[earlier_slot]))
                continue
            if digest:
                first[digest] = (path, slot)
            kept[slot].append(path)
    return kept["quota"], kept["result"], repeated


@collector_paused()
def summarise_loaded(quota: Loaded, results: Loaded, quota_files: list[str | Path],
                     result_files: list[str | Path] = (), *, start: date | None = None, end: date | None = None,
                     as_of: date | None = None, days: int | None = None, catalog: Catalog | None = None,
                     unit_aliases: dict[str, str] | None = None, accepted: Accepted | None = None,
                     deadlines: Deadlines | None = None) -> Summary:
    """``summarise_files`` of workbooks already read (the app reads each file once, with progress,
    and summarises again when only the campaign, a unit alias or a confirmed figure changed). ``deadlines``
    set an indicator's own period over the deadline the workbooks' words give."""
    catalog = catalog or load_catalog()
    records = pd.concat([quota.records, without_repeated_quotas(results.records, quota.records)], ignore_index=True)
    if not has_quota(records):
        raise fail("quota-not-found", files=", ".join(f"'{Path(f).name}'" for f in [*quota_files, *result_files]))
    campaign, records, dating = dated_campaign(records, start, end, as_of, days,
                                               found_period=quota.period or results.period,
                                               files=[Path(f).name for f in [*quota_files, *result_files]],
                                               deadlines=_read_deadlines(quota, results) | (deadlines or {}))
    summary = summarise_progress(records, campaign, catalog, unit_aliases, accepted)
    summary.findings = quota.findings + results.findings + dating + summary.findings
    summary.sources = pd.concat([_sources(quota_files, quota.records, "quota"),
                                 _sources(result_files, results.records, "result")], ignore_index=True)
    return summary


def _read_deadlines(quota: Loaded, results: Loaded) -> Deadlines:
    """The deadlines the workbooks' words give, the quota workbooks' first."""
    return {code: (None, end) for code, end in (results.deadlines | quota.deadlines).items()}


def without_repeated_quotas(results: pd.DataFrame, quotas: pd.DataFrame) -> pd.DataFrame:
    """The result workbooks' records without the quotas and daily quotas of the indicators the quota
    workbooks give: a result workbook repeating each unit's quota beside its results would add it twice."""
    given = quotas.loc[(quotas["role"] == "quota") & quotas["value"].notna(), "indicator"].unique()
    return results[~(results["role"].isin(["quota", "daily_quota"]) & results["indicator"].isin(given))]


def has_quota(records: pd.DataFrame) -> bool:
    """Whether the records give any unit a quota of an indicator, or a daily quota (the summary has rows)."""
    return bool((records["indicator"].notna() & records["value"].notna()
                 & records["role"].isin(["quota", "daily_quota"])).any())


def _sources(paths: list[str | Path], records: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Each input file and sheet: how many table rows were read and the date they are as of."""
    read = records.groupby(["file", "sheet"], sort=False)
    sheets: dict[str, list[tuple[str, int, list[object]]]] = {}
    counts, days = read["row"].nunique(), read["as_of"].unique()
    for (file, sheet), count in counts.items():
        sheets.setdefault(file, []).append((sheet, count, days[file, sheet]))
    rows = []
    for path in map(Path, paths):
        for sheet, count, seen in sheets.get(path.name, []):
            dates = [d for d in seen if isinstance(d, date)]
            rows.append({"path": path, "file": path.name, "kind": kind, "sheet": sheet, "rows": count,
                         "as_of": max(dates) if dates else None})
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)
