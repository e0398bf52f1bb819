"""Reporting is a duty with a deadline: each unit's report per due date is on time, late (by how long) or
missing, and a unit whose latest report is older than one period is not ranked on its stale figures."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu import summarise_files
from chitieu.findings import ChitieuError
from chitieu.summary.campaign import Campaign
from chitieu.summary.table import HISTORY_COLUMNS, Summary
from chitieu.summary.timeliness import (
    LATE,
    MISSING,
    ON_TIME,
    Schedule,
    duration_text,
    judge_reporting,
    parse_schedule,
    received_times,
    stale_unranked,
)
from report.books import quota_book, result_book

QUOTAS = {"Thôn Đông": 40, "Thôn Tây": 35, "Thôn Nam": 50, "Thôn Bắc": 25}
THURSDAY_9 = Schedule(3, time(9, 0))


def weekly_commune(folder):
    """Reports as of Wednesday 4/6 (received Thursday 8:00) and Thursday 12/6 (received 10:30, Thôn Bắc
    missing from it); nothing for the week of Thursday 19/6, the as-of date."""
    early = result_book(folder, "4.6.2025", {"Thôn Đông": 10, "Thôn Tây": 8, "Thôn Nam": 9, "Thôn Bắc": 20})
    late = result_book(folder, "12.6.2025", {"Thôn Đông": 20, "Thôn Tây": 15, "Thôn Nam": 30})
    summary = summarise_files([quota_book(folder, QUOTAS)], [early, late], start=date(2025, 6, 1),
                              end=date(2025, 6, 30), as_of=date(2025, 6, 19))
    received = received_times(summary.sources, {early.name: datetime(2025, 6, 5, 8, 0),
                                                late.name: datetime(2025, 6, 12, 10, 30)})
    return summary, judge_reporting(summary, THURSDAY_9, received)


def test_a_weekly_thursday_schedule_marks_late_and_missing_reports(tmp_path):
    _, reporting = weekly_commune(tmp_path)
    dong = reporting.table[reporting.table["label"] == "Thôn Đông"].set_index("due")
    assert dong.loc[datetime(2025, 6, 5, 9), "status"] == ON_TIME
    assert dong.loc[datetime(2025, 6, 12, 9), "status"] == LATE
    assert dong.loc[datetime(2025, 6, 12, 9), "late_text"] == "1 giờ 30 phút"
    assert dong.loc[datetime(2025, 6, 19, 9), "status"] == MISSING
    bac = reporting.table[reporting.table["label"] == "Thôn Bắc"].set_index("due")["status"].tolist()
    assert bac == [ON_TIME, MISSING, MISSING]


def test_a_unit_without_a_report_for_two_periods_is_not_ranked(tmp_path):
    summary, reporting = weekly_commune(tmp_path)
    assert reporting.stale == {"Thôn Bắc": date(2025, 6, 4)}
    judged = stale_unranked(summary, reporting)
    rows = judged.table.set_index("label")
    assert pd.isna(rows.loc["Thôn Bắc", "rank"]) and "báo cáo cũ" in rows.loc["Thôn Bắc", "check"]
    assert summary.table.set_index("label").loc["Thôn Bắc", "rank"] == 1  # its stale 80 % would lead
    assert sorted(rows.loc[["Thôn Đông", "Thôn Tây", "Thôn Nam"], "rank"].tolist()) == [1, 2, 3]
    (told,) = [f for f in judged.findings if f.code == "report-stale"]
    assert "Thôn Bắc" in told.message and "04/06/2025" in told.message


def test_the_received_time_is_the_files_own_when_none_is_given(tmp_path):
    summary, _ = weekly_commune(tmp_path)
    times = received_times(summary.sources)
    assert set(times) == {"giao_chi_tieu.xlsx", "bao cao thon 4.6.2025.xlsx", "bao cao thon 12.6.2025.xlsx"}
    assert all(abs(t - datetime.now()) < timedelta(days=1) for t in times.values())


NUMBERED = ["thứ {n}", "Thứ {n}", "T{n}", "t {n}", "thu{n}", "THỨ {n}"]
NAMES = {0: "hai", 1: "ba", 2: "tư", 3: "năm", 4: "sáu", 5: "bảy"}
CLOCKS = ["{h:02d}:{m:02d}", "{h}:{m:02d}", "{h}h{m:02d}", "{h} giờ {m:02d} phút", "{h}g{m}"]


@st.composite
def spoken_schedules(draw):
    weekday = draw(st.sampled_from([None, 0, 1, 2, 3, 4, 5, 6]))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    if weekday is None:
        day = draw(st.sampled_from(["hằng ngày", "Hằng ngày", "hàng ngày", "mỗi ngày", ""]))
    elif weekday == 6:
        day = draw(st.sampled_from(["chủ nhật", "Chủ Nhật", "CN", "chu nhat"]))
    else:
        day = draw(st.sampled_from([*NUMBERED, f"thứ {NAMES[weekday]}", f"Thứ {NAMES[weekday].capitalize()}"]))
        day = day.format(n=weekday + 2)
    clock = draw(st.sampled_from(CLOCKS)).format(h=hour, m=minute)
    text = draw(st.sampled_from(["{day} {clock}", "{clock} {day}", "trước {clock}, {day} hằng tuần"
                                 if weekday is not None else "trước {clock} {day}"]))
    return text.format(day=day, clock=clock), Schedule(weekday, time(hour, minute))


@settings(max_examples=300, deadline=None)
@given(spoken_schedules())
def test_schedules_are_read_from_their_words(case):
    text, expected = case
    assert parse_schedule(text) == expected
    assert parse_schedule(expected.text()) == expected  # what the profile keeps reads back the same


@pytest.mark.parametrize("text", ["hằng tuần 9:00", "thứ 5 25:00", "thứ 5 9:75"])
def test_a_schedule_that_cannot_be_read_is_refused(text):
    with pytest.raises(ChitieuError):
        parse_schedule(text)


def one_unit(as_of: date, reports: dict[date, datetime]) -> tuple[Summary, dict[str, datetime]]:
    """A summary of one unit reporting as of each day of ``reports``, received when it says."""
    table = pd.DataFrame({"place": ["Ấp 1"], "label": ["Ấp 1"], "parent_place": [None]})
    history = pd.DataFrame([("Ấp 1", "cccd", day, 1.0, f"{day}.xlsx", "Ấp 1") for day in reports],
                           columns=HISTORY_COLUMNS)
    return (Summary(Campaign(date(2025, 1, 1), date(2025, 12, 31), as_of), table, history=history),
            {f"{day}.xlsx": when for day, when in reports.items()})


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([None, *range(7)]), st.integers(0, 23), st.integers(0, 59), st.integers(-3000, 3000),
       st.dates(date(2025, 2, 1), date(2025, 11, 30)))
def test_a_report_is_late_by_the_time_past_its_deadline(weekday, hour, minute, delay, day):
    schedule = Schedule(weekday, time(hour, minute))
    while weekday is not None and day.weekday() != weekday:
        day += timedelta(days=1)
    due = datetime.combine(day, schedule.at)
    summary, received = one_unit(day, {day: due + timedelta(minutes=delay)})
    row = judge_reporting(summary, schedule, received).table.set_index("due").loc[due]
    assert row["status"] == (LATE if delay > 0 else ON_TIME)
    assert row["late_text"] == (duration_text(timedelta(minutes=delay)) if delay > 0 else None)
    if delay > 0:  # the words add back up to the delay
        words = row["late_text"].split()
        units = {"ngày": 1440, "giờ": 60, "phút": 1}
        assert sum(int(n) * units[w] for n, w in zip(words[::2], words[1::2])) == delay
