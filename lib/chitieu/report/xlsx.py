"""The one writer: a ``Report`` description → xlsxwriter calls. Values, but the formulas of a tab that
asks for them (``formulas``), each written with the summary's value cached; every text through
``write_string`` so "=1+1" stays text.
"""

from __future__ import annotations

import math
from pathlib import Path

import xlsxwriter
import xlsxwriter.exceptions

from chitieu.report.charts import chart_pages, insert_chart, keep_charts_whole
from chitieu.report.formats import FONT, ROW_HEIGHT, TEXT_SIZE, Formats, FormSheet
from chitieu.report.formulas import RowFormulas
from chitieu.report.frame import write_heading, write_notes, write_title
from chitieu.report.model import Body, Report, Tab
from chitieu.report.pages import MARGINS, page_breaks, print_scale
from chitieu.saving import discard, partial_file, publish, write_error
from chitieu.summary.columns import EXCEL_FORMATS, ColumnSpec
from chitieu.summary.status import Status

HEADING_ROWS = 8  # the framed sheet's table header sits on this row (0-based)
TITLE_ROWS = 4  # the same on a sheet with a title: title, as-of date, period, a blank row
HEADER_HEIGHT = 32.0  # points: the row of column labels
A4 = 9


def save_workbook(report: Report, path: Path) -> Path:
    """Write ``report`` aside (saving.partial_file), then give it the name ``path``: FileExistsError
    if that name was taken meanwhile, ChitieuError (disk full …) with nothing left if it cannot be written."""
    temp = partial_file(path.parent, ".xlsx")
    try:
        workbook = xlsxwriter.Workbook(str(temp), {"default_format_properties": FONT, "strings_to_formulas": False,
                                                   "strings_to_urls": False})
        formats = Formats(workbook)
        for sheet in report.sheets:
            write_sheet(workbook, formats, report, sheet)
        workbook.close()
    except BaseException as error:  # an interrupted write leaves nothing behind
        discard(temp)
        if isinstance(error, (OSError, xlsxwriter.exceptions.XlsxWriterException)):
            raise write_error(error, path.name) from None
        raise
    return publish(temp, path)


def write_sheet(workbook: xlsxwriter.Workbook, formats: Formats, report: Report, sheet: Tab) -> None:
    ws = workbook.add_worksheet(sheet.name, worksheet_class=FormSheet)
    if sheet.framed:  # heights set, so that its page breaks can be planned (a wrapped row elsewhere grows)
        ws.set_default_row(ROW_HEIGHT)
    top = HEADING_ROWS if sheet.framed else TITLE_ROWS if sheet.title else 0
    width = len(sheet.table.columns)
    heights: dict[int, float] = {top: HEADER_HEIGHT}
    if sheet.framed:
        write_heading(ws, formats, report, width, heights)
    elif sheet.title:
        write_title(ws, formats, report.heading, sheet.title, 0, width, heights)
    last = write_table(ws, formats, sheet, top, report.days_left)
    for position, chart in enumerate(sheet.charts):
        insert_chart(workbook, ws, sheet, chart, top, position)
    if sheet.charts:  # header rows repeated only over the table's own pages, never over charts alone
        scale, step = chart_pages([fitting_width(c, sheet.table.rows, i) for i, c in enumerate(sheet.table.columns)])
        set_page(ws, top, repeat=len(sheet.table.rows) > step)
        keep_charts_whole(ws, sheet, top, scale, step)
    else:
        set_page(ws, top)
    if sheet.framed:
        end = write_notes(ws, formats, report, last + 2, width, heights)
        keep_closing_with_table(ws, sheet, heights, top, last, end)


def keep_closing_with_table(ws, sheet: Tab, heights: dict[int, float], top: int, last: int, end: int) -> None:
    """Print at a scale that fits the columns on the page's width, with page breaks that keep the
    legend, comment and signatures on the last page together with the last rows of the table."""
    scale = print_scale([fitting_width(c, sheet.table.rows, col) for col, c in enumerate(sheet.table.columns)])
    ws.set_print_scale(scale)  # not "fit to one page wide": manual breaks count only on a scaled sheet
    groups = frozenset(top + 1 + i for i, group in enumerate(sheet.table.groups) if group)
    rows = [heights.get(row, ROW_HEIGHT) for row in range(end + 1)]
    ws.set_h_pagebreaks(page_breaks(rows, scale, (top - 1, top), (top + 1, last), groups))


def write_table(ws, formats: Formats, sheet: Tab, top: int, days_left: int = 0) -> int:
    """The header row and body at row ``top``; returns the last row written. On a tab with ``formulas``,
    totals and the figures that follow from a row's quota and result are formulas, their values cached."""
    table = sheet.table
    header = formats.header()
    for col, column in enumerate(table.columns):
        ws.set_column(col, col, column.width if table.wrap else fitting_width(column, table.rows, col))
        ws.write_string(top, col, column.heading, header)
    ws.set_row(top, HEADER_HEIGHT)
    write_spanners(ws, header, table, top - 1)
    keys = [c.key for c in table.columns]
    formulas = RowFormulas.of(keys, days_left) if sheet.formulas else None
    stub = keys.index("label") if "label" in keys else 0
    row_formats: dict[tuple[bool, int], list] = {}
    for index, values in enumerate(table.rows):
        row = top + 1 + index
        if table.groups and table.groups[index]:
            ws.merge_range(row, 0, row, len(keys) - 1, values[0], formats.group())
            continue
        level = table.levels[index] if table.levels else 0
        bold = bool(table.bold and table.bold[index])
        if level:
            ws.set_row(row, None, None, {"level": min(level, 7)})
        if table.wrap:  # programs keep a row's stored height: give it the lines its wrapped text takes
            ws.set_row(row, ROW_HEIGHT * wrapped_lines(table.columns, values))
        if (bold, level) not in row_formats:
            row_formats[bold, level] = [formats.cell(c.kind, bold, level if col == stub else 0, centred=col < stub,
                                                     wrap=table.wrap) for col, c in enumerate(table.columns)]
        written = formulas and row_formulas(formulas, table, index, top)
        for col, (column, value, plain) in enumerate(zip(table.columns, values, row_formats[bold, level])):
            if column.kind == "number" and value is not None:
                plain = formats.cell("number", bold, decimals=decimals_needed(value))
            if written and column.key in written:
                ws.write_formula(row, col, written[column.key], plain, "" if value is None else value)
            elif value is None:
                ws.write_blank(row, col, None, plain)
            elif column.kind in EXCEL_FORMATS and not isinstance(value, str):  # a text says why a figure is missing
                ws.write_number(row, col, value, plain)
            elif column.kind == "status" and not formulas:
                ws.write_string(row, col, str(value), formats.cell(column.kind, bold, status=value))
            elif column.kind in EXCEL_FORMATS:  # a text says why a figure is missing
                ws.write_string(row, col, str(value), formats.cell("text", bold, centred=True, shrink=True))
            else:
                ws.write_string(row, col, str(value), plain)
    last = top + len(table.rows)
    if formulas and "status" in keys:  # the colour follows the status a recalculation gives
        colour_statuses(ws, formats, top + 1, last, keys.index("status"))
    ws.freeze_panes(top + 1, stub + 1)
    ws.autofilter(top, 0, max(last, top), len(keys) - 1)
    return last


def row_formulas(formulas: RowFormulas, table: Body, index: int, top: int) -> dict[str, str]:
    """The formulas of body row ``index``: its derived figures and, for a total, the sums of its parts."""
    row = top + 2 + index  # 1-based, as formulas name rows
    found = formulas.derived(row)
    values = dict(zip([c.key for c in table.columns], table.rows[index]))
    remaining, required = values.get("remaining"), values.get("required_per_day")
    if isinstance(remaining, float | int) and isinstance(required, float | int) and formulas.days_left and \
            abs(remaining / formulas.days_left - required) > 1e-6:  # an indicator's own deadline: its own days
        found.pop("required_per_day", None)
    if table.previous and table.previous[index]:
        found.update(formulas.change(row, table.previous[index]))
    parts = table.parts[index] if table.parts else ()
    if parts:
        keys = [c.key for c in table.columns]
        found.update(formulas.totals(row, [top + 2 + p for p in parts], dict(zip(keys, table.rows[index])),
                                     [dict(zip(keys, table.rows[p])) for p in parts]))
    return found


def colour_statuses(ws, formats: Formats, first: int, last: int, col: int) -> None:
    for status in Status:
        ws.conditional_format(first, col, last, col, {"type": "cell", "criteria": "==", "value": f'"{status.value}"',
                                                      "format": formats.status_fill(status)})


def wrapped_lines(columns: tuple[ColumnSpec, ...], values: tuple) -> int:
    """The most lines a text of the row takes, wrapped in its column (a letter ≈ 0.8 of a width unit)."""
    return max((math.ceil(len(str(v)) * 0.8 / c.width) for c, v in zip(columns, values)
                if c.kind == "text" and v is not None), default=1) or 1


def decimals_needed(value: float) -> int:
    """Decimals that show a "per day" figure: none for a whole number, one, or more for a figure under
    0.1 so that it never shows as 0.0.

    >>> decimals_needed(12.34), decimals_needed(0.03), decimals_needed(0.0), decimals_needed(7.0)
    (1, 2, 0, 0)
    """
    if float(value).is_integer():
        return 0
    return 1 if abs(value) >= 0.1 else min(3, -math.floor(math.log10(abs(value))))


def write_spanners(ws, header: object, table: Body, row: int) -> None:
    """The labels over groups of columns, on ``row`` just above the column labels."""
    if not table.spanners:
        return
    keys = [c.key for c in table.columns]
    for col in range(len(keys)):
        ws.write_blank(row, col, None, header)
    for spanner in table.spanners:
        ws.merge_range(row, keys.index(spanner.first), row, keys.index(spanner.last), spanner.label, header)


def fitting_width(column: ColumnSpec, rows: tuple[tuple, ...], col: int, sample: int = 2000) -> float:
    """The column's width, widened to its longest text among the first ``sample`` rows (at most 60)."""
    if column.kind != "text":
        return column.width
    longest = max((len(str(r[col])) for r in rows[:sample] if r[col] is not None), default=0)
    return max(column.width, min(60.0, longest * 1.1 + 2))


def set_page(ws, top: int, repeat: bool = True) -> None:
    """A4 landscape, one page wide, header rows on every page (if ``repeat``), the page number top centre
    from page 2."""
    ws.set_paper(A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if repeat:
        ws.repeat_rows(max(top - 1, 0), top)
    ws.set_header(f'&C&"{FONT["font_name"]},Regular"&{TEXT_SIZE}&P')
    ws.set_margins(**MARGINS)
    ws.hide_gridlines(2)
