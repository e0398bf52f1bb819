"""The change of each unit's result since the previous report: the result less the one the summary's
history holds for the report date before the latest (a total: the sum of its units' then), blank where
either is missing."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd


def previous_report_date(history: pd.DataFrame, as_of: date) -> date | None:
    """The report date before the latest one on or before ``as_of`` (None: fewer than two).

    >>> previous_report_date(pd.DataFrame({"as_of": [date(2024, 5, 15), date(2024, 5, 31)]}), date(2024, 5, 31))
    datetime.date(2024, 5, 15)
    """
    dates = sorted(d for d in set(history["as_of"]) if d <= as_of)
    return dates[-2] if len(dates) > 1 else None


def previous_results(table: pd.DataFrame, history: pd.DataFrame, day: date | None) -> pd.Series:
    """Each row's result on ``day``: a unit's from the history, a total the sum of its units' (NaN if none)."""
    keys = list(zip(table["place"], table["indicator"]))
    if day is None:
        return pd.Series(np.nan, index=table.index)
    on_day = history[history["as_of"] == day].drop_duplicates(["place", "indicator"], keep="last")
    known = dict(zip(zip(on_day["place"], on_day["indicator"]), on_day["result"]))
    parents = list(zip(table["parent_place"], table["indicator"]))
    totals = set(parents)
    found = {key: known[key] for key in keys if key not in totals and pd.notna(known.get(key))}
    for index in np.argsort(-table["level"].to_numpy(dtype=int), kind="stable"):  # units before their totals
        if keys[index] in found and parents[index][0] is not None and pd.notna(parents[index][0]):
            found[parents[index]] = found.get(parents[index], 0.0) + found[keys[index]]
    return pd.Series([found.get(key, np.nan) for key in keys], index=table.index, dtype=float)


def changes(table: pd.DataFrame, summary_table: pd.DataFrame, history: pd.DataFrame, as_of: date) -> pd.Series:
    """The change since the previous report of each row of ``table`` (rows of ``summary_table``, whose
    totals are added up over all their units, whichever the report keeps)."""
    before = previous_results(summary_table, history, previous_report_date(history, as_of))
    by_key = dict(zip(zip(summary_table["place"], summary_table["indicator"]), before))
    then = pd.Series([by_key.get(key, np.nan) for key in zip(table["place"], table["indicator"])], index=table.index)
    return table["result"] - then
