"""What is kept of an uploaded citizen list when its original is not: the counts of its counted
columns (units and statuses, never a name nor an ID number), its name, its people and its SHA-256,
as a small CSV that reads back as the list itself would (`counts.read_citizen_list`).

    # chitieu-citizen-counts,ds_2024-05-31.xlsx,Danh sách,1200,<sha256>
    residence,status,commune,value
    Ấp 1,Đã kích hoạt mức 2,Xã Minh Thắng,310
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

MAGIC = "# chitieu-citizen-counts"
COUNTED = ("residence", "status", "receiving", "commune")


@dataclass(frozen=True)
class CitizenCount:
    """How many people of a list hold each combination of its counted columns ("value"), how many
    people it lists, and the sheet they were read from: all that is kept of a list."""

    counted: pd.DataFrame
    people: int
    sheet: str


def counts_text(count: CitizenCount, file: str, sha256: str) -> str:
    """The counts of the list ``file`` as the text of a kept-counts file."""
    first = io.StringIO()
    csv.writer(first, lineterminator="\n").writerow([MAGIC, file, count.sheet, count.people, sha256])
    return first.getvalue() + count.counted.to_csv(index=False, lineterminator="\n")


def kept_counts_name(file: str) -> str:
    """The kept-counts file of a list: its name's stem (dates in it still tell the as-of date)."""
    return f"{Path(file).stem} (số đếm).csv"


def read_kept_counts(path: Path) -> tuple[str, CitizenCount] | None:
    """The list's name and counts from a kept-counts file, or None if ``path`` is not one."""
    if path.suffix.lower() != ".csv" or not path.is_file():
        return None
    with open(path, "rb") as handle:
        if handle.read(len(MAGIC)) != MAGIC.encode("ascii"):
            return None
    with open(path, encoding="utf-8", newline="") as handle:
        _, file, sheet, people, _ = next(csv.reader([handle.readline()]))
        counted = pd.read_csv(handle, dtype=str, keep_default_na=False)
    counted = counted.replace("", None).astype({"value": "int64"})
    return file, CitizenCount(counted[[c for c in counted if c in COUNTED or c == "value"]], int(people), sheet)
