"""The summary workbook leaders receive, described as data first (heading, stub, body, notes,
signature), then written by ``report_xlsx`` in one pass.

>>> summary = summarise_files(["inputs/minh_thang/chi_tieu_4_phu.xlsx"])  # doctest: +SKIP
>>> write_report(summary, "bao_cao.xlsx", unit_name="CÔNG AN XÃ MINH THẮNG", place="Minh Thắng")  # doctest: +SKIP
PosixPath('bao_cao.xlsx')
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from .campaign import Campaign
from .checks import SEVERITY_LABELS
from .progress import BEHIND, EXCEEDED, NOT_REPORTED, ON_PACE, STATUSES, Summary
from .report_xlsx import save_workbook
from .values import format_number, format_percent

SUMMARY_SHEET, HISTORY_SHEET, FINDINGS_SHEET, SOURCES_SHEET = (
    "Tổng hợp", "Theo ngày", "Kiểm tra dữ liệu", "Nguồn dữ liệu")
TITLE = "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU ĐỀ ÁN 06"
PLAN_LABEL, TOTAL_LABEL = "Kế hoạch (lũy kế)", "Tổng các đơn vị"
NO_FINDINGS = "Không phát hiện vấn đề nào."
KIND_LABELS = {"quota": "Chỉ tiêu", "result": "Kết quả"}
STATUS_LEGEND = {EXCEEDED: "đã đạt hoặc vượt chỉ tiêu", ON_PACE: "kết quả bằng hoặc hơn mức cần đạt đến nay",
                 BEHIND: "kết quả thấp hơn mức cần đạt đến nay", NOT_REPORTED: "chưa có số liệu báo cáo"}


@dataclass(frozen=True)
class Column:
    """One column of a table: its heading, the kind of value (text, count, number, rate, status) and width."""

    key: str
    label: str
    kind: str = "text"
    width: float = 12


@dataclass(frozen=True)
class Spanner:
    """A label over the columns ``first``..``last`` (keys), on the row above the column labels."""

    label: str
    first: str
    last: str


@dataclass(frozen=True)
class Table:
    """A table as rows of values; ``levels`` (outline depth) and ``bold`` (roll-up rows) go row by row."""

    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    levels: tuple[int, ...] = ()
    bold: tuple[bool, ...] = ()
    spanners: tuple[Spanner, ...] = ()


@dataclass(frozen=True)
class Chart:
    """A native chart over rows ``first``..``last`` of a sheet's table (0-based within the body)."""

    kind: str  # "percent": bars of the percent column with a 100 % line; "cumulative": result vs plan by date
    title: str
    first: int
    last: int


@dataclass(frozen=True)
class Sheet:
    name: str
    table: Table
    framed: bool = False  # carries the official heading, legend, comment and signature
    charts: tuple[Chart, ...] = ()


@dataclass(frozen=True)
class Heading:
    issuer: str
    place_date: str
    title: str
    as_of: str
    period: str


@dataclass(frozen=True)
class Report:
    heading: Heading
    sheets: tuple[Sheet, ...]
    legend: tuple[tuple[str, str], ...]
    comment: str
    signature: tuple[str, ...] = ("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ")


SUMMARY_COLUMNS = (
    Column("unit", "Đơn vị", "text", 28), Column("indicator_label", "Chỉ tiêu", "text", 34),
    Column("quota", "Chỉ tiêu giao", "count", 11), Column("result", "Kết quả", "count", 11),
    Column("percent", "Tỷ lệ đạt", "rate", 10), Column("daily_quota", "Chỉ tiêu / ngày", "count", 10),
    Column("expected_to_date", "Cần đạt đến nay", "count", 11), Column("pace", "Tiến độ", "rate", 10),
    Column("remaining", "Còn lại", "count", 10), Column("required_per_day", "Cần / ngày", "number", 10),
    Column("projected", "Dự kiến cuối đợt", "count", 11), Column("status", "Tình trạng", "status", 14),
    Column("rank", "Xếp hạng", "count", 9))
SUMMARY_SPANNERS = (Spanner("Kết quả thực hiện", "result", "percent"),
                    Spanner("Tiến độ đến nay", "daily_quota", "pace"),
                    Spanner("Phần còn lại của đợt", "remaining", "projected"))
RANKING_COLUMNS = (
    Column("rank", "Hạng", "count", 7), Column("unit", "Đơn vị", "text", 28),
    Column("quota", "Chỉ tiêu giao", "count", 11), Column("result", "Kết quả", "count", 11),
    Column("percent", "Tỷ lệ đạt", "rate", 10), Column("line", "Mốc 100%", "rate", 9),
    Column("required_per_day", "Cần / ngày", "number", 10), Column("status", "Tình trạng", "status", 14))
FINDING_COLUMNS = (
    Column("severity", "Mức độ", "text", 11), Column("code", "Mã", "text", 22), Column("message", "Nội dung", "text", 70),
    Column("file", "Tệp", "text", 26), Column("sheet", "Trang tính", "text", 16), Column("row", "Dòng", "count", 7),
    Column("column", "Cột", "text", 16))
SOURCE_COLUMNS = (
    Column("file", "Tệp", "text", 28), Column("kind", "Loại", "text", 10), Column("sheet", "Trang tính", "text", 16),
    Column("sha256", "SHA-256", "text", 66), Column("rows", "Số dòng đọc", "count", 11),
    Column("as_of", "Số liệu đến ngày", "text", 14), Column("made", "Thời điểm lập báo cáo", "text", 20))


def build_report(summary: Summary, *, unit_name: str = "", place: str = "", units: list[str] | None = None,
                 indicators: list[str] | None = None, now: datetime | None = None) -> Report:
    """The whole report as data: the official heading and every sheet with its table and charts.

    ``units`` and ``indicators`` (codes or labels) narrow the report; ``now`` is the time it is made.

    >>> report = build_report(summary, unit_name="CÔNG AN XÃ MINH THẮNG", place="Minh Thắng")  # doctest: +SKIP
    >>> [sheet.name for sheet in report.sheets][:2]  # doctest: +SKIP
    ['Tổng hợp', '1. Cấp CCCD cho công dân sinh trư']
    """
    now = now or datetime.now()
    table = selected_rows(summary.table, units, indicators)
    parents = set(summary.table["parent"].dropna())
    leaves = table[~table["unit"].isin(parents)]
    sheets = (summary_sheet(table, parents), *ranking_sheets(leaves),
              history_sheet(summary.history, leaves, summary.campaign),
              Sheet(FINDINGS_SHEET, findings_table(summary)), Sheet(SOURCES_SHEET, sources_table(summary, now)))
    return Report(heading(summary.campaign, unit_name, place), sheets,
                  tuple((status, STATUS_LEGEND[status]) for status in STATUSES), comment_text(leaves))


def selected_rows(table: pd.DataFrame, units: list[str] | None, indicators: list[str] | None) -> pd.DataFrame:
    """The summary rows of the chosen units and indicators (all when not chosen)."""
    keep = pd.Series(True, index=table.index)
    if units:
        keep &= table["unit"].isin(units)
    if indicators:
        keep &= table["indicator"].isin(indicators) | table["indicator_label"].isin(indicators)
    return table[keep].reset_index(drop=True)


def vietnamese_date(day: date) -> str:
    """The date as written after the place name in an official document.

    >>> vietnamese_date(date(2023, 7, 27))
    'ngày 27 tháng 7 năm 2023'
    """
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def heading(campaign: Campaign, unit_name: str, place: str) -> Heading:
    period = (f"Thời gian thực hiện: từ ngày {campaign.start:%d/%m/%Y} đến ngày {campaign.end:%d/%m/%Y} "
              f"({campaign.days_total} ngày; đã qua {campaign.days_elapsed} ngày, còn {campaign.days_left} ngày)")
    return Heading(unit_name.upper(), f"{place or '…………'}, {vietnamese_date(campaign.as_of)}", TITLE,
                   f"Tính đến ngày {campaign.as_of:%d/%m/%Y}", period)


def _cells(frame: pd.DataFrame, columns: tuple[Column, ...]) -> tuple[tuple, ...]:
    values = frame[[c.key for c in columns]].astype(object)
    return tuple(map(tuple, values.where(values.notna(), None).to_numpy()))


def summary_sheet(table: pd.DataFrame, parents: set[str]) -> Sheet:
    """Every unit × indicator, parents bold with their children one outline level below."""
    body = Table(SUMMARY_COLUMNS, _cells(table, SUMMARY_COLUMNS), tuple(int(x) for x in table["level"]),
                 tuple(bool(x) for x in table["unit"].isin(parents)), SUMMARY_SPANNERS)
    return Sheet(SUMMARY_SHEET, body, framed=True)


def indicator_sheet_name(position: int, label: str) -> str:
    """A unique sheet name Excel accepts (31 characters, none of ``[]:*?/\\``).

    >>> indicator_sheet_name(2, "Cấp CCCD/định danh")
    '2. Cấp CCCD-định danh'
    """
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in label)
    return f"{position}. {clean}"[:31]


def ranking_sheets(leaves: pd.DataFrame) -> list[Sheet]:
    """One sheet per indicator ranking its units by percent achieved, with a bar chart."""
    sheets = []
    for position, (_, rows) in enumerate(leaves.groupby("indicator", sort=False), start=1):
        label = rows["indicator_label"].iloc[0]
        ranked = rows.sort_values("percent", ascending=False, na_position="last", kind="stable").assign(
            rank=lambda r: r["percent"].rank(ascending=False, method="min").astype("Int64"), line=1.0)
        chart = Chart("percent", f"Tỷ lệ đạt theo đơn vị — {label}", 0, len(ranked) - 1)
        sheets.append(Sheet(indicator_sheet_name(position, label), Table(RANKING_COLUMNS, _cells(ranked, RANKING_COLUMNS)),
                            charts=(chart,)))
    return sheets


def history_sheet(history: pd.DataFrame, leaves: pd.DataFrame, campaign: Campaign) -> Sheet:
    """Cumulative results per unit and date; each indicator starts with its plan line and total."""
    history = history[history["unit"].isin(leaves["unit"]) & history["indicator"].isin(leaves["indicator"])]
    dates = sorted(set(history["as_of"]))
    wide = history.drop_duplicates(["indicator", "unit", "as_of"], keep="last").pivot(
        index=["indicator", "unit"], columns="as_of", values="result").reindex(columns=dates)
    columns = (Column("indicator", "Chỉ tiêu", "text", 34), Column("unit", "Đơn vị", "text", 28),
               *(Column(str(d), f"{d:%d/%m/%Y}", "count", 11) for d in dates))
    rows, bold, charts = [], [], []
    for code, part in leaves.groupby("indicator", sort=False):
        label = part["indicator_label"].iloc[0]
        mine = wide.loc[code] if code in wide.index.get_level_values(0) else pd.DataFrame(columns=dates)
        plan = [float(part["quota"].sum()) * campaign_share(campaign, d) for d in dates]
        total = [None if mine[d].isna().all() else float(mine[d].sum()) for d in dates]
        charts.append(Chart("cumulative", f"Kết quả lũy kế so với kế hoạch — {label}", len(rows), len(rows) + 1))
        rows += [(label, PLAN_LABEL, *plan), (label, TOTAL_LABEL, *total)]
        bold += [True, True]
        for unit, values in zip(mine.index, mine.to_numpy(dtype=float).tolist()):
            rows.append((label, unit, *(None if v != v else v for v in values)))
        bold += [False] * len(mine)
    return Sheet(HISTORY_SHEET, Table(columns, tuple(rows), bold=tuple(bold)), charts=tuple(charts))


def campaign_share(campaign: Campaign, day: date) -> float:
    """The share of the quota planned by ``day``: days elapsed over campaign days, at most 1."""
    elapsed = (day - campaign.start).days + 1
    return min(max(elapsed, 0), campaign.days_total) / campaign.days_total


def findings_table(summary: Summary) -> Table:
    """Every finding with where it was met; one line saying so when there is none."""
    rows = tuple((SEVERITY_LABELS.get(f.severity, f.severity), f.code, f.message, f.file, f.sheet, f.row, f.column)
                 for f in summary.findings)
    return Table(FINDING_COLUMNS, rows or ((None, None, NO_FINDINGS, None, None, None, None),))


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, or "" when it cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def sources_table(summary: Summary, now: datetime) -> Table:
    made = f"{now:%d/%m/%Y %H:%M}"
    rows = tuple((s.file, KIND_LABELS.get(s.kind, s.kind), s.sheet, file_sha256(s.path), int(s.rows),
                  f"{s.as_of:%d/%m/%Y}" if isinstance(s.as_of, date) else "", made)
                 for s in summary.sources.itertuples())
    return Table(SOURCE_COLUMNS, rows)


def _unit_list(rows: pd.DataFrame, with_label: bool) -> str:
    """Units with their percent, naming the indicator when the report has several."""
    return "; ".join(f"{r.unit} ({r.indicator_label + ': ' if with_label else ''}{format_percent(r.percent)})"
                     for r in rows.itertuples())


def comment_text(leaves: pd.DataFrame) -> str:
    """The "Nhận xét" paragraph: counts by status, the three best and worst, what laggards need a day.

    >>> comment_text(summary.table[summary.table["level"] == 1])  # doctest: +SKIP
    'Trong 35 lượt đơn vị × chỉ tiêu: 12 vượt chỉ tiêu, ...'
    """
    counts = leaves["status"].value_counts()
    text = (f"Trong {len(leaves)} lượt đơn vị × chỉ tiêu: {counts.get(EXCEEDED, 0)} vượt chỉ tiêu, "
            f"{counts.get(ON_PACE, 0)} đạt tiến độ, {counts.get(BEHIND, 0)} chậm tiến độ, "
            f"{counts.get(NOT_REPORTED, 0)} chưa báo cáo.")
    reported = leaves[leaves["percent"].notna()].sort_values("percent", ascending=False, kind="stable")
    if len(reported):
        several = leaves["indicator"].nunique() > 1
        text += (f" Cao nhất: {_unit_list(reported.head(3), several)}."
                 f" Thấp nhất: {_unit_list(reported.tail(3).iloc[::-1], several)}.")
    lagging = leaves[leaves["status"].isin([BEHIND, NOT_REPORTED])]
    need = lagging["required_per_day"].sum(min_count=1)
    if len(lagging) and need == need and np.isfinite(need):
        text += (f" Để hoàn thành đúng hạn, các đơn vị chậm và chưa báo cáo cần đạt thêm tổng cộng "
                 f"{format_number(need, 1)} lượt mỗi ngày.")
    return text


def write_report(summary: Summary, path: str | Path, *, unit_name: str = "", place: str = "",
                 units: list[str] | None = None, indicators: list[str] | None = None,
                 now: datetime | None = None) -> Path:
    """Write the formatted report and return the path actually written: never over an existing
    file (a new name with the time is chosen), and never half a file (written aside, then renamed).

    >>> write_report(summary, "bao_cao.xlsx", place="Minh Thắng")  # doctest: +SKIP
    PosixPath('bao_cao_20240531_101500.xlsx')
    """
    now = now or datetime.now()
    report = build_report(summary, unit_name=unit_name, place=place, units=units, indicators=indicators, now=now)
    while True:
        try:
            return save_workbook(report, free_path(Path(path), now))
        except FileExistsError:  # another session took that name in the same second: take the next one
            continue


def free_path(path: Path, now: datetime) -> Path:
    """``path`` if no file is there, else the same name with the time (and a counter if needed)."""
    candidate, counter = path, 1
    while candidate.exists():
        suffix = f"_{now:%Y%m%d_%H%M%S}" + (f"_{counter}" if counter > 1 else "")
        candidate, counter = path.with_name(f"{path.stem}{suffix}{path.suffix}"), counter + 1
    return candidate

