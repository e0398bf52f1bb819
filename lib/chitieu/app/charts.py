"""The app's two charts, drawn as inline SVG (no plotting library in the kernel): percent achieved
by unit, and the cumulative result against the plan."""

from __future__ import annotations

import html
from datetime import date

import pandas as pd

from chitieu.summary.campaign import Campaign
from chitieu.summary.selection import among, descendants, lowest_rows
from chitieu.summary.table import Summary
from chitieu.values import format_number

CHART_UNITS = 30  # the bars show at most this many units, the lowest
CHART_W, CHART_H, CHART_FONT = 560, 330, "font-family:sans-serif;font-size:11px"


def chart_html(rows: pd.DataFrame, summary: Summary) -> str:
    """Two charts side by side, drawn as inline SVG: percent by unit (sorted, 100 % line; the
    CHART_UNITS lowest when there are more) and the cumulative result of the rows' units against the plan."""
    by_unit = rows.groupby("unit")[["result", "quota"]].sum()
    percent = (by_unit["result"] / by_unit["quota"].where(by_unit["quota"] > 0)).fillna(0).sort_values() * 100
    units = descendants(rows["unit"].unique().tolist(), summary.table)
    history = summary.history
    mine = history[among(history["unit"], units) & among(history["indicator"], rows["indicator"].unique())
                   ] if len(history) else history
    cumulative = mine.groupby("as_of")["result"].sum().sort_index()
    planned = lowest_rows(rows)["quota"].sum()
    return (f"<div class='ct-chart' style='display:flex;flex-wrap:wrap;gap:12px'>{_bars_svg(percent)}"
            f"{_cumulative_svg(cumulative, summary.campaign, float(planned))}</div>")


def _bars_svg(percent: pd.Series) -> str:
    """Percent achieved by unit as horizontal bars, lowest first, with a dashed 100 % line."""
    shown = percent.iloc[:CHART_UNITS]
    title = ("Tỷ lệ đạt theo đơn vị (%)" if len(percent) <= CHART_UNITS
             else f"Tỷ lệ đạt (%): {CHART_UNITS} đơn vị thấp nhất / {len(percent)}")
    left, top, width, step = 150, 24, CHART_W - 210, 16
    height = top + step * max(len(shown), 1) + 10
    scale = width / max(100.0, float(shown.max()) if len(shown) else 0.0)
    bars = "".join(
        f"<text x='{left - 4}' y='{top + (i + 0.7) * step:.1f}' text-anchor='end'>{html.escape(str(unit)[:24])}</text>"
        f"<rect x='{left}' y='{top + i * step + 1:.1f}' width='{value * scale:.1f}' height='{step - 2}' "
        f"fill='#4472c4'/><text x='{left + value * scale + 3:.1f}' y='{top + (i + 0.7) * step:.1f}'>"
        f"{format_number(value, 1)}</text>"
        for i, (unit, value) in enumerate(shown.items()))
    line = (f"<line x1='{left + 100 * scale:.1f}' x2='{left + 100 * scale:.1f}' y1='{top}' y2='{height - 10}' "
            "stroke='#c00000' stroke-dasharray='5,3'/>")
    return _svg(title, bars + line, height)


def _cumulative_svg(cumulative: pd.Series, campaign: Campaign, planned: float) -> str:
    """The cumulative result by date (dots joined) and the plan line from 0 at the start to the quota at the end."""
    left, top, right, bottom = 60, 24, CHART_W - 20, CHART_H - 40
    days = max((campaign.end - campaign.start).days, 1)
    highest = max(planned, float(cumulative.max()) if len(cumulative) else 0.0, 1.0)

    def point(day: date, value: float) -> tuple[float, float]:
        return (left + (right - left) * (day - campaign.start).days / days,
                bottom - (bottom - top) * value / highest)

    done = [point(day, value) for day, value in cumulative.items()]
    dots = "".join(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='3' fill='#4472c4'/>" for x, y in done)
    axes = (f"<polyline points='{left},{top} {left},{bottom} {right},{bottom}' fill='none' stroke='#666'/>"
            f"<text x='{left - 4}' y='{top + 4}' text-anchor='end'>{format_number(highest)}</text>"
            f"<text x='{left - 4}' y='{bottom}' text-anchor='end'>0</text>"
            f"<text x='{left}' y='{bottom + 16}'>{campaign.start:%d/%m/%Y}</text>"
            f"<text x='{right}' y='{bottom + 16}' text-anchor='end'>{campaign.end:%d/%m/%Y}</text>")
    plan = (f"<polyline points='{_points([point(campaign.start, 0), point(campaign.end, planned)])}' fill='none' "
            "stroke='#ed7d31' stroke-dasharray='6,4'/>")
    result = f"<polyline points='{_points(done)}' fill='none' stroke='#4472c4' stroke-width='2'/>{dots}" if done else ""
    legend = (f"<text x='{left + 10}' y='{CHART_H - 6}' fill='#4472c4'>— Kết quả lũy kế</text>"
              f"<text x='{left + 150}' y='{CHART_H - 6}' fill='#ed7d31'>- - Kế hoạch</text>")
    return _svg("Kết quả lũy kế so với kế hoạch", axes + plan + result + legend, CHART_H)


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _svg(title: str, body: str, height: int) -> str:
    return (f"<svg width='{CHART_W}' height='{height}' style='{CHART_FONT};background:#fff' role='img' "
            f"aria-label='{html.escape(title, quote=True)}'><text x='{CHART_W / 2}' y='14' text-anchor='middle' "
            f"style='font-size:13px;font-weight:bold'>{html.escape(title)}</text>{body}</svg>")
