"""Every notebook runs from top to bottom on the sample inputs, as an analyst would run it."""

import json
from datetime import date

import nbformat
import papermill
import pytest
from nbclient import NotebookClient
from openpyxl import load_workbook

from chitieu import summarise_files
from chitieu.cli import main
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MINH_THANG = ROOT / "inputs" / "minh_thang"


def run_notebook(path):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


def outputs_text(notebook) -> str:
    return json.dumps([cell.get("outputs", []) for cell in notebook.cells], ensure_ascii=False)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear outputs before commit"


def test_analyst_walkthrough_runs_and_shows_the_figures():
    notebook = run_notebook(ROOT / "notebooks" / "phan_tich.ipynb")
    text = outputs_text(notebook)
    assert "Ấp Bàu Sen" in text and "image/png" in text
    assert (ROOT / "outputs" / "phan_tich_ty_le.xlsx").is_file()
    assert "bao_cao_minh_thang" in text and ".xlsx" in text  # the formatted report's path is shown


def test_app_notebook_builds_its_widgets_without_a_browser():
    notebook = run_notebook(ROOT / "notebooks" / "app.ipynb")
    assert "application/vnd.jupyter.widget-view+json" in outputs_text(notebook)


def sheet_values(path):
    book = load_workbook(path)
    # "Nguồn dữ liệu" carries the time each report was made: the one place two runs may differ.
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()]
            for ws in book.worksheets if ws.title != "Nguồn dữ liệu"}


def test_daily_report_notebook_and_the_command_give_the_same_workbook(tmp_path):
    by_notebook, by_command = tmp_path / "notebook.xlsx", tmp_path / "command.xlsx"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "bao_cao.ipynb"), str(tmp_path / "ran.ipynb"), cwd=str(ROOT / "notebooks"),
        kernel_name="python3", progress_bar=False,
        parameters={"as_of": "2024-05-15", "output": str(by_notebook), "unit_name": "CÔNG AN XÃ MINH THẮNG",
                    "place": "Minh Thắng"})
    results = [str(p) for p in sorted(MINH_THANG.glob("KQ *.xlsx"))]
    assert main(["report", "--quota", str(MINH_THANG / "chi_tieu_4_phu.xlsx"), "--results", *results,
                 "--as-of", "2024-05-15", "--unit-name", "CÔNG AN XÃ MINH THẮNG", "--place", "Minh Thắng",
                 "--out", str(by_command)]) == 0
    notebook_sheets, command_sheets = sheet_values(by_notebook), sheet_values(by_command)
    assert list(notebook_sheets) == list(command_sheets)
    for name, rows in command_sheets.items():
        assert notebook_sheets[name] == rows, name
    # the report's commune totals are the summary's: quota and result per indicator (the values cached
    # with the totals' formulas), each indicator the group heading over its rows
    commune, indicator = {}, None
    for row in load_workbook(by_command, data_only=True)["Tổng hợp"].iter_rows(values_only=True):
        if isinstance(row[0], str) and row[1] is None and ". " in row[0]:
            indicator = row[0].partition(". ")[2]
        elif row[1] == "Xã Minh Thắng":
            commune[indicator] = (row[2], row[3])
    summary = summarise_files([MINH_THANG / "chi_tieu_4_phu.xlsx"], results, as_of=date(2024, 5, 15)).table
    expected = summary[summary["unit"] == "Xã Minh Thắng"]
    assert commune == {r.indicator_label: (r.quota, r.result) for r in expected.itertuples()}
    assert commune["Kích hoạt tài khoản định danh điện tử (mức 1 + mức 2)"][0] == 731
