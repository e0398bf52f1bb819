"""The summary's columns, described once: key, Vietnamese heading, kind of value, width. The terminal
table, the app's HTML table and the workbook all show a column from its spec, so a heading, an
alignment or a number format changes in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from chitieu.values import format_number, format_percent

EXCEL_FORMATS = {"count": "#,##0", "number": "#,##0.0", "rate": "0.0%"}


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a table people read: ``kind`` is text, count, number (one decimal), rate (a
    fraction shown as a percentage) or status; ``width`` is in Excel's character units.

    >>> spec = ColumnSpec("percent", "Tỷ lệ đạt", "rate")
    >>> spec.text(0.2756), spec.align, spec.excel_format
    ('27,6%', 'right', '0.0%')
    """

    key: str
    heading: str
    kind: str = "text"
    width: float = 12

    @property
    def align(self) -> str:
        return "left" if self.kind in ("text", "status") else "right"

    @property
    def excel_format(self) -> str | None:
        return EXCEL_FORMATS.get(self.kind)

    def text(self, value: object) -> str:
        """The value as a person reads it: "17.482", "12,5", "27,6%"; blank when there is none."""
        if value is None or pd.isna(value):
            return ""
        if self.kind == "count":
            return format_number(value)
        if self.kind == "number":
            return format_number(value, 1)
        if self.kind == "rate":
            return format_percent(value)
        return str(value)


SUMMARY_COLUMNS = (
    ColumnSpec("label", "Đơn vị", "text", 28), ColumnSpec("indicator_label", "Chỉ tiêu", "text", 34),
    ColumnSpec("quota", "Chỉ tiêu giao", "count", 11), ColumnSpec("result", "Kết quả", "count", 11),
    ColumnSpec("percent", "Tỷ lệ đạt", "rate", 10), ColumnSpec("daily_quota", "Chỉ tiêu / ngày", "count", 10),
    ColumnSpec("expected_to_date", "Cần đạt đến nay", "count", 11), ColumnSpec("pace", "Tiến độ", "rate", 10),
    ColumnSpec("remaining", "Còn lại", "count", 10), ColumnSpec("required_per_day", "Cần / ngày", "number", 10),
    ColumnSpec("projected", "Dự kiến cuối đợt", "count", 11), ColumnSpec("status", "Tình trạng", "status", 14),
    ColumnSpec("rank", "Xếp hạng", "count", 9), ColumnSpec("check", "Kiểm tra số liệu", "text", 30))
