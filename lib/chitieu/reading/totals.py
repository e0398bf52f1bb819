"""Which rows of a table sum others up: totals rows at its edges, and group rows heading their units."""

from __future__ import annotations

from operator import attrgetter

from chitieu.names import unit_level
from chitieu.reading.tables import Row, Table


def edge_totals(table: Table, numbered: set[int] | None) -> None:
    """The first and the last row are totals rows, however they are written, when named after a unit of
    a higher level than every other row ("Tỉnh Sóc Trăng" under its districts), or when their figures are
    the sum of the other rows' and they either name a unit above rows of no known level or are left
    unnumbered among numbered rows (``numbered``: the rows with a row number, None without that column)."""
    levels = _levels(table.rows)
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
    if level is None:
        return False
    known = set(others) - {None}
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


def _levels(rows: list[Row]) -> list[int | None]:
    return list(map(unit_level, map(attrgetter("unit"), rows)))


def set_groups(table: Table) -> None:
    """Rows of a higher unit level followed by lower ones ("Huyện Kế Sách" then its
    "Xã …") head a group: they move to ``groups`` and name the parent of the rows under them."""
    levels = _levels(table.rows)
    known = set(levels) - {None}
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
