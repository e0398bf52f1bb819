"""Result workbooks with a column per day, as officers keep them: day headings in any style ("18/07", "20/7",
"Ngày 21/7", "21/07/2023", Excel dates), under a merged "Kết quả theo ngày" or not, each day's own figures
or running totals, with or without a total column ("Lũy kế", "Tổng cộng", "Cộng dồn"), a totals row at the
top or the bottom. Each unit's true result is the sum of its daily figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

STYLES = {
    "dd/mm": lambda d: f"{d:%d/%m}", "d/m": lambda d: f"{d.day}/{d.month}", "Ngày d/m": lambda d: f"Ngày {d.day}/{d.month}",
    "d-m": lambda d: f"{d.day}-{d.month}", "dd/mm/yyyy": lambda d: f"{d:%d/%m/%Y}", "excel": lambda d: d,
}
TITLE = "KẾT QUẢ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ"
FIRST_DAY_COLUMN = 2  # C: after "STT" and "Đơn vị"


@dataclass
class DailyBook:
    """A daily table: ``daily[u][d]`` is unit u's own figure on day d."""

    units: list[str]
    first: date
    daily: list[list[int]]
    style: str = "dd/mm"
    running: bool = False  # the day columns hold running totals
    total: str | None = "Lũy kế"  # the total column's heading
    two_rows: bool = False  # "Kết quả theo ngày" merged over the days, the total merged down
    year_in_title: bool = False
    totals_row: str | None = None  # "top" or "bottom"
    quota: list[int] | None = None  # a quota column before the days

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range(len(self.daily[0]))]

    @property
    def truth(self) -> dict[str, int]:
        return {unit: sum(figures) for unit, figures in zip(self.units, self.daily)}

    def day_letters(self) -> list[str]:
        start = FIRST_DAY_COLUMN + (1 if self.quota else 0)
        return [xl_col_to_name(start + i) for i in range(len(self.days))]

    def total_letter(self) -> str:
        return xl_col_to_name(FIRST_DAY_COLUMN + (1 if self.quota else 0) + len(self.days))


def figures(book: DailyBook, daily: list[int]) -> list[int]:
    """A row's day figures and total, as the book writes them."""
    shown = list(accumulate(daily)) if book.running else list(daily)
    return shown + ([sum(daily)] if book.total else [])


def write_daily(path: Path, book: DailyBook) -> Path:
    """The workbook, day headings written as text or as Excel dates."""
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("Kết quả")
    dated = workbook.add_format({"num_format": "dd/mm"})
    title = f"{TITLE} NĂM {book.first.year}" if book.year_in_title else TITLE
    sheet.write(0, 0, title)
    head = 2
    quota = ["Chỉ tiêu giao"] if book.quota else []
    labels = [STYLES[book.style](day) for day in book.days]
    first_day = FIRST_DAY_COLUMN + len(quota)
    if book.two_rows:
        for col, text in enumerate(["STT", "Đơn vị", *quota]):
            sheet.merge_range(head, col, head + 1, col, text)
        sheet.merge_range(head, first_day, head, first_day + len(labels) - 1, "Kết quả theo ngày")
        if book.total:
            sheet.merge_range(head, first_day + len(labels), head + 1, first_day + len(labels), book.total)
        day_row = head + 1
    else:
        sheet.write_row(head, 0, ["STT", "Đơn vị", *quota])
        if book.total:
            sheet.write(head, first_day + len(labels), book.total)
        day_row = head
    for i, label in enumerate(labels):
        if isinstance(label, date):
            sheet.write_datetime(day_row, first_day + i, datetime.combine(label, datetime.min.time()), dated)
        else:
            sheet.write(day_row, first_day + i, label)
    rows = [[n, unit, *([q] if book.quota else []), *figures(book, daily)]
            for n, (unit, daily, q) in enumerate(zip(book.units, book.daily, book.quota or [0] * len(book.units)), 1)]
    if book.totals_row:
        sums = [None, "Tổng cộng", *[sum(column) for column in zip(*[row[2:] for row in rows])]]
        rows = [sums, *rows] if book.totals_row == "top" else [*rows, sums]
    for r, row in enumerate(rows, day_row + 1):
        sheet.write_row(r, 0, row)
    workbook.close()
    return path
