"""A worklist as the workbook an officer prints and carries door to door: a summary sheet, then one
A4 sheet per hamlet, sorted by address, with a "Đã vận động" tick column, a note and a signature line.

Written in memory (xlsxwriter's ``in_memory``: no temporary file) and returned as bytes, so that
the names and masked ID numbers in it reach no disk unless the officer saves the download.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import xlsxwriter

from chitieu.citizens.worklist import Worklist
from chitieu.mapping.catalog import load_catalog
from chitieu.report.formats import FONT, Formats
from chitieu.report.xlsx import A4

# The columns of a hamlet's sheet: heading, width; those the list lacks are left out.
VISIT_COLUMNS = {"name": ("Họ và tên", 24), "birth": ("Ngày sinh", 11), "id": ("Số định danh", 15),
                 "address": ("Địa chỉ", 26), "phone": ("Điện thoại", 12), "status": ("Trạng thái hiện tại", 16)}
TICK, NOTE = ("Đã vận động", 9), ("Ghi chú", 16)
COUNT_HEADINGS = ("Ấp / khu dân cư", "Xã / phường", "Trong danh sách", "Đã thực hiện", "Chưa thực hiện",
                  "Cần vận động (danh sách này)")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def worklist_workbook(worklist: Worklist) -> bytes:
    """The worklist's workbook, as bytes."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "default_format_properties": FONT,
                                            "strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False})
    formats = Formats(workbook)
    label = load_catalog().label(worklist.indicator)
    _summary_sheet(workbook, formats, worklist, label)
    names: set[str] = set()
    for (commune, hamlet), people in worklist.people.groupby(["commune", "hamlet"], dropna=False, sort=False):
        sheet = workbook.add_worksheet(_sheet_name(hamlet, names))
        _hamlet_sheet(sheet, formats, worklist, label, _place(hamlet, commune), people)
    workbook.close()
    return buffer.getvalue()


def worklist_file_name(worklist: Worklist) -> str:
    """The download's name: "Danh sách vận động dddt_muc2 2005-2009.xlsx"."""
    years = f" {min(worklist.birth_years)}-{max(worklist.birth_years)}" if worklist.birth_years else ""
    return f"Danh sách vận động {worklist.indicator}{years}.xlsx"


def _summary_sheet(workbook: xlsxwriter.Workbook, formats: Formats, worklist: Worklist, label: str) -> None:
    sheet = workbook.add_worksheet("Tổng hợp")
    _print_setup(sheet, header_row=4)
    _title(sheet, formats, len(COUNT_HEADINGS), "TỔNG HỢP DANH SÁCH CẦN VẬN ĐỘNG", _subtitle(worklist, label))
    sheet.write_row(4, 0, COUNT_HEADINGS, formats.header())
    sheet.set_column(0, 1, 22)
    sheet.set_column(2, len(COUNT_HEADINGS) - 1, 14)
    for r, row in enumerate(worklist.counts.itertuples(index=False), start=5):
        sheet.write_string(r, 0, str(row.hamlet or ""), formats.cell("text"))
        sheet.write_string(r, 1, _blank(row.commune), formats.cell("text"))
        for c, value in enumerate((row.listed, row.done, row.not_done, row.on_worklist), start=2):
            sheet.write_number(r, c, int(value), formats.cell("count"))


def _hamlet_sheet(sheet, formats: Formats, worklist: Worklist, label: str, place: str, people: pd.DataFrame) -> None:
    roles = [role for role in VISIT_COLUMNS if people[role].notna().any() or role in ("name", "id")]
    headings = ["STT", *(VISIT_COLUMNS[role][0] for role in roles), TICK[0], NOTE[0]]
    widths = [5, *(VISIT_COLUMNS[role][1] for role in roles), TICK[1], NOTE[1]]
    _print_setup(sheet, header_row=4)
    _title(sheet, formats, len(headings), f"DANH SÁCH CÔNG DÂN CẦN VẬN ĐỘNG — {place.upper()}",
           _subtitle(worklist, label) + f" Số người: {len(people)}.")
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.write_row(4, 0, headings, formats.header())
    text = formats.cell("text")
    for r, person in enumerate(people.itertuples(index=False), start=5):
        sheet.write_number(r, 0, r - 4, formats.cell("count"))
        for c, role in enumerate(roles, start=1):
            sheet.write_string(r, c, _blank(getattr(person, role)), text)
        sheet.write_blank(r, len(roles) + 1, None, text)
        sheet.write_blank(r, len(roles) + 2, None, text)
    _footer(sheet, formats, 5 + len(people) + 1, len(headings))


def _title(sheet, formats: Formats, width: int, title: str, subtitle: str) -> None:
    sheet.merge_range(0, 0, 0, width - 1, title, formats.get("title", bold=True, font_size=13, align="center"))
    sheet.merge_range(1, 0, 2, width - 1, subtitle, formats.get("subtitle", italic=True, align="center",
                                                                 valign="top", text_wrap=True))


def _subtitle(worklist: Worklist, label: str) -> str:
    years = (f" Nhóm ưu tiên: sinh năm {min(worklist.birth_years)}–{max(worklist.birth_years)}."
             if worklist.birth_years else "")
    return (f"Chỉ tiêu: {label}. Những người chưa thực hiện theo danh sách '{worklist.file}'.{years} "
            "Số định danh chỉ hiện 3 chữ số đầu và 3 chữ số cuối.")


def _footer(sheet, formats: Formats, row: int, width: int) -> None:
    """A note line for the officer and the signatures, kept on the last page."""
    plain = formats.get("plain")
    sheet.write_string(row, 0, "Ghi chú: " + "." * 120, plain)
    sheet.write_string(row + 1, 0, "." * 130, plain)
    half = max(width // 2, 1)
    bold = formats.get("signature", bold=True, align="center")
    hint = formats.get("hint", italic=True, align="center")
    for first, last, who in ((0, half - 1, "NGƯỜI LẬP DANH SÁCH"), (half, width - 1, "CÁN BỘ VẬN ĐỘNG")):
        _span(sheet, row + 3, first, last, who, bold)
        _span(sheet, row + 4, first, last, "(Ký, ghi rõ họ tên)", hint)


def _span(sheet, row: int, first: int, last: int, text: str, cell_format: object) -> None:
    if last > first:
        sheet.merge_range(row, first, row, last, text, cell_format)
    else:
        sheet.write_string(row, first, text, cell_format)


def _print_setup(sheet, header_row: int) -> None:
    """A4 portrait, one page wide, the header row on every page, "Trang x/y" at the foot."""
    sheet.set_paper(A4)
    sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.set_footer("&CTrang &P/&N")
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)


def _place(hamlet: object, commune: object) -> str:
    return ", ".join(str(v) for v in (hamlet, commune) if isinstance(v, str) and v) or "Không rõ ấp"


def _blank(value: object) -> str:
    return value if isinstance(value, str) else ""


def _sheet_name(hamlet: object, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, no []:*?/\\), unique in the workbook."""
    base = _SHEET_NAME_BAD.sub("-", str(hamlet) if isinstance(hamlet, str) and hamlet else "Không rõ ấp")[:28]
    name, n = base, 2
    while name.lower() in taken or name.lower() == "tổng hợp":
        name, n = f"{base} ({n})"[:31], n + 1
    taken.add(name.lower())
    return name
