"""What a file really is, whatever its name says.

Web systems often export an "Excel" file that is an HTML table or a CSV named .xls/.xlsx;
Excel opens them with a warning, and so does chitieu: they are read as what they are.
"""

from __future__ import annotations

from html.parser import HTMLParser

SNIFF_BYTES = 65536
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def real_format(content: bytes) -> str:
    """"zip" (xlsx, xlsm, ods), "ole" (xls, encrypted xlsx), "html", "text" (CSV) or "binary"."""
    head = content[:SNIFF_BYTES]
    if head.startswith(b"PK"):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "text"  # UTF-16 with its byte-order mark
    if b"\x00" in head:
        return "binary"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"<") and b"<table" in head.lower():
        return "html"
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\r\n")
    return "text" if controls <= len(head) // 100 else "binary"


class _TableParser(HTMLParser):
    """Rows of every <table> in a page, cell text stripped; a colspan leaves empty cells
    to its right and is kept as a merged range, as a workbook would have it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[object]] = []
        self.merged: list[tuple[int, int, int, int]] = []
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() and 0 < int(span) <= 1000 else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            row = self.rows[-1]
            text = " ".join("".join(self._cell).split())
            if self._span > 1:
                self.merged.append((len(self.rows) - 1, len(row), len(self.rows) - 1, len(row) + self._span - 1))
            row += [text or None] + [None] * (self._span - 1)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_table(text: str) -> tuple[list[list[object]], list[tuple[int, int, int, int]]]:
    """The rows of the tables in an HTML page, and their merged ranges (0-based, inclusive).

    >>> html_table("<table><tr><th colspan=2>Đơn vị</th></tr><tr><td>Ấp 1</td><td>5</td></tr></table>")
    ([['Đơn vị', None], ['Ấp 1', '5']], [(0, 0, 0, 1)])
    """
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    return parser.rows, parser.merged
