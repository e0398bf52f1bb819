"""Quota × results × campaign → the summary: one row per unit × indicator, roll-ups included."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
import pandas as pd

from chitieu.findings import Finding, finding, record_row
from chitieu.mapping.catalog import Catalog, load_catalog
from chitieu.mapping.families import families, family_results
from chitieu.mapping.units import Places, place_labels, quota_places
from chitieu.summary.campaign import Campaign
from chitieu.summary.lookup import mapped
from chitieu.summary.places import result_places, texts
from chitieu.summary.plausibility import Accepted, Limits, checks, plausibility_findings
from chitieu.summary.status import Status
from chitieu.summary.targets import period_days, progress_from_start, quota_table
from chitieu.values import format_number, round_half_up

TOTAL_UNIT = "Tổng cộng"
RECENT_DAYS = 7  # the window of the "recent daily rate" used for the projection

TABLE_COLUMNS = ["unit", "parent", "level", "indicator", "indicator_label", "quota", "daily_quota", "result",
                 "percent", "expected_to_date", "pace", "remaining", "required_per_day", "projected",
                 "status", "rank", "check", "place", "parent_place", "label", "eligible", "baseline"]
HISTORY_COLUMNS = ["unit", "indicator", "as_of", "result", "file", "place"]
SOURCE_COLUMNS = ["path", "file", "kind", "sheet", "rows", "as_of"]
KEYS = ["place", "indicator"]  # a unit is its place: equal names under different parents are not merged
USED_COLUMNS = ["file", "sheet", "row", "unit", "parent", "indicator", "role", "value", "as_of", "place_hint"]


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
        periods = {code: self.campaign.period_dict(code) for code in self.table["indicator"].unique().tolist()}
        return {"campaign": self.campaign.to_dict() | {"indicators": periods}, "rows": rows,
                "issues": [f.to_dict() for f in self.findings]}


def summarise_progress(records: pd.DataFrame, campaign: Campaign, catalog: Catalog | None = None,
                       unit_aliases: dict[str, str] | None = None, accepted: Accepted | None = None) -> Summary:
    """The progress of every unit × indicator that has a quota, as of ``campaign.as_of``.

    ``records`` are tidy records (``read_records``) of quota and result files together;
    ``unit_aliases`` map result spellings an officer confirmed to the quota's units; ``accepted`` the
    doubtful figures an officer confirmed (``plausibility``): the others are marked and not ranked.

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
    records = records.reindex(columns=USED_COLUMNS)[records["indicator"].notna() & records["value"].notna()]
    records, findings = family_results(records, catalog)
    quota_records = records[records["role"].isin(["quota", "daily_quota"])]
    places = quota_places(zip(quota_records["unit"].tolist(), texts(quota_records["parent"])))
    context = records[records["role"].isin(["eligible", "baseline"])]  # beside the quotas of their places
    quota_records = pd.concat([quota_records, context]).assign(place=lambda r: _places_of(r, places))
    quotas = quota_table(quota_records[quota_records["place"].notna()], campaign, catalog, findings)
    tree = _place_tree(places)
    labels = place_labels(tree) | {TOTAL_UNIT: TOTAL_UNIT}
    history = _result_history(records[records["role"] == "result"], places, labels, campaign, findings,
                              catalog, unit_aliases)
    history = progress_from_start(history, quotas, catalog, findings)
    leaves = _leaf_rows(quotas, history, campaign)
    quota_files = set(records.loc[records["role"] == "quota", "file"].unique().tolist())
    findings += plausibility_findings(history, leaves, campaign.start, Limits.of(catalog), quota_files, catalog, labels)
    table = _with_rollups(leaves, tree, campaign, findings, labels, catalog)
    _flag_results_without_quota(history, quotas, catalog, findings, labels)
    _flag_stale_results(history, campaign, catalog, findings, labels)
    table["unit"] = mapped(table["place"], places.name | {TOTAL_UNIT: TOTAL_UNIT})
    table["parent"] = mapped(table["parent_place"], places.name | {TOTAL_UNIT: TOTAL_UNIT})
    table["label"] = mapped(table["place"], labels)
    table["indicator_label"] = mapped(table["indicator"], catalog.label)
    table["status"] = _statuses(table)
    table["check"], confirmed = checks(table, findings, campaign.as_of, accepted)
    findings += confirmed
    table["rank"] = _ranks(table)
    order = {code: i for i, code in enumerate(catalog.indicators)}
    table["_ind"] = mapped(table["indicator"], order).fillna(len(order))
    table["_pos"] = mapped(table["place"], {u: i for i, u in enumerate(_preorder(tree))})
    table = table.sort_values(["_ind", "_pos"]).drop(columns=["_ind", "_pos"]).reset_index(drop=True)
    if campaign.as_of < campaign.start:
        findings.append(finding("as-of-before-start", as_of=campaign.as_of.strftime("%d/%m/%Y"),
                                start=campaign.start.strftime("%d/%m/%Y")))
    return Summary(campaign, table[TABLE_COLUMNS], findings, history[HISTORY_COLUMNS])


def _places_of(records: pd.DataFrame, places: Places) -> pd.Series:
    """The place of each quota record, from its unit and the parent it names."""
    pairs = pd.Series(list(zip(records["unit"].tolist(), texts(records["parent"]))), index=records.index)
    return mapped(pairs, places.of)


def _place_tree(places: Places) -> dict[str, str | None]:
    """Each quota place and its parent place, in the order the workbooks list them.

    When the top of the tree has several places and no common parent, a "Tổng cộng"
    row is added above them.
    """
    tree = dict(places.parent)
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


def _result_history(results: pd.DataFrame, places: Places, labels: dict[str, str], campaign: Campaign,
                    findings: list[Finding], catalog: Catalog, aliases: dict[str, str] | None = None
                    ) -> pd.DataFrame:
    """Cumulative results per place × indicator × date, units matched to the quota's places; each date also
    as a timestamp (``day``) and each place × indicator as a number in their order (``key``): compared, sorted
    and grouped in C, where dates are Python objects and places long strings."""
    if results.empty:
        return pd.DataFrame(columns=HISTORY_COLUMNS).assign(day=pd.Series(dtype="datetime64[s]"),
                                                            key=pd.Series(dtype="int64"))
    placed = result_places(results, places, labels, findings, aliases)
    # Only the columns still used, copied once: each copy of a long history's texts is costly.
    results = results.loc[placed.notna(), ["indicator", "as_of", "file", "sheet", "row", "value"]]
    results = results.assign(place=placed[placed.notna()], as_of=results["as_of"].where(results["as_of"].notna(),
                                                                                         campaign.as_of))
    results["day"] = pd.to_datetime(results["as_of"])
    results["key"] = results.groupby(KEYS, sort=True).ngroup()
    repeated = results.duplicated(["key", "day", "file"], keep=False)
    if repeated.any():  # a unit twice in a file's day: said, and added up (rare, so looked for first)
        _flag_repeated_units(results[repeated], labels, findings)
        per_file = results.groupby(["key", *KEYS, "as_of", "day", "file"], sort=False, as_index=False)["value"].sum()
    else:
        per_file = results[["key", *KEYS, "as_of", "day", "file", "value"]].reset_index(drop=True)
    replaced = per_file.duplicated(["key", "day"], keep="last")
    for row in per_file[replaced].itertuples():
        findings.append(finding("result-replaced", file=row.file, unit=labels[row.place],
                                indicator=catalog.label(row.indicator), date=row.as_of.strftime("%d/%m/%Y")))
    history = per_file[~replaced].rename(columns={"value": "result"}).sort_values(["key", "day"])
    history["unit"] = mapped(history["place"], places.name)
    return history[[*HISTORY_COLUMNS, "day", "key"]].reset_index(drop=True)


def _flag_repeated_units(results: pd.DataFrame, labels: dict[str, str], findings: list[Finding]) -> None:
    """A unit reported twice for one date within a file adds up: one finding per unit, naming the first
    file and how many files repeat it. (Across files the later file wins.)"""
    rows = results.drop_duplicates([*KEYS, "as_of", "file", "sheet", "row"])  # columns of one row: not twice
    twice = rows[rows.duplicated([*KEYS, "as_of", "file"], keep=False)]
    for place, rows in twice.groupby("place", sort=False):
        files = rows["file"].nunique()
        findings.append(finding("duplicate-unit" if files == 1 else "duplicate-unit-files", file=rows["file"].iloc[0],
                                sheet=rows["sheet"].iloc[0], row=record_row(rows["row"].iloc[-1]), unit=labels[place],
                                files=files))


def _leaf_rows(quotas: pd.DataFrame, history: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """One row per quota: its daily quota, plan rate, latest result and projected result."""
    published = quotas["daily_quota"].notna()
    # The plan line uses the published daily figure, else the unrounded quota / days: a quota
    # of 33 over 91 days rounds to 0 a day, which would put every unit on pace.
    days = period_days(quotas["indicator"], campaign)["days_total"]  # the indicator's own
    rate = quotas["daily_quota"].where(published, quotas["quota"] / days)
    daily = quotas["daily_quota"].where(published, round_half_up(rate))
    results = _results_and_projections(quotas[KEYS], history, campaign)
    return quotas[[*KEYS, "quota", "eligible", "baseline"]].assign(
        daily_quota=daily, rate=rate, result=results["result"], projected=results["projected"])


def _results_and_projections(keys: pd.DataFrame, history: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """For each unit × indicator of ``keys``: the latest cumulative result on or before the as-of
    date, and the result projected to the end at the daily rate of the last ``RECENT_DAYS`` days
    (``history`` in date order within each unit × indicator)."""
    dated = history[[*KEYS, "result", "day", "key"]]
    as_of = pd.Timestamp(campaign.as_of)
    latest = _latest_on_or_before(dated, as_of)
    base = _latest_on_or_before(dated, as_of - pd.Timedelta(days=RECENT_DAYS))
    rows = keys.merge(latest, on=KEYS, how="left").merge(base, on=KEYS, how="left", suffixes=("", "_base"))
    rows.index = keys.index
    period = period_days(keys["indicator"], campaign)  # each indicator's own
    # Without a result that old, the rate runs from nothing on the day before the start.
    base_day = rows["day_base"].fillna(period["start"] - timedelta(days=1))
    rate = (rows["result"] - rows["result_base"].fillna(0.0)) / np.maximum((as_of - base_day).dt.days, 1)
    # no rate to project with before the start
    projected = (rows["result"] + rate * period["days_left"]).where(period["start"] <= as_of)
    return pd.DataFrame({"result": rows["result"], "projected": projected})


def _latest_on_or_before(history: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """unit × indicator → the day and the result of its latest result on or before ``day``."""
    latest = history[history["day"] <= day].drop_duplicates("key", keep="last")
    return latest.astype({"result": float})  # float even when there is no result at all


def _with_rollups(leaves: pd.DataFrame, tree: dict[str, str | None], campaign: Campaign,
                  findings: list[Finding], labels: dict[str, str], catalog: Catalog) -> pd.DataFrame:
    """Leaf rows plus a row per parent and indicator summing its children, deepest parents first."""
    places = list(tree)
    # Each row's place by its position in the tree, so that depths and parents are looked up in arrays.
    node = {place: i for i, place in enumerate(places)}
    parent_node = np.array([node.get(parent, -1) for parent in tree.values()])
    depth = np.array([_depth(place, tree) for place in places], dtype=int)
    rows = leaves.assign(node=mapped(leaves["place"], node))
    for level in range(depth.max(initial=0) - 1, -1, -1):
        children = rows[depth[rows["node"]] == level + 1]
        if not children.empty:
            rows = pd.concat([rows, _parent_rows(children, places, parent_node, findings, labels, catalog)],
                             ignore_index=True)
    rows["parent_place"] = mapped(rows["place"], tree)
    rows["level"] = pd.array(depth[rows["node"]], dtype="Int64")
    return _derived_columns(rows.drop(columns="node"), campaign)


def _parent_rows(children: pd.DataFrame, places: list[str], parent_node: np.ndarray,
                 findings: list[Finding], labels: dict[str, str], catalog: Catalog) -> pd.DataFrame:
    """A row per parent and indicator summing the rows of its ``children``, with a finding for each
    where some children have not reported.

    Parents come in tree order, and each parent's indicators in the order its children's rows list them.
    """
    parents = parent_node[children["node"].to_numpy()]
    group = children.groupby([parents, children["indicator"]], sort=False).ngroup().to_numpy()
    order = np.lexsort((group, parents))  # stable: a group's rows keep their order
    children, parents, group = children.iloc[order], parents[order], group[order]
    starts = np.flatnonzero(np.diff(group, prepend=-1))
    ends = np.append(starts[1:], len(group))
    rows = pd.DataFrame({"place": [places[i] for i in parents[starts]], "node": parents[starts],
                         "indicator": children["indicator"].iloc[starts].tolist()})
    for column in ["quota", "daily_quota", "rate", "result", "projected", "eligible", "baseline"]:
        rows[column] = _slice_sums(children[column].fillna(0).to_numpy(), starts, ends)
    counts = ends - starts
    missing = np.add.reduceat(children["result"].isna().to_numpy(dtype=int), starts)
    rows.loc[missing == counts, ["result", "projected"]] = np.nan  # no child reported
    for column in ["eligible", "baseline"]:  # a figure no child has
        rows.loc[np.add.reduceat(children[column].isna().to_numpy(dtype=int), starts) == counts, column] = np.nan
    for place, indicator, missed, count in zip(rows["place"].tolist(), rows["indicator"].tolist(),
                                               missing.tolist(), counts.tolist()):
        if missed:
            findings.append(finding("children-not-reported", unit=labels[place], indicator=catalog.label(indicator),
                                    missing=missed, total=count))
    return rows


def _slice_sums(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The sum of each slice ``values[start:end]``, added as ``Series.sum`` adds (numpy's pairwise
    order): groupby sums and ``np.add.reduceat`` add in other orders, and a difference in the last
    digit of a plan line can turn a unit from on pace to behind."""
    return np.array([values[start:end].sum() for start, end in zip(starts, ends)], dtype=float)



def _depth(unit: str, tree: dict[str, str | None]) -> int:
    depth = 0
    while tree.get(unit):
        unit = tree[unit]
        depth += 1
    return depth


def _derived_columns(rows: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    quota, result = rows["quota"], rows["result"]
    rows["percent"] = (result / quota).where(quota > 0)
    period = period_days(rows["indicator"], campaign)  # each indicator's own
    rows["expected_to_date"] = np.minimum(rows["rate"] * period["days_elapsed"], quota)
    rows["pace"] = (result / rows["expected_to_date"]).where(rows["expected_to_date"] > 0)
    rows["remaining"] = (quota - result.fillna(0)).clip(lower=0)
    rows["required_per_day"] = (rows["remaining"] / period["days_left"]).where(period["days_left"] > 0)
    return rows


def _statuses(table: pd.DataFrame) -> pd.Series:
    result = table["result"]
    return pd.Series(np.select(
        # a quota of 0 asks nothing: reaching it is not "vượt"
        [result.isna(), (table["quota"] > 0) & (result >= table["quota"]), result >= table["expected_to_date"]],
        [Status.NOT_REPORTED, Status.EXCEEDED, Status.ON_PACE], default=Status.BEHIND), index=table.index)


def _ranks(table: pd.DataFrame) -> pd.Series:
    """Rank among sibling places (same parent place and indicator) by percent achieved, best = 1; a figure
    that must be checked first (``check``) is not ranked, nor counted in its siblings' ranks."""
    siblings = table["parent_place"].fillna("") + "\x00" + table["indicator"]
    percent = table["percent"].where(table["check"].isna())
    return percent.groupby(siblings).rank(ascending=False, method="min").astype("Int64")


def _flag_results_without_quota(history: pd.DataFrame, quotas: pd.DataFrame, catalog: Catalog,
                                findings: list[Finding], labels: dict[str, str]) -> None:
    """A finding for each unit × indicator reported without a quota, save the parts of a family whose whole
    has a quota for the unit (``family_results`` adds them up or says why not)."""
    reported = history.drop_duplicates("key")[KEYS]
    quota_keys = pd.MultiIndex.from_frame(quotas[KEYS])
    whole = {part: code for code, parts in families(catalog) for part in parts}
    reported_whole = reported.assign(indicator=mapped(reported["indicator"], whole))
    without = reported[~pd.MultiIndex.from_frame(reported).isin(quota_keys)
                       & ~pd.MultiIndex.from_frame(reported_whole).isin(quota_keys)]
    for place, indicator in zip(without["place"].tolist(), without["indicator"].tolist()):
        findings.append(finding("result-without-quota", unit=labels[place], indicator=catalog.label(indicator)))


def _flag_stale_results(history: pd.DataFrame, campaign: Campaign, catalog: Catalog, findings: list[Finding],
                        labels: dict[str, str]) -> None:
    """A warning for each unit × indicator left blank (or "-") in the newest report of that indicator, whose
    result is therefore an older one: said, never silently carried over."""
    dated = history[history["day"] <= pd.Timestamp(campaign.as_of)]
    newest = dated.groupby("indicator")["day"].transform("max")
    latest = dated.assign(newest=newest).drop_duplicates("key", keep="last")  # history is in date order
    for row in latest[latest["day"] < latest["newest"]].itertuples():
        file = dated.loc[(dated["indicator"] == row.indicator) & (dated["day"] == row.newest), "file"].iloc[0]
        findings.append(finding("result-stale", file=file, unit=labels[row.place],
                                indicator=catalog.label(row.indicator), date=row.newest.strftime("%d/%m/%Y"),
                                used_date=row.as_of.strftime("%d/%m/%Y"), result=format_number(row.result)))
