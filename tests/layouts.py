"""Quota and result workbooks composed from the shapes the seeds describe, with their true figures: the
building blocks of the layout properties (tests/mapping/test_quota_properties.py,
tests/mapping/test_unseen_layouts.py) and of benchmarks/bench_layouts.py.

A sheet is a title, a header on one row or two (merged group labels over their columns), a row per unit,
a totals row anywhere (top or bottom, merged or not, numbered or not, named with a totals word or after the
parent unit, or unlabelled), and notes under the table. Its columns carry the figures chitieu must find
(quotas, daily quotas, results — whole or as parts) and the ones it must never count (eligible population,
done before, not done, percentages, households, the parts of a group total).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hypothesis import strategies as st

from chitieu.findings import Finding
from chitieu.messages import INFO
from chitieu.values import format_number
from test_gallery import write_xlsx

DAYS = 33
START, END, AS_OF = date(2023, 7, 18), date(2023, 8, 19), date(2023, 7, 27)
# A parent and the units under it, as the seeds name them.
LEVELS = {
    "Tỉnh Sóc Trăng": ["TP Sóc Trăng", "TX Vĩnh Châu", "TX Ngã Năm", "Châu Thành", "Cù Lao Dung", "Kế Sách",
                       "Long Phú", "Mỹ Tú", "Mỹ Xuyên", "Thạnh Trị", "Trần Đề"],
    "Huyện Kế Sách": ["Xã An Mỹ", "Thị trấn Kế Sách", "Xã Kế An", "Xã Nhơn Mỹ", "Xã Phong Nẫm"],
    "Xã Minh Thắng": ["Ấp 1", "Ấp 2", "Ấp 3", "Ấp 4", "Ấp 5", "Ấp Đồng Tân", "Ấp Bàu Sen"],
    # Phụ lục II of Mỹ Phú Đông: agencies and hamlets, most names without a unit kind
    "Xã Mỹ Phú Đông": ["Đảng ủy, HĐND, UBND, Khối vận xã", "Công an", "Quân sự", "Trường THCS Mỹ Phú Đông",
                       "Áp Tân Phú", "Áp Tân Mỹ", "Áp Tân Đông"],
    "Thị xã Ngã Năm": ["Vĩnh Quới", "Long Bình", "Mỹ Quới", "Tân Long", "Mỹ Bình"],
}
TOTAL_WORDS = ["Tổng cộng", "Cộng", "TỔNG CỘNG", "Tổng số", "Tổng cộng toàn địa bàn", "Cộng:", "Tổng",
               "Toàn huyện", "Toàn tỉnh", "Toàn xã", "Tổng số (toàn huyện)", "Cộng toàn xã"]
NOTES = ["* Lưu ý: chỉ tính tài khoản kích hoạt thành công.", "Ghi chú: số liệu 120 là tạm tính",
         "Nguồn: Công an tỉnh", "Lưu ý: số liệu tính đến hết ngày báo cáo",
         "* Số lượng tài khoản mức 1 tính theo nơi thường trú của công dân."]


@dataclass
class Figures:
    """One figure column: its header (``group`` merged over it on a two-row header), the figure of each
    unit row as written, and what the totals row shows."""

    label: str
    values: list[object]
    group: str = ""
    total: object = None
    codes: tuple[str, ...] = ()  # the indicators whose figures it holds or explains


@dataclass
class SheetSpec:
    """A sheet of one table: title lines, the units in row order, the figure columns, the totals row
    (None, or its label, place and form) and the notes under the table."""

    title: list[str]
    units: list[str]
    columns: list[Figures]
    total: dict | None = None
    notes: list[str] = field(default_factory=list)
    blank_before_notes: bool = False
    unit_header: str = "Đơn vị"
    row_header: str = "STT"


def _header(spec: SheetSpec, top: int) -> tuple[list[list[object]], list[str]]:
    """The header rows from row ``top`` (0-based) and their merges: one row, or two when a column has a
    group (the group label merged across its columns, the other labels merged down)."""
    fixed = [spec.row_header, spec.unit_header]
    if not any(col.group for col in spec.columns):
        return [[*fixed, *(col.label for col in spec.columns)]], []
    first, second, merges = list(fixed), [None, None], []
    at = f"{{}}{top + 1}:{{}}{top + 2}"
    merges += [at.format("A", "A"), at.format("B", "B")]
    for c, col in enumerate(spec.columns, start=2):
        here = letter(c)
        if not col.group:
            first.append(col.label)
            second.append(None)
            merges.append(at.format(here, here))
            continue
        starts = c == 2 or spec.columns[c - 3].group != col.group
        first.append(col.group if starts else None)
        second.append(col.label)
        ends = c - 2 == len(spec.columns) - 1 or spec.columns[c - 1].group != col.group
        if ends and not starts:
            begin = next(i for i in range(c, 1, -1) if first[i] is not None)
            merges.append(f"{letter(begin)}{top + 1}:{here}{top + 1}")
    return [first, second], merges


def letter(c: int) -> str:
    return chr(ord("A") + c) if c < 26 else "A" + chr(ord("A") + c - 26)


def sheet_rows(spec: SheetSpec) -> tuple[list[list[object]], list[str]]:
    """The sheet's cells row by row, and its merged ranges."""
    rows: list[list[object]] = [[line] for line in spec.title] + ([[]] if spec.title else [])
    head, merges = _header(spec, len(rows))
    rows += head
    body = [[i, unit, *(col.values[r] for col in spec.columns)] for r, (i, unit) in
            enumerate(zip(range(1, len(spec.units) + 1), spec.units))]
    if spec.total:
        body, merged = _with_total(spec, body, len(rows))
        merges += merged
    rows += body
    if spec.notes:
        rows += ([[]] if spec.blank_before_notes else []) + [[None, note, 5] for note in spec.notes]
    return rows, merges


def _with_total(spec: SheetSpec, body: list[list[object]], top: int) -> tuple[list[list[object]], list[str]]:
    total, name = spec.total, spec.total["label"]
    row: list[object] = [len(body) + 1 if total["numbered"] and not total["merged"] else None, name,
                         *(col.total for col in spec.columns)]
    if total["merged"] and name:
        row[:2] = [name, None]
    body = [row, *body] if total["top"] else [*body, row]
    at = top + 1 + (0 if total["top"] else len(body) - 1)
    return body, [f"A{at}:B{at}"] if total["merged"] and name else []


def write_sheet(path: Path, spec: SheetSpec, sheet: str = "Báo cáo") -> Path:
    rows, merges = sheet_rows(spec)
    return write_xlsx(path, {sheet: rows}, {sheet: merges})


def shown(value: object, dotted: bool) -> object:
    """A count as typed: a number, or text with '.' between thousands ("50.802")."""
    return format_number(value) if dotted and isinstance(value, int) else value


def totals_rows(draw: st.DrawFn, parent: str) -> dict | None:
    """A totals row: its label (a totals word, the parent unit, or none), its place and its form."""
    kind = draw(st.sampled_from([None, "word", "parent", "unlabelled"]))
    if kind is None:
        return None
    label = {"word": draw(st.sampled_from(TOTAL_WORDS)), "parent": parent, "unlabelled": None}[kind]
    return {"label": label, "kind": kind, "top": draw(st.booleans()), "merged": draw(st.booleans()),
            "numbered": draw(st.booleans())}


def named(findings: list[Finding], unit: str, file: str, letters: set[str]) -> bool:
    """Whether a warning or an error names the unit, or points at one of the columns ``letters`` of ``file``."""
    return any(f.severity != INFO and (f"'{unit}'" in f.message
                                       or (f.file == file and f.column.split(" ")[0] in letters))
               for f in findings)

