"""Chosen columns of an xlsx/xlsm sheet, streamed out of the zip without reading the rest.

A citizen list of a million people is a sheet XML of half a gigabyte, most of it
names, ID numbers and birth dates. Here the sheet is decompressed in chunks and a
compiled bytes regex, anchored on the cell reference (``<c r="F12" ...>``), picks only
the cells of the counted columns; their text is never decoded per cell: each distinct
cell (``<v>3</v>`` of a shared string, ``<is><t>Ấp 2</t></is>`` of an inline one) gets a
number, and the rows are kept as arrays of those numbers. Shared strings are read
afterwards, only at the indices the counted columns use, so the names and IDs in
``sharedStrings.xml`` are skipped without being cut out either.

A worklist needs the people themselves (`sheet_rows`): the same regex picks the visit
columns too, and each chunk's cells become a frame of text at once, in sheet order; the
shared strings are then read forward only as far as the rows met point into them, and
kept as their XML (not a Python string per item) for the rows further down.

The sheet must give each cell its reference (``r="F12"``), as Excel and the usual
libraries do; the spec allows leaving it out, and then `read_head` answers None and
the caller reads the workbook with calamine instead.
"""

from __future__ import annotations

import bisect
import html
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from chitieu.findings import fail
from chitieu.reading.xlsx_parts import DAMAGED_ZIP, column_index, column_letter, sheet_parts

CHUNK = 1 << 20  # decompressed bytes per read
HEAD_CHUNK = 1 << 16  # per read of a sheet's first rows: a probe of every workbook, most of them no list
MAX_ELEMENT = 64 << 20  # the longest row or shared string read; memory stays bounded by it
_CELL_END = b"</row>"
_ANY_CELL = re.compile(rb"<c[\s/>]")
_HEAD_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"([^>]*?(?:/>|>.*?</c>))', re.S)
_TYPE = re.compile(rb'\st="(\w+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_TEXT = re.compile(rb"<t(?:\s[^>]*)?>([^<]*)</t>")
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.S)
_SI_START = re.compile(rb"<si[\s/>]")
_SI_SINGLE = re.compile(rb"<si\s*/>")
# the plain forms most cells and shared strings take, read without the general parse
_PLAIN_SHARED = re.compile(rb'(?:\s+s="\d+")?\s+t="s"\s*><v>(\d+)</v></c>')
_PLAIN_SI = re.compile(rb"<si><t(?:\s[^>]*)?>([^<]*)</t></si>")
_STYLE = re.compile(rb'\ss="(\d+)"')
_NOT_SHOWN = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escaped characters, [colour] and [$-locale]
_BUILTIN_DATES = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
_EXCEL_EPOCH = datetime(1899, 12, 30)
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


Progress = Callable[[float], None]  # the share of a file read so far (0 to 1)


@dataclass(frozen=True)
class SharedString:
    """A cell that points into the workbook's shared strings."""

    index: int


def read_head(path: str | Path, rows: int) -> tuple[str, list[list[str | None]]] | None:
    """The first sheet's name and its first ``rows`` rows as text (None for a blank cell),
    or None when the sheet cannot be streamed: not a zip, cells without references,
    XML written with a namespace prefix."""
    try:
        with zipfile.ZipFile(path) as book:
            name, part = next(iter(sheet_parts(book).items()))
            head = _head_xml(book, part, rows)
            if head is None or b"<sheetData" not in head:
                return None
            cells = _HEAD_CELL.findall(head)
            if len(cells) != len(_ANY_CELL.findall(head[head.index(b"<sheetData"):])):
                return None
            cells = [(letters, row, tail) for letters, row, tail in cells if int(row) <= rows]
            width = 1 + max((column_index(letters) for letters, _, _ in cells), default=0)
            grid: list[list[str | None]] = [[None] * width for _ in range(rows)]
            values = {tail: _cell_value(tail) for _, _, tail in cells}
            texts = _resolve(book, {v for v in values.values() if isinstance(v, SharedString)})
            for letters, row, tail in cells:
                grid[int(row) - 1][column_index(letters)] = _resolved(values[tail], texts)
            return name, grid
    except (*DAMAGED_ZIP, KeyError, StopIteration, ET.ParseError, OSError):
        return None


def count_rows(path: str | Path | BinaryIO, columns: dict[str, int], first_row: int,
               progress: Progress | None = None) -> tuple[pd.DataFrame, int]:
    """How many rows from ``first_row`` (0-based) on hold each combination of the
    ``columns`` (name → 0-based column) of the first sheet, and how many rows have any;
    ``progress`` hears the share of the sheet read as it goes.

    The frame has one column per name (text, None for a blank cell) and "value".
    """
    letters = {column_letter(col): name for name, col in columns.items()}
    pattern = _cells_pattern(letters)
    ids: dict[bytes, int] = {}
    found: dict[bytes, list[tuple[np.ndarray, np.ndarray]]] = {x.encode(): [] for x in letters}
    with zipfile.ZipFile(path) as book:
        part = next(iter(sheet_parts(book).values()))
        for chunk in _chunks(book, part, _CELL_END, progress):
            cells = pattern.findall(chunk)
            if cells:
                _add_cells(cells, ids, found)
        distinct = [_cell_value(tail) for tail in ids]  # in id order
        texts = _resolve(book, {v for v in distinct if isinstance(v, SharedString)})
    last = max((int(rows.max()) for parts in found.values() for rows, _ in parts if len(rows)), default=0)
    frame = pd.DataFrame({letters[x.decode()]: _column_codes(parts, last)[first_row + 1:]
                          for x, parts in found.items()})
    frame = frame[(frame >= 0).any(axis=1)]
    counted = frame.groupby(list(frame.columns), sort=False).size().reset_index(name="value")
    names = np.array([None, *(_resolved(v, texts) for v in distinct)], dtype=object)
    for name in columns:
        counted[name] = names[counted[name].to_numpy() + 1]
    return counted, len(frame)


def sheet_rows(path: str | Path | BinaryIO, columns: dict[str, int], first_row: int,
               progress: Progress | None = None) -> Iterator[pd.DataFrame]:
    """The ``columns`` (name → 0-based column) of the first sheet's rows from ``first_row``
    (0-based) on, in sheet order, a frame per chunk of the sheet: text (a date-formatted number
    as its datetime), None for a blank cell; rows with none of the columns are left out.
    ``progress`` hears the share of the sheet read as it goes."""
    letters = {column_letter(col): name for name, col in columns.items()}
    pattern = _cells_pattern(letters)
    with zipfile.ZipFile(path) as book:
        part = next(iter(sheet_parts(book).values()))
        strings, dates = _SharedStrings(book), _date_styles(book)
        for chunk in _chunks(book, part, _CELL_END, progress):
            ids: dict[bytes, int] = {}  # numbered afresh per chunk: names and IDs are seldom met twice
            found: dict[bytes, list[tuple[np.ndarray, np.ndarray]]] = {x.encode(): [] for x in letters}
            cells = pattern.findall(chunk)
            if not cells:
                continue
            _add_cells(cells, ids, found)
            distinct = [_dated(tail, _cell_value(tail), dates) for tail in ids]
            texts = strings.texts({v for v in distinct if isinstance(v, SharedString)})
            names = np.array([None, *(_resolved(v, texts) for v in distinct)], dtype=object)
            rows = np.unique(np.concatenate([rows for parts in found.values() for rows, _ in parts]))
            rows = rows[rows > first_row]
            frame = pd.DataFrame({letters[x.decode()]: names[_chunk_codes(parts, rows) + 1]
                                  for x, parts in found.items()}, dtype=object)
            frame = frame[frame.notna().any(axis=1)].reset_index(drop=True)
            if len(frame):
                yield frame


def _cells_pattern(letters: dict[str, str]) -> re.Pattern[bytes]:
    """The cells of the columns ``letters`` names: (reference, the rest of the cell's XML)."""
    return re.compile(rb'<c r="((?:' + b"|".join(x.encode() for x in letters) + rb')\d+)"'
                      rb'([^>/]*(?:/>|>(?:[^<]*<(?!/c>))*[^<]*</c>))')


def _chunk_codes(parts: list[tuple[np.ndarray, np.ndarray]], rows: np.ndarray) -> np.ndarray:
    """One column's cell numbers at ``rows`` (sorted row numbers), -1 where it has no cell."""
    codes = np.full(len(rows), -1, dtype=np.int32)
    for found, numbers in parts:
        at = np.searchsorted(rows, found)
        inside = at < len(rows)
        inside[inside] = rows[at[inside]] == found[inside]
        codes[at[inside]] = numbers[inside]
    return codes


def _add_cells(cells: list[tuple[bytes, bytes]], ids: dict[bytes, int],
               found: dict[bytes, list[tuple[np.ndarray, np.ndarray]]]) -> None:
    """Number each distinct cell (its XML after the reference) and keep, per column,
    the rows and numbers of the chunk's cells."""
    pairs = np.array(cells, dtype=object)  # (reference, the rest of the cell's XML) per row
    local, uniques = pd.factorize(pairs[:, 1], sort=False)
    codes = np.array([ids.setdefault(tail, len(ids)) for tail in uniques], dtype=np.int32)[local]
    letters, rows = _split_references(pairs[:, 0].astype(bytes))
    for x, parts in found.items():
        mask = letters == x
        parts.append((rows[mask], codes[mask]))


def _split_references(refs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cell references (b"F12") as their column letters and row numbers, digit by digit
    over the whole array (numpy's text-to-int conversion is several times slower)."""
    raw = refs.view(np.uint8).reshape(len(refs), -1)
    digit = (raw >= ord("0")) & (raw <= ord("9"))
    rows = np.zeros(len(refs), dtype=np.int32)
    for j in range(raw.shape[1]):
        rows = np.where(digit[:, j], rows * 10 + raw[:, j] - ord("0"), rows)
    letters = np.where(digit, 0, raw).astype(np.uint8).view(refs.dtype).ravel()
    return letters, rows


def _cell_value(tail: bytes) -> str | SharedString | None:
    """What a cell holds, from its XML after the reference: a shared-string index,
    inline text, or the text of a number, a formula's result or a boolean."""
    plain = _PLAIN_SHARED.fullmatch(tail)
    if plain:
        return SharedString(int(plain.group(1)))
    start = tail.split(b">", 1)[0]
    kind = _TYPE.search(start)
    kind = kind.group(1) if kind else b"n"
    if kind == b"inlineStr":
        text = b"".join(_TEXT.findall(_PHONETIC.sub(b"", tail)))
    else:
        value = _VALUE.search(tail)
        if value is None:
            return None
        if kind == b"s":
            return SharedString(int(value.group(1)))
        text = value.group(1)
    return _text(text)


def _resolved(value: str | SharedString | None, texts: dict[SharedString, str | None]) -> str | None:
    return texts.get(value) if isinstance(value, SharedString) else value


def _text(raw: bytes) -> str | None:
    text = html.unescape(raw.decode("utf-8")).strip()
    return text or None


def _resolve(book: zipfile.ZipFile, wanted: set[SharedString]) -> dict[SharedString, str | None]:
    """The text of the wanted shared strings; the others are counted past, not cut out."""
    if not wanted:
        return {}
    indices = sorted(s.index for s in wanted)
    texts: dict[SharedString, str | None] = {}
    for first, count, chunk in _shared_chunks(book):
        pending = [i for i in indices if first <= i < first + count]
        if pending:
            starts = _item_starts(chunk)
            texts.update({SharedString(i): _item_text(chunk, starts[i - first]) for i in pending})
        if first + count > indices[-1]:
            break
    return texts


class _SharedStrings:
    """The shared strings read forward only as far as the rows met so far point into them; each
    chunk read is kept as its XML (not a Python string per item) for rows further down that point
    back into it, as every row does for its hamlet and status."""

    def __init__(self, book: zipfile.ZipFile) -> None:
        self._chunks = _shared_chunks(book)
        self._firsts: list[int] = []  # the index of each kept chunk's first item
        self._kept: list[tuple[bytes, np.ndarray]] = []  # each chunk and where its items start
        self._read = 0

    def texts(self, wanted: set[SharedString]) -> dict[SharedString, str | None]:
        """The text of the wanted shared strings (those beyond the table left out)."""
        if wanted:
            self._read_to(max(s.index for s in wanted))
        texts: dict[SharedString, str | None] = {}
        for s in wanted:
            k = bisect.bisect_right(self._firsts, s.index) - 1
            if k >= 0 and s.index - self._firsts[k] < len(self._kept[k][1]):
                chunk, starts = self._kept[k]
                texts[s] = _item_text(chunk, int(starts[s.index - self._firsts[k]]))
        return texts

    def _read_to(self, index: int) -> None:
        while self._read <= index:
            first, count, chunk = next(self._chunks, (0, 0, b""))
            if not count:
                return
            self._firsts.append(first)
            self._kept.append((chunk, np.array(_item_starts(chunk), dtype=np.int64)))
            self._read = first + count


def _shared_chunks(book: zipfile.ZipFile) -> Iterator[tuple[int, int, bytes]]:
    """The shared strings' XML in chunks of whole items: the index of each chunk's first item,
    how many items it holds, and the chunk (none when the workbook has no shared strings)."""
    part = _workbook_part(book, "sharedStrings")
    if part is None:
        return
    first = 0
    for chunk in _chunks(book, part, b"</si>"):
        count = len(_SI_START.findall(chunk))
        yield first, count, chunk
        first += count


def _item_starts(chunk: bytes) -> list[int]:
    return [m.start() for m in _SI_START.finditer(chunk)]


def _item_text(chunk: bytes, start: int) -> str | None:
    """The text of the shared-string item starting at ``start`` (its runs joined, phonetic hints left out)."""
    plain = _PLAIN_SI.match(chunk, start)
    if plain:
        return _text(plain.group(1))
    end = chunk.find(b"</si>", start)
    item = chunk[start:] if _SI_SINGLE.match(chunk, start) or end < 0 else chunk[start:end]
    return _text(b"".join(_TEXT.findall(_PHONETIC.sub(b"", item))))


def _date_styles(book: zipfile.ZipFile) -> frozenset[int]:
    """The cell styles (``s="3"``) whose number format shows a date: a built-in date format, or
    one whose code writes a day or a year outside quoted text and brackets."""
    part = _workbook_part(book, "styles")
    if part is None:
        return frozenset()
    root = ET.fromstring(book.read(part))
    codes = {fmt.get("numFmtId"): fmt.get("formatCode", "") for fmt in root.iter(f"{_MAIN}numFmt")}
    xfs = root.find(f"{_MAIN}cellXfs")
    formats = [xf.get("numFmtId", "0") for xf in (xfs if xfs is not None else [])]
    return frozenset(i for i, fmt in enumerate(formats) if fmt.isdigit() and (
        int(fmt) in _BUILTIN_DATES or any(ch in "dDyY" for ch in _NOT_SHOWN.sub("", codes.get(fmt, "")))))


def _dated(tail: bytes, value: str | SharedString | None, dates: frozenset[int]) -> object:
    """A number in a date-formatted cell as the datetime Excel shows (1900 date system)."""
    if not dates or not isinstance(value, str):
        return value
    start = tail.split(b">", 1)[0]
    kind = _TYPE.search(start)
    style = _STYLE.search(start) if kind is None or kind.group(1) == b"n" else None
    if style is None or int(style.group(1)) not in dates:
        return value
    try:
        return _EXCEL_EPOCH + timedelta(days=float(value))
    except (ValueError, OverflowError):
        return value


def _workbook_part(book: zipfile.ZipFile, kind: str) -> str | None:
    """The zip member of the workbook's part of a ``kind`` ("sharedStrings", "styles"), if any."""
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(_RELATIONSHIPS):
        if rel.get("Type", "").endswith(f"/{kind}"):
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _head_xml(book: zipfile.ZipFile, part: str, rows: int) -> bytes | None:
    """The sheet's XML up to the end of its ``rows``-th row element (or the whole sheet)."""
    head = b""
    for chunk in _chunks(book, part, _CELL_END, size=HEAD_CHUNK):
        head += chunk
        if head.count(_CELL_END) >= rows:
            break
    end = -1
    for _ in range(rows):
        end = head.find(_CELL_END, end + 1)
        if end < 0:
            return head or None
    return head[:end + len(_CELL_END)]


def _chunks(book: zipfile.ZipFile, part: str, boundary: bytes, progress: Progress | None = None,
            size: int | None = None) -> Iterator[bytes]:
    """A zip member's bytes, decompressed ``size`` (else ``CHUNK``) at a time, in chunks that end just after a
    ``boundary``; ``progress`` hears, before each chunk, the share of the member's (uncompressed) size handed on."""
    tail = b""
    shown = Path(str(book.filename)).name
    whole, done = max(book.getinfo(part).file_size, 1), 0
    try:
        with book.open(part) as member:
            while block := member.read(size or CHUNK):
                data = tail + block
                cut = data.rfind(boundary)
                if cut < 0:
                    if len(data) > MAX_ELEMENT:  # one row or string this long is a zip bomb, not a list
                        raise fail("file-unreadable", file=shown)
                    tail = data
                    continue
                cut += len(boundary)
                done += cut
                if progress:
                    progress(min(done / whole, 1.0))
                yield data[:cut]
                tail = data[cut:]
    except DAMAGED_ZIP:
        raise fail("file-unreadable", file=shown) from None
    if progress and (tail or done < whole):
        progress(1.0)
    if tail:
        yield tail


def _column_codes(parts: list[tuple[np.ndarray, np.ndarray]], last: int) -> np.ndarray:
    """One column's cell numbers by row (1-based index), -1 where it has no cell."""
    codes = np.full(last + 1, -1, dtype=np.int32)
    for rows, numbers in parts:
        codes[rows] = numbers
    return codes
