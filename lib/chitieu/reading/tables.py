"""A table as the reader finds it in a sheet: its figure columns, unit rows, totals rows and group rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from chitieu.values import DayLabel


@dataclass
class Column:
    index: int
    letter: str
    label: str
    group: str = ""  # the header labels above the column's own, when a merged label spans it and others

    @property
    def heading(self) -> str:
        """The column's own label, under its group's."""
        return self.label.removeprefix(f"{self.group} - ")


@dataclass(slots=True)
class Row:
    number: int  # the row number as Excel shows it (1-based)
    unit: str
    values: dict[int, float | None]  # column index → number
    parent: str | None = None  # the unit this row belongs to, from a parent column or a group row
    day: date | None = None  # in an increments table: the day of the figures
    subject: str = ""  # in an increments table: the indicator the row names


@dataclass
class Table:
    """One table found in a sheet."""

    file: str
    sheet: str
    title: str  # text of the rows above the header, joined: where indicators and dates are named
    columns: list[Column]  # the numeric columns, in sheet order
    rows: list[Row]
    totals: list[Row] = field(default_factory=list)
    groups: list[Row] = field(default_factory=list)  # rows of a parent unit heading its children (subtotals)
    increments: bool = False  # rows are (day, unit, indicator, figure of that day), not one row per unit
    parent: str | None = None  # the unit a totals row names ("Tỉnh Sóc Trăng"), if any
    header_text: str = ""
    days: dict[int, DayLabel] = field(default_factory=dict)  # a daily table's columns headed by a day
