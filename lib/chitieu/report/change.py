"""The change of each unit's result since the previous report: the result less the last one the summary's
history holds on or before the report date before the latest (a unit that skipped that date had its
earlier figure then, the results being cumulative); a total's, its result less the sum of its units' then.
Blank where either is missing."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd


def previous_report_date(history: pd.DataFrame, as_of: date) -> date | None:
    """The report date before the latest one on or before ``as_of`` (None: fewer than two).

    >>> previous_report_date(pd.DataFrame({"as_of": [date(2024, 5, 15), date(2024, 5, 31)]}), date(2024, 5, 31))
    datetime.date(2024, 5, 15)
    """
    dates = sorted(d for d in pd.unique(history["as_of"]) if d <= as_of)
    return dates[-2] if len(dates) > 1 else None


def previous_results(table: pd.DataFrame, history: pd.DataFrame, day: date | None) -> pd.Series:
    """Each row's result on ``day``: a unit's last on or before it in the history, a total the sum of its
    units' (NaN if none)."""
    if day is None:
        return pd.Series(np.nan, index=table.index)
    keys = list(zip(table["place"].tolist(), table["indicator"].tolist()))
    rows = np.flatnonzero(((history["as_of"] <= day) & history["result"].notna()).to_numpy())
    # in date order, sorting the dates' ranks (integers sort many times faster than dates held as objects),
    # and the text columns taken once
    dates = history["as_of"].to_numpy()[rows]
    rows = rows[np.argsort(pd.Index(sorted(set(dates))).get_indexer(dates), kind="stable")]
    on_day = history[["place", "indicator", "result"]].iloc[rows].drop_duplicates(["place", "indicator"], keep="last")
    known = dict(zip(zip(on_day["place"].tolist(), on_day["indicator"].tolist()), on_day["result"].tolist()))
    parents = list(zip(table["parent_place"].tolist(), table["indicator"].tolist()))
    totals = set(parents)
    found = {key: known[key] for key in keys if key not in totals and pd.notna(known.get(key))}
    for index in np.argsort(-table["level"].to_numpy(dtype=int), kind="stable"):  # units before their totals
        if keys[index] in found and parents[index][0] is not None and pd.notna(parents[index][0]):
            found[parents[index]] = found.get(parents[index], 0.0) + found[keys[index]]
    return pd.Series([found.get(key, np.nan) for key in keys], index=table.index, dtype=float)


def changes(table: pd.DataFrame, summary_table: pd.DataFrame, history: pd.DataFrame, since: date | None) -> pd.Series:
    """The change since the report of ``since`` (``previous_report_date``) of each row of ``table`` (rows of
    ``summary_table``, whose totals are added up over all their units, whichever the report keeps)."""
    before = previous_results(summary_table, history, since)
    by_key = dict(zip(zip(summary_table["place"].tolist(), summary_table["indicator"].tolist()), before.tolist()))
    then = pd.Series([by_key.get(key, np.nan) for key in zip(table["place"].tolist(), table["indicator"].tolist())],
                     index=table.index, dtype=float)
    return table["result"] - then
