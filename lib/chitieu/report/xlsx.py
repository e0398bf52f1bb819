"""The one writer: a ``Report`` description → xlsxwriter calls. Values, never formulas (xlsxwriter
caches formula results as 0), and every text through ``write_string`` so "=1+1" stays text.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter
import xlsxwriter.exceptions
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from chitieu.report.model import Body, Chart, Report, Tab
from chitieu.saving import discard, partial_file, publish, write_error
from chitieu.summary.columns import EXCEL_FORMATS, ColumnSpec
from chitieu.summary.status import Status

# Named outright, not as the theme's body font: a <scheme val="minor"/> font shows in the theme's Calibri.
FONT = {"font_name": "Times New Roman", "font_size": 12, "font_scheme": "none"}
TEXT_SIZE, TITLE_SIZE = 13, 14  # the form's heading and closing (Nghị định 30/2020)
STATUS_VALUES = {status.value for status in Status}
HEADING_ROWS = 8  # the framed sheet's table header sits on this row (0-based)
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


class Formats:
    """Formats made once and shared: by kind of value, boldness, indent and status."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        self.workbook = workbook
        self.made: dict[tuple, object] = {}

    def get(self, name: str, **properties: object) -> object:
        key = (name, *sorted(properties.items()))
        if key not in self.made:
            self.made[key] = self.workbook.add_format({**FONT, **properties})
        return self.made[key]

    def cell(self, kind: str, bold: bool = False, indent: int = 0, status: str | None = None) -> object:
        properties: dict[str, object] = {"border": 1, "valign": "vcenter", "bold": bold}
        if kind in EXCEL_FORMATS:
            properties["num_format"] = EXCEL_FORMATS[kind]
        if indent:
            properties["indent"] = indent
        if status in STATUS_VALUES:
            properties.update(bg_color=Status(status).colour, pattern=1, align="center")
        return self.get("cell", **properties)

    def header(self) -> object:
        return self.get("header", bold=True, text_wrap=True, border=1, align="center", valign="vcenter",
                        bg_color="#F2F2F2", pattern=1)


class FormSheet(Worksheet):
    """A worksheet whose first printed page has no header: the form numbers its pages from page 2.
    xlsxwriter has no option for it, so the <headerFooter> element is written here."""

    def _write_header_footer(self) -> None:
        if not self.header:
            super()._write_header_footer()
            return
        self._xml_start_tag("headerFooter", [("differentFirst", 1)])
        self._xml_data_element("oddHeader", self.header)
        self._xml_end_tag("headerFooter")


def write_sheet(workbook: xlsxwriter.Workbook, formats: Formats, report: Report, sheet: Tab) -> None:
    ws = workbook.add_worksheet(sheet.name, worksheet_class=FormSheet)
    top = HEADING_ROWS if sheet.framed else 0
    width = len(sheet.table.columns)
    if sheet.framed:
        write_heading(ws, formats, report, width)
    last = write_table(ws, formats, sheet, top)
    if sheet.framed:
        write_notes(ws, formats, report, last + 2, width)
    for position, chart in enumerate(sheet.charts):
        insert_chart(workbook, ws, sheet, chart, top, position)
    set_page(ws, top)


def write_heading(ws, formats: Formats, report: Report, width: int) -> None:
    """Nghị định 30/2020's heading: superior agency, issuing unit and number top left; national name,
    motto, place and date top right; then the title, the as-of date and the period across."""
    head = report.heading
    text = {"font_size": TEXT_SIZE, "align": "center", "valign": "vcenter"}
    right = width - 6
    for row, (left_text, left_format, right_text, right_format) in enumerate((
            (head.superior, formats.get("text", **text), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             formats.get("bold", bold=True, **text)),
            (head.issuer, formats.get("bold", bold=True, **text), "Độc lập - Tự do - Hạnh phúc",
             formats.get("motto", bold=True, underline=1, **text)),
            (head.number, formats.get("text", **text), head.place_date, formats.get("date", italic=True, **text)))):
        ws.merge_range(row, 0, row, 2, left_text, left_format)
        ws.merge_range(row, right, row, width - 1, right_text, right_format)
    ws.merge_range(4, 0, 4, width - 1, head.title, formats.get("title", bold=True, **{**text, "font_size": TITLE_SIZE}))
    ws.merge_range(5, 0, 5, width - 1, head.as_of, formats.get("date", italic=True, **text))
    ws.merge_range(6, 0, 6, width - 1, head.period, formats.get("text", **text))


def write_table(ws, formats: Formats, sheet: Tab, top: int) -> int:
    """The header row and body at row ``top``; returns the last row written."""
    table = sheet.table
    header = formats.header()
    for col, column in enumerate(table.columns):
        ws.set_column(col, col, fitting_width(column, table.rows, col))
        ws.write_string(top, col, column.heading, header)
    ws.set_row(top, 32)
    write_spanners(ws, header, table, top - 1)
    kinds = [c.kind for c in table.columns]
    row_formats: dict[tuple[bool, int], list] = {}
    for index, values in enumerate(table.rows):
        row = top + 1 + index
        level = table.levels[index] if table.levels else 0
        bold = bool(table.bold and table.bold[index])
        if level:
            ws.set_row(row, None, None, {"level": min(level, 7)})
        if (bold, level) not in row_formats:
            row_formats[bold, level] = [formats.cell(kind, bold, level if col == 0 else 0) for col, kind in enumerate(kinds)]
        for col, (kind, value, plain) in enumerate(zip(kinds, values, row_formats[bold, level])):
            if value is None:
                ws.write_blank(row, col, None, plain)
            elif kind in EXCEL_FORMATS:
                ws.write_number(row, col, value, plain)
            else:
                ws.write_string(row, col, str(value), formats.cell(kind, bold, status=value) if kind == "status" else plain)
    last = top + len(table.rows)
    ws.freeze_panes(top + 1, 1)
    ws.autofilter(top, 0, max(last, top), len(kinds) - 1)
    return last


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


def write_notes(ws, formats: Formats, report: Report, row: int, width: int) -> None:
    """Under the table: the status legend, the "Nhận xét" paragraph and the signature block."""
    ws.write_string(row, 0, "Chú giải:", formats.get("label", bold=True))
    for offset, (status, meaning) in enumerate(report.legend, start=1):
        ws.write_string(row + offset, 0, status, formats.cell("text", status=status))
        ws.write_string(row + offset, 1, meaning)
    row += len(report.legend) + 2
    ws.write_string(row, 0, "Nhận xét:", formats.get("label", bold=True))
    ws.merge_range(row + 1, 0, row + 1, width - 1, report.comment,
                   formats.get("comment", text_wrap=True, valign="top", align="justify"))
    ws.set_row(row + 1, 15 * (2 + len(report.comment) // 150))
    write_closing(ws, formats, report, row + 3, width)


def write_closing(ws, formats: Formats, report: Report, row: int, width: int) -> None:
    """"Nơi nhận" at the left, the preparer in the middle, the signer at the right; four rows to sign."""
    closing = report.closing
    text = {"font_size": TEXT_SIZE, "align": "center"}
    sign, hint = formats.get("bold", bold=True, **text), formats.get("hint", italic=True, **text)
    ws.write_string(row, 0, "Nơi nhận:", formats.get("to", bold=True, italic=True))
    for offset, line in enumerate(closing.recipients, start=1):
        ws.write_string(row + offset, 0, line, formats.get("list", font_size=11))
    blocks = ((3, width - 7, "NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", closing.preparer),
              (width - 6, width - 1, closing.signer_title, "(Ký tên, đóng dấu)", closing.signer_name))
    for first, last, title, note, name in blocks:
        ws.merge_range(row, first, row, last, title, sign)
        ws.merge_range(row + 1, first, row + 1, last, note, hint)
        ws.merge_range(row + 6, first, row + 6, last, name, sign)


def insert_chart(workbook: xlsxwriter.Workbook, ws, sheet: Tab, chart: Chart, top: int, position: int) -> None:
    first, last = top + 1 + chart.first, top + 1 + chart.last
    name, columns = sheet.name, sheet.table.columns
    if chart.kind == "percent":
        keys = [c.key for c in columns]
        unit, percent, line = keys.index("unit"), keys.index("percent"), keys.index("line")
        native = workbook.add_chart({"type": "column"})
        native.add_series({"name": "Tỷ lệ đạt", "categories": [name, first, unit, last, unit],
                           "values": [name, first, percent, last, percent], "fill": {"color": "#4472C4"}})
        goal = workbook.add_chart({"type": "line"})
        goal.add_series({"name": "Mốc 100%", "categories": [name, first, unit, last, unit],
                         "values": [name, first, line, last, line], "line": {"color": "#C00000", "width": 2}})
        native.combine(goal)
        native.set_y_axis({"num_format": "0%", "min": 0})
    else:
        native = workbook.add_chart({"type": "line"})
        for row, colour in ((first, "#7F7F7F"), (last, "#4472C4")):
            native.add_series({"name": [name, row, 1], "categories": [name, top, 2, top, len(columns) - 1],
                               "values": [name, row, 2, row, len(columns) - 1], "line": {"color": colour},
                               "marker": {"type": "circle"}})
        native.set_y_axis({"num_format": "#,##0", "min": 0})
    native.set_title({"name": chart.title, "name_font": {"size": 11, "name": FONT["font_name"]}})
    native.set_legend({"position": "bottom"})
    native.set_size({"width": 720, "height": 360})
    ws.insert_chart(xl_rowcol_to_cell(top + 1 + 20 * position, len(columns) + 1), native)


def set_page(ws, top: int) -> None:
    """A4 landscape, one page wide, header rows on every page, the page number top centre from page 2."""
    ws.set_paper(A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(max(top - 1, 0), top)
    ws.set_header(f'&C&"{FONT["font_name"]},Regular"&{TEXT_SIZE}&P')
    ws.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.6)
    ws.hide_gridlines(2)
