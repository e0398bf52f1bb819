"""Random files and random workbooks: reading raises nothing but ChitieuError, and every
figure is counted or named by a finding."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chitieu.findings import ChitieuError
from chitieu.mapping.records import read_records
from chitieu.reading.sheets import read_sheets
from corpus import HEADER, counted_sums, valid_xlsx, workbook
from test_nothing_lost import input_sums

SUFFIXES = [".xlsx", ".xls", ".xlsm", ".ods", ".xlsb", ".csv", ".txt", ".pdf", ""]
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=40)
figures = st.one_of(st.none(), st.integers(-1000, 10_000_000),
                    st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False),
                    st.sampled_from(["không", "x", "N/A", "-", "50.802", "1.057,5", "12%", " ", "=1+1"]),
                    st.text(max_size=8))


def read_or_refuse(path: Path) -> None:
    """Read ``path`` both ways; a ChitieuError is an answer, anything else a bug."""
    for read in (read_sheets, lambda p: read_records([p])):
        try:
            read(path)
        except ChitieuError as error:
            assert error.finding.message and error.finding.file == path.name


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(SUFFIXES))
def test_random_bytes_under_any_name_are_refused_or_read(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"tep{suffix}"
        path.write_bytes(data)
        read_or_refuse(path)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=20),
       st.integers(0, 10_000))
@example([(1000, 0)], 0)  # zeroed bytes in deflate streams: zlib.error escaped the stream reader
@example([(714, 0)], 0)
def test_a_damaged_workbook_is_refused_or_read(flips: list[tuple[int, int]], cut: int) -> None:
    data = bytearray(valid_xlsx())
    for at, byte in flips:
        data[at % len(data)] = byte
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hong.xlsx"
        path.write_bytes(bytes(data[: len(data) - cut]))
        read_or_refuse(path)


@st.composite
def tables(draw) -> tuple[list[list[object]], list[tuple[int, int, int, int, object]]]:
    """A header and random rows (names, figures, a totals row perhaps), maybe a figure merged down."""
    rows = [HEADER] + [[i + 1, draw(names), draw(figures), draw(figures)]
                       for i in range(draw(st.integers(0, 12)))]
    if draw(st.booleans()):
        rows.append([None, "Tổng cộng", draw(figures), draw(figures)])
    merged = []
    if len(rows) > 3 and draw(st.booleans()):
        merged.append((1, 2, 2, 2, draw(st.integers(0, 1000))))
    return rows, merged


@FUZZ
@given(tables())
@example(([HEADER, [1, "0", None, "1\x1f"]], []))  # a control character after a figure still counts
@example(([HEADER, [1, "0", None, 0], [2, "", None, None], [3, "", None, None], [4, "", None, None],
           [5, "", None, "1\x1b"]], []))  # … one str.strip() keeps too: the unit-less row is said, not lost
def test_a_random_table_loses_no_figure(table: tuple[list[list[object]], list]) -> None:
    rows, merged = table
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bang.xlsx"
        workbook(rows, merged=merged)(path)
        loaded = read_records([path])
        assert counted_sums(loaded) == pytest.approx(input_sums(path, loaded))


def test_the_fuzzer_would_notice_a_lost_row(tmp_path: Path) -> None:
    """The invariant is not vacuous: a row dropped without a finding breaks it."""
    path = tmp_path / "bang.xlsx"
    workbook([HEADER, [1, "Ấp 1", 10, 2], [2, "Ấp 2", 5, 1]])(path)
    loaded = read_records([path])
    loaded.records = loaded.records[loaded.records["unit"] != "Ấp 2"]
    assert counted_sums(loaded) != pytest.approx(input_sums(path, loaded))


def test_a_member_with_an_unknown_compression_method_is_refused(tmp_path: Path) -> None:
    """zipfile raises NotImplementedError for it, which escaped the stream reader once."""
    data = bytearray(valid_xlsx())
    entry = data.rfind(b"PK\x01\x02", 0, data.rindex(b"xl/_rels/workbook.xml.rels"))  # its central directory entry
    data[entry + 10] = 99  # the compression method
    path = tmp_path / "nen_la.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(ChitieuError) as refused:
        read_records([path])
    assert refused.value.finding.code == "file-unreadable" and refused.value.finding.file == "nen_la.xlsx"
