"""Find the table in a sheet: title rows, the header block, unit rows, totals and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from unicodedata import is_normalized

from chitieu.findings import Finding, finding
from chitieu.names import PATH_SEPARATOR, is_unit_heading
from chitieu.reading.days import day_columns, is_day_row
from chitieu.reading.labels import is_note, is_totals_label
from chitieu.reading.sheets import Sheet
from chitieu.reading.tables import Column, Row, Table
from chitieu.reading.totals import edge_totals, set_groups
from chitieu.reading.xlsx_parts import column_letter
from chitieu.text import clean, fold
from chitieu.values import NotANumber, format_number, parse_date, parse_number

ROW_NUMBER_WORDS = ("stt", "tt", "so tt", "so thu tu")
NOTE_HEADER_WORDS = ("ghi chu",)
# An increments table names, on each row, the day and the indicator of the figure.
DATE_HEADER_WORDS = ("ngay", "ngay bao cao", "ngay thang", "thoi gian")
SUBJECT_HEADER_WORDS = ("chi tieu", "ten chi tieu", "noi dung", "linh vuc")
MAX_HEADER_ROWS = 3


def find_tables(sheet: Sheet) -> tuple[list[Table], list[Finding]]:
    """The tables of a sheet, top to bottom, and what was wrong in them.

    A table ends at the notes under it or at the header row of the next table.
    """
    grid = sheet.rows  # text is cleaned where it is read (titles, labels, unit names), not cell by cell
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


@lru_cache(maxsize=1 << 17)  # a unit's name comes back in every day's file
def _clean_text(text: str) -> str:
    """``clean`` text, checked in C first: the cells of a long table are nearly all clean already."""
    if text.isprintable() and is_normalized("NFC", text) and "  " not in text and text == text.strip():
        return text
    return clean(text)


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
    numbers = [line[0] for line in body]
    number_cols = [i for i in range(len(labels)) if i not in skip and _has_numbers(grid, numbers, i)]
    columns = [Column(i, column_letter(i), labels[i] or column_letter(i), " - ".join(parts[i][:-1]))
               for i in number_cols]
    title = " ".join(text for r in range(title_from, header_at) if (text := _row_text(grid[r])))
    table = Table(sheet.file, sheet.name, title, columns, [], header_text=" ".join(labels),
                  increments=roles.increments, days=day_columns({col.index: col.heading for col in columns}))
    table.rows, table.totals, numbered = _body(grid, body, roles, columns, sheet, findings)
    if not roles.increments:  # rows by day and indicator: a first or last row sums nothing up
        edge_totals(table, numbered if roles.row_number is not None else None)
    table.totals.sort(key=lambda row: row.number)
    table.parent = next((row.unit for row in table.totals if not is_totals_label(row.unit)), None)
    set_groups(table)
    return table, findings, end


def _body(grid: list[list[object]], body: list[tuple[int, str, bool]], roles: _ColumnRoles, columns: list[Column],
          sheet: Sheet, findings: list[Finding]) -> tuple[list[Row], list[Row], set[int]]:
    """The body's unit rows and totals rows, and the numbers of the rows with a row number. Read column by
    column: a national table has thousands of rows, and each day's file repeats them."""
    numbers = [line[0] for line in body]
    lines = [grid[r] for r in numbers]
    width = max(map(len, lines), default=0)
    if min(map(len, lines), default=width) < width:  # a CSV's rows may end early; a workbook's are all as wide
        lines = [[*line, *[None] * (width - len(line))] for line in lines]
    cells = list(zip(*lines))
    blank = [None] * len(lines)
    figures, problems = [], []
    for position, col in enumerate(columns):
        figures.append([value if value.__class__ is float and value >= 0
                        else _number(value, col, r, sheet, problems, position)
                        for value, r in zip(cells[col.index], numbers)])
    findings += [found for *_, found in sorted(problems, key=lambda problem: problem[:2])]  # row by row
    indices = [col.index for col in columns]
    parents = _parent_paths([cells[col] if col < width else blank for col in roles.parents], len(lines))
    row_numbers = cells[roles.row_number] if roles.row_number is not None and roles.row_number < width else blank
    rows: list[Row] = []
    totals: list[Row] = []
    increments = roles.increments
    for line, (r, label, across), values, parent in zip(lines, body, _row_values(indices, figures, len(lines)),
                                                        parents):
        row = Row(r + 1, label, values, parent)
        if increments:
            row.day, row.subject = parse_date(_cell_at(line, roles.day)), clean(_cell_at(line, roles.subject))
        (totals if across or is_totals_label(label) else rows).append(row)
    numbered = {r + 1 for r, number in zip(numbers, row_numbers)
                if number.__class__ is float or number.__class__ is int or is_numeric_cell(number)}  # numbers first
    return rows, totals, numbered


def _row_values(indices: list[int], figures: list[list[float | None]], count: int) -> list[dict[int, float | None]]:
    """Each row's figures by column index, built a column at a time: a dict of the first column's figure, then
    each other column's set in it (a ``dict(zip(...))`` a row costs several times more)."""
    if not indices:
        return [{} for _ in range(count)]
    values = [{indices[0]: figure} for figure in figures[0]]
    for index, column in zip(indices[1:], figures[1:]):
        for row, figure in zip(values, column):
            row[index] = figure
    return values


def _parent_paths(columns: list[list[object]], count: int) -> list[str | None]:
    """Each row's parent path from the parent columns, outermost first: a parent's name is merged down
    its units, so only the first cell holds it, and it stands until the next name."""
    filled = []
    for column in columns:
        seen, last, names = None, None, []
        for value in column:
            if value.__class__ is str and value != seen:  # most cells repeat the name above: cleaned once
                seen, last = value, _clean_text(value) or last
            names.append(last)
        filled.append(names)
    if len(filled) == 1:  # one parent column ("Tỉnh, thành phố"): its names are the paths
        return filled[0]
    return [PATH_SEPARATOR.join(filter(None, names)) or None for names in zip(*filled)] if filled else [None] * count


def _row_text(row: list[object]) -> str:
    return clean(" ".join(str(v) for v in row if v not in (None, "")))


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
               row_number_col: int | None) -> tuple[list[tuple[int, str, bool]], int]:
    """Rows holding a unit or a total, up to the notes under the table or the next table's header, each as
    (row, label, whether written across the row-number column: ``_label_of``); and the row where the table
    ends."""
    rows = []
    for r in range(first, len(grid)):
        row = grid[r]
        # figures first: a row with one is no header, and seeing so is cheaper than folding its text
        if not _has_figure(row) and _is_header_row(row):
            title_at = _title_start(grid, first, r)
            return [line for line in rows if line[0] < title_at], title_at
        label, across = _label_of(row, unit_col, row_number_col)
        if not label:
            continue
        if is_note(label):
            return rows, r
        rows.append((r, label, across))
    return rows, len(grid)


def _has_figure(row: list[object]) -> bool:
    """Whether a row holds a number, or text that reads as one (numbers first: they are met nearly always)."""
    return float in map(type, row) or int in map(type, row) or any(is_numeric_cell(v) for v in row
                                                                   if v.__class__ is str)


def _title_start(grid: list[list[object]], after: int, header_at: int) -> int:
    """Where the next table's title rows begin: after the last blank row above its header."""
    blanks = [r for r in range(after, header_at) if not _row_text(grid[r])]
    return blanks[-1] + 1 if blanks else after


def _label_of(row: list[object], unit_col: int, row_number_col: int | None) -> tuple[str, bool]:
    """The text naming a row, and whether it is written across the row-number column (a label merged over
    "TT" and "Đơn vị", as a totals row "Tỉnh Sóc Trăng" may be)."""
    cell = row[unit_col] if unit_col < len(row) else None
    unit = _clean_text(cell) if cell.__class__ is str else ""
    if unit:
        return unit, False
    number_cell = row[row_number_col] if row_number_col is not None and row_number_col < len(row) else None
    if isinstance(number_cell, str) and not is_numeric_cell(number_cell):
        return _clean_text(number_cell), True
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


def _number(value: object, col: Column, r: int, sheet: Sheet, problems: list[tuple[int, int, Finding]],
            position: int) -> float | None:
    """A figure cell as a number; None, with a finding at (row, column position), when it is not one or
    is below zero."""
    try:
        number = parse_number(value)
    except NotANumber:
        problems.append((r, position, finding("not-a-number", file=sheet.file, sheet=sheet.name, row=r + 1,
                                              column=f"{col.letter} ({col.label})", value=value)))
        return None
    if number is not None and number < 0:
        problems.append((r, position, finding("negative-number", file=sheet.file, sheet=sheet.name, row=r + 1,
                                              column=f"{col.letter} ({col.label})",
                                              value=format_number(number, 0 if float(number).is_integer() else 2))))
        return None
    return number
