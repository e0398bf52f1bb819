"""The app's code stays in small pieces, and stands on the library, not on the command line."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "lib" / "chitieu" / "app"
MODULES = sorted(APP.glob("*.py"))
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 400, 60


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_modules_and_functions_are_small(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES
    long = [f"{node.name}: {node.end_lineno - node.lineno + 1} lines" for node in ast.walk(ast.parse(source))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_the_app_does_not_import_the_command_line(path: Path) -> None:
    imported = {alias.name for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert not {name for name in imported if name == "chitieu.cli" or name.startswith("chitieu.cli.")}


def test_building_the_app_loads_no_command_line_and_the_package_stays_lazy() -> None:
    code = ("import sys, chitieu.app; assert 'ipywidgets' not in sys.modules; "
            "from chitieu.app import ChitieuApp, startup_files; "
            "assert 'chitieu.cli' not in sys.modules, 'chitieu.cli imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
