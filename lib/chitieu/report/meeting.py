"""The sheets leaders meet over: "Tình hình báo cáo" (each unit's report per due date), "Xếp hạng thi đua"
(the emulation ranking, reward and criticism) and "So sánh kỳ" (this period against the previous one),
and the sentences of "Nhận xét" naming the units behind, late or left out and what each needs a day."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, timedelta

import pandas as pd

from chitieu.report.model import Body, Tab
from chitieu.summary.columns import ColumnSpec
from chitieu.summary.comparison import WEEK, Comparison, compare_periods
from chitieu.summary.emulation import CRITICISM, REWARD, Emulation, Rules, rank_emulation
from chitieu.summary.status import Status
from chitieu.summary.table import Summary
from chitieu.summary.timeliness import LATE, MISSING, STALE, Reporting
from chitieu.values import format_number

REPORTING_SHEET, EMULATION_SHEET, COMPARISON_SHEET = "Tình hình báo cáo", "Xếp hạng thi đua", "So sánh kỳ"
NO_SCHEDULE = ("Chưa có lịch báo cáo nên chưa xét báo cáo đúng hạn: đặt lịch, ví dụ \"thứ 5 09:00\" hoặc "
               "\"hằng ngày 17:00\" (chitieu report --schedule).")
NAMED = 5  # units named in one list of "Nhận xét" (kept short: it prints above the signatures); the rest counted
REPORTING_COLUMNS = (
    ColumnSpec("number", "STT", "count", 5), ColumnSpec("label", "Đơn vị", "text", 24),
    ColumnSpec("due", "Hạn báo cáo", "text", 17), ColumnSpec("as_of", "Số liệu đến ngày", "text", 12),
    ColumnSpec("received", "Thời điểm nhận", "text", 17), ColumnSpec("status", "Tình trạng", "status", 11),
    ColumnSpec("late_text", "Muộn", "text", 14), ColumnSpec("note", "Ghi chú", "text", 30))
EMULATION_COLUMNS = (
    ColumnSpec("rank", "Hạng", "count", 7), ColumnSpec("label", "Đơn vị", "text", 24),
    ColumnSpec("score", "Điểm thi đua", "rate", 11), ColumnSpec("excluded", "Không xét thi đua vì", "text", 40),
    ColumnSpec("proposal", "Đề xuất", "status", 13))


def meeting_sheets(summary: Summary, lowest: pd.DataFrame, reporting: Reporting | None = None,
                   rules: Rules | None = None, days: int = WEEK) -> tuple[list[Tab], str]:
    """The three sheets of the units of ``summary`` (already narrowed to the report's rows; ``lowest`` its
    lowest rows as the report shows them), and the sentences they add to "Nhận xét"."""
    places = set(lowest["place"])
    if reporting is not None:
        reporting = dataclasses.replace(reporting, table=reporting.table[reporting.table["place"].isin(places)],
                                        stale={p: d for p, d in reporting.stale.items() if p in places})
    emulation = rank_emulation(summary, rules, reporting)
    sheets = [reporting_sheet(reporting), emulation_sheet(emulation), comparison_sheet(compare_periods(summary, days))]
    return sheets, comment_sentences(lowest, reporting, emulation)


def _cells(frame: pd.DataFrame, columns: tuple[ColumnSpec, ...]) -> tuple[tuple, ...]:
    values = frame[[c.key for c in columns]].astype(object)
    return tuple(map(tuple, values.where(values.notna(), None).to_numpy()))


def reporting_sheet(reporting: Reporting | None) -> Tab:
    """Each unit × due date: when due, the date of the report answering it, when it was received, on time,
    late (by how long) or missing; a stale unit's rows say it is not ranked."""
    if reporting is None:
        return Tab(REPORTING_SHEET, Body(REPORTING_COLUMNS, ((None, NO_SCHEDULE, *(None,) * 6),), wrap=True),
                   title=REPORTING_SHEET)
    table = reporting.table
    stale = table["place"].map(lambda place: reporting.stale.get(place, False))
    shown = table.assign(
        number=range(1, len(table) + 1), due=[f"{d:%d/%m/%Y %H:%M}" for d in table["due"]],
        as_of=[None if pd.isna(d) else f"{d:%d/%m/%Y}" for d in table["as_of"]],
        received=[None if pd.isna(d) else f"{d:%d/%m/%Y %H:%M}" for d in table["received"]],
        note=[f"{STALE} (số liệu đến {d:%d/%m/%Y}): không xếp hạng" if d else None for d in stale])
    return Tab(REPORTING_SHEET, Body(REPORTING_COLUMNS, _cells(shown, REPORTING_COLUMNS)),
               title=f"{REPORTING_SHEET} — lịch: {reporting.schedule.text()}")


def emulation_sheet(emulation: Emulation) -> Tab:
    """The ranked units by rank (ties by name), then those left out and why, each with its proposal."""
    cap = format_number(emulation.rules.percent_cap * 100)
    return Tab(EMULATION_SHEET, Body(EMULATION_COLUMNS, _cells(emulation.table, EMULATION_COLUMNS)),
               title=f"{EMULATION_SHEET} (mỗi tỷ lệ đạt tính tối đa {cap}%)")


def comparison_sheet(comparison: Comparison) -> Tab:
    """Each unit × indicator: its increase in the previous and in this period, the difference, its rank
    then and now, and the days this period its daily quota was met of those a report covers."""
    (p0, p1), (c0, c1) = comparison.previous, comparison.current
    columns = (  # the unit is the stub; "5/7" centred as a status is
        ColumnSpec("label", "Đơn vị", "text", 20), ColumnSpec("indicator_label", "Chỉ tiêu", "text", 30),
        ColumnSpec("previous", f"Tăng {_day_after(p0)}–{p1:%d/%m}", "count", 12),
        ColumnSpec("current", f"Tăng {_day_after(c0)}–{c1:%d/%m}", "count", 12),
        ColumnSpec("difference", "Chênh lệch", "count", 10), ColumnSpec("rank_before", "Hạng kỳ trước", "count", 9),
        ColumnSpec("rank", "Hạng nay", "count", 8), ColumnSpec("rank_change", "Thay đổi hạng (+: lên)", "count", 12),
        ColumnSpec("met", "Số ngày đạt chỉ tiêu ngày", "status", 12))
    table = comparison.table.assign(met=[None if pd.isna(m) else f"{m}/{k}" for m, k in zip(
        comparison.table["met_days"], comparison.table["known_days"])])
    return Tab(COMPARISON_SHEET, Body(columns, _cells(table, columns)),
               title=f"{COMPARISON_SHEET}: {comparison.days} ngày đến {c1:%d/%m/%Y} so với {comparison.days} ngày trước đó")


def _day_after(day: date) -> str:
    return f"{day + timedelta(days=1):%d/%m}"


def comment_sentences(lowest: pd.DataFrame, reporting: Reporting | None, emulation: Emulation) -> str:
    """The units behind and what each needs a day, those late or missing a report, those left out of the
    ranking and why, and the proposals; each list names at most ``NAMED`` and counts the rest."""
    several = lowest["indicator"].nunique() > 1
    behind = lowest[lowest["status"] == Status.BEHIND].sort_values(["label", "indicator"], kind="stable")
    text = _sentence("Đơn vị chậm tiến độ, cần đạt mỗi ngày", (
        f"{r.label} ({r.indicator_label + ': ' if several else ''}{format_number(r.required_per_day, 1)}/ngày)"
        for r in behind.itertuples()))
    if reporting is not None:
        missed = reporting.table[reporting.table["status"].isin([LATE, MISSING])]
        counts = missed.groupby(["label", "status"]).size().unstack(fill_value=0).reindex(columns=[LATE, MISSING],
                                                                                           fill_value=0)
        text += _sentence("Báo cáo muộn hoặc thiếu", (f"{label} ({_times(late, missing)})"
                                                      for label, late, missing in counts.itertuples()))
    left_out = emulation.table[emulation.table["excluded"].notna()]
    text += "".join(_sentence(f"Không xét thi đua ({reason})", part["label"])
                    for reason, part in left_out.groupby("excluded", sort=True))
    text += _sentence(f"Đề xuất {REWARD}", emulation.reward) + _sentence(f"Đề xuất {CRITICISM}", emulation.criticism)
    return text


def _sentence(lead: str, items: Iterable[str]) -> str:
    """" Lead: a; b; c." naming the first ``NAMED`` items and counting the others; nothing without items."""
    items = list(items)
    if not items:
        return ""
    more = f" và {len(items) - NAMED} trường hợp khác" if len(items) > NAMED else ""
    return f" {lead}: {'; '.join(items[:NAMED])}{more}."


def _times(late: int, missing: int) -> str:
    """ "muộn 1, thiếu 6 kỳ": how many reports were late and missing, the ones that were."""
    return ", ".join(f"{status} {count}" for status, count in ((LATE, late), (MISSING, missing)) if count) + " kỳ"
