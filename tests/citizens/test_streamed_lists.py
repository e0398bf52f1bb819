"""An xlsx citizen list read for a worklist as it is counted: streamed out of the sheet's XML, never
held to the grid's cell budget, its rows in sheet order and whole across chunk boundaries, and the
reading's progress told within the file."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.citizens.rows import reading_progress
from chitieu.citizens.worklist import list_rows, make_worklist
from chitieu.findings import ChitieuError
from chitieu.mapping.records import read_records
from chitieu.reading import guards, stream
from chitieu.reading.sheets import read_sheets
from chitieu.summary.files import summarise_files

from .test_worklist import HAMLETS, HEADER, people, write_list, write_quota


def with_blanks_and_numbers(rows: list[list[object]]) -> list[list[object]]:
    """People as hand-kept lists have them: some cells left blank, some IDs typed as numbers."""
    for i, row in enumerate(rows):
        if i % 5 == 1:
            row[5] = None  # no address
        if i % 7 == 2:
            row[7] = row[3] = None  # no phone, no birth date
        if i % 3 == 0:
            row[2] = int(row[2])  # an ID typed as a number loses its leading zero
    return rows


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    lines = [HEADER, *([("" if v is None else str(v)) for v in row] for row in rows)]
    path.write_text("\n".join(";".join(line) for line in lines) + "\n", encoding="utf-8")
    return path


def test_an_xlsx_list_beyond_the_grid_budget_gives_the_worklist_its_csv_gives(tmp_path: Path, monkeypatch) -> None:
    rows = with_blanks_and_numbers(people(400))
    listed = write_list(tmp_path / "ds_2024-05-31.xlsx", rows)
    monkeypatch.setattr(guards, "MAX_CELLS", 1000)  # 400 people × 9 columns is beyond it
    monkeypatch.setattr(stream, "CHUNK", 2048)  # dozens of chunks: rows meet chunk boundaries
    with pytest.raises(ChitieuError):
        read_sheets(listed)
    chunks = list(list_rows(listed))
    assert len(chunks) > 10
    streamed = pd.concat(chunks, ignore_index=True)
    for role, col in (("name", 1), ("id", 2), ("address", 5), ("phone", 7)):
        assert [v if isinstance(v, str) else None for v in streamed[role]] == [
            None if row[col] is None else str(row[col]) for row in rows], role

    from_xlsx = make_worklist(listed, "dddt")
    from_csv = make_worklist(write_csv(tmp_path / "ds.csv", rows), "dddt")
    assert from_xlsx.people.drop(columns="commune").equals(from_csv.people.drop(columns="commune"))
    assert from_xlsx.counts.drop(columns="commune").equals(from_csv.counts.drop(columns="commune"))
    summary = summarise_files([write_quota(tmp_path / "chi_tieu.xlsx", rows)], [listed], start=date(2024, 5, 1),
                              end=date(2024, 6, 30))
    remaining = {r.unit: r.remaining for r in summary.table[summary.table["indicator"] == "dddt"].itertuples()
                 if r.unit in HAMLETS}
    assert dict(zip(from_xlsx.counts["hamlet"], from_xlsx.counts["not_done"])) == remaining
    assert from_xlsx.counts["on_worklist"].sum() == sum(remaining.values()) > 0


TEXTS = st.text(st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyÁÀẢÃẠàạấầẩẫậ 0123456789&<>\"'.,/-"), max_size=12)
RICH = st.tuples(TEXTS.filter(bool), TEXTS.filter(bool))  # text in two runs, the first bold
CELLS = st.one_of(st.none(), TEXTS, RICH, st.integers(0, 10**12),
                  st.dates(date(1930, 1, 1), date(2030, 12, 31)).map(lambda d: datetime(d.year, d.month, d.day)))


def write_grid(path: Path, grid: list[list[object]], inline: bool) -> Path:
    """A sheet with the cells as given: text (shared or inline strings, plain or rich), numbers, dates
    shown as dates."""
    book = xlsxwriter.Workbook(path, {"constant_memory": inline})
    sheet, shown, bold = book.add_worksheet(), book.add_format({"num_format": "dd/mm/yyyy"}), book.add_format({"bold": True})
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if isinstance(value, tuple):
                sheet.write_rich_string(r, c, bold, *value)
            elif isinstance(value, datetime):
                sheet.write_datetime(r, c, value, shown)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write_number(r, c, value)
    book.close()
    return path


def as_read(value: object) -> object:
    """A cell as the stream gives it: text stripped (None when blank), a number as its text."""
    if isinstance(value, str):
        return value.strip() or None
    return str(value) if isinstance(value, int) else value


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(CELLS, min_size=6, max_size=6), min_size=1, max_size=40),
       st.sets(st.integers(0, 5), min_size=1), st.integers(0, 3), st.booleans())
def test_streamed_rows_are_the_rows_openpyxl_reads(tmp_path: Path, monkeypatch, grid, chosen, first_row,
                                                   inline) -> None:
    monkeypatch.setattr(stream, "CHUNK", 256)
    path = write_grid(tmp_path / f"ds_{inline}.xlsx", grid, inline)
    columns = {f"c{col}": col for col in sorted(chosen)}
    sheet = openpyxl.load_workbook(path).active
    expected = [[as_read(row[col]) for col in columns.values()]
                for row in sheet.iter_rows(min_row=first_row + 1, max_col=6, values_only=True)]
    expected = [row for row in expected if any(v is not None for v in row)]
    frames = list(stream.sheet_rows(path, columns, first_row))
    found = [list(row) for frame in frames for row in frame.itertuples(index=False)]
    assert found == expected


def test_counting_an_xlsx_list_tells_progress_within_the_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(stream, "CHUNK", 4096)
    path = write_list(tmp_path / "ds.xlsx", people(600))
    shares: list[float] = []
    with reading_progress(shares.append):
        read_records([path], "result")
    assert len(set(shares)) > 5 and shares == sorted(shares) and shares[-1] == 1.0 and shares[0] < 0.5


def test_a_worklist_from_an_xlsx_list_tells_progress_within_the_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(stream, "CHUNK", 4096)
    path = write_list(tmp_path / "ds.xlsx", people(600))
    shares: list[float] = []
    make_worklist(path, "dddt", progress=shares.append)
    assert len(set(shares)) > 5 and shares == sorted(shares) and shares[-1] == 1.0 and shares[0] < 0.5
