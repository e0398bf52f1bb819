"""The native charts, drawn to print in black and white (a dashed plan line, distinct markers, the last
point labelled), stacked beside their table in slots of rows that page breaks never cut."""

from __future__ import annotations

import math

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from chitieu.report.formats import FONT, ROW_HEIGHT
from chitieu.report.model import Chart, Tab
from chitieu.report.pages import DIGIT_PIXELS, HEIGHT_SAFETY, print_scale, printable

CHART_PIXELS = (720, 360)
SLOT_ROWS = 18  # rows of ROW_HEIGHT under one chart, its margin included
DEFAULT_WIDTH = 8.43  # a column whose width is not set
TITLE_FONT = {"size": 11, "name": FONT["font_name"]}
AXIS_FONT = {"size": 9, "name": FONT["font_name"]}


def insert_chart(workbook: xlsxwriter.Workbook, ws, sheet: Tab, chart: Chart, top: int, position: int) -> None:
    """Chart ``position`` of the sheet, in its slot of rows to the right of the table."""
    native = (percent_chart if chart.kind == "percent" else cumulative_chart)(workbook, sheet, chart, top)
    native.set_title({"name": chart.title, "name_font": TITLE_FONT})
    native.set_x_axis({"num_font": AXIS_FONT})
    native.set_legend({"position": "bottom", "font": AXIS_FONT})
    native.set_size({"width": CHART_PIXELS[0], "height": CHART_PIXELS[1]})
    ws.insert_chart(xl_rowcol_to_cell(top + 1 + SLOT_ROWS * position, len(sheet.table.columns) + 1), native)


def percent_chart(workbook: xlsxwriter.Workbook, sheet: Tab, chart: Chart, top: int):
    """Each unit's percent achieved as a bar, against the share of its quota due by now (a dashed line)."""
    first, last, name = top + 1 + chart.first, top + 1 + chart.last, sheet.name
    keys = [c.key for c in sheet.table.columns]
    unit, percent, due = keys.index("label"), keys.index("percent"), keys.index("due_share")
    native = workbook.add_chart({"type": "column"})
    native.add_series({"name": "Tỷ lệ đạt", "categories": [name, first, unit, last, unit],
                       "values": [name, first, percent, last, percent],
                       "fill": {"color": "#A6A6A6"}, "border": {"color": "#000000"}})
    goal = workbook.add_chart({"type": "line"})
    goal.add_series({"name": "Cần đạt đến nay", "categories": [name, first, unit, last, unit],
                     "values": [name, first, due, last, due],
                     "line": {"color": "#000000", "width": 2, "dash_type": "dash"}, "marker": {"type": "none"}})
    native.combine(goal)
    native.set_y_axis({"num_format": "0%", "min": 0, "num_font": AXIS_FONT})
    return native


def cumulative_chart(workbook: xlsxwriter.Workbook, sheet: Tab, chart: Chart, top: int):
    """The plan (dashed, no marker) and the result (solid, square markers) by date, the last point of
    each labelled with its name, so that the two read apart without colour."""
    first, last, name, width = top + 1 + chart.first, top + 1 + chart.last, sheet.name, len(sheet.table.columns)
    points = width - 2
    native = workbook.add_chart({"type": "line"})
    for row, line, marker in ((first, {"color": "#000000", "dash_type": "dash", "width": 1.75}, {"type": "none"}),
                              (last, {"color": "#000000", "width": 2.25},
                               {"type": "square", "size": 6, "fill": {"color": "#000000"}})):
        native.add_series({"name": [name, row, 1], "categories": [name, top, 2, top, width - 1],
                           "values": [name, row, 2, row, width - 1], "line": line, "marker": marker,
                           "data_labels": {"series_name": True, "position": "right", "font": AXIS_FONT,
                                           "custom": [{"delete": True}] * (points - 1) + [None]}})
    native.set_y_axis({"num_format": "#,##0", "min": 0, "num_font": AXIS_FONT})
    return native


def chart_pages(widths: list[float]) -> tuple[int, int]:
    """The print scale that fits a table of these column widths and its charts on the page's width, and
    the rows of a page: a whole number of chart slots."""
    scale = print_scale([*widths, DEFAULT_WIDTH, CHART_PIXELS[0] / DIGIT_PIXELS])  # the gap: a column left as it is
    page_rows = (printable()[1] * 100 / scale * HEIGHT_SAFETY - ROW_HEIGHT * 2) / ROW_HEIGHT
    return scale, SLOT_ROWS * max(1, math.floor(page_rows / SLOT_ROWS))


def keep_charts_whole(ws, sheet: Tab, top: int, scale: int, step: int) -> None:
    """Print at ``scale``, with page breaks every ``step`` rows: only between slots of charts (the table's
    rows run on across them)."""
    ws.set_default_row(ROW_HEIGHT)
    ws.set_print_scale(scale)
    rows = max(len(sheet.table.rows), SLOT_ROWS * len(sheet.charts))
    ws.set_h_pagebreaks(list(range(top + 1 + step, top + 1 + rows, step)))
