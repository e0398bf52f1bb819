"""The rows an officer chose (summary/selection.py): one definition for the app and the report."""

from __future__ import annotations

import pandas as pd
import pytest

from chitieu.app.main import sample_files
from chitieu.summary.files import summarise_files
from chitieu.summary.selection import among, descendants, filtered_table, lowest_rows, topmost_rows


@pytest.fixture(scope="module")
def table():
    return summarise_files(*sample_files()).table


def test_among_is_isin_for_text_columns(table) -> None:
    units = ["Ấp 1", "Ấp 3", "không có"]
    assert among(table["unit"], units).equals(table["unit"].isin(units))
    assert not among(table["parent"], ["Ấp 1"]).any()  # a missing parent is never among the units
    # results files that gave nothing counted leave an empty history: nothing of it is among the units
    assert among(pd.Series([], dtype=object), ["Ấp 1"]).empty


def test_children_follow_their_parent_down_the_tree(table) -> None:
    assert descendants(["Xã Minh Thắng"], table) == set(table["place"])
    assert descendants(["Ấp 2"], table) == {"Xã Minh Thắng › Ấp 2"}


def test_filtered_table_keeps_everything_without_filters(table) -> None:
    assert filtered_table(table).equals(table)
    assert filtered_table(table, levels=None, units=None, indicators=None, statuses=None).equals(table)


def test_every_filter_narrows_the_rows(table) -> None:
    rows = filtered_table(table, levels=(1,), units=("Xã Minh Thắng",), statuses=("chậm",))
    assert set(rows["level"]) == {1} and set(rows["status"]) == {"chậm"} and "Ấp 2" in set(rows["unit"])
    by_code = filtered_table(table, indicators=("smartphone",))
    by_label = filtered_table(table, indicators=("Trang bị điện thoại thông minh 4G",))
    assert by_code.equals(by_label) and len(by_code) == 8


def test_topmost_and_lowest_rows_count_each_unit_once(table) -> None:
    assert set(topmost_rows(table)["unit"]) == {"Xã Minh Thắng"}
    assert "Xã Minh Thắng" not in set(lowest_rows(table)["unit"]) and len(lowest_rows(table)) == 35
    commune = filtered_table(table, levels=(0,))
    assert lowest_rows(commune).equals(commune) and topmost_rows(commune).equals(commune)
