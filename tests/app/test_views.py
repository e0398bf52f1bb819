"""The app's table and cards speak the summary's columns and the statuses' colours."""

from __future__ import annotations

import re

import pytest

from chitieu.app.main import sample_files
from chitieu.app.views import card_numbers, cards_html, table_html
from chitieu.summary.columns import SUMMARY_COLUMNS
from chitieu.summary.files import summarise_files
from chitieu.summary.status import UNIT_STATUS_ORDER, Status


@pytest.fixture(scope="module")
def table():
    return summarise_files(*sample_files()).table


def cells(html: str) -> list[list[str]]:
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr style[^>]*>(.*?)</tr>", html)]


def test_the_table_has_the_summary_columns_and_their_texts(table) -> None:
    html = table_html(table)
    assert re.findall(r"<th style[^>]*>(.*?)</th>", html) == [column.heading for column in SUMMARY_COLUMNS]
    first = table.iloc[0]
    assert cells(html)[0] == [column.text(first[column.key]) for column in SUMMARY_COLUMNS]
    aligns = re.findall(r"<td data-column='(\w+)' style='[^']*text-align:(\w+)'", html)[:len(SUMMARY_COLUMNS)]
    assert aligns == [(column.key, column.align) for column in SUMMARY_COLUMNS]


def test_units_are_indented_by_level_and_rows_coloured_by_status(table) -> None:
    html = table_html(table)
    paddings = re.findall(r"<td data-column='label' style='padding:2px 6px 2px (\d+)px", html)
    assert [int(p) for p in paddings] == [6 + 14 * level for level in table["level"]]
    colours = re.findall(r"<tr style='background:(#\w+)'>", html)
    assert colours == [Status(status).colour for status in table["status"]]


def test_cards_follow_the_order_units_are_counted_in(table) -> None:
    html = cards_html(card_numbers(table))
    keys = re.findall(r'data-card="status-(\w+)"', html)
    assert keys == [status.code for status in UNIT_STATUS_ORDER]
    colours = re.findall(r'data-card="status-\w+" title="[^"]*" style="background:(#\w+)', html)
    assert colours == [status.colour for status in UNIT_STATUS_ORDER]
