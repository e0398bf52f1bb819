"""A daily table's results: a figure column per day ("18/07", "20/7", "Ngày 21/7", Excel dates; found by
reading/days.py), maybe beside a total ("Lũy kế", "Tổng cộng", "Cộng dồn"). What the days hold is told by
arithmetic, row by row:

- a column equal to the sum of the day columns is their total, and the days are each day's own figures;
- day columns that never decrease and end at a column's figure are running totals, that column their total;
- where no column fits, the one column whose header says it is a result ("Lũy kế") is their total;
- with no such column, days that fall on some row are each day's own; days that never fall are running
  totals unless the header says they are the day's own ("trong ngày", "tăng thêm"); a warning says so
  when nothing but the figures tells (read as running totals: never the days added up unasked).

Each unit gets its cumulative result on each day; on the last day it is the total's figure where there is
one (a row whose total does not fit its days is a warning naming the unit and both figures). A day heading
without its year takes the year of the table's title, sheet or file, else the campaign's (summary/campaign.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate, pairwise

from chitieu.findings import Finding, finding
from chitieu.mapping.catalog import SURE, Catalog, ColumnMapping, evidence
from chitieu.reading.layout import Column, Row, Table
from chitieu.text import fold, has_word
from chitieu.values import DayLabel, date_in_file_name, dates_in_text, format_number, year_in_text

Mapped = list[tuple[Column, ColumnMapping]]
OWN_DAY_WORDS = ("trong ngay", "hang ngay", "moi ngay", "tang them", "phat sinh", "so moi")
RUNNING_WORDS = ("luy ke", "cong don")


@dataclass(frozen=True)
class Series:
    """Day columns of one group, in sheet order, and the column that totals them, if any."""

    days: tuple[Column, ...]
    mapping: ColumnMapping  # the indicator of every day, as a result
    total: Column | None
    running: bool  # the days hold running totals, not each day's own figure
    told: bool  # the figures or the header told which; else a warning says it is a guess


def daily_series(table: Table, mapped: Mapped, catalog: Catalog, fixed: set[int]) -> list[Series]:
    """The table's series of day columns (none unless it is a daily table), each with its indicator, its
    total and what its days hold. ``fixed``: the positions an officer mapped, left as they are."""
    groups: dict[str, list[int]] = {}
    for i, (col, _) in enumerate(mapped):
        if col.index in table.days and i not in fixed and _counts_results(catalog, col.label):
            groups.setdefault(col.group, []).append(i)
    series, taken = [], set()
    for group, members in groups.items():
        if len(members) < 2:
            continue
        days = tuple(mapped[i][0] for i in members)
        mapping = _series_mapping(catalog, table.title, group, [m for i, (_, m) in enumerate(mapped)
                                                                if i not in members])
        others = [col for i, (col, m) in enumerate(mapped) if col.index not in table.days and i not in fixed
                  and col.index not in taken and _may_total(catalog, col, m, mapping.indicator)]
        named = [col for col in others if catalog.role_of(col.label) == "result"]
        total, running, told = _total_and_kind(table, days, others, named, f"{group} {table.title}")
        if total is not None:
            taken.add(total.index)
        series.append(Series(days, mapping, total, running, told))
    return series


def series_mappings(mapped: Mapped, series: list[Series]) -> Mapped:
    """``mapped`` with every day column and total of a series read as the series' result."""
    mine = {col.index: s.mapping for s in series for col in (*s.days, s.total) if col is not None}
    return [(col, mine.get(col.index, mapping)) for col, mapping in mapped]


def _counts_results(catalog: Catalog, label: str) -> bool:
    """Whether figures under a day heading are results: the header names no other role, or names results."""
    role = catalog.role_of(label)
    return role in (None, "result", "daily_quota") and not has_word(fold(label), "chi tieu")


def _may_total(catalog: Catalog, col: Column, mapping: ColumnMapping, indicator: str | None) -> bool:
    """Whether a column may total the days: its header names no role but a result, and no other indicator."""
    return catalog.role_of(col.label) in (None, "result") and mapping.indicator in (None, indicator)


def _series_mapping(catalog: Catalog, title: str, group: str, others: list[ColumnMapping]) -> ColumnMapping:
    """The days' indicator, as a result: named by their group label, else by the title, else the one
    indicator of the table's other columns."""
    for text, sure, code in ((group, 1.0, "days-group"), (title, SURE + 0.1, "days-title")):
        found = catalog.map_column(text, "", "result") if text else None
        if found and found.indicator:
            return ColumnMapping(found.indicator, "result", sure, evidence=(evidence(code, text=text),))
    named = {m.indicator for m in others if m.indicator}
    if len(named) != 1:
        return ColumnMapping(None, "result", 0.0)
    indicator = named.pop()
    reason = evidence("days-table", indicator=catalog.label(indicator))
    return ColumnMapping(indicator, "result", SURE, evidence=(reason,))


def _total_and_kind(table: Table, days: tuple[Column, ...], others: list[Column], named: list[Column],
                    header: str) -> tuple[Column | None, bool, bool]:
    """The column totalling the days, whether the days are running totals, and whether the figures or the
    header told that (else it is a guess). The total is the column of ``others`` whose figures fit most
    rows (those right of the days first), else the one column ``named`` a result by its header ("Lũy kế")."""
    best, fits = None, (0, 0)
    right = [col for col in others if col.index > days[-1].index] + [col for col in others
                                                                       if col.index < days[-1].index]
    for col in right:
        sums, lasts, given = _fits(table, days, col)
        if max(sums, lasts) > max(fits) and 2 * max(sums, lasts) > given:
            best, fits = col, (sums, lasts)
    if best is not None:  # where both fit (one day's figure a row), the total is the result either way
        return best, fits[1] > fits[0] or (fits[1] == fits[0] and _says(header, RUNNING_WORDS)), True
    total = named[0] if len(named) == 1 else None
    if any(_falls(_figures(row, days)) for row in table.rows):
        return total, False, True
    own, running = _says(header, OWN_DAY_WORDS), _says(header, RUNNING_WORDS)
    return total, not own, own or running


def _fits(table: Table, days: tuple[Column, ...], total: Column) -> tuple[int, int, int]:
    """On how many rows ``total`` is the sum of the days, on how many their last figure with the days
    never falling, and how many rows give it."""
    sums = lasts = given = 0
    for row in table.rows:
        figure = row.values.get(total.index)
        figures = [value for value in _figures(row, days) if value is not None]
        if figure is None or not figures:
            continue
        given += 1
        sums += abs(sum(figures) - figure) < 1e-9
        lasts += abs(figures[-1] - figure) < 1e-9 and not _falls(figures)
    return sums, lasts, given


def _figures(row: Row, days: tuple[Column, ...]) -> list[float | None]:
    return [row.values.get(col.index) for col in days]


def _falls(figures: list[float | None]) -> bool:
    given = [value for value in figures if value is not None]
    return any(after < before for before, after in pairwise(given))


def _says(text: str, words: tuple[str, ...]) -> bool:
    folded = fold(text)
    return any(has_word(folded, word) for word in words)


def day_dates(table: Table, days: tuple[Column, ...]) -> list[date | DayLabel]:
    """Each day column's date: the heading's own year, else the first day nearest the dates (or the year)
    of the table's title, sheet or file and each next day after the one before (into January after
    December); a heading's day as it is when nothing says the year (the campaign's will say it)."""
    span = _span(table)
    dates: list[date | DayLabel] = []
    for col in days:
        label = table.days[col.index]
        before = dates[-1] if dates and isinstance(dates[-1], date) else None
        if label.year or span is None:
            dates.append(label.on(label.year) if label.year else label)
        elif before is not None:
            dates.append(label.near(before, before + timedelta(days=366)) or label)
        else:
            dates.append(label.near(*span) or label)
    return dates


def _span(table: Table) -> tuple[date, date] | None:
    """The dates a table names in its title, else in its sheet's or file's name, else the year it names."""
    for text in (table.title, table.sheet, table.file):
        if found := dates_in_text(text) or [d for d in [date_in_file_name(text)] if d]:
            return min(found), max(found)
    year = year_in_text(f"{table.title} {table.sheet} {table.file}")
    return (date(year, 1, 1), date(year, 12, 31)) if year else None


def cumulative(row: Row, series: Series) -> list[tuple[Column, float | None]]:
    """A unit's cumulative result on each day, from its figures (None on a day a running total is not
    given); on the last day, its total's figure where it has one."""
    figures = _figures(row, series.days)
    values = figures if series.running else list(accumulate(value or 0.0 for value in figures))
    shown: list[tuple[Column, float | None]] = list(zip(series.days, values))
    published = row.values.get(series.total.index) if series.total is not None else None
    if published is not None:
        shown[-1] = (series.total, published)
    return shown if any(value is not None for value in figures) or published is not None else []


def series_findings(table: Table, series: Series) -> list[Finding]:
    """What a user should know of a series: how it was read (an info), a guess (a warning), and each row
    whose total does not fit its days (a warning naming the unit and both figures)."""
    first, last = (str(table.days[col.index]) for col in (series.days[0], series.days[-1]))
    place = {"file": table.file, "sheet": table.sheet, "first": first, "last": last}
    columns = f"{series.days[0].letter}–{(series.total or series.days[-1]).letter}"
    total = series.total or series.days[-1]
    found = [finding("daily-table-running" if series.running else "daily-table-own", **place, column=columns,
                     count=len(series.days), total=total.label)]
    if not series.told:
        found.append(finding("daily-kind-unknown", **place, column=columns))
    for row in table.rows if series.total is not None else []:
        published = row.values.get(total.index)
        figures = [value for value in _figures(row, series.days) if value is not None]
        computed = (figures[-1] if series.running else sum(figures)) if figures else None
        if published is not None and computed is not None and abs(computed - published) > 1e-9:
            found.append(finding("daily-running-mismatch" if series.running else "daily-total-mismatch", **place,
                                 row=row.number, column=f"{total.letter} ({total.label})", unit=row.unit,
                                 total=total.label, published=format_number(published),
                                 computed=format_number(computed)))
    return found
