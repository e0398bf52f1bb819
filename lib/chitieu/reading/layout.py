"""Find the table in a sheet: title rows, the header block, unit rows, totals and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from unicodedata import is_normalized

from chitieu.findings import Finding, finding
from chitieu.names import PATH_SEPARATOR, is_unit_heading, unit_level
from chitieu.reading.days import day_columns, is_day_row
from chitieu.reading.labels import is_note, is_totals_label
from chitieu.reading.sheets import Sheet
from chitieu.reading.xlsx_parts import column_letter
from chitieu.text import clean, fold
from chitieu.values import DayLabel, NotANumber, format_number, parse_date, parse_number

ROW_NUMBER_WORDS = ("stt", "tt", "so tt", "so thu tu")
NOTE_HEADER_WORDS = ("ghi chu",)
# An increments table names, on each row, the day and the indicator of the figure.
DATE_HEADER_WORDS = ("ngay", "ngay bao cao", "ngay thang", "thoi gian")
SUBJECT_HEADER_WORDS = ("chi tieu", "ten chi tieu", "noi dung", "linh vuc")
MAX_HEADER_ROWS = 3


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


@dataclass
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


def find_tables(sheet: Sheet) -> tuple[list[Table], list[Finding]]:
    """The tables of a sheet, top to bottom, and what was wrong in them.

    A table ends at the notes under it or at the header row of the next table.
    """
    grid = [[clean(v) if isinstance(v, str) and not _is_clean(v) else v for v in row] for row in sheet.rows]
    tables: list[Table] = []
    findings: list[Finding] = []
    start = 0
    while (header_at := _find_header_row(grid, start)) is not None:
        table, problems, start = _table_at(sheet, grid, header_at, title_from=start)
        tables.append(table)
        findings += problems
    if not tables:
        findings.append(finding("no-table", file=sheet.file, sheet=sheet.name))
    return tables, findings


def _is_clean(text: str) -> bool:
    """Whether ``clean`` would leave the text as it is: checked in C, so that the cells of a long table
    already clean (nearly all of them) are not normalised and searched one by one in Python."""
    return text.isprintable() and is_normalized("NFC", text) and "  " not in text and text == text.strip()


@dataclass(frozen=True)
class _ColumnRoles:
    """Which columns of a table are not figures: unit, parent unit, row number, notes,
    and in an increments table the day and the indicator named on each row."""

    unit: int
    parents: tuple[int, ...]  # the columns of the units above it, the outermost first
    row_number: int | None
    note: int | None
    day: int | None
    subject: int | None

    @property
    def increments(self) -> bool:
        return self.day is not None and self.subject is not None

    def not_figures(self) -> set[int | None]:
        return {self.unit, *self.parents, self.row_number, self.note} | (
            {self.day, self.subject} if self.increments else set())


def _column_roles(labels: list[str]) -> _ColumnRoles:
    unit = _unit_column(labels)
    return _ColumnRoles(unit, _parent_columns(labels, unit), _labelled(labels, ROW_NUMBER_WORDS),
                        _labelled(labels, NOTE_HEADER_WORDS), _labelled(labels, DATE_HEADER_WORDS),
                        _labelled(labels, SUBJECT_HEADER_WORDS))


def _table_at(sheet: Sheet, grid: list[list[object]], header_at: int,
              title_from: int) -> tuple[Table, list[Finding], int]:
    """The table whose header starts at ``header_at``, its findings, and the row where it ends."""
    header_rows = _header_block(grid, header_at)
    parts = _header_parts(grid, header_rows, sheet.merged)
    labels = [" - ".join(p) for p in parts]
    roles = _column_roles(labels)
    first_data = header_rows[-1] + 1
    while first_data < len(grid) and _is_column_number_row(grid[first_data]):
        first_data += 1
    body, end = _body_rows(grid, first_data, roles.unit, roles.row_number)
    findings: list[Finding] = []
    skip = roles.not_figures()
    number_cols = [i for i in range(len(labels)) if i not in skip and _has_numbers(grid, body, i)]
    columns = [Column(i, column_letter(i), labels[i] or column_letter(i), " - ".join(parts[i][:-1]))
               for i in number_cols]
    title = " ".join(text for r in range(title_from, header_at) if (text := _row_text(grid[r])))
    table = Table(sheet.file, sheet.name, title, columns, [], header_text=" ".join(labels),
                  increments=roles.increments, days=day_columns({col.index: col.heading for col in columns}))
    above: dict[int, str] = {}
    numbered: set[int] = set()
    for r in body:
        for col in roles.parents:  # merged down its units: only the first cell holds a parent's name
            if isinstance(_cell_at(grid[r], col), str) and (name := clean(grid[r][col])):
                above[col] = name
        row, is_total = _body_row(grid[r], r, roles, columns, sheet, findings)
        row.parent = PATH_SEPARATOR.join(above[col] for col in roles.parents if col in above) or None
        (table.totals if is_total else table.rows).append(row)
        if roles.row_number is not None and is_numeric_cell(_cell_at(grid[r], roles.row_number)):
            numbered.add(row.number)
    if not roles.increments:  # rows by day and indicator: a first or last row sums nothing up
        _edge_totals(table, numbered if roles.row_number is not None else None)
    table.totals.sort(key=lambda row: row.number)
    table.parent = next((row.unit for row in table.totals if not is_totals_label(row.unit)), None)
    _set_groups(table)
    return table, findings, end


def _body_row(cells: list[object], r: int, roles: _ColumnRoles, columns: list[Column], sheet: Sheet,
              findings: list[Finding]) -> tuple[Row, bool]:
    """One row of the table's body, and whether it is a totals row."""
    label, is_total = _row_label(cells, roles.unit, roles.row_number)
    row = Row(r + 1, label, {col.index: _number(cells, col, r, sheet, findings) for col in columns})
    if roles.increments:
        row.day, row.subject = parse_date(_cell_at(cells, roles.day)), clean(_cell_at(cells, roles.subject))
    return row, is_total


def _edge_totals(table: Table, numbered: set[int] | None) -> None:
    """The first and the last row are totals rows, however they are written, when named after a unit of
    a higher level than every other row ("Tỉnh Sóc Trăng" under its districts), or when their figures are
    the sum of the other rows' and they either name a unit above rows of no known level or are left
    unnumbered among numbered rows (``numbered``: the rows with a row number, None without that column)."""
    levels = [unit_level(row.unit) for row in table.rows]
    for edge in (-1, 0):
        if len(table.rows) < 2:
            return
        row = table.rows[edge]
        others = table.rows[:-1] if edge == -1 else table.rows[1:]
        outranks = _outranks(levels[edge], levels[:-1] if edge == -1 else levels[1:])
        unnumbered = numbered is not None and row.number not in numbered and len(numbered) >= 2
        if outranks or ((outranks is None or unnumbered) and len(others) >= 2 and _sums_up(row, others)
                        and not _counted_by_totals(table)):
            table.rows.remove(row)
            table.totals.append(row)
            levels.pop(edge)


def _counted_by_totals(table: Table) -> bool:
    """Whether a totals row already found adds up the rows as they are, the edge row among them: then the
    edge row is a unit whose figures happen to be the sum of the others' (3 = 1 + 2), not a second total."""
    return any(_sums_up(total, table.rows) for total in table.totals)


def _outranks(level: int | None, others: list[int | None]) -> bool | None:
    """Whether a unit ``level`` is higher than every other row's known level; None when it has a level
    and no other row has one known."""
    known = [found for found in others if found is not None]
    if level is None:
        return False
    return level < min(known) if known else None


def _sums_up(row: Row, others: list[Row]) -> bool:
    """Whether a row's figures are the sum of the others' in at least half its columns (within half a unit
    per row, as rounded daily figures are), and exactly so in one column at least (a percentage beside
    may not add up). A figure not above the others' largest is no sum of several: its column has no say."""
    figures = {col: value for col, value in row.values.items() if value is not None and _may_sum(value, col, others)}
    close = exact = 0
    for col, value in figures.items():
        difference = abs(value - sum(other.values.get(col) or 0 for other in others))
        close += difference <= 0.5 * len(others)
        exact += difference < 1e-9 and value > 0
    return exact > 0 and 2 * close >= len(figures)


def _may_sum(value: float, col: int, others: list[Row]) -> bool:
    parts = [other.values.get(col) or 0 for other in others]
    top = max(parts, default=0)
    return value > top or (value == top and sum(part > 0 for part in parts) <= 1)


def _set_groups(table: Table) -> None:
    """Rows of a higher unit level followed by lower ones ("Huyện Kế Sách" then its
    "Xã …") head a group: they move to ``groups`` and name the parent of the rows under them."""
    levels = [unit_level(row.unit) for row in table.rows]
    known = {level for level in levels if level is not None}
    if len(known) < 2 or levels[0] != min(known):
        return
    heads = [i for i, level in enumerate(levels) if level == min(known)]
    if any(i + 1 >= len(levels) or levels[i + 1] == min(known) for i in heads):
        return  # a head with no rows under it: units of mixed kinds in a flat list, not groups
    rows, head = [], None
    for row, level in zip(table.rows, levels):
        if level == min(known):
            head = row
            table.groups.append(row)
        else:
            row.parent = row.parent or (head.unit if head else None)
            rows.append(row)
    table.rows = rows


def _row_text(row: list[object]) -> str:
    return " ".join(str(v) for v in row if v not in (None, ""))


def _find_header_row(grid: list[list[object]], start: int = 0) -> int | None:
    return next((r for r in range(start, len(grid)) if _is_header_row(grid[r])), None)


def _is_header_row(row: list[object]) -> bool:
    """A row naming the unit column ("Đơn vị", "Xã/Phường" …) among other labels."""
    texts = [v for v in row if isinstance(v, str) and fold(v)]
    return any(is_unit_heading(v) for v in texts) and len(texts) >= 2


_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2}|[a-z])\)?$|^\(?\d{1,2}\s*[=+\-x/*]\s*[\d+\-x/*() ]+\)?$")


def _is_column_number_row(row: list[object]) -> bool:
    """The row of column numbers under a header: "(1)", "(2)", "A", "B", "(5)=(3)+(4)"."""
    cells = [v for v in row if v not in (None, "")]
    return bool(cells) and all(isinstance(v, str) and _COLUMN_NUMBER.match(fold(v) or v) for v in cells)


def is_numeric_cell(value: object) -> bool:
    """A figure: a number, or text that reads as one ("50.802", "12%")."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    try:
        return parse_number(value) is not None
    except NotANumber:
        return False


def _header_block(grid: list[list[object]], start: int) -> list[int]:
    """The header row and the sub-header rows under it (text only, no numbers)."""
    rows = [start]
    for r in range(start + 1, min(start + MAX_HEADER_ROWS, len(grid))):
        cells = [v for v in grid[r] if v not in (None, "")]
        if not cells or any(is_numeric_cell(v) for v in cells) or (_is_column_number_row(grid[r])
                                                                   and not is_day_row(cells)):  # "18/07" "19/07"
            break
        rows.append(r)
    return rows


def _header_parts(grid: list[list[object]], header_rows: list[int],
                  merged: list[tuple[int, int, int, int]]) -> list[list[str]]:
    """The labels over each column, top down: a merged group label over sub-labels gives ["Group", "Sub"]."""
    width = max(len(grid[r]) for r in header_rows)
    levels = []
    for r in header_rows:
        row = [clean(grid[r][c]) if c < len(grid[r]) else "" for c in range(width)]
        # A group label merged across columns names each column under it.
        for r0, c0, _r1, c1 in merged:
            if r0 == r:
                for c in range(c0 + 1, min(c1 + 1, width)):
                    row[c] = row[c0]
        levels.append(row)
    columns = []
    for c in range(width):
        parts: list[str] = []
        for level in levels:
            if level[c] and level[c] not in parts:
                parts.append(level[c])
        columns.append(parts)
    return columns


def _unit_column(labels: list[str]) -> int:
    """The column naming the units: the rightmost one labelled so ("Xã" right of "Huyện", "Xã, phường"
    right of "Tỉnh, thành phố"), a heading of unit words only (``is_unit_heading``)."""
    named = [i for i, label in enumerate(labels) if is_unit_heading(label)]
    if named:
        return named[-1]
    return 1 if len(labels) > 1 else 0


def _body_rows(grid: list[list[object]], first: int, unit_col: int,
               row_number_col: int | None) -> tuple[list[int], int]:
    """Rows holding a unit or a total, up to the notes under the table or the next
    table's header; and the row where the table ends."""
    rows = []
    for r in range(first, len(grid)):
        row = grid[r]
        # figures first: a row with one is no header, and seeing so is cheaper than folding its text
        if not any(is_numeric_cell(v) for v in row if v not in (None, "")) and _is_header_row(row):
            title_at = _title_start(grid, first, r)
            return [row for row in rows if row < title_at], title_at
        label, _ = _label_of(row, unit_col, row_number_col)
        if not label:
            continue
        if is_note(label):
            return rows, r
        rows.append(r)
    return rows, len(grid)


def _title_start(grid: list[list[object]], after: int, header_at: int) -> int:
    """Where the next table's title rows begin: after the last blank row above its header."""
    blanks = [r for r in range(after, header_at) if not _row_text(grid[r])]
    return blanks[-1] + 1 if blanks else after


def _row_label(row: list[object], unit_col: int, row_number_col: int | None) -> tuple[str, bool]:
    """The unit named by a row, and whether the row is a totals row.

    A totals row is named with a totals word, or written across the row-number
    column (a label merged over "TT" and "Đơn vị", as "Tỉnh Sóc Trăng" is).
    """
    label, across = _label_of(row, unit_col, row_number_col)
    return label, across or is_totals_label(label)


def _label_of(row: list[object], unit_col: int, row_number_col: int | None) -> tuple[str, bool]:
    """The text naming a row (the grid's text is clean already), and whether it is written across the
    row-number column."""
    cell = row[unit_col] if unit_col < len(row) else None
    unit = cell if isinstance(cell, str) else ""
    number_cell = row[row_number_col] if row_number_col is not None and row_number_col < len(row) else None
    if not unit and isinstance(number_cell, str) and not is_numeric_cell(number_cell):
        return number_cell, True
    return unit, False


def _cell_at(row: list[object], col: int) -> object:
    return row[col] if col < len(row) else None


def _labelled(labels: list[str], words: tuple[str, ...]) -> int | None:
    return next((i for i, label in enumerate(labels) if fold(label) in words), None)


def _parent_columns(labels: list[str], unit_col: int) -> tuple[int, ...]:
    """The columns left of the unit column that name units too ("Huyện" beside "Xã", "Tỉnh, thành phố"
    beside "Xã, phường", "Tỉnh" | "Huyện" | "Xã"): a unit's place is told by the units above it."""
    return tuple(i for i in range(unit_col) if is_unit_heading(labels[i]))


def _has_numbers(grid: list[list[object]], body: list[int], col: int) -> bool:
    return any(col < len(grid[r]) and is_numeric_cell(grid[r][col]) for r in body)


def _number(row: list[object], col: Column, r: int, sheet: Sheet, findings: list[Finding]) -> float | None:
    value = row[col.index] if col.index < len(row) else None
    try:
        number = parse_number(value)
    except NotANumber:
        findings.append(finding("not-a-number", file=sheet.file, sheet=sheet.name, row=r + 1,
                                column=f"{col.letter} ({col.label})", value=value))
        return None
    if number is not None and number < 0:
        findings.append(finding("negative-number", file=sheet.file, sheet=sheet.name, row=r + 1,
                                column=f"{col.letter} ({col.label})",
                                value=format_number(number, 0 if float(number).is_integer() else 2)))
        return None
    return number
