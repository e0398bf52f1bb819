"""A column's values looked up in a mapping, each distinct value once: mapping a long column of Arrow strings
value by value makes a Python string of each."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd


def mapped(column: pd.Series, mapping: Mapping[object, object] | Callable[[object], object]) -> pd.Series:
    """``column.map(mapping)``, each distinct value looked up once."""
    codes, distinct = pd.factorize(column, use_na_sentinel=False)
    return pd.Series(distinct).map(mapping).take(codes).set_axis(column.index)
