"""A citizen list saved as CSV, read a block at a time: only the columns asked for are turned into
values, so a province's export (millions of rows, beyond Excel's sheet) is counted in bounded memory.

pyarrow's streaming CSV reader parses each block (``CSV_BLOCK`` bytes) on all cores; the chosen
columns of the block are grouped at once (``count_csv``) or handed on as a small frame
(``csv_chunks``), and the block is dropped. Chosen over DuckDB by measurement (benchmarks/README.md):
as fast on the same file, with no second engine to ship. A hand-edited row cut short (or one value
too long) is not lost: pyarrow hands it back as text and it is parsed here, padded to the header.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from chitieu.findings import fail
from chitieu.reading.sheets import csv_delimiter

CSV_BLOCK = 8 << 20  # bytes parsed at a time: memory stays a few blocks wide
HEAD_BYTES = 256 << 10  # enough for the title rows and the header of any list
Progress = Callable[[float], None]  # the share of the file read so far (0 to 1)


@dataclass(frozen=True)
class CsvHead:
    """How a CSV is written (its encoding and separator), and its first rows as text."""

    encoding: str
    delimiter: str
    rows: list[list[str | None]]


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
    width = max(max(map(len, head.rows), default=0), max(columns.values(), default=0) + 1)
    odd: list[str] = []  # rows of another width, handed back by the parser as text
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    with opened(source) as handle:
        try:
            reader = pacsv.open_csv(handle, read_options=_read_options(head, first_row, width),
                                    parse_options=_parse_options(head, odd), convert_options=_convert_options(columns))
            for batch in reader:
                yield _named(batch.to_pandas(), columns)
                if odd:
                    yield _odd_rows(odd, head.delimiter, columns)
                    odd.clear()
                if progress:
                    progress(min(handle.tell() / max(size, 1), 1.0))
        except (pa.ArrowInvalid, UnicodeDecodeError):
            raise fail("file-unreadable", file=name) from None
    if odd:
        yield _odd_rows(odd, head.delimiter, columns)


def count_csv(source: Path | bytes, head: CsvHead, first_row: int, columns: dict[str, int],
              progress: Progress | None = None, name: str = "") -> tuple[pd.DataFrame, int]:
    """How many rows hold each combination of the ``columns`` (None for blank), and how many rows
    have any of them — as `reading.stream.count_rows` gives for a workbook."""
    parts = [chunk.groupby(list(columns), sort=False).size().reset_index(name="value")
             for chunk in csv_chunks(source, head, first_row, columns, progress, name)]
    counted = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[*columns, "value"])
    for role in columns:
        text = counted[role].astype(str).str.strip()
        counted[role] = text.where(text != "", None)
    counted = counted[counted[list(columns)].notna().any(axis=1)]
    counted = counted.groupby(list(columns), sort=False, dropna=False)["value"].sum().reset_index()
    return counted.astype({"value": "int64"}), int(counted["value"].sum())


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


def _named(frame: pd.DataFrame, columns: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({name: frame[f"c{col}"].to_numpy() for name, col in columns.items()}, dtype=object)


def _odd_rows(texts: list[str], delimiter: str, columns: dict[str, int]) -> pd.DataFrame:
    """Rows cut short or one value too long, parsed and padded to the columns wanted."""
    rows = [next(csv.reader([text], delimiter=delimiter), []) for text in texts]
    return pd.DataFrame({role: [row[col] if col < len(row) else "" for row in rows]
                         for role, col in columns.items()}, dtype=object)
