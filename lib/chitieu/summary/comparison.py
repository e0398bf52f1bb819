"""This period against the previous one (a week by default), for the leaders' weekly meeting: each unit's
increase per indicator in both, the change of its rank, and the days its daily quota was met, from the
summary's history of cumulative results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from chitieu.summary.selection import lowest_rows
from chitieu.summary.table import KEYS, Summary

WEEK = 7
COMPARISON_COLUMNS = ["place", "label", "parent_place", "indicator", "indicator_label", "daily_quota", "previous",
                      "current", "difference", "rank_before", "rank", "rank_change", "met_days", "known_days"]


@dataclass
class Comparison:
    """The two periods compared (each from the day after ``start`` to ``end``) and a row per unit × indicator."""

    days: int
    previous: tuple[date, date]
    current: tuple[date, date]
    table: pd.DataFrame


def compare_periods(summary: Summary, days: int = WEEK) -> Comparison:
    """Each lowest unit × indicator: its increase in the ``days`` up to the as-of date (``current``) and in the
    ``days`` before (``previous``) (a report's increase spread evenly over the days since the one before when a
    period ends between two reports), their difference, its rank among its siblings then and now (by percent,
    the summary's rank now; ``rank_change`` > 0: moved up), and of the current period's days, those whose
    increase (a report's increase spread evenly over the days since the one before) reached the daily
    quota (``met_days``, none when the daily quota is 0) among those a report covers (``known_days``)."""
    as_of = summary.campaign.as_of
    ends = [as_of - timedelta(days=2 * days), as_of - timedelta(days=days), as_of]
    rows = lowest_rows(summary.table).reset_index(drop=True)
    history = _with_start(summary.history, rows, summary.campaign.start)
    at = [_results_on(history, rows, max(end, summary.campaign.start - timedelta(days=1))) for end in ends]
    before_percent = (at[1] / rows["quota"]).where((rows["quota"] > 0) & rows["check"].isna())
    siblings = rows["parent_place"].fillna("") + "\x00" + rows["indicator"]
    rank_before = before_percent.groupby(siblings).rank(ascending=False, method="min").astype("Int64")
    met, known = _days_met(history, rows, ends[1], as_of)
    asks = rows["daily_quota"] > 0  # a daily quota of 0 asks nothing: no day "meets" it
    table = rows.assign(previous=at[1] - at[0], current=at[2] - at[1], rank_before=rank_before,
                        met_days=met.astype("Int64").where(asks), known_days=known)
    table["difference"] = table["current"] - table["previous"]
    table["rank_change"] = (table["rank_before"] - table["rank"]).astype("Int64")
    return Comparison(days, (ends[0], ends[1]), (ends[1], ends[2]), table[COMPARISON_COLUMNS])


def _with_start(history: pd.DataFrame, rows: pd.DataFrame, start: date) -> pd.DataFrame:
    """The history of ``rows``' units with a result of 0 on the day before the campaign's start: a campaign
    counts from nothing."""
    zero = rows[KEYS].assign(as_of=start - timedelta(days=1), result=0.0)
    mine = history[KEYS + ["as_of", "result"]].merge(rows[KEYS], on=KEYS)
    dated = pd.concat([zero, mine[mine["as_of"] >= start]], ignore_index=True)
    return dated.sort_values([*KEYS, "as_of"], kind="stable").reset_index(drop=True)


def _results_on(history: pd.DataFrame, rows: pd.DataFrame, day: date) -> pd.Series:
    """Each row's cumulative result on ``day``: a report's, else between two reports the increase spread
    evenly over the days between them, else after the last report its result (NaN before the campaign)."""
    keys = rows[KEYS]
    before = keys.merge(history[history["as_of"] <= day].drop_duplicates(KEYS, keep="last"), on=KEYS, how="left")
    after = keys.merge(history[history["as_of"] > day].drop_duplicates(KEYS, keep="first"), on=KEYS, how="left")
    spread = [(a - b).days if isinstance(a, date) and isinstance(b, date) else np.nan
              for a, b in zip(after["as_of"], before["as_of"])]
    gone = [(day - b).days if isinstance(b, date) else np.nan for b in before["as_of"]]
    share = (np.array(gone, dtype=float) / np.array(spread, dtype=float))
    found = before["result"].astype(float) + np.nan_to_num(share) * (after["result"].astype(float) - before["result"])
    return found.where(after["result"].notna(), before["result"].astype(float)).where(before["result"].notna())


def _days_met(history: pd.DataFrame, rows: pd.DataFrame, after: date, through: date) -> tuple[pd.Series, pd.Series]:
    """For each row, the days after ``after`` up to ``through`` whose spread increase reached its daily quota,
    and the days a report covers."""
    # the history is sorted by unit and date (``_with_start``): a row's step is from the row above, of its unit
    same = (history[KEYS] == history[KEYS].shift()).all(axis=1)
    steps = history.assign(before=history["as_of"].shift(), gain=history["result"].diff())
    steps = steps[same & (steps["as_of"] > after)]  # a step before ``after`` covers none of its days
    steps = steps.merge(rows[[*KEYS, "daily_quota"]], on=KEYS)
    ends, starts = pd.to_datetime(steps["as_of"]), pd.to_datetime(steps["before"])
    span = (ends - starts).dt.days.to_numpy(dtype=float)
    overlap = (ends.clip(upper=pd.Timestamp(through)) - starts.clip(lower=pd.Timestamp(after))).dt.days.clip(lower=0)
    overlap = overlap.to_numpy(dtype=int)
    reached = steps["gain"].to_numpy(dtype=float) / np.maximum(span, 1) >= steps["daily_quota"].to_numpy(dtype=float)
    steps = steps.assign(known=overlap, met=np.where(reached, overlap, 0))
    counts = rows[KEYS].merge(steps.groupby(KEYS, as_index=False)[["met", "known"]].sum(), on=KEYS, how="left")
    return counts["met"].fillna(0).astype(int), counts["known"].fillna(0).astype(int)
