"""The app's two charts, drawn as inline SVG (no plotting library in the kernel), each of one indicator
at one level (indicators are never added together): the units furthest behind what is due by now, and
the cumulative result of those units against the plan."""

from __future__ import annotations

import html
from datetime import date

import pandas as pd

from chitieu.summary.campaign import Campaign
from chitieu.summary.selection import among, descendants
from chitieu.summary.table import Summary
from chitieu.values import format_number

CHART_UNITS = 25  # the bars show at most this many units, those furthest behind
CHART_W, CHART_H, CHART_FONT = 560, 330, "font-family:sans-serif;font-size:11px"
DUE_LABEL = "phải đạt đến nay"


def chart_rows(rows: pd.DataFrame, indicator: str | None, level: int | None) -> pd.DataFrame:
    """The rows of one indicator (the first shown when ``indicator`` is not among them) at one level
    (the highest with several units when ``level`` is not among them)."""
    if indicator not in set(rows["indicator"]):
        indicator = rows["indicator"].iloc[0]
    mine = rows[rows["indicator"] == indicator]
    levels = mine["level"].value_counts().sort_index()
    if level not in levels.index:
        level = next((lv for lv, count in levels.items() if count > 1), levels.index[0])
    return mine[mine["level"] == level]


def chart_html(rows: pd.DataFrame, summary: Summary, indicator: str | None = None, level: int | None = None,
               level_name: str = "") -> str:
    """Two charts side by side for one indicator at one level (``chart_rows``): pace by unit, the
    CHART_UNITS furthest behind, with the line of what is due by now; the cumulative result against the plan."""
    shown = chart_rows(rows, indicator, level)
    label = f"{shown['indicator_label'].iloc[0]}" + (f" — {level_name}" if level_name else "")
    places = descendants(shown["place"].unique().tolist(), summary.table)
    history = summary.history
    mine = history[among(history["place"], places) & (history["indicator"] == shown["indicator"].iloc[0])
                   ] if len(history) else history
    cumulative = mine.groupby("as_of")["result"].sum().sort_index()
    plan = _cumulative_svg(cumulative, summary.campaign, shown["indicator"].iloc[0], float(shown["quota"].sum()), label)
    return f"<div class='ct-chart' style='display:flex;flex-wrap:wrap;gap:12px'>{_bars_svg(shown, label)}{plan}</div>"


def behind_first(rows: pd.DataFrame) -> pd.DataFrame:
    """The reported units, furthest behind what is due by now first: result as a percent of the
    expected result to date, and the shortfall in units of work."""
    reported = rows[rows["result"].notna() & (rows["expected_to_date"] > 0)]
    frame = pd.DataFrame({"unit": reported["label"].astype(str),
                          "due": reported["result"] / reported["expected_to_date"] * 100,
                          "short": reported["expected_to_date"] - reported["result"]})
    return frame.sort_values(["due", "short"], ascending=[True, False])


def _bars_svg(rows: pd.DataFrame, label: str) -> str:
    """Result as a percent of what is due by now, by unit, furthest behind first, with the 100 % line
    labelled "phải đạt đến nay"."""
    ranked = behind_first(rows)
    shown = ranked.iloc[:CHART_UNITS]
    silent = int(rows["result"].isna().sum())
    title = (f"{len(shown)} đơn vị chậm nhất / {len(ranked)}" if len(ranked) > CHART_UNITS else "Các đơn vị")
    title += " (% so với mức phải đạt đến nay)" + (f"; {silent} chưa báo cáo" if silent else "")
    left, top, width, step = 150, 40, CHART_W - 230, 16
    height = top + step * max(len(shown), 1) + 24
    scale = width / max(100.0, float(shown["due"].max()) if len(shown) else 0.0)
    bars = "".join(
        f"<text x='{left - 4}' y='{top + (i + 0.7) * step:.1f}' text-anchor='end'>{html.escape(unit[:24])}</text>"
        f"<rect x='{left}' y='{top + i * step + 1:.1f}' width='{due * scale:.1f}' height='{step - 2}' "
        f"fill='{'#c00000' if due < 100 else '#4472c4'}'/><text x='{left + due * scale + 3:.1f}' "
        f"y='{top + (i + 0.7) * step:.1f}'>{format_number(due, 1)}</text>"
        for i, (unit, due) in enumerate(zip(shown["unit"], shown["due"])))
    x = left + 100 * scale
    line = (f"<line x1='{x:.1f}' x2='{x:.1f}' y1='{top - 4}' y2='{height - 20}' stroke='#333' stroke-dasharray='5,3'/>"
            f"<text x='{x:.1f}' y='{height - 6}' text-anchor='middle' fill='#333'>100% = {DUE_LABEL}</text>")
    return _svg(label, title, bars + line, height)


def _cumulative_svg(cumulative: pd.Series, campaign: Campaign, indicator: str, planned: float, label: str) -> str:
    """The cumulative result by date (dots joined), the plan line from 0 at the indicator's start to the quota
    at its deadline (its own period, else the campaign's), and what is due by the as-of date marked on it."""
    left, top, right, bottom = 60, 40, CHART_W - 20, CHART_H - 40
    own = campaign.of(indicator)
    first, last = min(campaign.start, own.start), max(campaign.end, own.end)
    days = max((last - first).days, 1)
    highest = max(planned, float(cumulative.max()) if len(cumulative) else 0.0, 1.0)

    def point(day: date, value: float) -> tuple[float, float]:
        return (left + (right - left) * (day - first).days / days,
                bottom - (bottom - top) * value / highest)

    done = [point(day, value) for day, value in cumulative.items()]
    dots = "".join(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='3' fill='#4472c4'/>" for x, y in done)
    axes = (f"<polyline points='{left},{top} {left},{bottom} {right},{bottom}' fill='none' stroke='#666'/>"
            f"<text x='{left - 4}' y='{top + 4}' text-anchor='end'>{format_number(highest)}</text>"
            f"<text x='{left - 4}' y='{bottom}' text-anchor='end'>0</text>"
            f"<text x='{left}' y='{bottom + 16}'>{first:%d/%m/%Y}</text>"
            f"<text x='{right}' y='{bottom + 16}' text-anchor='end'>{last:%d/%m/%Y}</text>")
    line = [point(own.start, 0), point(own.end, planned)] + ([point(last, planned)] if last > own.end else [])
    plan = f"<polyline points='{_points(line)}' fill='none' stroke='#ed7d31' stroke-dasharray='6,4'/>"
    share = min(max(own.days_elapsed / max(own.days_total, 1), 0.0), 1.0)
    due_x, due_y = point(min(own.as_of, own.end), planned * share)
    due = (f"<circle cx='{due_x:.1f}' cy='{due_y:.1f}' r='4' fill='none' stroke='#ed7d31' stroke-width='2'/>"
           f"<text x='{due_x - 6:.1f}' y='{due_y - 8:.1f}' text-anchor='end' fill='#ed7d31'>"
           f"{DUE_LABEL}: {format_number(planned * share)}</text>")
    result = f"<polyline points='{_points(done)}' fill='none' stroke='#4472c4' stroke-width='2'/>{dots}" if done else ""
    legend = (f"<text x='{left + 10}' y='{CHART_H - 6}' fill='#4472c4'>— Kết quả lũy kế</text>"
              f"<text x='{left + 150}' y='{CHART_H - 6}' fill='#ed7d31'>- - Kế hoạch (chỉ tiêu {format_number(planned)})</text>")
    return _svg(label, "Kết quả lũy kế so với kế hoạch", axes + plan + due + result + legend, CHART_H)


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _svg(label: str, title: str, body: str, height: int) -> str:
    return (f"<svg width='{CHART_W}' height='{height}' style='{CHART_FONT};background:#fff' role='img' "
            f"aria-label='{html.escape(f'{label}: {title}', quote=True)}'>"
            f"<text x='{CHART_W / 2}' y='14' text-anchor='middle' style='font-size:13px;font-weight:bold'>"
            f"{html.escape(label[:80])}</text><text x='{CHART_W / 2}' y='30' text-anchor='middle'>"
            f"{html.escape(title)}</text>{body}</svg>")
