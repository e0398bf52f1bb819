"""The report as data, in the vocabulary of a printed table: a heading, spanners over groups of
fields, a body of rows (stub indented by level, parents bold), charts, and the tabs of the workbook.
``build`` describes a report with these; ``xlsx`` is the one writer that turns it into a workbook."""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.summary.columns import ColumnSpec


@dataclass(frozen=True)
class Spanner:
    """A label over the columns ``first``..``last`` (keys), on the row above the column labels."""

    label: str
    first: str
    last: str


@dataclass(frozen=True)
class Body:
    """A table as rows of values; ``levels`` (outline depth), ``bold`` (roll-up rows), ``groups`` (a group
    heading: its first value spans the table) and ``parts`` (the rows a total adds up) go row by row."""

    columns: tuple[ColumnSpec, ...]
    rows: tuple[tuple, ...]
    levels: tuple[int, ...] = ()
    bold: tuple[bool, ...] = ()
    spanners: tuple[Spanner, ...] = ()
    groups: tuple[bool, ...] = ()
    parts: tuple[tuple[int, ...], ...] = ()
    wrap: bool = False  # text columns keep their width and wrap, rather than widen to their longest text
    previous: tuple[str | None, ...] = ()  # the cell (another sheet's) of a row's result at the previous report


@dataclass(frozen=True)
class Chart:
    """A native chart over rows ``first``..``last`` of a sheet's table (0-based within the body)."""

    kind: str  # "percent": bars of the percent column with a 100 % line; "cumulative": result vs plan by date
    title: str
    first: int
    last: int


@dataclass(frozen=True)
class Tab:
    """One worksheet: a table, and for the framed one the official heading, legend, comment and signature."""

    name: str
    table: Body
    framed: bool = False  # carries the official heading, legend, comment and signature
    charts: tuple[Chart, ...] = ()
    formulas: bool = False  # totals and derived figures as formulas (``formulas.RowFormulas``)
    title: str = ""  # a sheet not framed: its title over the as-of date and period of the framed one


@dataclass(frozen=True)
class Heading:
    """The official heading above the framed table (Nghị định 30/2020's form; ``form.form_heading``)."""

    superior: str
    issuer: str
    number: str
    place_date: str
    title: str
    as_of: str
    period: str


@dataclass(frozen=True)
class Closing:
    """Under the framed table: "Nơi nhận" lines, the preparer's name, the signer's title and name."""

    recipients: tuple[str, ...]
    preparer: str
    signer_title: str
    signer_name: str


@dataclass(frozen=True)
class Report:
    """The whole workbook: its heading, tabs, status legend, comment paragraph and closing."""

    heading: Heading
    sheets: tuple[Tab, ...]
    legend: tuple[tuple[str, str], ...]
    comment: str
    closing: Closing
    days_left: int = 0  # what "required per day" divides by
