"""Who is on a door-to-door worklist: the people of a citizen list not yet done for an indicator
(their status does not count for it), in the hamlets chosen, optionally born in a span of years.

The list is read once, a block at a time (a CSV, an xlsx/xlsm streamed out of its sheet's XML)
or from its grid (.xls, .ods); only the people
of the hamlets chosen are kept, with the few columns a visit needs, and their ID numbers masked as
soon as they are read. Nothing here is written anywhere: the worklist lives in memory until the
workbook (report/worklist.py) is downloaded.

"Done" follows the counting (citizens/counts.py): a status counts for the level it names, and the
campaign figure ("dddt") for either level, so per hamlet ``listed − done`` is exactly the summary's
"not yet done" when the list counts level 2 where people live (no receiving-unit column).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from chitieu.citizens.counts import (
    HEADER_SEARCH_ROWS,
    LEVELS,
    STREAMED_SUFFIXES,
    CitizenColumns,
    find_citizen_columns,
    header_columns,
    status_indicator,
    vocabulary,
)
from chitieu.citizens.rows import Progress, csv_chunks, csv_head, progress_listener
from chitieu.findings import fail
from chitieu.reading.guards import check_file
from chitieu.reading.sheets import CSV_SUFFIXES, read_sheets
from chitieu.reading.stream import read_head, sheet_rows
from chitieu.text import fold, has_word

DONE = {**{code: {code} for code in LEVELS}, "dddt": set(LEVELS)}  # the statuses that count for each indicator
VISIT_ROLES = ("name", "id", "birth", "address", "phone")  # what an officer needs at the door
SHOWN = 3  # digits of an ID number left visible at each end
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_DIGITS = re.compile(r"(\d+)")
EMPTY = pd.DataFrame(columns=["commune", "residence", "status", *VISIT_ROLES, "done"], dtype=object).astype(
    {"done": bool})


@dataclass(frozen=True)
class Worklist:
    """The people to visit (one row each: commune, hamlet and the visit columns, ID masked) and, per
    hamlet chosen, how many are listed, done, not yet done, and on this worklist."""

    file: str
    indicator: str
    people: pd.DataFrame
    counts: pd.DataFrame
    birth_years: tuple[int, int] | None = None


def mask_id(value: object) -> str:
    """An ID number with only its first and last three digits shown: "079160772246" → "079******246"."""
    text = str(value or "").strip()
    if len(text) <= 2 * SHOWN:
        return "*" * len(text)
    return text[:SHOWN] + "*" * (len(text) - 2 * SHOWN) + text[-SHOWN:]


def birth_year(value: object) -> int | None:
    """The year in a birth date as lists write it: a date, 2006, "15/03/2006", "2006-03-15"."""
    if isinstance(value, (date, datetime)):
        return value.year
    if isinstance(value, (int, float)) and 1900 <= value < 2100:
        return int(value)
    found = _YEAR.findall(str(value or ""))
    return int(found[-1]) if found else None


def address_order(text: object) -> tuple:
    """A sort key reading an address as an officer walks it: "Tổ 2, số 9" before "Tổ 2, số 10"."""
    return tuple(int(part) if part.isdigit() else part for part in _DIGITS.split(fold(text)))


def make_worklist(path: str | Path, indicator: str, hamlets: Collection[str] | None = None,
                  birth_years: tuple[int, int] | None = None, progress: Progress | None = None,
                  content: bytes | None = None) -> Worklist:
    """The worklist of ``indicator`` from the citizen list at ``path`` (or ``content``, its bytes
    in memory, named ``path``): everyone not done in each of ``hamlets`` (all when None; names matched
    without case or diacritics), born within ``birth_years`` (both ends counted) when given."""
    if indicator not in DONE:
        raise ValueError(f"unknown indicator {indicator!r}; one of {sorted(DONE)}")
    path = Path(path)
    wanted = {fold(h) for h in hamlets} if hamlets is not None else None
    people, counts = [_visit_rows(EMPTY)], [_counted(EMPTY)]
    for chunk in list_rows(path, progress, content):
        chunk = chunk.assign(done=_per_value(chunk["status"], _status_code).isin(DONE[indicator]))
        if wanted is not None:
            chunk = chunk[_per_value(chunk["residence"], fold).isin(wanted)]
        counts.append(_counted(chunk))
        chunk = chunk[~chunk["done"] & _born_within(chunk["birth"], birth_years)]
        people.append(_visit_rows(chunk))
    return Worklist(path.name, indicator, _sorted(pd.concat(people, ignore_index=True)),
                    _hamlet_counts(counts, people), birth_years)


def list_hamlets(path: str | Path, content: bytes | None = None) -> list[str]:
    """The hamlets (residence units) a citizen list names, in the order first met."""
    seen: dict[str, None] = {}
    for chunk in list_rows(Path(path), content=content):
        seen.update(dict.fromkeys(chunk["residence"].dropna()))
    return list(seen)


def list_rows(path: Path, progress: Progress | None = None, content: bytes | None = None) -> Iterator[pd.DataFrame]:
    """The rows of a citizen list, chunk by chunk: the counted columns and those a visit needs (text
    or None; a column the list lacks is all None). A file that is not a citizen list is refused, and
    so is one beyond the size budget of a list (a list is never held to the grid's cell budget)."""
    check_file(path, content, path.name, grid=False)
    if path.suffix.lower() in CSV_SUFFIXES:
        chunks = _csv_rows(path, progress, content)
    elif path.suffix.lower() in STREAMED_SUFFIXES and (
            head := read_head(_opened(path, content), HEADER_SEARCH_ROWS)) is not None:
        columns = _list_columns(head[1], path)
        chunks = sheet_rows(_opened(path, content), _wanted_columns(head[1][columns.header_row], columns),
                            columns.header_row + 1, progress_listener(progress))
        chunks = (chunk.assign(birth=chunk["birth"].map(_text)) if "birth" in chunk else chunk
                  for chunk in chunks)  # text already, but for a date
    else:  # a .xls/.ods list, or an xlsx whose cells carry no reference: read as a grid
        chunks = (chunk.map(_text) for chunk in _grid_rows(path, content))
    for chunk in chunks:
        chunk = chunk.reindex(columns=["commune", "residence", "status", *VISIT_ROLES])
        yield chunk[chunk[["residence", "status", "name", "id"]].notna().any(axis=1)]


def _opened(path: Path, content: bytes | None) -> Path | io.BytesIO:
    return io.BytesIO(content) if content is not None else path


def _list_columns(head: list[list[object]] | None, path: Path) -> CitizenColumns:
    """The citizen-list columns in a file's first rows; a file without them is refused."""
    columns = find_citizen_columns(head) if head else None
    if columns is None:
        raise fail("not-a-citizen-list", file=path.name)
    return columns


def _csv_rows(path: Path, progress: Progress | None, content: bytes | None) -> Iterator[pd.DataFrame]:
    source = path if content is None else content
    head = csv_head(source, HEADER_SEARCH_ROWS) if content is not None or path.is_file() else None
    columns = _list_columns(head.rows if head else None, path)
    wanted = _wanted_columns(head.rows[columns.header_row], columns)
    return (chunk.map(_text) for chunk in csv_chunks(source, head, columns.header_row + 1, wanted, progress, path.name))


def _grid_rows(path: Path, content: bytes | None) -> Iterator[pd.DataFrame]:
    rows = read_sheets(path, content)[0].rows
    columns = _list_columns(rows[:HEADER_SEARCH_ROWS], path)
    wanted = _wanted_columns(rows[columns.header_row], columns)
    body = rows[columns.header_row + 1:]
    return iter([pd.DataFrame({name: [row[col] if col < len(row) else None for row in body]
                               for name, col in wanted.items()}, dtype=object)])


def _wanted_columns(header: list[object], columns: CitizenColumns) -> dict[str, int]:
    """The columns read for a worklist: where people live, their status, and the visit columns."""
    folded = [fold(v) if isinstance(v, str) else "" for v in header]
    found = header_columns(folded)
    wanted = {"commune": columns.commune, "residence": columns.residence, "status": columns.status,
              "name": found["name"], "id": columns.id}
    words = vocabulary()["columns"]
    for role in ("birth", "address", "phone"):
        taken = {col for col in wanted.values() if col is not None}
        wanted[role] = next((col for word in words[role] for col, text in enumerate(folded)
                             if col not in taken and text and has_word(text, word)), None)
    return {name: col for name, col in wanted.items() if col is not None}


def _text(value: object) -> object:
    """A cell as the worklist shows it: text stripped (None for blank), a date as dd/mm/yyyy,
    a whole number without ".0" (a year, an ID that lost its leading zero stays as it is)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (date, datetime)):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def _counted(chunk: pd.DataFrame) -> pd.DataFrame:
    return chunk.groupby(["commune", "residence"], dropna=False, sort=False)["done"].agg(
        listed="size", done="sum").reset_index()


def _per_value(column: pd.Series, how: Callable[[object], object]) -> pd.Series:
    """``how`` of each value, worked out once per distinct value (a list repeats its hamlets and statuses)."""
    return column.map({value: how(value) for value in column.dropna().unique()})


def _status_code(status: object) -> str | None:
    return status_indicator(status) if isinstance(status, str) else None


def _born_within(births: pd.Series, years: tuple[int, int] | None) -> pd.Series:
    if years is None:
        return pd.Series(True, index=births.index)
    return births.map(birth_year).between(min(years), max(years))


def _visit_rows(chunk: pd.DataFrame) -> pd.DataFrame:
    """The columns a visit needs, the ID masked at once."""
    rows = chunk[["commune", "residence", *VISIT_ROLES, "status"]].rename(columns={"residence": "hamlet"})
    return rows.assign(id=rows["id"].map(lambda v: mask_id(v) if v else None))


def _sorted(people: pd.DataFrame) -> pd.DataFrame:
    """By commune, hamlet and address as an officer walks them ("Ấp 2" before "Ấp 10"), then by name."""
    keys = pd.DataFrame({role: people[role].map(address_order) for role in ("commune", "hamlet", "address")})
    order = keys.assign(name=people["name"].map(fold)).sort_values([*keys.columns, "name"], kind="stable").index
    return people.loc[order].reset_index(drop=True)


def _hamlet_counts(counts: list[pd.DataFrame], people: list[pd.DataFrame]) -> pd.DataFrame:
    """Per hamlet: listed, done, not yet done (listed − done), on the worklist."""
    totals = pd.concat(counts, ignore_index=True).rename(columns={"residence": "hamlet"})
    totals = totals.groupby(["commune", "hamlet"], dropna=False, sort=False)[["listed", "done"]].sum().reset_index()
    on_list = pd.concat(people).groupby(["commune", "hamlet"], dropna=False).size().rename("on_worklist")
    totals = totals.join(on_list, on=["commune", "hamlet"]).fillna({"on_worklist": 0})
    totals = totals.astype({"listed": "int64", "done": "int64", "on_worklist": "int64"})
    return totals.assign(not_done=totals["listed"] - totals["done"])[
        ["commune", "hamlet", "listed", "done", "not_done", "on_worklist"]]
