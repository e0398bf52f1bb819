"""Every summary column on hand-computed cases (campaign 1–10 January 2024, 10 days)."""

import math
from datetime import date

import pandas as pd
import pytest

from chitieu.mapping.catalog import load_catalog
from chitieu.summary.campaign import Campaign
from chitieu.summary.status import Status
from chitieu.summary.table import TOTAL_UNIT, summarise_progress
from conftest import make_records

START, END = date(2024, 1, 1), date(2024, 1, 10)


def row_of(summary, unit, indicator="dddt"):
    table = summary.table
    found = table[(table["unit"] == unit) & (table["indicator"] == indicator)]
    assert len(found) == 1, f"{unit} {indicator}: {len(found)} rows"
    return found.iloc[0]


def codes(summary):
    return [f.code for f in summary.findings]


def one_unit(quota, result, as_of, result_date=None):
    rows = [("Ấp 1", None, "dddt", "quota", quota, None)]
    if result is not None:
        rows.append(("Ấp 1", None, "dddt", "result", result, result_date or as_of))
    return summarise_progress(make_records(rows), Campaign(START, END, as_of))


def test_midway_on_pace():
    r = row_of(one_unit(100, 50, date(2024, 1, 4)), "Ấp 1")
    assert r["daily_quota"] == 10
    assert r["percent"] == pytest.approx(0.5)
    assert r["expected_to_date"] == 40  # 10 a day × 4 days (1–4 January)
    assert r["pace"] == pytest.approx(1.25)
    assert r["remaining"] == 50
    assert r["required_per_day"] == pytest.approx(50 / 6)
    assert r["projected"] == pytest.approx(50 + 50 / 4 * 6)  # 12.5 a day since the start, 6 days left
    assert r["status"] == Status.ON_PACE
    assert r["rank"] == 1


def test_first_day_behind():
    r = row_of(one_unit(100, 8, START), "Ấp 1")
    assert (r["expected_to_date"], r["pace"], r["status"]) == (10, pytest.approx(0.8), Status.BEHIND)
    assert r["projected"] == pytest.approx(8 + 8 * 9)


def test_as_of_before_the_start():
    summary = one_unit(100, 5, date(2023, 12, 30))
    r = row_of(summary, "Ấp 1")
    assert r["expected_to_date"] == 0
    assert math.isnan(r["pace"]) and math.isnan(r["projected"])
    assert r["required_per_day"] == pytest.approx(95 / 10)
    assert r["status"] == Status.ON_PACE
    assert "as-of-before-start" in codes(summary)


def test_after_the_end_exceeded():
    summary = one_unit(100, 120, date(2024, 1, 15))
    r = row_of(summary, "Ấp 1")
    assert summary.campaign.days_elapsed == 10 and summary.campaign.days_left == 0
    assert (r["expected_to_date"], r["remaining"], r["status"]) == (100, 0, Status.EXCEEDED)
    assert r["percent"] == pytest.approx(1.2)
    assert math.isnan(r["required_per_day"])
    assert r["projected"] == pytest.approx(120)


def test_zero_quota():
    r = row_of(one_unit(0, 3, date(2024, 1, 4)), "Ấp 1")
    assert r["daily_quota"] == 0 and r["expected_to_date"] == 0 and r["remaining"] == 0
    assert math.isnan(r["percent"]) and math.isnan(r["pace"])
    assert r["status"] == Status.ON_PACE  # nothing asked: on pace, never "vượt" (issue 16)


def test_no_result_is_not_reported_not_zero():
    r = row_of(one_unit(100, None, date(2024, 1, 4)), "Ấp 1")
    assert math.isnan(r["result"]) and math.isnan(r["percent"])
    assert r["remaining"] == 100
    assert r["status"] == Status.NOT_REPORTED
    assert r["rank"] is None or str(r["rank"]) == "<NA>"


def test_daily_quota_from_workbook_else_rounded_half_up():
    records = make_records([
        ("Ấp 1", None, "dddt", "quota", 105, None), ("Ấp 2", None, "dddt", "quota", 105, None),
        ("Ấp 2", None, "dddt", "daily_quota", 12, None),
    ])
    summary = summarise_progress(records, Campaign(START, END, date(2024, 1, 2)))
    assert row_of(summary, "Ấp 1")["daily_quota"] == 11  # 10.5 rounds up
    assert row_of(summary, "Ấp 1")["expected_to_date"] == pytest.approx(21)  # the plan line is unrounded
    assert row_of(summary, "Ấp 2")["daily_quota"] == 12
    assert row_of(summary, "Ấp 2")["expected_to_date"] == 24


def test_parent_sums_children_and_names_those_not_reported():
    records = make_records([
        ("Ấp 1", "Xã A", "dddt", "quota", 100, None), ("Ấp 2", "Xã A", "dddt", "quota", 60, None),
        ("Ấp 3", "Xã A", "dddt", "quota", 40, None),
        ("Ấp 1", "Xã A", "dddt", "result", 50, date(2024, 1, 4)),
        ("Ấp 3", "Xã A", "dddt", "result", 32, date(2024, 1, 4)),
    ])
    summary = summarise_progress(records, Campaign(START, END, date(2024, 1, 4)))
    parent = row_of(summary, "Xã A")
    assert (parent["quota"], parent["result"], parent["level"]) == (200, 82, 0)
    assert pd.isna(parent["parent"])
    assert parent["daily_quota"] == 20
    assert parent["percent"] == pytest.approx(0.41)
    assert row_of(summary, "Ấp 1")["level"] == 1
    not_reported = [f for f in summary.findings if f.code == "children-not-reported"]
    assert len(not_reported) == 1 and "1/3" in not_reported[0].message
    # rank among siblings by percent: Ấp 3 80 %, Ấp 1 50 %, Ấp 2 not reported
    assert [row_of(summary, u)["rank"] for u in ("Ấp 3", "Ấp 1")] == [1, 2]
    assert list(summary.table["unit"]) == ["Xã A", "Ấp 1", "Ấp 2", "Ấp 3"]


def test_children_not_reported_deepest_parents_first_then_in_tree_order():
    records = make_records([
        ("Ấp 1", "Xã B", "sim", "quota", 10, None), ("Ấp 2", "Xã A", "sim", "quota", 10, None),
        ("Ấp 3", "Xã B", "dddt", "quota", 10, None), ("Ấp 3", "Xã B", "sim", "quota", 10, None),
    ])
    summary = summarise_progress(records, Campaign(START, END, date(2024, 1, 4)))
    not_reported = [f.message.split(":")[0] for f in summary.findings if f.code == "children-not-reported"]
    sim, dddt = (load_catalog().label(code) for code in ("sim", "dddt"))  # the officer reads labels, not codes
    assert not_reported == [f"'Xã B' ({sim})", f"'Xã B' ({dddt})", f"'Xã A' ({sim})",
                            f"'{TOTAL_UNIT}' ({sim})", f"'{TOTAL_UNIT}' ({dddt})"]


def test_several_top_units_get_a_total_row():
    records = make_records([("Xã A", None, "sim", "quota", 10, None), ("Xã B", None, "sim", "quota", 30, None),
                            ("Xã A", None, "sim", "result", 10, date(2024, 1, 4))])
    summary = summarise_progress(records, Campaign(START, END, date(2024, 1, 4)))
    total = row_of(summary, TOTAL_UNIT, "sim")
    assert (total["quota"], total["result"], total["level"]) == (40, 10, 0)
    assert row_of(summary, "Xã B", "sim")["parent"] == TOTAL_UNIT


def test_projection_uses_the_last_seven_days():
    campaign = Campaign(date(2024, 1, 1), date(2024, 1, 30), date(2024, 1, 15))
    records = make_records([
        ("Ấp 1", None, "dddt", "quota", 300, None),
        ("Ấp 1", None, "dddt", "result", 30, date(2024, 1, 5)),
        ("Ấp 1", None, "dddt", "result", 50, date(2024, 1, 8)),
        ("Ấp 1", None, "dddt", "result", 120, date(2024, 1, 15)),
        ("Ấp 1", None, "dddt", "result", 200, date(2024, 1, 20)),  # after the as-of date: not counted
    ])
    r = row_of(summarise_progress(records, campaign), "Ấp 1")
    assert r["result"] == 120
    assert r["projected"] == pytest.approx(120 + (120 - 50) / 7 * 15)


def test_later_file_wins_and_decreases_are_flagged():
    records = make_records([
        ("Ấp 1", None, "dddt", "quota", 100, None),
        ("Ấp 1", None, "dddt", "result", 40, date(2024, 1, 3), "a.xlsx"),
        ("Ấp 1", None, "dddt", "result", 45, date(2024, 1, 3), "b.xlsx"),
        ("Ấp 1", None, "dddt", "result", 30, date(2024, 1, 4), "c.xlsx"),
    ])
    summary = summarise_progress(records, Campaign(START, END, date(2024, 1, 4)))
    assert row_of(summary, "Ấp 1")["result"] == 30
    assert list(summary.history["result"]) == [45, 30]
    assert codes(summary).count("result-replaced") == 1
    decreased = [f for f in summary.findings if f.code == "result-decreased"]
    assert len(decreased) == 1 and "45" in decreased[0].message and "30" in decreased[0].message


def test_result_units_spelled_differently_are_matched():
    records = make_records([
        ("TP Sóc Trăng", None, "dddt", "quota", 100, None), ("Châu Thành", None, "dddt", "quota", 100, None),
        ("Thành phố Sóc Trăng", None, "dddt", "result", 10, date(2024, 1, 4)),
        ("H. Châu Thành", None, "dddt", "result", 20, date(2024, 1, 4)),
    ])
    summary = summarise_progress(records, Campaign(START, END, date(2024, 1, 4)))
    assert row_of(summary, "TP Sóc Trăng")["result"] == 10
    assert row_of(summary, "Châu Thành")["result"] == 20
    assert "unit-unmatched" not in codes(summary)


def test_one_unit_twice_in_a_file_is_said():
    records = make_records([
        ("Châu Thành", None, "dddt", "quota", 100, None),
        ("H. Châu Thành", None, "dddt", "result", 20, date(2024, 1, 4)),
        ("HUYỆN  CHÂU THÀNH", None, "dddt", "result", 5, date(2024, 1, 4)),  # other case and spaces: the same unit
    ])
    summary = summarise_progress(records, Campaign(START, END, date(2024, 1, 4)))
    assert row_of(summary, "Châu Thành")["result"] == 25
    duplicate = [f for f in summary.findings if f.code == "duplicate-unit"]
    assert len(duplicate) == 1 and duplicate[0].row == 4


def test_a_prefix_never_merges_two_hamlets():
    records = make_records([
        ("Khu phố 2", None, "sim", "quota", 10, None),
        ("Ấp 2", None, "sim", "result", 5, date(2024, 1, 4)),
    ])
    summary = summarise_progress(records, Campaign(START, END, date(2024, 1, 4)))
    assert row_of(summary, "Khu phố 2", "sim")["status"] == Status.NOT_REPORTED
    unmatched = [f for f in summary.findings if f.code == "unit-unmatched"]
    assert len(unmatched) == 1 and "Ấp 2" in unmatched[0].message and "Khu phố 2" in unmatched[0].message
