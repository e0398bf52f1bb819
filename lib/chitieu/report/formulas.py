"""The figures of "Tổng hợp" a clerk's correction must flow through, as Excel formulas: a total adds up
the rows under it, and percent, pace, remaining, required per day and status follow from a row's
quota and result, by the summary's own definitions (``summary.table``). The writer caches the
summary's value with each formula, so a reader that does not recalculate sees the same figures.

>>> formulas = RowFormulas({"quota": "C", "result": "D", "percent": "E"}, days_left=33)
>>> formulas.derived(11)["percent"]
'=IF(AND(ISNUMBER(D11),C11>0),D11/C11,"")'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from xlsxwriter.utility import xl_col_to_name

from chitieu.summary.status import Status

ADDED_UP = ("quota", "daily_quota", "expected_to_date")  # a total's figure: the sum of its rows'
REPORTED = ("result", "projected")  # the same, but blank while none of its rows has reported
LONGEST_FORMULA = 8192  # characters Excel accepts in a formula


@dataclass(frozen=True)
class RowFormulas:
    """Formulas of one table's rows, by column key; ``letters`` maps each key present to its column."""

    letters: dict[str, str]
    days_left: int

    @classmethod
    def of(cls, keys: list[str], days_left: int) -> RowFormulas:
        return cls({key: xl_col_to_name(col) for col, key in enumerate(keys)}, days_left)

    def totals(self, row: int, part_rows: list[int], values: dict[str, object],
               part_values: list[dict[str, object]]) -> dict[str, str]:
        """The sums of a total on (1-based) ``row`` over its ``part_rows``, for each column whose
        figure is indeed the sum of its parts' (a filtered report may leave some out)."""
        found = {}
        for key in (*ADDED_UP, *REPORTED):
            if key not in self.letters or not _is_sum(values.get(key), [p.get(key) for p in part_values],
                                                      blank_if_none=key in REPORTED):
                continue
            cells = ",".join(f"{self.letters[key]}{r}" for r in part_rows)
            found[key] = (f'=IF(COUNT({cells})=0,"",SUM({cells}))' if key in REPORTED else f"=SUM({cells})")
        return found | self.total_change(row, part_rows, values, part_values)

    def total_change(self, row: int, part_rows: list[int], values: dict[str, object],
                     part_values: list[dict[str, object]]) -> dict[str, str]:
        """A total's change: its result less what its rows had then (each row's result less its change,
        for the rows that have one), blank while none has; a unit reporting for the first time adds
        nothing then."""
        if "change" not in self.letters:
            return {}
        result, change = self.letters["result"], self.letters["change"]
        then = [p["result"] - p["change"] for p in part_values if isinstance(p.get("change"), (int, float))]
        expected = values.get("result") - math.fsum(then) if then and isinstance(values.get("result"), (int, float)) else None
        if not _same(values.get("change"), expected):
            return {}
        terms = "+".join(f"IF(ISNUMBER({change}{r}),{result}{r}-{change}{r},0)" for r in part_rows)
        cells = ",".join(f"{change}{r}" for r in part_rows)
        formula = f'=IF(COUNT({cells})=0,"",{result}{row}-({terms}))'
        return {"change": formula} if len(formula) <= LONGEST_FORMULA else {}

    def derived(self, row: int) -> dict[str, str]:
        """Percent, pace, remaining, required per day and status of (1-based) ``row``."""
        cell = {key: f"{letter}{row}" for key, letter in self.letters.items()}
        quota, result, expected = cell.get("quota"), cell.get("result"), cell.get("expected_to_date")
        found = {"percent": f'=IF(AND(ISNUMBER({result}),{quota}>0),{result}/{quota},"")',
                 "pace": f'=IF(AND(ISNUMBER({result}),{expected}>0),{result}/{expected},"")',
                 "remaining": f"=MAX(0,{quota}-N({result}))",
                 "status": (f'=IF(NOT(ISNUMBER({result})),"{Status.NOT_REPORTED}",'
                            f'IF(AND({quota}>0,{result}>={quota}),"{Status.EXCEEDED}",'
                            f'IF({result}>={expected},"{Status.ON_PACE}","{Status.BEHIND}")))')}
        if self.days_left > 0 and "remaining" in cell:
            found["required_per_day"] = f"={cell['remaining']}/{self.days_left}"
        return {key: text for key, text in found.items() if key in cell}


    def change(self, row: int, earlier: str) -> dict[str, str]:
        """The change of (1-based) ``row``'s result since the ``earlier`` cell's figure (blank without both)."""
        if "change" not in self.letters:
            return {}
        result = f"{self.letters['result']}{row}"
        return {"change": f'=IF(AND(ISNUMBER({result}),ISNUMBER({earlier})),{result}-{earlier},"")'}


def _is_sum(value: object, parts: list[object], blank_if_none: bool) -> bool:
    """Whether ``value`` is what the formula over ``parts`` gives (None: blank)."""
    figures = [p for p in parts if isinstance(p, (int, float))]
    if blank_if_none and not figures:
        return value is None
    return _same(value, math.fsum(figures))


def _same(value: object, expected: float | None) -> bool:
    """Whether the cached ``value`` is the ``expected`` figure (None: both blank)."""
    if expected is None or value is None:
        return value is None and expected is None
    return isinstance(value, (int, float)) and math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-9)
