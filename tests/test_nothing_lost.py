"""Nothing lost: every figure of a data row is counted, or a finding says why not.

For each table chitieu finds, the figures of every row from its first unit row to the next table
or the notes under it (``sanity.table_span``; totals and group rows excluded),
read again with openpyxl, add up per indicator to what chitieu counted; a cell left out must
be named by a finding (not a number, negative). For generated files, the sums they were
made with are the truth.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.escape import unescape

from chitieu.mapping.records import read_records
from chitieu.reading.sheets import read_sheets
from chitieu.reading.table_checks import table_span
from chitieu.text import clean
from chitieu.values import NotANumber, parse_number
from conftest import INPUTS
from corpus import READABLE, counted_sums

SAMPLES = sorted(INPUTS.glob("*/*.xlsx"))
FLAGGED = ("negative-number", "not-a-number", "row-without-unit")


def input_sums(path: Path, loaded) -> dict[str, float]:
    """Per "indicator:role", the data rows' figures as openpyxl reads them from the workbook."""
    book = openpyxl.load_workbook(path, data_only=True)
    sheets = {sheet.name: sheet for sheet in read_sheets(path)}
    flagged = {(f.sheet, f.row, f.column.split(" ")[0]) for f in loaded.findings if f.code in FLAGGED}
    flagged |= {(f.sheet, f.row, col.letter) for f in loaded.findings if f.code == "row-without-unit"
                for t in loaded.tables if t.sheet == f.sheet for col in t.columns}
    sums: dict[str, float] = defaultdict(float)
    for table in loaded.tables:
        on_sheet = [t for t in loaded.tables if t.sheet == table.sheet]
        skipped = {row.number for row in table.totals + table.groups}
        data_rows = [r for r in table_span(sheets[table.sheet], on_sheet, on_sheet.index(table)) if r not in skipped]
        mapped = loaded.records[(loaded.records["file"] == table.file) & (loaded.records["sheet"] == table.sheet)]
        for col in table.columns:
            kinds = mapped[mapped["column"] == col.letter][["indicator", "role"]].dropna().drop_duplicates()
            for indicator, role in kinds.itertuples(index=False):
                sums[f"{indicator}:{role}"] += sum(
                    _figure(book[table.sheet].cell(r, col.index + 1).value) for r in data_rows
                    if (table.sheet, r, col.letter) not in flagged)
    return dict(sums)


def _figure(value: object) -> float:
    """The figure an officer sees in the cell: openpyxl leaves a control character as its escape
    ("1_x001F_"), which Excel shows as an invisible character after "1"."""
    try:
        return parse_number(clean(unescape(value)) if isinstance(value, str) else value) or 0.0
    except NotANumber:
        return 0.0


def snapshot_only(loaded) -> bool:
    return not any(t.increments for t in loaded.tables)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_figure_of_a_sample_workbook_is_counted(path: Path) -> None:
    loaded = read_records([path])
    assert loaded.tables and snapshot_only(loaded)
    assert counted_sums(loaded) == pytest.approx(input_sums(path, loaded))


LIGHT = [case for case in READABLE if not case.heavy]


@pytest.mark.parametrize("case", LIGHT, ids=[c.name for c in LIGHT])
def test_a_generated_file_reads_as_it_was_made(case, tmp_path: Path) -> None:
    path = case.path(tmp_path)
    loaded = read_records([path])
    assert counted_sums(loaded) == pytest.approx(case.reading)
    assert set(case.units) <= set(loaded.records["unit"])
    if path.suffix == ".xlsx" and path.read_bytes()[:2] == b"PK" and snapshot_only(loaded):
        assert counted_sums(loaded) == pytest.approx(input_sums(path, loaded))
