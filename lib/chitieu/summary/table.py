"""Quota × results × campaign → the summary: one row per unit × indicator, roll-ups included."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Callable, Mapping

import numpy as np
import pandas as pd

from chitieu.findings import Finding, finding
from chitieu.mapping.catalog import Catalog, load_catalog
from chitieu.mapping.families import families, family_results
from chitieu.mapping.units import match_units
from chitieu.summary.campaign import Campaign
from chitieu.summary.status import Status
from chitieu.values import format_number, round_half_up

TOTAL_UNIT = "Tổng cộng"
RECENT_DAYS = 7  # the window of the "recent daily rate" used for the projection

TABLE_COLUMNS = ["unit", "parent", "level", "indicator", "indicator_label", "quota", "daily_quota", "result",
                 "percent", "expected_to_date", "pace", "remaining", "required_per_day", "projected",
                 "status", "rank"]
HISTORY_COLUMNS = ["unit", "indicator", "as_of", "result", "file"]
SOURCE_COLUMNS = ["path", "file", "kind", "sheet", "rows", "as_of"]
KEYS = ["unit", "indicator"]
USED_COLUMNS = ["file", "sheet", "row", "unit", "parent", "indicator", "role", "value", "as_of"]


@dataclass
class Summary:
    """The summary table, the findings met on the way, and the result history behind it."""

    campaign: Campaign
    table: pd.DataFrame
    findings: list[Finding] = field(default_factory=list)
    history: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=HISTORY_COLUMNS))
    sources: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SOURCE_COLUMNS))

    def to_dict(self) -> dict[str, object]:
        """The shape of ``chitieu summary --format json``."""
        rows = self.table.astype(object).where(self.table.notna(), None).to_dict(orient="records")
        return {"campaign": self.campaign.to_dict(), "rows": rows,
                "issues": [f.to_dict() for f in self.findings]}


def summarise_progress(records: pd.DataFrame, campaign: Campaign, catalog: Catalog | None = None,
                       unit_aliases: dict[str, str] | None = None) -> Summary:
    """The progress of every unit × indicator that has a quota, as of ``campaign.as_of``.

    ``records`` are tidy records (``read_records``) of quota and result files together;
    ``unit_aliases`` map result spellings an officer confirmed to the quota's units.

    >>> from datetime import date
    >>> from chitieu import read_records
    >>> records = read_records(["inputs/soc_trang/chi_tieu_dddt.xlsx",
    ...                         "inputs/soc_trang/ket_qua_2023-07-27.xlsx"]).records
    >>> summary = summarise_progress(records, Campaign(date(2023, 7, 18), date(2023, 8, 18),
    ...                              date(2023, 7, 27), days=33))
    >>> summary.table[["unit", "quota", "daily_quota", "status"]].head(2)
                 unit     quota  daily_quota       status
    0  Tỉnh Sóc Trăng  576903.0      17480.0         chậm
    1    TP Sóc Trăng   50802.0       1539.0  đạt tiến độ
    """
    catalog = catalog or load_catalog()
    # Only the columns used: each filter below copies every Arrow string column it keeps.
    records = records.loc[records["indicator"].notna() & records["value"].notna(), USED_COLUMNS]
    records, findings = family_results(records, catalog)
    quotas = _quota_table(records)
    tree = _unit_tree(records)
    history = _result_history(records[records["role"] == "result"], list(tree), campaign, findings, unit_aliases)
    leaves = _leaf_rows(quotas, history, campaign)
    table = _with_rollups(leaves, tree, campaign, findings)
    _flag_results_without_quota(history, quotas, catalog, findings)
    _flag_stale_results(history, campaign, catalog, findings)
    table["indicator_label"] = _mapped(table["indicator"], catalog.label)
    table["status"] = _statuses(table)
    table["rank"] = _ranks(table)
    order = {code: i for i, code in enumerate(catalog.indicators)}
    table["_ind"] = _mapped(table["indicator"], order).fillna(len(order))
    table["_pos"] = _mapped(table["unit"], {u: i for i, u in enumerate(_preorder(tree))})
    table = table.sort_values(["_ind", "_pos"]).drop(columns=["_ind", "_pos"]).reset_index(drop=True)
    if campaign.as_of < campaign.start:
        findings.append(finding("as-of-before-start", as_of=campaign.as_of.strftime("%d/%m/%Y"),
                                start=campaign.start.strftime("%d/%m/%Y")))
    return Summary(campaign, table[TABLE_COLUMNS], findings, history)


def _quota_table(records: pd.DataFrame) -> pd.DataFrame:
    """unit × indicator → quota and the workbook's own daily quota (NaN when it has none)."""
    quota = records.loc[records["role"].isin(["quota", "daily_quota"]), ["unit", "indicator", "role", "value"]]
    table = quota.pivot_table(index=["unit", "indicator"], columns="role", values="value", aggfunc="sum")
    table = table.reindex(columns=["quota", "daily_quota"]).dropna(subset=["quota"])
    return table.reset_index().rename_axis(columns=None)


def _unit_tree(records: pd.DataFrame) -> dict[str, str | None]:
    """Each quota unit and its parent, in the order the workbooks list them.

    When the top of the tree has several units and no common parent, a "Tổng cộng"
    row is added above them.
    """
    quota = records.loc[records["role"].isin(["quota", "daily_quota"]), ["unit", "parent"]]
    # A unit's parent is the first one its rows name.
    named = quota[quota["parent"].notna() & (quota["parent"] != "")].drop_duplicates("unit")
    first_parent = dict(zip(named["unit"].tolist(), named["parent"].tolist()))
    tree: dict[str, str | None] = {unit: first_parent.get(unit) for unit in quota["unit"].unique().tolist()}
    for parent in [p for p in tree.values() if p and p not in tree]:
        tree[parent] = None
    roots = [u for u, p in tree.items() if p is None]
    if len(roots) > 1:
        tree = {TOTAL_UNIT: None} | {u: (TOTAL_UNIT if p is None else p) for u, p in tree.items()}
    return tree


def _preorder(tree: dict[str, str | None]) -> list[str]:
    children: dict[str | None, list[str]] = {}
    for unit, parent in tree.items():
        children.setdefault(parent, []).append(unit)
    order: list[str] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        unit = stack.pop()
        order.append(unit)
        stack.extend(reversed(children.get(unit, [])))
    return order


def _result_history(results: pd.DataFrame, known: list[str], campaign: Campaign,
                    findings: list[Finding], aliases: dict[str, str] | None = None) -> pd.DataFrame:
    """Cumulative results per unit × indicator × date, units matched to the quota's names."""
    if results.empty:
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    results = results.copy()
    matches = match_units(results["unit"].unique().tolist(), known, aliases)
    for name, match in matches.items():
        if match.matched is None:
            first = results[results["unit"] == name].iloc[0]
            hint = f" Có phải là: {', '.join(match.suggestions)}?" if match.suggestions else ""
            findings.append(finding("unit-unmatched", file=first["file"], sheet=first["sheet"],
                                    row=int(first["row"]), unit=name, suggestion=hint))
    results["unit"] = _mapped(results["unit"], {name: match.matched for name, match in matches.items()})
    results = results[results["unit"].notna()]
    results["as_of"] = results["as_of"].where(results["as_of"].notna(), campaign.as_of)
    # A unit reported twice for one date within a file adds up (and is said); across files the later file wins.
    twice = results[results.duplicated(["unit", "indicator", "as_of", "file"], keep=False)]
    for (unit, file), rows in twice.groupby(["unit", "file"], sort=False):
        findings.append(finding("duplicate-unit", file=file, sheet=rows["sheet"].iloc[0],
                                row=int(rows["row"].iloc[-1]), unit=unit))
    per_file = results.groupby(["unit", "indicator", "as_of", "file"], sort=False, as_index=False)["value"].sum()
    replaced = per_file.duplicated(["unit", "indicator", "as_of"], keep="last")
    for row in per_file[replaced].itertuples():
        findings.append(finding("result-replaced", file=row.file, unit=row.unit, indicator=row.indicator,
                                date=row.as_of.strftime("%d/%m/%Y")))
    history = per_file[~replaced].rename(columns={"value": "result"}).sort_values(["unit", "indicator", "as_of"])
    _flag_decreases(history, findings)
    return history[HISTORY_COLUMNS].reset_index(drop=True)


def _flag_decreases(history: pd.DataFrame, findings: list[Finding]) -> None:
    """A cumulative result lower than the one reported before it (``history`` sorted by date)."""
    earlier = history.groupby(["unit", "indicator"], sort=False)[["result", "as_of"]].shift()
    lower = history["result"] < earlier["result"]
    for row, before in zip(history[lower].itertuples(), earlier[lower].itertuples()):
        findings.append(finding(
            "result-decreased", file=row.file, unit=row.unit, indicator=row.indicator,
            before=format_number(before.result), before_date=before.as_of.strftime("%d/%m/%Y"),
            after=format_number(row.result), after_date=row.as_of.strftime("%d/%m/%Y")))


def _leaf_rows(quotas: pd.DataFrame, history: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """One row per quota: its daily quota, plan rate, latest result and projected result."""
    published = quotas["daily_quota"].notna()
    # The plan line uses the published daily figure, else the unrounded quota / days: a quota
    # of 33 over 91 days rounds to 0 a day, which would put every unit on pace.
    rate = quotas["daily_quota"].where(published, quotas["quota"] / campaign.days_total)
    daily = quotas["daily_quota"].where(published, round_half_up(rate))
    results = _results_and_projections(quotas[KEYS], history, campaign)
    return quotas[[*KEYS, "quota"]].assign(daily_quota=daily, rate=rate, result=results["result"],
                                           projected=results["projected"])


def _results_and_projections(keys: pd.DataFrame, history: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """For each unit × indicator of ``keys``: the latest cumulative result on or before the as-of
    date, and the result projected to the end at the daily rate of the last ``RECENT_DAYS`` days
    (``history`` in date order within each unit × indicator)."""
    dated = history[[*KEYS, "result"]].assign(day=pd.to_datetime(history["as_of"]))
    as_of = pd.Timestamp(campaign.as_of)
    latest = _latest_on_or_before(dated, as_of)
    base = _latest_on_or_before(dated, as_of - pd.Timedelta(days=RECENT_DAYS))
    rows = keys.merge(latest, on=KEYS, how="left").merge(base, on=KEYS, how="left", suffixes=("", "_base"))
    rows.index = keys.index
    # Without a result that old, the rate runs from nothing on the day before the start.
    base_day = rows["day_base"].fillna(pd.Timestamp(campaign.start - timedelta(days=1)))
    rate = (rows["result"] - rows["result_base"].fillna(0.0)) / np.maximum((as_of - base_day).dt.days, 1)
    projected = rows["result"] + rate * campaign.days_left
    if campaign.as_of < campaign.start:  # no rate to project with yet
        projected = pd.Series(np.nan, index=rows.index)
    return pd.DataFrame({"result": rows["result"], "projected": projected})


def _latest_on_or_before(history: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """unit × indicator → the day and the result of its latest result on or before ``day``."""
    latest = history[history["day"] <= day].drop_duplicates(KEYS, keep="last")
    return latest.astype({"result": float})  # float even when there is no result at all


def _with_rollups(leaves: pd.DataFrame, tree: dict[str, str | None], campaign: Campaign,
                  findings: list[Finding]) -> pd.DataFrame:
    """Leaf rows plus a row per parent and indicator summing its children, deepest parents first."""
    units = list(tree)
    # Each row's unit by its place in the tree, so that depths and parents are looked up in arrays.
    place = {unit: i for i, unit in enumerate(units)}
    parent_place = np.array([place.get(parent, -1) for parent in tree.values()])
    depth = np.array([_depth(unit, tree) for unit in units], dtype=int)
    rows = leaves.assign(place=_mapped(leaves["unit"], place))
    for level in range(depth.max(initial=0) - 1, -1, -1):
        children = rows[depth[rows["place"]] == level + 1]
        if not children.empty:
            rows = pd.concat([rows, _parent_rows(children, units, parent_place, findings)], ignore_index=True)
    rows["parent"] = _mapped(rows["unit"], tree)
    rows["level"] = pd.array(depth[rows["place"]], dtype="Int64")
    return _derived_columns(rows.drop(columns="place"), campaign)


def _parent_rows(children: pd.DataFrame, units: list[str], parent_place: np.ndarray,
                 findings: list[Finding]) -> pd.DataFrame:
    """A row per parent and indicator summing the rows of its ``children``, with a finding for each
    where some children have not reported.

    Parents come in tree order, and each parent's indicators in the order its children's rows list them.
    """
    parents = parent_place[children["place"].to_numpy()]
    group = children.groupby([parents, children["indicator"]], sort=False).ngroup().to_numpy()
    order = np.lexsort((group, parents))  # stable: a group's rows keep their order
    children, parents, group = children.iloc[order], parents[order], group[order]
    starts = np.flatnonzero(np.diff(group, prepend=-1))
    ends = np.append(starts[1:], len(group))
    rows = pd.DataFrame({"unit": [units[i] for i in parents[starts]], "place": parents[starts],
                         "indicator": children["indicator"].iloc[starts].tolist()})
    for column in ["quota", "daily_quota", "rate", "result", "projected"]:
        rows[column] = _slice_sums(children[column].fillna(0).to_numpy(), starts, ends)
    counts = ends - starts
    missing = np.add.reduceat(children["result"].isna().to_numpy(dtype=int), starts)
    rows.loc[missing == counts, ["result", "projected"]] = np.nan  # no child reported
    for unit, indicator, missed, count in zip(rows["unit"].tolist(), rows["indicator"].tolist(),
                                              missing.tolist(), counts.tolist()):
        if missed:
            findings.append(finding("children-not-reported", unit=unit, indicator=indicator,
                                    missing=missed, total=count))
    return rows


def _slice_sums(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The sum of each slice ``values[start:end]``, added as ``Series.sum`` adds (numpy's pairwise
    order): groupby sums and ``np.add.reduceat`` add in other orders, and a difference in the last
    digit of a plan line can turn a unit from on pace to behind."""
    return np.array([values[start:end].sum() for start, end in zip(starts, ends)], dtype=float)


def _mapped(column: pd.Series, mapping: Mapping[object, object] | Callable[[object], object]) -> pd.Series:
    """``column.map(mapping)``, each distinct value looked up once (mapping a column of Arrow
    strings value by value makes a Python string of each)."""
    codes, distinct = pd.factorize(column, use_na_sentinel=False)
    return pd.Series(distinct).map(mapping).take(codes).set_axis(column.index)


def _depth(unit: str, tree: dict[str, str | None]) -> int:
    depth = 0
    while tree.get(unit):
        unit = tree[unit]
        depth += 1
    return depth


def _derived_columns(rows: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    quota, result = rows["quota"], rows["result"]
    rows["percent"] = (result / quota).where(quota > 0)
    rows["expected_to_date"] = np.minimum(rows["rate"] * campaign.days_elapsed, quota)
    rows["pace"] = (result / rows["expected_to_date"]).where(rows["expected_to_date"] > 0)
    rows["remaining"] = (quota - result.fillna(0)).clip(lower=0)
    rows["required_per_day"] = rows["remaining"] / campaign.days_left if campaign.days_left > 0 else np.nan
    return rows


def _statuses(table: pd.DataFrame) -> pd.Series:
    result = table["result"]
    return pd.Series(np.select(
        # a quota of 0 asks nothing: reaching it is not "vượt"
        [result.isna(), (table["quota"] > 0) & (result >= table["quota"]), result >= table["expected_to_date"]],
        [Status.NOT_REPORTED, Status.EXCEEDED, Status.ON_PACE], default=Status.BEHIND), index=table.index)


def _ranks(table: pd.DataFrame) -> pd.Series:
    """Rank among sibling units (same parent and indicator) by percent achieved, best = 1."""
    siblings = table["parent"].fillna("") + "\x00" + table["indicator"]
    return table.groupby(siblings)["percent"].rank(ascending=False, method="min").astype("Int64")


def _flag_results_without_quota(history: pd.DataFrame, quotas: pd.DataFrame, catalog: Catalog,
                                findings: list[Finding]) -> None:
    """A finding for each unit × indicator reported without a quota, save the parts of a family whose whole
    has a quota for the unit (``family_results`` adds them up or says why not)."""
    reported = history[KEYS].drop_duplicates()
    quota_keys = pd.MultiIndex.from_frame(quotas[KEYS])
    whole = {part: code for code, parts in families(catalog) for part in parts}
    reported_whole = reported.assign(indicator=_mapped(reported["indicator"], whole))
    without = reported[~pd.MultiIndex.from_frame(reported).isin(quota_keys)
                       & ~pd.MultiIndex.from_frame(reported_whole).isin(quota_keys)]
    for unit, indicator in zip(without["unit"].tolist(), without["indicator"].tolist()):
        findings.append(finding("result-without-quota", unit=unit, indicator=catalog.label(indicator)))


def _flag_stale_results(history: pd.DataFrame, campaign: Campaign, catalog: Catalog, findings: list[Finding]) -> None:
    """A warning for each unit × indicator left blank (or "-") in the newest report of that indicator, whose
    result is therefore an older one: said, never silently carried over."""
    dated = history[pd.to_datetime(history["as_of"]) <= pd.Timestamp(campaign.as_of)]
    newest = dated.groupby("indicator")["as_of"].transform("max")
    latest = dated.assign(newest=newest).drop_duplicates(KEYS, keep="last")  # history is in date order
    for row in latest[latest["as_of"] < latest["newest"]].itertuples():
        file = dated.loc[(dated["indicator"] == row.indicator) & (dated["as_of"] == row.newest), "file"].iloc[0]
        findings.append(finding("result-stale", file=file, unit=row.unit, indicator=catalog.label(row.indicator),
                                date=row.newest.strftime("%d/%m/%Y"), used_date=row.as_of.strftime("%d/%m/%Y"),
                                result=format_number(row.result)))
