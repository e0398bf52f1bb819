"""Limits checked before a file is read, so that no file can make chitieu run out of memory or time.

Every reader chitieu uses (calamine, fastexcel, the csv module) costs memory and time in
proportion to the bytes it inflates and the cells it returns, so bounding those two bounds both:

- the file's size on disk (``MAX_FILE_BYTES``);
- for a zip container (xlsx, xlsm, xlsb, ods), from its central directory and before any member
  is inflated: the total inflated size (``MAX_UNPACKED_BYTES``) and each member's compression
  ratio (``MAX_RATIO``) — a zip bomb is a few megabytes that inflate to gigabytes;
- the cells of a sheet read as a grid (``MAX_CELLS``), from the ``<dimension>`` an xlsx declares at
  the top of each sheet (only its first bytes are inflated) or from a CSV's lines and delimiters.

Citizen lists are streamed (only their counted columns are kept) and counted at once, so the
cell budget is for grids only: ``check_file(..., grid=False)``, called before a file is probed for a
citizen list, skips it and allows a larger file (``MAX_LIST_BYTES``, a CSV export of a province),
bounded by the time counting it takes; a file that turns out not to be a list is checked again as a
grid, with the grid's limits, before it is read.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from chitieu.findings import ChitieuError, fail
from chitieu.reading.disguise import SNIFF_BYTES, real_format
from chitieu.reading.xlsx_parts import column_index, sheet_parts
from chitieu.values import format_number

MiB = 1024 * 1024
MAX_FILE_BYTES = 100 * MiB
MAX_LIST_BYTES = 2048 * MiB  # ~20 million people in a CSV list
LIST_BYTES_PER_MINUTE = 400 * MiB  # counted on a shared two-core server (benchmarks/bench_citizens.py)
MAX_UNPACKED_BYTES = 1024 * MiB
MAX_RATIO = 100
RATIO_FROM_BYTES = MiB  # small members (styles, themes) compress well and are harmless
MAX_CELLS = 1_000_000  # a dense grid reads at about 2,000 rows of 4 cells a second (layout), so ~2 minutes at most
DIMENSION_BYTES = 4096  # a sheet's <dimension> comes before its data
CSV_DELIMITERS = b",;\t|"

_DIMENSION = re.compile(rb'<dimension ref="[A-Z]*\d*:?([A-Z]+)(\d+)"')


def check_file(path: Path, content: bytes | None, shown: str, *, grid: bool = True) -> None:
    """Raise a ChitieuError when the file (``content`` if given, else the file at ``path``) is
    beyond the limits; a missing file is left for the reader to report."""
    if content is None and not path.is_file():
        return
    size = len(content) if content is not None else path.stat().st_size
    if not grid and size > MAX_LIST_BYTES:
        raise fail("list-too-large", file=shown, size=size_text(size), limit=size_text(MAX_LIST_BYTES),
                   minutes=format_number(MAX_LIST_BYTES / LIST_BYTES_PER_MINUTE))
    if grid and size > MAX_FILE_BYTES:
        raise fail("file-too-large", file=shown, size=size_text(size), limit=size_text(MAX_FILE_BYTES))
    real = real_format(content[:SNIFF_BYTES] if content is not None else _head(path))
    if real == "zip":
        _check_zip(path, content, shown, grid)
    elif grid and real in ("text", "html"):
        data = content if content is not None else path.read_bytes()
        _check_cells(shown, Path(shown).stem, *(html_shape(data) if real == "html" else csv_shape(data)))


def size_text(size: int) -> str:
    """Bytes as an officer reads them: "1,5 MB", "2.048 MB"."""
    return f"{format_number(size / MiB, 1)} MB"


def _head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(SNIFF_BYTES)


def _check_zip(path: Path, content: bytes | None, shown: str, grid: bool) -> None:
    try:
        with zipfile.ZipFile(path if content is None else io.BytesIO(content)) as book:
            members = book.infolist()
            _check_unpacked(members, shown)
            if grid:
                for sheet, rows, columns in xlsx_dimensions(book):
                    _check_cells(shown, sheet, rows, columns)
    except ChitieuError:
        raise
    except Exception:  # a damaged zip (bad directory, bad deflate stream …): the reader says it is unreadable
        return


def _check_unpacked(members: list[zipfile.ZipInfo], shown: str) -> None:
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise fail("zip-too-large", file=shown, unpacked=size_text(unpacked),
                   limit=size_text(MAX_UNPACKED_BYTES))
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise fail("zip-ratio", file=shown, member=member.filename, packed=size_text(member.compress_size),
                       unpacked=size_text(member.file_size), ratio=format_number(ratio), limit=MAX_RATIO)


def xlsx_dimensions(book: zipfile.ZipFile) -> list[tuple[str, int, int]]:
    """(sheet name, rows, columns) of each xlsx sheet that declares its dimension; only the
    first ``DIMENSION_BYTES`` of each sheet are inflated."""
    found = []
    names = set(book.namelist())
    for sheet, part in sheet_parts(book).items():
        if part in names:
            with book.open(part) as stream:
                match = _DIMENSION.search(stream.read(DIMENSION_BYTES))
            if match:
                found.append((sheet, int(match.group(2)), column_index(match.group(1)) + 1))
    return found


def csv_shape(data: bytes) -> tuple[int, int]:
    """Lines and columns of a CSV, estimated from its bytes without decoding it: the lines
    counted, the columns from the commonest delimiter of the first line."""
    first = data[:data.find(b"\n")] if b"\n" in data else data
    columns = 1 + max(first.count(bytes([d])) for d in CSV_DELIMITERS)
    return data.count(b"\n") + 1, columns


def html_shape(data: bytes) -> tuple[int, int]:
    """Rows and (average) columns of the tables in an HTML page, from its tags."""
    lower = data.lower()
    rows = max(lower.count(b"<tr"), 1)
    return rows, -(-(lower.count(b"<td") + lower.count(b"<th")) // rows)


def _check_cells(shown: str, sheet: str, rows: int, columns: int) -> None:
    if rows * columns > MAX_CELLS:
        raise fail("too-many-cells", file=shown, sheet=sheet, rows=format_number(rows),
                   columns=format_number(columns), cells=format_number(rows * columns),
                   limit=format_number(MAX_CELLS))
