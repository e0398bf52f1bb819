"""The xlsx container's names: which zip member holds a sheet, cell references and column letters.

The bottom of ``reading``: the grid reader, the guards and the stream reader all name sheets and
cells the same way, so each imports this module and none imports another for it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
import zlib

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
# what zipfile raises reading a damaged member: a bad deflate stream, a cut end, a bad CRC, a
# compression method byte turned into one it does not know
DAMAGED_ZIP = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError)
_REFERENCE = re.compile(r"^([A-Z]+)(\d+)$")


def sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip member holding its cells."""
    if "xl/workbook.xml" not in book.namelist():
        return {}
    workbook = ET.fromstring(book.read("xl/workbook.xml"))
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.findall("p:Relationship", _NS)}
    parts = {}
    for sheet in workbook.iterfind("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return parts


def column_letter(index: int) -> str:
    """0 → "A", 27 → "AB".

    >>> column_letter(0), column_letter(27)
    ('A', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: bytes | str) -> int:
    """ "A" → 0, "AB" → 27.

    >>> column_index("AB"), column_index(b"A")
    (27, 0)
    """
    index = 0
    for ch in letters.decode() if isinstance(letters, bytes) else letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def cell_row(reference: str) -> int:
    """The row number of a cell reference: "B7" → 7.

    >>> cell_row("AB12")
    12
    """
    return int(reference.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
