"""A citizen list saved as CSV, read a block at a time: only the columns asked for are turned into
values, so a province's export (millions of rows, beyond Excel's sheet) is counted in bounded memory.

pyarrow's streaming CSV reader parses each block (``CSV_BLOCK`` bytes) on all cores; the chosen
columns of the block are grouped by Arrow at once (``count_csv``) or handed on as a small frame
(``csv_chunks``), and the block is dropped. pyarrow rather than DuckDB: it is a dependency already,
reads the encodings lists come in (DuckDB has no Windows-1258), hands back rows cut short (parsed
here and padded, not lost) and tells progress block by block; measured within 1.5× of DuckDB's own
count of the same file (benchmarks/bench_citizens.py).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from chitieu.findings import fail
from chitieu.reading.sheets import csv_delimiter
from chitieu.reading.stream import Progress

CSV_BLOCK = 4 << 20  # bytes parsed at a time: memory stays a few blocks wide (4 MiB measured best)
HEAD_BYTES = 256 << 10  # enough for the title rows and the header of any list
# Who hears of a long list's progress when the reading goes through callers that do not pass one
# (the app's progress bar, around `read_records`): `reading_progress`.
_LISTENER: ContextVar[Progress | None] = ContextVar("reading_progress", default=None)


@dataclass(frozen=True)
class CsvHead:
    """How a CSV is written (its encoding and separator), and its first rows as text."""

    encoding: str
    delimiter: str
    rows: list[list[str | None]]


def progress_listener(progress: Progress | None) -> Progress | None:
    """Who hears of a list's progress: ``progress`` when given, else the `reading_progress` listener."""
    return progress or _LISTENER.get()


@contextmanager
def reading_progress(listener: Progress) -> Iterator[None]:
    """Within this block, every citizen list read tells ``listener`` the share of it read so far."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)


def opened(source: Path | bytes) -> BinaryIO:
    """A CSV's bytes to read: the file at a path, or bytes already in memory (an upload)."""
    return io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")


def csv_head(source: Path | bytes, rows: int) -> CsvHead | None:
    """The encoding, separator and first ``rows`` rows of a CSV, or None when it cannot be split."""
    with opened(source) as handle:
        data = handle.read(HEAD_BYTES)
    encoding = _encoding(data)
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(data)
    text = text[:text.rfind("\n") + 1] or text
    delimiter = csv_delimiter(text)
    try:
        head = list(itertools.islice(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), rows))
    except csv.Error:
        return None
    return CsvHead(encoding, delimiter, [[value.strip() or None for value in row] for row in head])


def _encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM), else Windows-1258, as `reading.sheets.decode_text`."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data)  # a character cut at the end is not an error
    except UnicodeDecodeError:
        return "cp1258"
    return "utf-8"


def csv_chunks(source: Path | bytes, head: CsvHead, first_row: int, columns: dict[str, int],
               progress: Progress | None = None, name: str = "") -> Iterator[pd.DataFrame]:
    """The ``columns`` (name → 0-based column) of each row from ``first_row`` on, as frames of text
    ("" for a blank cell), one block of the file at a time."""
    for table in _csv_tables(source, head, first_row, columns, progress, name):
        yield pd.DataFrame({role: table[role].to_numpy(zero_copy_only=False) for role in columns}, dtype=object)


def count_csv(source: Path | bytes, head: CsvHead, first_row: int, columns: dict[str, int],
              progress: Progress | None = None, name: str = "") -> tuple[pd.DataFrame, int]:
    """How many rows hold each combination of the ``columns`` (None for blank), and how many rows
    have any of them — as `reading.stream.count_rows` gives for a workbook. Each block is grouped by
    Arrow as soon as it is parsed; only the groups are kept."""
    roles = list(columns)
    parts = [table.group_by(roles, use_threads=False).aggregate([([], "count_all")])
             for table in _csv_tables(source, head, first_row, columns, progress, name)]
    if not parts:
        return pd.DataFrame(columns=[*roles, "value"]).astype({"value": "int64"}), 0
    counted = pa.concat_tables(parts).to_pandas().rename(columns={"count_all": "value"})
    for role in roles:
        text = counted[role].astype(object).str.strip()
        counted[role] = text.where(text != "", None)
    counted = counted[counted[roles].notna().any(axis=1)]
    counted = counted.groupby(roles, sort=False, dropna=False)["value"].sum().reset_index()
    return counted.astype({"value": "int64"}), int(counted["value"].sum())


def _csv_tables(source: Path | bytes, head: CsvHead, first_row: int, columns: dict[str, int],
                progress: Progress | None, name: str) -> Iterator[pa.Table]:
    """The ``columns`` of each block of rows from ``first_row`` on, as Arrow tables of text named by role."""
    width = max(max(map(len, head.rows), default=0), max(columns.values(), default=0) + 1)
    odd: list[str] = []  # rows of another width, handed back by the parser as text
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    progress = progress_listener(progress)
    with opened(source) as handle:
        try:
            reader = pacsv.open_csv(handle, read_options=_read_options(head, first_row, width),
                                    parse_options=_parse_options(head, odd), convert_options=_convert_options(columns))
            for batch in reader:
                yield pa.Table.from_arrays([batch.column(f"c{col}") for col in columns.values()], names=list(columns))
                if odd:
                    yield _odd_rows(odd, head.delimiter, columns)
                    odd.clear()
                if progress:
                    progress(min(handle.tell() / max(size, 1), 1.0))
        except (pa.ArrowInvalid, UnicodeDecodeError):
            raise fail("file-unreadable", file=name) from None
    if odd:
        yield _odd_rows(odd, head.delimiter, columns)


def _read_options(head: CsvHead, first_row: int, width: int) -> pacsv.ReadOptions:
    return pacsv.ReadOptions(skip_rows=first_row, column_names=[f"c{i}" for i in range(width)],
                             block_size=CSV_BLOCK, encoding="utf8" if head.encoding.startswith("utf-8") else head.encoding)


def _parse_options(head: CsvHead, odd: list[str]) -> pacsv.ParseOptions:
    def keep(row: pacsv.InvalidRow) -> str:
        odd.append(row.text)
        return "skip"
    return pacsv.ParseOptions(delimiter=head.delimiter, newlines_in_values=True, invalid_row_handler=keep)


def _convert_options(columns: dict[str, int]) -> pacsv.ConvertOptions:
    names = [f"c{col}" for col in dict.fromkeys(columns.values())]
    return pacsv.ConvertOptions(include_columns=names, column_types={name: pa.string() for name in names},
                                strings_can_be_null=False, quoted_strings_can_be_null=False)


def _odd_rows(texts: list[str], delimiter: str, columns: dict[str, int]) -> pa.Table:
    """Rows cut short or one value too long, parsed and padded to the columns wanted."""
    rows = [next(csv.reader([text], delimiter=delimiter), []) for text in texts]
    return pa.table({role: pa.array([row[col] if col < len(row) else "" for row in rows], pa.string())
                     for role, col in columns.items()})
