"""The framed sheet's heading, notes and closing, laid out as Nghị định 30/2020's form. Each writer
records the height it gives its rows in ``heights``, from which the page breaks are planned."""

from __future__ import annotations

from chitieu.report.formats import TEXT_ROW_HEIGHT, TEXT_SIZE, TITLE_SIZE, Formats
from chitieu.report.model import Heading, Report

LEFT, STUB = (0, 3), 1  # the heading's left block; the column of unit names
SPACER, TITLE = 6.0, 21.0  # points


def write_heading(ws, formats: Formats, report: Report, width: int, heights: dict[int, float]) -> None:
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
        ws.merge_range(row, LEFT[0], row, LEFT[1], left_text, left_format)
        ws.merge_range(row, right, row, width - 1, right_text, right_format)
    sized(ws, heights, {0: TEXT_ROW_HEIGHT, 1: TEXT_ROW_HEIGHT, 2: TEXT_ROW_HEIGHT, 3: SPACER})
    write_title(ws, formats, head, head.title, 4, width, heights)


def write_title(ws, formats: Formats, head: Heading, title: str, row: int, width: int,
                heights: dict[int, float]) -> None:
    """``title``, then the as-of date and the campaign period of ``head``, across ``width`` columns from
    ``row``: under the form's heading, and atop each indicator's sheet."""
    text = {"font_size": TEXT_SIZE, "align": "center", "valign": "vcenter"}
    ws.merge_range(row, 0, row, width - 1, title, formats.get("title", bold=True, **{**text, "font_size": TITLE_SIZE}))
    ws.merge_range(row + 1, 0, row + 1, width - 1, head.as_of, formats.get("date", italic=True, **text))
    ws.merge_range(row + 2, 0, row + 2, width - 1, head.period, formats.get("text", **text))
    sized(ws, heights, {row: TITLE, row + 1: TEXT_ROW_HEIGHT, row + 2: TEXT_ROW_HEIGHT})


def sized(ws, heights: dict[int, float], rows: dict[int, float]) -> None:
    """Give ``rows`` their heights, and record them."""
    for row, height in rows.items():
        ws.set_row(row, height)
    heights.update(rows)


def write_notes(ws, formats: Formats, report: Report, row: int, width: int, heights: dict[int, float]) -> int:
    """Under the table: the status legend, the "Nhận xét" paragraph and the closing; returns its last row."""
    ws.write_string(row, 0, "Chú giải:", formats.get("label", bold=True))
    for offset, (status, meaning) in enumerate(report.legend, start=1):
        ws.write_string(row + offset, STUB, status, formats.cell("text", status=status))
        ws.write_string(row + offset, STUB + 1, meaning)
    row += len(report.legend) + 2
    ws.write_string(row, 0, "Nhận xét:", formats.get("label", bold=True))
    ws.merge_range(row + 1, 0, row + 1, width - 1, report.comment,
                   formats.get("comment", text_wrap=True, valign="top", align="justify"))
    sized(ws, heights, {row + 1: TEXT_ROW_HEIGHT * (1 + len(report.comment) // 120)})
    return write_closing(ws, formats, report, row + 3, width, heights)


def write_closing(ws, formats: Formats, report: Report, row: int, width: int, heights: dict[int, float]) -> int:
    """"Nơi nhận" at the left, the preparer in the middle, the signer at the right, four rows to sign
    between title and name; returns the last row."""
    closing = report.closing
    text = {"font_size": TEXT_SIZE, "align": "center"}
    sign, hint = formats.get("bold", bold=True, **text), formats.get("hint", italic=True, **text)
    ws.write_string(row, 0, "Nơi nhận:", formats.get("to", bold=True, italic=True))
    for offset, line in enumerate(closing.recipients, start=1):
        ws.write_string(row + offset, 0, line, formats.get("list", font_size=11))
    blocks = ((LEFT[1] + 1, width - 7, "NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", closing.preparer),
              (width - 6, width - 1, closing.signer_title, "(Ký tên, đóng dấu)", closing.signer_name))
    for first, last, title, note, name in blocks:
        ws.merge_range(row, first, row, last, title, sign)
        ws.merge_range(row + 1, first, row + 1, last, note, hint)
        ws.merge_range(row + 6, first, row + 6, last, name, sign)
    end = row + max(6, len(closing.recipients))
    sized(ws, heights, {r: TEXT_ROW_HEIGHT for r in range(row, end + 1)})
    return end
