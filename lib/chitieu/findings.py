"""Findings: every problem chitieu notices, as data.

A finding has a stable ``code``, a severity, the parameters of its message and where it happened
(file, sheet, row, column); its Vietnamese message is rendered from the template of its code
(``messages.MESSAGES``) when it is shown, so an app or a report can use the parameters its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

import pandas as pd

from chitieu.messages import ERROR, INFO, MESSAGES, WARNING
from chitieu.values import format_number

SEVERITY_LABELS = {ERROR: "Lỗi", WARNING: "Cảnh báo", INFO: "Thông tin"}
FINDING_COLUMNS = ["severity", "code", "message", "file", "sheet", "row", "column"]


@dataclass(frozen=True)
class Finding:
    """One problem found: ``code`` names its kind, ``params`` fill its message.

    >>> f = finding("citizen-list", file="ds.xlsx", people=20000)
    >>> f.params["people"], f.message[:32]
    (20000, 'Danh sách công dân (20.000 dòng)')
    """

    severity: str
    code: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""

    @property
    def message(self) -> str:
        """The Vietnamese sentence, from the code's template and the parameters."""
        return MESSAGES[self.code][1].format(**{key: _shown(value) for key, value in self.params.items()})

    def text(self) -> str:
        """The message with its location, as an officer reads it."""
        return f"{self.message}{location_text(self.file, self.sheet, self.row, self.column)}"

    def to_dict(self) -> dict[str, object]:
        """The finding as ``chitieu summary --format json`` and ``findings_frame`` show it."""
        return {"severity": self.severity, "code": self.code, "message": self.message, "file": self.file,
                "sheet": self.sheet, "row": self.row, "column": self.column}


def _shown(value: object) -> object:
    """A parameter as the message shows it: whole numbers grouped as Vietnamese write them."""
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value)
    return value


def location_text(file: str = "", sheet: str = "", row: int | None = None, column: str = "") -> str:
    parts = []
    if file:
        parts.append(f"tệp '{file}'")
    if sheet:
        parts.append(f"trang tính '{sheet}'")
    if row is not None:
        parts.append(f"dòng {row}")
    if column:
        parts.append(f"cột '{column}'")
    return f" [{', '.join(parts)}]" if parts else ""


def finding(code: str, *, file: str = "", sheet: str = "", row: int | None = None,
            column: str = "", **params: object) -> Finding:
    """The finding ``code`` at that place, with the parameters of its message."""
    severity, template = MESSAGES[code]
    template.format(**params)  # a missing parameter is our bug: fail where the finding is made
    return Finding(severity, code, params, file, sheet, row, column)


class ChitieuError(Exception):
    """The one error type chitieu raises for bad input; it carries a finding."""

    def __init__(self, found: Finding):
        super().__init__(found.text())
        self.finding = found


def fail(code: str, **kwargs: object) -> ChitieuError:
    return ChitieuError(finding(code, **kwargs))


def quoted(names: Iterable[str]) -> str:
    """Names as a finding lists them: 'Xã Phú Tân', 'Xã Phú Lộc'."""
    return ", ".join(f"'{name}'" for name in names)


def record_row(row: object) -> int | None:
    """A record's row as a finding names it: none for counts from a citizen list, which has no rows to show."""
    return None if pd.isna(row) else int(row)


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings as a table, errors first, in the order they were found within a severity."""
    frame = pd.DataFrame([f.to_dict() for f in findings], columns=FINDING_COLUMNS)
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    frame["row"] = frame["row"].astype("Int64")
    return frame.sort_values("severity", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
