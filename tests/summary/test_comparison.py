"""The weekly meeting asks what changed since last week: each unit's increase this period and the one
before, its change of rank, and the days it met its daily quota."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu import summarise_files
from chitieu.summary.campaign import Campaign
from chitieu.summary.comparison import compare_periods
from chitieu.summary.table import HISTORY_COLUMNS, Summary
from report.books import quota_book, result_book


def two_weeks(folder):
    """Thôn Đông 140 and Thôn Tây 70 over 1–14/6 (10 and 5 a day), reported on 7/6, 10/6 and 14/6."""
    reports = {"7.6.2025": {"Thôn Đông": 30, "Thôn Tây": 35}, "10.6.2025": {"Thôn Đông": 60, "Thôn Tây": 38},
               "14.6.2025": {"Thôn Đông": 100, "Thôn Tây": 40}}
    books = [result_book(folder, day, results) for day, results in reports.items()]
    return summarise_files([quota_book(folder, {"Thôn Đông": 140, "Thôn Tây": 70})], books, start=date(2025, 6, 1),
                           end=date(2025, 6, 14), as_of=date(2025, 6, 14))


def test_this_week_against_the_last(tmp_path):
    comparison = compare_periods(two_weeks(tmp_path))
    assert comparison.current == (date(2025, 6, 7), date(2025, 6, 14))
    rows = comparison.table.set_index("label")
    assert rows.loc["Thôn Đông", ["previous", "current", "difference"]].tolist() == [30, 70, 40]
    assert rows.loc["Thôn Tây", ["previous", "current", "difference"]].tolist() == [35, 5, -30]
    assert rows.loc["Thôn Đông", ["rank_before", "rank", "rank_change"]].tolist() == [2, 1, 1]
    assert rows.loc["Thôn Tây", ["rank_before", "rank", "rank_change"]].tolist() == [1, 2, -1]
    assert rows.loc["Thôn Đông", ["met_days", "known_days"]].tolist() == [7, 7]
    assert rows.loc["Thôn Tây", ["met_days", "known_days"]].tolist() == [0, 7]


def test_a_daily_quota_of_nothing_is_never_met(tmp_path):
    books = [result_book(tmp_path, "7.6.2025", {"Thôn Đông": 5, "Thôn Tây": 0})]
    summary = summarise_files([quota_book(tmp_path, {"Thôn Đông": 140, "Thôn Tây": 0})], books,
                              start=date(2025, 6, 1), end=date(2025, 6, 14), as_of=date(2025, 6, 7))
    rows = compare_periods(summary).table.set_index("label")
    assert pd.isna(rows.loc["Thôn Tây", "met_days"]) and rows.loc["Thôn Đông", "met_days"] == 0


def test_a_longer_period_reaches_back_to_the_campaigns_start(tmp_path):
    comparison = compare_periods(two_weeks(tmp_path), days=10)
    rows = comparison.table.set_index("label")
    # from nothing on 31/5 to 30 on 7/6: by 4/6, 4 of those 7 days' increase
    assert rows.loc["Thôn Đông", "previous"] == pytest.approx(30 * 4 / 7)
    assert rows.loc["Thôn Đông", "current"] == pytest.approx(100 - 30 * 4 / 7)
    assert comparison.previous == (date(2025, 5, 25), date(2025, 6, 4))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=14, max_size=28), st.integers(1, 15), st.integers(1, 10))
def test_with_daily_reports_the_days_met_are_the_days_the_increase_reached_the_quota(gains, quota, days):
    start = date(2025, 3, 1)
    dates = [start + timedelta(days=i) for i in range(len(gains))]
    cumulative = pd.Series(gains).cumsum().astype(float).tolist()
    history = pd.DataFrame([("Ấp 1", "cccd", d, r, f"{d}.xlsx", "Ấp 1") for d, r in zip(dates, cumulative)],
                           columns=HISTORY_COLUMNS)
    table = pd.DataFrame([{"place": "Ấp 1", "label": "Ấp 1", "parent_place": None, "indicator": "cccd",
                           "indicator_label": "CCCD", "quota": 1000.0, "daily_quota": float(quota),
                           "percent": cumulative[-1] / 1000, "rank": 1, "check": None}])
    summary = Summary(Campaign(start, start + timedelta(days=60), dates[-1]), table, history=history)
    row = compare_periods(summary, days).table.iloc[0]
    window = gains[-days:]
    assert row["met_days"] == sum(g >= quota for g in window) and row["known_days"] == len(window)
    assert row["current"] == sum(window)
    assert row["previous"] == sum(gains[-2 * days:-days] if len(gains) > days else [])
