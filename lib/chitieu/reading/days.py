"""Days as columns: a table whose figure columns are headed by days ("18/07", "20/7", "Ngày 21/7", Excel
dates), one column a day, is a daily table. Only the layout is found here; what the figures of the days
are (each day's own, or running totals) is for mapping/days.py to tell by arithmetic."""

from __future__ import annotations

from itertools import pairwise

from chitieu.values import DayLabel, day_label

MIN_DAYS = 2  # fewer day columns make no daily table


def day_columns(headings: dict[int, str]) -> dict[int, DayLabel]:
    """The columns headed by a day (``headings``: each figure column's own heading, under any group
    label), when at least ``MIN_DAYS`` are and their days follow one another; else none.

    >>> day_columns({2: "18/07", 3: "19/07", 4: "Ngày 20/7", 5: "Lũy kế"})
    {2: DayLabel(day=18, month=7, year=None), 3: DayLabel(day=19, month=7, year=None), 4: DayLabel(day=20, month=7, year=None)}
    """
    days = {index: found for index, heading in headings.items() if (found := day_label(heading))}
    return days if len(days) >= MIN_DAYS and _in_order(list(days.values())) else {}


def is_day_row(cells: list[object]) -> bool:
    """Whether header cells are days, as a row under "Kết quả theo ngày" is ("18/07", "19/07" …): not the
    column numbers ("(1)", "(2)", "(3)=(1)+(2)") a row of which may look like them.

    >>> is_day_row(["18/07", "19/07", "20/7"]), is_day_row(["(1)", "(2)", "3=1/2"])
    (True, False)
    """
    return bool(day_columns(dict(enumerate(map(str, cells)))))


def _in_order(days: list[DayLabel]) -> bool:
    """Whether the days go forward column by column, each once."""
    return all(_follows(before, after) for before, after in pairwise(days))


def _follows(before: DayLabel, after: DayLabel) -> bool:
    """Whether ``after`` is a later day than ``before``: in the same year, or in January after December."""
    new_year = before.month == 12 and after.month == 1
    later = (after.month, after.day) > (before.month, before.day)
    if before.year and after.year:
        return later if after.year == before.year else after.year == before.year + 1 and new_year
    return later or new_year
