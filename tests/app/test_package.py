"""The app stands on the library, not on the command line, and loads nothing until it is used.
(tests/test_structure.py keeps every module small, the app's included.)"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "lib" / "chitieu" / "app"
MODULES = sorted(APP.glob("*.py"))


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
