"""Figures that cannot be right across files and days, and the summary rows they leave unranked:

- a daily increase far above both the unit's daily quota and its usual daily increase (a slip of the
  keyboard across two daily files: 1.200 one day, 120.000 the next);
- a result many times its quota, reported in a file other than the quota's (the within-row case is
  ``mapping.record_checks``);
- a cumulative result lower than the one reported before it.

A summary row whose figure is under such a finding, or whose units below are, is marked in the ``check``
column and not ranked until the officer confirms the figure (``Accepted``: unit × indicator → the last
date confirmed; a later doubtful figure is asked about again).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from chitieu.findings import Finding, finding
from chitieu.mapping.catalog import Catalog
from chitieu.text import clean
from chitieu.values import format_number

# Findings whose figure is not ranked until confirmed, and what the check column says of each.
CHECK_LABELS = {"result-jump": "tăng bất thường", "result-above-quota": "gấp nhiều lần chỉ tiêu",
                "result-implausible": "gấp nhiều lần chỉ tiêu", "result-decreased": "giảm so với lần trước"}
BELOW_LABEL = "số liệu của đơn vị trực thuộc"
CHECK_PREFIX = "Cần kiểm tra: "
DEFAULT_LIMITS = {"daily_increase_times": 10.0, "result_times_quota": 5.0}
KEYS = ["place", "indicator"]  # a unit is its place (summary/table.py)
Named = tuple[Catalog, dict[str, str]]  # what names a finding's indicator, and each place's unit

# (unit, indicator code) → its figures up to this date confirmed (None: up to the as-of date)
Accepted = Mapping[tuple[str, str], date | None]


@dataclass(frozen=True)
class Limits:
    """``daily_increase_times`` (k): a daily increase above k × the larger of the daily quota and the
    unit's median daily increase on its other days; ``result_times_quota`` (m): a result above m × its quota."""

    daily_increase_times: float = DEFAULT_LIMITS["daily_increase_times"]
    result_times_quota: float = DEFAULT_LIMITS["result_times_quota"]

    @classmethod
    def of(cls, catalog: Catalog) -> Limits:
        """The limits set in the catalog's ``plausibility`` section, the defaults for the others."""
        return cls(**{**DEFAULT_LIMITS, **{k: float(v) for k, v in catalog.plausibility.items()}})


def plausibility_findings(history: pd.DataFrame, leaves: pd.DataFrame, start: date, limits: Limits,
                          quota_files: set[str], catalog: Catalog, labels: dict[str, str]) -> list[Finding]:
    """The findings of figures that cannot be right in the result ``history`` (sorted by place, indicator
    and date; ``day`` and ``key`` as ``table._result_history`` gives them) against the ``leaves``' quotas and
    daily quotas; units named by their ``labels``."""
    if history.empty:
        return []
    quotas = history.drop_duplicates("key")[["key", *KEYS]].merge(leaves[[*KEYS, "quota", "daily_quota"]], on=KEYS,
                                                                  how="left")
    series = history.join(quotas.set_index("key")[["quota", "daily_quota"]], on="key")
    group = history["key"].to_numpy()
    earlier = series[["result", "as_of", "day"]].shift()  # the report before, in date order within each group
    earlier.loc[np.r_[True, group[1:] != group[:-1]]] = np.nan
    named = (catalog, labels)
    return (_jumps(series, earlier, group, start, limits, named) + _above_quota(series, limits, quota_files, named)
            + _decreases(series, earlier, named))


def _params(row, catalog: Catalog, labels: dict[str, str]) -> dict[str, object]:
    """The parameters every finding of this module carries: where and what, and the day it concerns."""
    return {"file": row.file, "unit": labels[row.place], "indicator": catalog.label(row.indicator),
            "indicator_code": row.indicator, "day": row.as_of, "after": format_number(row.result),
            "after_date": f"{row.as_of:%d/%m/%Y}"}


def _jumps(series: pd.DataFrame, earlier: pd.DataFrame, group: np.ndarray, start: date, limits: Limits,
           named: Named) -> list[Finding]:
    """Increases per day above k × the larger of the daily quota (at least 1) and the unit's median
    increase per day on its other reports; the first report's increase runs from the start."""
    before_day = earlier["day"].fillna(pd.Timestamp(start) - pd.Timedelta(days=1))
    days = np.maximum((series["day"] - before_day).dt.days, 1)
    increase = series["result"] - earlier["result"].fillna(0.0)
    per_day = increase / days
    usual = _median_of_others(per_day, group)
    reference = np.fmax(series["daily_quota"].fillna(0).clip(lower=1), usual.fillna(0))
    jumped = per_day > limits.daily_increase_times * reference
    return [finding("result-jump", **_params(row, *named), before=format_number(0 if pd.isna(before) else before),
                    before_date=f"{day:%d/%m/%Y}", increase=format_number(inc), days=int(n),
                    usual=format_number(ref), times=format_number(inc / n / ref, 0))
            for row, before, day, inc, n, ref in zip(
                series[jumped].itertuples(), earlier.loc[jumped, "result"], before_day[jumped], increase[jumped],
                days[jumped], reference[jumped])]


def _median_of_others(values: pd.Series, group: np.ndarray) -> pd.Series:
    """For each value, the median of the other values of its group (NaN when it has no other).

    Within a group sorted, leaving out the value at sorted place j shifts every place from j on by one,
    so the median of the others is read at the middle places of the n - 1 left."""
    order = np.lexsort((values.to_numpy(dtype=float), group))
    ordered, groups = values.to_numpy(dtype=float)[order], group[order]
    starts = np.flatnonzero(np.diff(groups, prepend=-1))
    sizes = np.diff(np.append(starts, len(groups)))
    start, size = np.repeat(starts, sizes), np.repeat(sizes, sizes)
    place = np.arange(len(groups)) - start
    left = size - 1
    low, high = (left - 1) // 2, left // 2
    at = [np.minimum(start + k + (k >= place), len(ordered) - 1) for k in (low, high)]
    medians = np.where(left > 0, (ordered[at[0]] + ordered[at[1]]) / 2, np.nan)
    return pd.Series(medians[np.argsort(order)], index=values.index)


def _above_quota(series: pd.DataFrame, limits: Limits, quota_files: set[str], named: Named) -> list[Finding]:
    """Results above m × their quota, from files that hold no quota (those are checked row by row)."""
    high = (series["quota"] > 0) & (series["result"] > limits.result_times_quota * series["quota"]) & ~series[
        "file"].isin(quota_files)
    return [finding("result-above-quota", **_params(row, *named), quota=format_number(row.quota),
                    times=format_number(row.result / row.quota, 1)) for row in series[high].itertuples()]


def _decreases(series: pd.DataFrame, earlier: pd.DataFrame, named: Named) -> list[Finding]:
    """A cumulative result lower than the one reported before it."""
    lower = series["result"] < earlier["result"]
    return [finding("result-decreased", **_params(row, *named), before=format_number(before.result),
                    before_date=f"{before.as_of:%d/%m/%Y}")
            for row, before in zip(series[lower].itertuples(), earlier[lower].itertuples())]


def unit_key(unit: str) -> str:
    """A unit's name as an officer's confirmation names it: exact but for Unicode form, case and spaces."""
    return clean(unit).casefold()


def checks(table: pd.DataFrame, findings: list[Finding], as_of: date, accepted: Accepted | None = None
           ) -> tuple[pd.Series, list[Finding]]:
    """The ``check`` column: for each row, why its figure must be checked before it is ranked (None when
    it need not be); and an info for each figure the officer confirmed. A row is checked for the findings
    on its own figures up to ``as_of`` that the officer has not confirmed, and for those of the units below."""
    confirmed = {(unit_key(unit), code): day for (unit, code), day in (accepted or {}).items()}
    open_codes: dict[tuple[str, str], list[str]] = {}
    infos: dict[tuple[str, str], Finding] = {}
    for f in findings:
        unit, code, day = _subject(f)
        if unit is None or (day is not None and day > as_of):
            continue
        key = (unit_key(unit), code)
        through = (confirmed[key] or as_of) if key in confirmed else None
        if through is None or (day is not None and day > through):
            open_codes.setdefault((unit, code), []).append(f.code)
        else:
            infos[unit, code] = finding("figure-accepted", unit=unit, indicator=f.params.get("indicator", code),
                                        through=f"{through:%d/%m/%Y}")
    own = [open_codes.get((unit, code)) for unit, code in zip(table["label"].tolist(), table["indicator"].tolist())]
    text = pd.Series([CHECK_PREFIX + ", ".join(dict.fromkeys(CHECK_LABELS[c] for c in codes)) if codes else None
                      for codes in own], index=table.index, dtype=object)
    return _with_parents_checked(table, text), list(infos.values())


def _subject(f: Finding) -> tuple[str | None, str | None, date | None]:
    """The unit, indicator code and day a finding of these kinds concerns (unit None for other findings)."""
    if f.code not in CHECK_LABELS:
        return None, None, None
    return str(f.params.get("unit")), f.params.get("indicator_code"), f.params.get("day")


def _with_parents_checked(table: pd.DataFrame, text: pd.Series) -> pd.Series:
    """``text`` with each parent of a checked row (up the tree) checked too: its sum holds the figure."""
    keys = list(zip(table["place"].tolist(), table["indicator"].tolist()))  # lists: not an Arrow value at a time
    parents = dict(zip(keys, table["parent_place"].tolist()))
    marked = set()
    for (place, code), checked in zip(keys, text.notna().tolist()):
        parent = parents.get((place, code)) if checked else None
        while isinstance(parent, str) and (parent, code) not in marked:
            marked.add((parent, code))
            parent = parents.get((parent, code))
    below = pd.Series([key in marked for key in keys], index=table.index)
    return text.where(text.notna() | ~below, CHECK_PREFIX + BELOW_LABEL)


def doubtful_figures(table: pd.DataFrame, findings: list[Finding]) -> list[tuple[str, str, str]]:
    """(unit, indicator code, indicator label) of each figure under an open finding of these kinds: those
    an officer can confirm (a parent is checked for its units below, and confirmed through them)."""
    own = table[table["check"].notna() & (table["check"] != CHECK_PREFIX + BELOW_LABEL)]
    keys = set(zip(own["label"], own["indicator"]))
    figures = {}
    for f in findings:
        unit, code, _day = _subject(f)
        if (unit, code) in keys:
            figures.setdefault((unit, code), f.params.get("indicator", code))
    return [(unit, code, label) for (unit, code), label in figures.items()]
