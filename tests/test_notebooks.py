"""Every notebook runs from top to bottom on the sample inputs, as an analyst would run it."""

import json

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


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
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    text = outputs_text(notebook)
    assert "Ấp Bàu Sen" in text and "image/png" in text
    exported = ROOT / "outputs" / "phan_tich_ty_le.xlsx"
    assert exported.is_file()
