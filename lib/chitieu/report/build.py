"""The summary workbook leaders receive, described as data (``model``): the heading, the summary
tab, one ranking tab per indicator, the history, the findings and the sources."""

from __future__ import annotations

import bisect
import dataclasses
from datetime import date, datetime
from typing import Collection

import numpy as np
import pandas as pd
from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell

from chitieu.findings import ERROR, INFO, SEVERITY_LABELS, WARNING
from chitieu.reading.sheets import file_sha256
from chitieu.report.change import changes, previous_report_date
from chitieu.report.form import Form, form_closing, form_heading
from chitieu.report.meeting import meeting_sheets
from chitieu.report.model import Body, Chart, Report, Spanner, Tab
from chitieu.report.order import TREE, ordered
from chitieu.summary.campaign import Campaign
from chitieu.summary.columns import SUMMARY_COLUMNS, ColumnSpec
from chitieu.summary.comparison import WEEK
from chitieu.summary.emulation import Rules
from chitieu.summary.selection import filtered_table, lowest_rows
from chitieu.summary.status import Status
from chitieu.summary.table import Summary
from chitieu.summary.targets import period_days
from chitieu.summary.timeliness import STALE, Reporting
from chitieu.values import format_number, format_percent

SUMMARY_SHEET, HISTORY_SHEET, FINDINGS_SHEET, SOURCES_SHEET = (
    "Tổng hợp", "Theo ngày", "Kiểm tra dữ liệu", "Nguồn dữ liệu")
PLAN_LABEL, TOTAL_LABEL = "Kế hoạch (lũy kế)", "Tổng các đơn vị"
NO_FINDINGS = "Không phát hiện vấn đề nào."
NOT_RANKED = "Chưa xếp hạng: số liệu cần kiểm tra"
NOT_RANKED_STALE = "BC cũ"  # báo cáo cũ, short enough for the narrow rank column; "Nhận xét" says the rest
KIND_LABELS = {"quota": "Chỉ tiêu", "result": "Kết quả"}
SUMMARY_SPANNERS = (Spanner("Kết quả thực hiện", "result", "percent"),
                    Spanner("Tiến độ đến nay", "daily_quota", "pace"),
                    Spanner("Phần còn lại của đợt", "remaining", "projected"))
# narrow enough that 14 columns print one page wide at 84 % (12 pt shows as 10 pt or more)
SUMMARY_WIDTHS = {"label": 24, "quota": 9, "result": 9, "percent": 8, "daily_quota": 8, "expected_to_date": 9,
                  "pace": 8, "remaining": 8, "required_per_day": 8, "projected": 9, "status": 12, "rank": 7}
# "Tổng hợp": STT, then the summary's columns but the indicator, which heads each group of rows instead
# (a daily quota under 1 is shown with its decimals: "number", whose decimals the writer fits to the figure)
# and beside the result, its change since the previous report (``change``)
CHANGE_COLUMN = ColumnSpec("change", "Tăng thêm", "count", 8)
SUMMARY_TAB_COLUMNS = (ColumnSpec("number", "STT", "count", 4), *(
    column for c in SUMMARY_COLUMNS if c.key in SUMMARY_WIDTHS for column in (
        dataclasses.replace(c, width=SUMMARY_WIDTHS[c.key], kind="number" if c.key == "daily_quota" else c.kind),
        *((CHANGE_COLUMN,) if c.key == "result" else ()))))
RANKING_COLUMNS = (
    ColumnSpec("rank", "Hạng", "count", 7), ColumnSpec("label", "Đơn vị", "text", 28),
    ColumnSpec("quota", "Chỉ tiêu giao", "count", 11), ColumnSpec("result", "Kết quả", "count", 11),
    ColumnSpec("percent", "Tỷ lệ đạt", "rate", 10), ColumnSpec("due_share", "Cần đạt đến nay (%)", "rate", 11),
    ColumnSpec("required_per_day", "Cần / ngày", "number", 10), ColumnSpec("status", "Tình trạng", "status", 14))
FINDING_COLUMNS = (
    ColumnSpec("severity", "Mức độ", "text", 11), ColumnSpec("code", "Mã", "text", 22), ColumnSpec("message", "Nội dung", "text", 70),
    ColumnSpec("file", "Tệp", "text", 22), ColumnSpec("sheet", "Trang tính", "text", 14), ColumnSpec("row", "Dòng", "text", 8),
    ColumnSpec("column", "Cột", "text", 16))
SOURCE_COLUMNS = (
    ColumnSpec("file", "Tệp", "text", 28), ColumnSpec("kind", "Loại", "text", 10), ColumnSpec("sheet", "Trang tính", "text", 16),
    ColumnSpec("sha256", "SHA-256", "text", 66), ColumnSpec("rows", "Số dòng đọc", "count", 11),
    ColumnSpec("as_of", "Số liệu đến ngày", "text", 14), ColumnSpec("made", "Thời điểm lập báo cáo", "text", 20))


def build_report(summary: Summary, *, form: Form | None = None, unit_name: str = "", place: str = "", levels: Collection[int] | None = None,
                 units: Collection[str] | None = None, indicators: Collection[str] | None = None,
                 statuses: Collection[str] | None = None, now: datetime | None = None, order: str = TREE,
                 reporting: Reporting | None = None, rules: Rules | None = None, compare_days: int = WEEK) -> Report:
    """The whole report as data: the state form's heading and closing, and every sheet with its table
    and charts. ``unit_name`` and ``place``, when given, fill those fields of ``form``.

    ``levels``, ``units`` (with the units below them), ``indicators`` (codes or labels) and ``statuses``
    narrow the summary, ranking and history tabs to the rows the app shows with the same filters
    (``selection.filtered_table``); ``now`` is the time the report is made; ``order`` the order of the
    units of "Tổng hợp" within each parent (``order.ORDERS``: the tree's, or most behind first).
    ``reporting`` (``timeliness.judge_reporting``, None without a schedule), the emulation ``rules`` and the
    ``compare_days`` of the period comparison make the sheets of ``meeting``.

    >>> report = build_report(summary, unit_name="CÔNG AN XÃ MINH THẮNG", place="Minh Thắng")
    >>> [sheet.name for sheet in report.sheets][:2]
    ['Tổng hợp', '1. Cấp CCCD cho công dân sinh t']
    """
    now = now or datetime.now()
    form = Form(unit_name=unit_name, place=place).over(form or Form())
    table = filtered_table(summary.table, levels=levels, units=units, indicators=indicators, statuses=statuses)
    since = previous_report_date(summary.history, summary.campaign.as_of)
    table = table.assign(daily_quota=daily_quotas(table, summary.campaign),
                         change=changes(table, summary.table, summary.history, since))
    lowest = lowest_rows(table)
    history, earlier = history_sheet(summary.history, lowest, summary.campaign, since)
    meeting, said = meeting_sheets(dataclasses.replace(summary, table=table.drop(columns="change")), lowest, reporting,
                                   rules, compare_days)
    sheets = (summary_sheet(table, summary.table, order, since, earlier), *ranking_sheets(lowest), *meeting, history,
              Tab(FINDINGS_SHEET, findings_table(summary)), Tab(SOURCES_SHEET, sources_table(summary, now)))
    return Report(form_heading(form, summary.campaign), sheets,
                  tuple((status.value, status.legend) for status in Status), comment_text(lowest) + said,
                  form_closing(form), summary.campaign.days_left)


def _cells(frame: pd.DataFrame, columns: tuple[ColumnSpec, ...]) -> tuple[tuple, ...]:
    values = frame[[c.key for c in columns]].astype(object)
    return tuple(map(tuple, values.where(values.notna(), None).to_numpy()))


def summary_sheet(table: pd.DataFrame, summary_table: pd.DataFrame, order: str = TREE, since: date | None = None,
                  earlier: dict[tuple[str, str], str] | None = None) -> Tab:
    """Each indicator as a group heading over its units in ``order``: STT for the lowest units, roll-ups
    bold (without a rank: they are totals) with the rows they add up, children one outline level below;
    the change of the result headed with the previous report's date ``since``, and subtracting the cell
    ``earlier`` names for a (place, indicator) that holds the result of that date."""
    earlier = earlier or {}
    parents = set(summary_table["parent_place"].dropna())
    siblings = summary_table.groupby(["parent_place", "indicator"]).size().to_dict()
    table = table.assign(rank=rank_cells(table["rank"], table["check"]))
    keys = [c.key for c in SUMMARY_TAB_COLUMNS[1:]]
    rows: list[tuple] = []
    levels: list[int] = []
    groups: list[bool] = []
    parts: list[tuple[int, ...]] = []
    previous: list[str | None] = []
    for number, (code, part) in enumerate(table.groupby("indicator", sort=False), start=1):
        rows.append((f"{roman(number)}. {part['indicator_label'].iloc[0]}",) + (None,) * len(keys))
        levels.append(0), groups.append(True), parts.append(()), previous.append(None)
        where: dict[str, int] = {}
        children: dict[str, list[int]] = {}
        leaves = 0
        for row in ordered(part, order)[keys + ["place", "parent_place", "level"]].itertuples(index=False):
            total = row.place in parents
            leaves += not total
            where[row.place] = len(rows)
            children.setdefault(row.parent_place, []).append(len(rows))
            values = [None if pd.isna(v) else v for v in row[:len(keys)]]
            if total:
                values[keys.index("rank")] = None
            rows.append((None if total else leaves, *values))
            levels.append(int(row.level)), groups.append(False), parts.append(())
            previous.append(None if total else earlier.get((row.place, code)))
        for place, index in where.items():  # a total adds up its rows only when all of them are in the report
            if len(children.get(place, ())) == siblings.get((place, code), -1):
                parts[index] = tuple(children[place])
    columns = tuple(dataclasses.replace(c, heading=f"Tăng từ {since:%d/%m}") if c is CHANGE_COLUMN and since
                    else c for c in SUMMARY_TAB_COLUMNS)
    body = Body(columns, tuple(rows), tuple(levels), tuple(r[0] is None and not g for r, g in zip(rows, groups)),
                SUMMARY_SPANNERS, tuple(groups), tuple(parts), previous=tuple(previous))
    return Tab(SUMMARY_SHEET, body, framed=True, formulas=True)


def daily_quotas(table: pd.DataFrame, campaign: Campaign) -> pd.Series:
    """The daily quota, unrounded where rounding made it 0 though the quota asks something (33 over 91 days)."""
    rounded_away = (table["daily_quota"] == 0) & (table["quota"] > 0)
    days = period_days(table["indicator"], campaign)["days_total"]  # each indicator's own
    return table["daily_quota"].where(~rounded_away, table["quota"] / days)


def roman(number: int) -> str:
    """The Roman numeral of a group heading.

    >>> roman(4), roman(14)
    ('IV', 'XIV')
    """
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    text = ""
    for value, letters in numerals:
        count, number = divmod(number, value)
        text += letters * count
    return text


def rank_cells(rank: pd.Series, check: pd.Series) -> pd.Series:
    """The rank column's cells: the rank, or why there is none for a figure that must be checked first."""
    why = check.map(lambda text: NOT_RANKED_STALE if str(text).startswith(STALE) else NOT_RANKED)
    return rank.astype(object).where(check.isna(), why)


def indicator_sheet_name(position: int, label: str) -> str:
    """A unique sheet name Excel accepts (31 characters, none of ``[]:*?/\\``).

    >>> indicator_sheet_name(2, "Cấp CCCD/định danh")
    '2. Cấp CCCD-định danh'
    """
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in label)
    return f"{position}. {clean}"[:31]


def ranking_sheets(lowest: pd.DataFrame) -> list[Tab]:
    """One sheet per indicator ranking its units by percent achieved, with a bar chart of it against the
    share of the quota due by now (the summary's expected to date over the quota)."""
    sheets = []
    for position, (_, rows) in enumerate(lowest.groupby("indicator", sort=False), start=1):
        label = rows["indicator_label"].iloc[0]
        ranked = rows.assign(rank=rows["percent"].where(rows["check"].isna())).sort_values(
            "rank", ascending=False, na_position="last", kind="stable")  # figures to check first come last
        ranked = ranked.assign(rank=rank_cells(ranked["rank"].rank(ascending=False, method="min").astype("Int64"),
                                               ranked["check"]),
                               due_share=(ranked["expected_to_date"] / ranked["quota"]).where(ranked["quota"] > 0))
        chart = Chart("percent", f"Tỷ lệ đạt so với mức cần đạt đến nay — {label}", 0, len(ranked) - 1)
        sheets.append(Tab(indicator_sheet_name(position, label), Body(RANKING_COLUMNS, _cells(ranked, RANKING_COLUMNS)),
                          charts=(chart,), title=label))
    return sheets


def history_sheet(history: pd.DataFrame, lowest: pd.DataFrame, campaign: Campaign,
                  since: date | None = None) -> tuple[Tab, dict[tuple[str, str], str]]:
    """Cumulative results per unit and date of the ``lowest`` rows (unit × indicator); each indicator
    starts with its plan line and total. With it, the cell of each (place, indicator)'s last result on or
    before ``since``."""
    chosen = pd.MultiIndex.from_frame(lowest[["place", "indicator"]])
    history = history[pd.MultiIndex.from_frame(history[["place", "indicator"]]).isin(chosen)]
    dates = sorted(set(history["as_of"]))
    upto = bisect.bisect_right(dates, since) if since else 0  # the dates on or before ``since``
    wide = history.drop_duplicates(["indicator", "place", "as_of"], keep="last").pivot(
        index=["indicator", "place"], columns="as_of", values="result").reindex(columns=dates)
    labels = dict(zip(lowest["place"], lowest["label"]))
    columns = (ColumnSpec("indicator", "Chỉ tiêu", "text", 34), ColumnSpec("unit", "Đơn vị", "text", 28),
               *(ColumnSpec(str(d), f"{d:%d/%m/%Y}", "count", 11) for d in dates))
    rows, bold, charts = [], [], []
    cells: dict[tuple[str, str], str] = {}
    for code, part in lowest.groupby("indicator", sort=False):
        label = part["indicator_label"].iloc[0]
        mine = wide.loc[code] if code in wide.index.get_level_values(0) else pd.DataFrame(columns=dates)
        plan = [planned_by(part, campaign.of(code), d) for d in dates]  # the indicator's own period
        total = [None if mine[d].isna().all() else float(mine[d].sum()) for d in dates]
        if len(dates) > 1:  # one snapshot makes no trend
            charts.append(Chart("cumulative", f"Kết quả lũy kế so với kế hoạch — {label}", len(rows), len(rows) + 1))
        rows += [(label, PLAN_LABEL, *plan), (label, TOTAL_LABEL, *total)]
        bold += [True, True]
        figures = mine.to_numpy(dtype=float)
        shown = figures.astype(object)
        shown[np.isnan(figures)] = None
        reported = ~np.isnan(figures[:, :upto])  # each unit's last figure on or before ``since``
        last = np.where(reported.any(axis=1), upto - 1 - reported[:, ::-1].argmax(axis=1), -1) if upto else None
        for i, (place, values) in enumerate(zip(mine.index, shown.tolist())):
            if last is not None and last[i] >= 0:  # the sheet has no heading: body row r is the sheet's row r + 1
                cells[place, code] = f"{quote_sheetname(HISTORY_SHEET)}!{xl_rowcol_to_cell(len(rows) + 1, 2 + last[i])}"
            rows.append((label, labels[place], *values))
        bold += [False] * len(mine)
    return Tab(HISTORY_SHEET, Body(columns, tuple(rows), bold=tuple(bold)), charts=tuple(charts)), cells


def planned_by(rows: pd.DataFrame, campaign: Campaign, day: date) -> float:
    """What ``rows`` (unit × indicator) were to have reached by ``day``, by the summary's own definition of
    "expected to date" (its daily rate × days elapsed, at most the quota): the plan line of "Theo ngày"
    meets "Cần đạt đến nay" of "Tổng hợp" on the as-of date."""
    quota = rows["quota"].to_numpy(dtype=float)
    capped = rows["expected_to_date"].to_numpy(dtype=float) >= quota
    rate = np.where(capped | (campaign.days_elapsed == 0), quota / campaign.days_total,
                    rows["expected_to_date"].to_numpy(dtype=float) / max(campaign.days_elapsed, 1))
    elapsed = min(max((day - campaign.start).days + 1, 0), campaign.days_total)
    return float(np.minimum(rate * elapsed, quota).sum())


def findings_table(summary: Summary) -> Body:
    """Errors and warnings first, one line each with where it was met; then one line per kind of info
    with its count, its units and all its places; one line saying so when there is nothing to say."""
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    ranked = sorted(summary.findings, key=lambda f: order.get(f.severity, 3))
    rows = [(SEVERITY_LABELS.get(f.severity, f.severity), f.code, f.message, f.file, f.sheet, _text(f.row), f.column)
            for f in ranked if f.severity != INFO]
    infos: dict[str, list] = {}
    for f in ranked:
        if f.severity == INFO:
            infos.setdefault(f.code, []).append(f)
    rows += [grouped_infos(code, found) for code, found in infos.items()]
    return Body(FINDING_COLUMNS, tuple(rows) or ((None, None, NO_FINDINGS, None, None, None, None),), wrap=True)


def grouped_infos(code: str, found: list) -> tuple:
    """One line for the infos of one code: how many, of which units, the first one's words, every place."""
    units = list(dict.fromkeys(str(f.params["unit"]) for f in found if f.params.get("unit")))
    message = found[0].message if len(found) == 1 else (
        f"{len(found)} lượt" + (f" ({', '.join(units)})" if units else "") + f". Ví dụ: {found[0].message}")

    def places(values: list) -> str:
        return "; ".join(dict.fromkeys(str(v) for v in values if v not in (None, "")))

    return (SEVERITY_LABELS[INFO], code, message, places([f.file for f in found]), places([f.sheet for f in found]),
            places([f.row for f in found]), places([f.column for f in found]))


def _text(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def sources_table(summary: Summary, now: datetime) -> Body:
    made = f"{now:%d/%m/%Y %H:%M}"
    rows = tuple((s.file, KIND_LABELS.get(s.kind, s.kind), s.sheet, file_sha256(s.path), int(s.rows),
                  f"{s.as_of:%d/%m/%Y}" if isinstance(s.as_of, date) else "", made)
                 for s in summary.sources.itertuples())
    return Body(SOURCE_COLUMNS, rows)


def _unit_list(rows: pd.DataFrame, with_label: bool) -> str:
    """Units with their percent, naming the indicator when the report has several."""
    return "; ".join(f"{r.label} ({r.indicator_label + ': ' if with_label else ''}{format_percent(r.percent)})"
                     for r in rows.itertuples())


def comment_text(lowest: pd.DataFrame) -> str:
    """The "Nhận xét" paragraph: counts by status, the three best and worst, what laggards need a day.

    >>> comment_text(summary.table[summary.table["level"] == 1])
    'Trong 35 lượt đơn vị × chỉ tiêu: 5 vượt chỉ tiêu, ...'
    """
    counts = lowest["status"].value_counts()
    text = (f"Trong {len(lowest)} lượt đơn vị × chỉ tiêu: {counts.get(Status.EXCEEDED, 0)} vượt chỉ tiêu, "
            f"{counts.get(Status.ON_PACE, 0)} đạt tiến độ, {counts.get(Status.BEHIND, 0)} chậm tiến độ, "
            f"{counts.get(Status.NOT_REPORTED, 0)} chưa báo cáo.")
    reported = lowest[lowest["percent"].notna()].sort_values("percent", ascending=False, kind="stable")
    if len(reported):
        several = lowest["indicator"].nunique() > 1
        text += (f" Cao nhất: {_unit_list(reported.head(3), several)}."
                 f" Thấp nhất: {_unit_list(reported.tail(3).iloc[::-1], several)}.")
    lagging = lowest[lowest["status"].isin([Status.BEHIND, Status.NOT_REPORTED])]
    need = lagging["required_per_day"].sum(min_count=1)
    if len(lagging) and need == need and np.isfinite(need):
        text += (f" Để hoàn thành đúng hạn, các đơn vị chậm và chưa báo cáo cần đạt thêm tổng cộng "
                 f"{format_number(need, 1)} lượt mỗi ngày.")
    return text
