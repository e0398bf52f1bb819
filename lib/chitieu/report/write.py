"""A report written safely: never over an earlier file, never half a file.

"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Collection

from chitieu.report.build import build_report
from chitieu.report.form import Form
from chitieu.report.order import TREE
from chitieu.report.xlsx import save_workbook
from chitieu.summary.comparison import WEEK
from chitieu.summary.emulation import Rules
from chitieu.summary.table import Summary
from chitieu.summary.timeliness import Reporting


def write_report(summary: Summary, path: str | Path, *, form: Form | None = None, unit_name: str = "", place: str = "",
                 levels: Collection[int] | None = None, units: Collection[str] | None = None,
                 indicators: Collection[str] | None = None, statuses: Collection[str] | None = None,
                 now: datetime | None = None, order: str = TREE, reporting: Reporting | None = None,
                 rules: Rules | None = None, compare_days: int = WEEK) -> Path:
    """Write the formatted report (the state ``form`` filled in, ``unit_name`` and ``place`` over it, the units
    in ``order``, the sheets of ``reporting``, emulation ``rules`` and ``compare_days``) of the rows the filters
    keep (``build_report``) and return the path
    actually written: never over an existing file (a new name with the time is chosen), and never half
    a file (written aside, then renamed).

    >>> from chitieu import summarise_files
    >>> summary = summarise_files(["inputs/minh_thang/chi_tieu_4_phu.xlsx"], ["inputs/minh_thang/KQ 31.5.2024.xlsx"])
    >>> write_report(summary, "bao_cao.xlsx", unit_name="CÔNG AN XÃ MINH THẮNG", place="Minh Thắng",
    ...              now=datetime(2024, 5, 31, 10, 15))
    PosixPath('bao_cao.xlsx')
    >>> write_report(summary, "bao_cao.xlsx", place="Minh Thắng", now=datetime(2024, 5, 31, 10, 15))
    PosixPath('bao_cao_20240531_101500.xlsx')
    """
    now = now or datetime.now()
    report = build_report(summary, form=form, unit_name=unit_name, place=place, levels=levels, units=units,
                          indicators=indicators, statuses=statuses, now=now, order=order, reporting=reporting,
                          rules=rules, compare_days=compare_days)
    while True:
        try:
            return save_workbook(report, free_path(Path(path), now))
        except FileExistsError:  # another session took that name in the same second: take the next one
            continue


def free_path(path: Path, now: datetime) -> Path:
    """``path`` if no file is there, else the same name with the time (and a counter if needed)."""
    candidate, counter = path, 1
    while candidate.exists():
        suffix = f"_{now:%Y%m%d_%H%M%S}" + (f"_{counter}" if counter > 1 else "")
        candidate, counter = path.with_name(f"{path.stem}{suffix}{path.suffix}"), counter + 1
    return candidate

