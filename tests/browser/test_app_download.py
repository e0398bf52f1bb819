"""The report the app downloads holds exactly the rows its filters keep: filtered by status, then by
level too, the workbook's "Tổng hợp" tab lists the rows of the page's table, in its order."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from chitieu.app.main import sample_files
from chitieu.summary.files import summarise_files
from chitieu.summary.selection import filtered_table

from .appdriver import download_report, summary_tab_rows

LEVELS, STATUSES = 0, 3  # the first and the last of the four filter lists (level, unit, indicator, status)


def filter_list(page: Page, position: int) -> Locator:
    return page.locator(".widget-select-multiple select").nth(position)


def shown_rows(page: Page) -> list[tuple[str, str]]:
    """The (unit, indicator) of each row of the page's table."""
    return [tuple(row) for row in page.locator(".ct-table tbody tr").evaluate_all(
        "rows => rows.map(r => ['label', 'indicator_label'].map("
        "key => r.querySelector(`td[data-column='${key}']`).textContent))")]


def test_the_download_holds_the_rows_the_status_and_level_filters_keep(page: Page, tmp_path: Path) -> None:
    table = summarise_files(*sample_files()).table  # what the app opens on
    rows = page.locator(".ct-table tbody tr")
    expect(rows).to_have_count(len(table))
    behind = filtered_table(table, statuses=("chậm",))
    filter_list(page, STATUSES).select_option(label="chậm")
    expect(rows).to_have_count(len(behind))
    shown = shown_rows(page)
    assert shown == list(zip(behind["label"], behind["indicator_label"]))
    assert "Xã Minh Thắng" in {unit for unit, _ in shown}  # the commune is behind too
    assert summary_tab_rows(download_report(page, tmp_path)) == shown
    hamlets_behind = filtered_table(table, levels=(1,), statuses=("chậm",))
    filter_list(page, LEVELS).select_option(label="Cấp dưới trực tiếp")
    expect(rows).to_have_count(len(hamlets_behind))
    shown = shown_rows(page)
    assert shown == list(zip(hamlets_behind["label"], hamlets_behind["indicator_label"]))
    assert "Xã Minh Thắng" not in {unit for unit, _ in shown}
    assert summary_tab_rows(download_report(page, tmp_path)) == shown
