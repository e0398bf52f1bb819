"""Reading "Tổng hợp" back as an officer reads it: group headings name the indicator of the rows under them."""

from __future__ import annotations

import re
from itertools import takewhile
from pathlib import Path

import openpyxl

from chitieu.report.build import SUMMARY_SHEET, SUMMARY_TAB_COLUMNS
from chitieu.report.xlsx import HEADING_ROWS

FIRST_BODY_ROW = HEADING_ROWS + 2  # 1-based row of the first group heading in "Tổng hợp"
KEYS = [c.key for c in SUMMARY_TAB_COLUMNS]


def tab_rows(ws, values=None) -> list[dict]:
    """Each unit row of the table: its indicator (from the group heading above it), its figures by column
    key (from ``values``, the same sheet opened with data_only, when given) and its cells."""
    values = values or ws
    rows = takewhile(lambda r: r[0].value is not None or r[1].value is not None,
                     ws.iter_rows(min_row=FIRST_BODY_ROW, max_col=len(KEYS)))
    found, indicator = [], None
    for cells in rows:
        if cells[1].value is None:  # a group heading: "I. <indicator>"
            indicator = str(cells[0].value).partition(". ")[2]
            continue
        figures = [values.cell(cells[0].row, col).value for col in range(1, len(KEYS) + 1)]
        found.append({"indicator": indicator, **dict(zip(KEYS, figures)), "cells": dict(zip(KEYS, cells))})
    return found


def body_units(body) -> list[tuple[str, str]]:
    """(unit, indicator) of each unit row of the "Tổng hợp" description, in order."""
    found, indicator = [], None
    for row, group in zip(body.rows, body.groups):
        if group:
            indicator = row[0].partition(". ")[2]
        else:
            found.append((row[1], indicator))
    return found


def report_texts(path: Path) -> dict[str, str]:
    """Each text cell of "Tổng hợp" by its address."""
    ws = openpyxl.load_workbook(path)[SUMMARY_SHEET]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


def below(texts: dict[str, str], value: str, rows: int) -> str | None:
    """The text ``rows`` rows under the cell holding ``value``, in the same column."""
    (address,) = [a for a, v in texts.items() if v == value]
    column, row = re.fullmatch(r"([A-Z]+)(\d+)", address).groups()
    return texts.get(f"{column}{int(row) + rows}")
