"""Where a printed sheet's pages break. Excel and LibreOffice ignore manual page breaks on a sheet "fit
to one page wide", so a sheet that must keep rows together gets a print scale computed from its column
widths instead, and breaks computed from its row heights: the closing block stays on the last page
with the last rows of its table, and no page ends on a group heading."""

from __future__ import annotations

import math

A4_LANDSCAPE = (11.69 * 72, 8.27 * 72)  # points
MARGINS = {"left": 0.6, "right": 0.4, "top": 0.6, "bottom": 0.6}  # inches
DIGIT_PIXELS, PADDING_PIXELS = 8, 5  # a column width unit: a digit of Times New Roman 12 pt, at 96 dpi
# The share of a page's width and height planned to be filled: rows have set heights, but a column's
# width in points depends on the program's font metrics.
WIDTH_SAFETY, HEIGHT_SAFETY = 0.94, 0.98
KEEP_WITH_CLOSING = 3  # rows of the table that go with the closing to its page, when they must


def printable(paper: tuple[float, float] = A4_LANDSCAPE) -> tuple[float, float]:
    """Width and height inside the margins, in points."""
    return (paper[0] - (MARGINS["left"] + MARGINS["right"]) * 72,
            paper[1] - (MARGINS["top"] + MARGINS["bottom"]) * 72)


def print_scale(widths: list[float]) -> int:
    """The percentage that fits columns of these widths (Excel's character units) on one page's width.

    >>> print_scale([10] * 5), print_scale([10] * 14)
    (100, 81)
    """
    points = sum(w * DIGIT_PIXELS + PADDING_PIXELS for w in widths) * 0.75
    return max(10, min(100, math.floor(100 * WIDTH_SAFETY * printable()[0] / points)))


def page_breaks(heights: list[float], scale: int, repeated: tuple[int, int], body: tuple[int, int],
                groups: frozenset[int] = frozenset()) -> list[int]:
    """The rows that start a new page, for rows of these ``heights`` (points) printed at ``scale`` %.

    ``repeated`` (first, last) rows print atop every page after the first; ``body`` (first, last) are the
    table's rows; every row after the body is the closing block, kept whole with the table's last rows.
    ``groups`` are rows of group headings, never left alone at the foot of a page.
    """
    page = printable()[1] * 100 / scale * HEIGHT_SAFETY
    header = sum(heights[repeated[0]:repeated[1] + 1])
    breaks, used = [], sum(heights[:body[0]])
    for row in range(body[0], body[1] + 1):
        if used + heights[row] > page:
            start = row - 1 if row - 1 in groups and row - 1 > body[0] else row
            breaks.append(start)
            used = header + sum(heights[start:row])
        used += heights[row]
    tail = sum(heights[body[1] + 1:])
    if used + tail > page:  # the closing block takes the last rows of the table to a page of its own
        breaks.append(_closing_page_start(heights, page - header - tail, body, breaks[-1] if breaks else 0, groups))
    return breaks


def _closing_page_start(heights: list[float], room: float, body: tuple[int, int], last_break: int,
                        groups: frozenset[int]) -> int:
    """The first row of the page that ends with the closing block: the last group of the table whole
    when ``room`` holds it, else its last ``KEEP_WITH_CLOSING`` rows (with their group heading when
    only it and one row would stay behind); the page before keeps two rows at least."""
    earliest, first = body[1] + 1, max(body[0], last_break)
    while earliest - 2 > first and room >= heights[earliest - 1]:  # two rows stay: never a heading alone
        room -= heights[earliest - 1]
        earliest -= 1
    whole = [g for g in groups if earliest <= g <= body[1] and g > first]
    if whole:
        return max(whole)
    row = max(earliest, body[1] + 1 - KEEP_WITH_CLOSING)
    heading = max((g for g in groups if first < g < row), default=None)
    if heading is not None and row - heading <= 2 and heading >= earliest:
        return heading
    return row
