"""Beside each result on "Tổng hợp", the officer reads how much it grew since the previous report: the
result less the one of the report date before (a total: the sum of its units' then), blank without one."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu import summarise_files, write_report
from chitieu.report.build import HISTORY_SHEET, SUMMARY_SHEET
from chitieu.report.xlsx import HEADING_ROWS

from .books import quota_book, result_book
from .sheets import tab_rows

QUOTAS = {"Thôn Đông": 40, "Thôn Tây": 35, "Thôn Nam": 50, "Thôn Bắc": 25}
PERIOD = {"start": date(2025, 6, 1), "end": date(2025, 6, 30)}


def report_rows(folder: Path, reports: dict[str, dict[str, int]]) -> tuple[list[dict], object]:
    """The unit rows of "Tổng hợp" (cached values) of a report over ``reports`` (day → thôn → result),
    and the sheet with its formulas."""
    summary = summarise_files([quota_book(folder, QUOTAS)], [result_book(folder, day, r) for day, r in reports.items()],
                              **PERIOD)
    path = write_report(summary, folder / "bao_cao.xlsx")
    ws = openpyxl.load_workbook(path)[SUMMARY_SHEET]
    return tab_rows(ws, openpyxl.load_workbook(path, data_only=True)[SUMMARY_SHEET]), ws


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=4, max_size=4))
def test_the_change_is_the_result_less_the_previous_reports(pairs):
    before = {unit: first for unit, (first, _) in zip(QUOTAS, pairs)}
    after = {unit: first + more for unit, (first, more) in zip(QUOTAS, pairs)}
    with tempfile.TemporaryDirectory() as folder:
        rows, ws = report_rows(Path(folder), {"10.6.2025": before, "20.6.2025": after})
    assert ws.cell(HEADING_ROWS + 1, 5).value == "Tăng từ 10/06"
    total, *units = rows
    assert [(r["label"], r["result"], r["change"]) for r in units] == [
        (unit, after[unit], after[unit] - before[unit]) for unit in QUOTAS]
    assert total["change"] == pytest.approx(sum(after.values()) - sum(before.values()))
    # formulas, so that a corrected figure flows through: a unit's subtracts its figure on "Theo ngày",
    # the total subtracts what its units had then (their result less their change)
    unit_rows = [r["cells"]["change"].row for r in units]
    assert total["cells"]["change"].value == (
        f'=IF(COUNT({",".join(f"E{r}" for r in unit_rows)})=0,"",D{total["cells"]["change"].row}-('
        + "+".join(f"IF(ISNUMBER(E{r}),D{r}-E{r},0)" for r in unit_rows) + "))")
    history = ws.parent[HISTORY_SHEET]
    for row in units:
        formula = row["cells"]["change"].value
        earlier = re.search(r"'Theo ngày'!([A-Z]+\d+)", formula).group(1)
        assert history[earlier].value == before[row["label"]] and history.cell(1, history[earlier].column).value == "10/06/2025"
        assert formula.startswith(f'=IF(AND(ISNUMBER(D{row["cells"]["change"].row})')


def test_a_unit_without_a_previous_figure_and_a_first_report_show_no_change(tmp_path):
    before = {"Thôn Đông": 5, "Thôn Tây": 7, "Thôn Nam": 9}  # Thôn Bắc had not reported on 10/06
    after = {"Thôn Đông": 12, "Thôn Tây": 7, "Thôn Nam": 20, "Thôn Bắc": 4}
    (tmp_path / "two").mkdir()
    total, *units = report_rows(tmp_path / "two", {"10.6.2025": before, "20.6.2025": after})[0]
    assert [r["change"] for r in units] == [7, 0, 11, None]
    assert total["change"] == 43 - 21  # the commune's result then and now, not only the units' with both
    assert str(total["cells"]["change"].value).startswith("=IF(COUNT(")  # still a formula
    (tmp_path / "one").mkdir()
    rows, ws = report_rows(tmp_path / "one", {"20.6.2025": after})
    assert all(r["change"] is None for r in rows) and ws.cell(HEADING_ROWS + 1, 5).value == "Tăng thêm"


def test_a_unit_that_skipped_the_previous_report_counts_from_its_last_figure(tmp_path):
    reports = {"5.6.2025": {"Thôn Đông": 3, "Thôn Tây": 2, "Thôn Nam": 1, "Thôn Bắc": 6},
               "10.6.2025": {"Thôn Đông": 5, "Thôn Tây": 7, "Thôn Nam": 9},  # Thôn Bắc skipped 10/06
               "20.6.2025": {"Thôn Đông": 12, "Thôn Tây": 7, "Thôn Nam": 20, "Thôn Bắc": 10}}
    rows, ws = report_rows(tmp_path, reports)
    total, *units = rows
    assert [r["change"] for r in units] == [7, 0, 11, 10 - 6]
    assert total["change"] == 49 - (5 + 7 + 9 + 6)
    bac = units[-1]["cells"]["change"].value
    earlier = ws.parent[HISTORY_SHEET][re.search(r"'Theo ngày'!([A-Z]+\d+)", bac).group(1)]
    assert earlier.value == 6 and ws.parent[HISTORY_SHEET].cell(1, earlier.column).value == "05/06/2025"
