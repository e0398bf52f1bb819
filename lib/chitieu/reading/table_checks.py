"""Tables that read fine but hold figures that cannot be counted right:

- a table with a header and no data rows;
- a figure merged over several unit rows (it counts for the first unit only);
- figures on a row with no unit name (they cannot be counted for anyone).
"""

from __future__ import annotations

from chitieu.findings import Finding, finding
from chitieu.reading.labels import is_note
from chitieu.reading.layout import Table, is_numeric_cell
from chitieu.reading.sheets import Sheet
from chitieu.reading.xlsx_parts import column_letter
from chitieu.values import format_number, parse_number


def empty_tables(tables: list[Table]) -> list[Finding]:
    """A finding for each table with a header but no unit rows."""
    return [finding("table-empty", file=t.file, sheet=t.sheet, header=t.header_text.strip())
            for t in tables if not t.rows and not t.totals and not t.groups]


def merged_figures(sheet: Sheet, tables: list[Table]) -> list[Finding]:
    """A finding for each range merged down over several unit rows of a figure column."""
    if not sheet.merged:
        return []
    rows = {row.number: row for table in tables for row in table.rows}
    columns = {col.index: col for table in tables for col in table.columns}
    found = []
    for r0, c0, r1, _c1 in sheet.merged:
        first = rows.get(r0 + 1)
        if r1 > r0 and c0 in columns and first is not None and first.values.get(c0) is not None:
            col = columns[c0]
            found.append(finding("merged-figure", file=sheet.file, sheet=sheet.name, row=r0 + 1,
                                 column=f"{column_letter(c0)} ({col.label})", value=format_number(first.values[c0]),
                                 first=str(r0 + 1), last=str(r1 + 1), unit=first.unit))
    return found


def table_span(sheet: Sheet, tables: list[Table], index: int) -> range:
    """The rows (1-based) where table ``index`` keeps its data: from its first unit row to the
    row before the next table's, or before the notes under it ("* Lưu ý", "Ghi chú:"), or the
    sheet's end."""
    numbers = _row_numbers(tables[index])
    if not numbers:
        return range(0)
    end = next((later[0] - 1 for later in map(_row_numbers, tables[index + 1:]) if later), len(sheet.rows))
    note = next((r for r in range(numbers[-1] + 1, end + 1) if _is_note(sheet.rows[r - 1])), end + 1)
    return range(numbers[0], note)


def _row_numbers(table: Table) -> list[int]:
    return sorted(row.number for row in table.rows + table.totals + table.groups)


def _is_note(cells: list[object]) -> bool:
    texts = [v for v in cells if isinstance(v, str) and v.strip()]
    return bool(texts) and is_note(texts[0])


def unlabelled_figures(sheet: Sheet, tables: list[Table]) -> list[Finding]:
    """A finding for each row of a table's span (``table_span``) that holds figures in the
    table's columns but is none of its rows: it has no unit name."""
    found = []
    for i, table in enumerate(tables):
        for r in sorted(set(table_span(sheet, tables, i)).difference(_row_numbers(table))):  # rows of no unit
            cells = sheet.rows[r - 1]
            figures = [col for col in table.columns if col.index < len(cells) and is_numeric_cell(cells[col.index])]
            if figures:
                found.append(finding("row-without-unit", file=sheet.file, sheet=sheet.name, row=r,
                                     column=f"{figures[0].letter} ({figures[0].label})",
                                     values=", ".join(format_number(parse_number(cells[c.index])) for c in figures)))
    return found
