"""The order of the units of "Tổng hợp" within each indicator: the tree's, or by lag within each parent
(most behind first); either way a total stays over the units it adds up, and is not ranked among them."""

from __future__ import annotations

import numpy as np
import pandas as pd

TREE, LAG = "tree", "lag"
ORDERS = (TREE, LAG)


def lag(rows: pd.DataFrame) -> np.ndarray:
    """How far behind each row is: what is due by now less its result (none counts as 0), the two
    figures its status compares; a row without a figure due counts as least behind."""
    behind = rows["expected_to_date"].to_numpy(dtype=float) - rows["result"].fillna(0).to_numpy(dtype=float)
    return np.nan_to_num(behind, nan=-np.inf)


def ordered(part: pd.DataFrame, order: str = TREE) -> pd.DataFrame:
    """The rows of one indicator (in tree order, a total before its units) in ``order``: as they are, or
    each parent's units (and the top units) by lag, each total followed by its own units.

    >>> rows = pd.DataFrame({"place": ["X", "A", "B"], "parent_place": [None, "X", "X"],
    ...                      "expected_to_date": [20.0, 10.0, 10.0], "result": [12.0, 9.0, 3.0]})
    >>> list(ordered(rows, LAG)["place"])
    ['X', 'B', 'A']
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")
    if order == TREE:
        return part
    behind = lag(part)
    places = part["place"].tolist()
    known = set(places)
    children: dict[object, list[int]] = {}
    for position, parent in enumerate(part["parent_place"].tolist()):
        children.setdefault(parent if parent in known else None, []).append(position)

    def by_lag(positions: list[int]) -> list[int]:  # stable: equal lags keep the tree's order
        return sorted(positions, key=lambda p: -behind[p])

    found: list[int] = []
    waiting = by_lag(children.get(None, []))[::-1]
    while waiting:
        position = waiting.pop()
        found.append(position)
        waiting += by_lag(children.get(places[position], []))[::-1]
    return part.iloc[found]
