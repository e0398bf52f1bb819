"""Targets as plans set them: each indicator's own period, a quota given only per day, and the eligible
population and baseline kept beside a quota, the baseline taken off cumulative results (progress counts
from the campaign's start)."""

from __future__ import annotations

import pandas as pd

from chitieu.findings import Finding, finding
from chitieu.mapping.catalog import Catalog
from chitieu.summary.campaign import Campaign
from chitieu.values import format_number

QUOTA_ROLES = ["quota", "daily_quota", "eligible", "baseline"]  # the quota table's figures per place × indicator


def period_days(indicators: pd.Series, campaign: Campaign) -> pd.DataFrame:
    """For each row's indicator, its own period's start (a Timestamp) and days: total, elapsed, left."""
    codes, distinct = pd.factorize(indicators, use_na_sentinel=False)  # a few indicators over many rows
    periods = [campaign.of(code) for code in distinct.tolist()]
    figures = pd.DataFrame({"start": [pd.Timestamp(p.start) for p in periods],
                            "days_total": [p.days_total for p in periods],
                            "days_elapsed": [p.days_elapsed for p in periods],
                            "days_left": [p.days_left for p in periods]})
    return figures.take(codes).set_axis(indicators.index)


def quota_table(quota: pd.DataFrame, campaign: Campaign, catalog: Catalog,
                findings: list[Finding]) -> pd.DataFrame:
    """place × indicator → quota, the workbook's own daily quota (NaN when none), the eligible population and
    the baseline. A unit given only a daily quota gets daily × the indicator's days as its quota, said in an
    info per indicator."""
    keys = ["place", "indicator"]
    # an eligible population or a baseline given again (by each day's result workbook) is one figure: the first
    quota = quota[~(quota["role"].isin(["eligible", "baseline"]) & quota.duplicated([*keys, "role"]))]
    table = quota.pivot_table(index=keys, columns="role", values="value", aggfunc="sum")
    table = table.reindex(columns=QUOTA_ROLES).reset_index().rename_axis(columns=None)
    daily_only = table["quota"].isna() & table["daily_quota"].notna()
    if daily_only.any():
        days = period_days(table["indicator"], campaign)["days_total"]
        table["quota"] = table["quota"].where(~daily_only, table["daily_quota"] * days)
        for code, rows in table[daily_only].groupby("indicator", sort=False):
            first = rows.iloc[0]
            findings.append(finding("quota-from-daily", indicator=catalog.label(code), units=len(rows),
                                    daily=format_number(first["daily_quota"]), days=int(days[rows.index[0]]),
                                    quota=format_number(first["quota"])))
    return table.dropna(subset=["quota"]).reset_index(drop=True)


def progress_from_start(history: pd.DataFrame, quotas: pd.DataFrame, catalog: Catalog,
                        findings: list[Finding]) -> pd.DataFrame:
    """The cumulative results less each unit's baseline (what was done before the campaign), with an info
    per indicator whose results were so counted. An indicator with a result below its unit's baseline counts
    from the start already (a cumulative figure never is): none of its results is changed, and a warning
    names that result, so that the units of one indicator are never counted two ways."""
    baselines = quotas.dropna(subset=["baseline"]).set_index(["place", "indicator"])["baseline"]
    if baselines.empty or history.empty:
        return history
    keys = pd.MultiIndex.from_frame(history[["place", "indicator"]])
    baseline = pd.Series(baselines.reindex(keys).to_numpy(), index=history.index)
    below = baseline.notna() & (history["result"] < baseline)
    kept = set(history.loc[below, "indicator"])
    for row in history.assign(baseline=baseline)[below].drop_duplicates("indicator").itertuples():
        findings.append(finding("result-below-baseline", file=row.file, unit=row.unit,
                                indicator=catalog.label(row.indicator), result=format_number(row.result),
                                baseline=format_number(row.baseline), date=row.as_of.strftime("%d/%m/%Y")))
    subtracted = baseline.notna() & ~history["indicator"].isin(kept)
    for code, rows in history[subtracted].groupby("indicator", sort=False):
        per_unit = baseline[rows.index].groupby(rows["place"]).first()
        findings.append(finding("baseline-subtracted", indicator=catalog.label(code), units=len(per_unit),
                                baseline=format_number(per_unit.sum())))
    return history.assign(result=history["result"] - baseline.where(subtracted, 0))
