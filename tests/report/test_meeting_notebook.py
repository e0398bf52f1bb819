"""With a reporting schedule, papermill's daily report and `chitieu report` still give the same workbook."""

from __future__ import annotations

import papermill

from chitieu.cli import main
from chitieu.report.meeting import EMULATION_SHEET, REPORTING_SHEET
from conftest import ROOT
from test_notebooks import MINH_THANG, sheet_values


def test_the_notebook_and_the_command_judge_reports_alike(tmp_path):
    by_notebook, by_command = tmp_path / "notebook.xlsx", tmp_path / "command.xlsx"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "bao_cao.ipynb"), str(tmp_path / "ran.ipynb"), cwd=str(ROOT / "notebooks"),
        kernel_name="python3", progress_bar=False,
        parameters={"as_of": "2024-05-31", "output": str(by_notebook), "schedule": "thứ 6 17:00", "compare_days": 14})
    results = [str(p) for p in sorted(MINH_THANG.glob("KQ *.xlsx"))]
    assert main(["report", "--quota", str(MINH_THANG / "chi_tieu_4_phu.xlsx"), "--results", *results,
                 "--as-of", "2024-05-31", "--unit-name", "CÔNG AN XÃ MINH THẮNG", "--place", "Minh Thắng",
                 "--schedule", "thứ 6 17:00", "--compare-days", "14", "--out", str(by_command)]) == 0
    notebook_sheets, command_sheets = sheet_values(by_notebook), sheet_values(by_command)
    assert list(notebook_sheets) == list(command_sheets)
    for name, rows in command_sheets.items():
        assert notebook_sheets[name] == rows, name
    assert command_sheets[REPORTING_SHEET][0][0] == "Tình hình báo cáo — lịch: Thứ Sáu hằng tuần, trước 17:00"
    assert any(row[3] for row in command_sheets[EMULATION_SHEET][5:])  # the reasons units are left out
