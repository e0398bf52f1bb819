"""The officer asks for the units most behind first: within each parent, by what is due by now less the
result (the figures the status compares), the total still over its units; by default the tree's order."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import openpyxl
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chitieu import summarise_files, write_report
from chitieu.cli import main
from chitieu.report.build import SUMMARY_SHEET

from .books import quota_book, result_book
from .sheets import tab_rows

QUOTAS = {"Thôn Đông": 40, "Thôn Tây": 35, "Thôn Nam": 50, "Thôn Bắc": 25}
START, END, AS_OF = date(2025, 6, 1), date(2025, 6, 30), date(2025, 6, 20)  # 20 of 30 days: 2/3 due


def units_in_report(path: Path) -> list[str]:
    return [row["label"] for row in tab_rows(openpyxl.load_workbook(path)[SUMMARY_SHEET])]


@settings(max_examples=12, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=4, max_size=4))
@example([20, 30, 10, 25])  # tree order Đông, Tây, Nam, Bắc; most behind: Nam, Đông, Tây, Bắc
def test_lag_order_puts_the_most_behind_first_and_keeps_the_total_on_top(results):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        results = dict(zip(QUOTAS, results))
        summary = summarise_files([quota_book(folder, QUOTAS)], [result_book(folder, "20.6.2025", results)],
                                  start=START, end=END, as_of=AS_OF)
        by_lag = units_in_report(write_report(summary, folder / "lag.xlsx", order="lag"))
        by_tree = units_in_report(write_report(summary, folder / "tree.xlsx"))
    units = summary.table[summary.table["level"] == 1].set_index("label")  # what is due by now, as the status has it
    behind = units["expected_to_date"] - units["result"].fillna(0)
    assert behind.drop(list(QUOTAS)).empty and (units.loc[list(QUOTAS), "result"] == list(results.values())).all()
    expected = sorted(QUOTAS, key=lambda unit: -behind[unit])  # stable: equal lags in the tree's order
    total = summary.table.loc[summary.table["level"] == 0, "label"].iloc[0]
    assert by_lag == [total, *expected]
    assert by_tree == [total, *QUOTAS]


def test_the_sort_given_on_the_command_line_is_kept_in_the_profile(tmp_path):
    inputs = ["--quota", str(quota_book(tmp_path, QUOTAS)), "--results",
              str(result_book(tmp_path, "20.6.2025", dict(zip(QUOTAS, [20, 30, 10, 25])))),
              "--start", "2025-06-01", "--end", "2025-06-30", "--profile", str(tmp_path / "ho_so.yaml")]
    assert main(["report", *inputs, "--sort", "lag", "--out", str(tmp_path / "a.xlsx")]) == 0
    assert yaml.safe_load((tmp_path / "ho_so.yaml").read_text(encoding="utf-8"))["report"]["sort"] == "lag"
    assert main(["report", *inputs, "--out", str(tmp_path / "b.xlsx")]) == 0  # the profile's order
    assert units_in_report(tmp_path / "b.xlsx")[1:] == ["Thôn Nam", "Thôn Đông", "Thôn Tây", "Thôn Bắc"]
    assert main(["report", *inputs, "--sort", "tree", "--out", str(tmp_path / "c.xlsx")]) == 0
    assert units_in_report(tmp_path / "c.xlsx")[1:] == list(QUOTAS)
