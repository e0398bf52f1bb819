"""The workbook's formats, made once and shared, all in Times New Roman named outright; and the
worksheet that leaves page 1 without a page number."""

from __future__ import annotations

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import CellNumberTuple, Worksheet

from chitieu.summary.columns import EXCEL_FORMATS
from chitieu.summary.status import Status

# Named outright, not as the theme's body font: a <scheme val="minor"/> font shows in the theme's Calibri.
FONT = {"font_name": "Times New Roman", "font_size": 12, "font_scheme": "none"}
TEXT_SIZE, TITLE_SIZE = 13, 14  # the form's heading and closing (Nghị định 30/2020)
ROW_HEIGHT, TEXT_ROW_HEIGHT = 16.5, 18.0  # points: a table row, a row of the heading or closing
STATUS_VALUES = {status.value for status in Status}


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

    def cell(self, kind: str, bold: bool = False, indent: int = 0, status: str | None = None,
             centred: bool = False, decimals: int = 1, wrap: bool = False, shrink: bool = False) -> object:
        properties: dict[str, object] = {"border": 1, "valign": "top" if wrap else "vcenter", "bold": bold}
        if shrink:  # a text in a figure's narrow column: smaller, never spilling over the page's edge
            properties["shrink"] = True
        if wrap:
            properties["text_wrap"] = True
        if kind in EXCEL_FORMATS:
            properties["num_format"] = EXCEL_FORMATS[kind] if kind != "number" else ("#,##0." + "0" * decimals).rstrip(".")
        if centred or kind == "status":
            properties["align"] = "center"
        if indent:
            properties["indent"] = indent
        if status in STATUS_VALUES:
            properties.update(bg_color=Status(status).colour, pattern=1, align="center")
        return self.get("cell", **properties)

    def group(self) -> object:
        """A group heading row: the indicator over its units."""
        return self.get("group", bold=True, border=1, valign="vcenter", bg_color="#EDEDED", pattern=1, text_wrap=True)

    def status_fill(self, status: Status) -> object:
        """The conditional format that colours a status cell (a format of the workbook's dxf list)."""
        return self.get("fill", bg_color=status.colour, pattern=1)

    def header(self) -> object:
        return self.get("header", bold=True, text_wrap=True, border=1, align="center", valign="vcenter",
                        bg_color="#F2F2F2", pattern=1)


class FormSheet(Worksheet):
    """A worksheet whose first printed page has no header: the form numbers its pages from page 2.
    xlsxwriter has no option for it, so the <headerFooter> element is written here.

    Two shortcuts through xlsxwriter's per-cell path, for the report's hundreds of thousands of cells:
    a formatted number is written without escaping attributes that are only a cell reference and a
    format number, and a formula is not searched for future functions the report never uses."""

    def _write_cell(self, row: int, col: int, cell) -> None:
        if type(cell) is not CellNumberTuple or cell.format is None:
            super()._write_cell(row, col, cell)
            return
        self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell.format._get_xf_index()}">'
                      f"<v>{cell.number:.16G}</v></c>")

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        return formula.removeprefix("=")

    def _write_header_footer(self) -> None:
        if not self.header:
            super()._write_header_footer()
            return
        self._xml_start_tag("headerFooter", [("differentFirst", 1)])
        self._xml_data_element("oddHeader", self.header)
        self._xml_end_tag("headerFooter")
