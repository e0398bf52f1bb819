"""Docstring examples (``pytest --doctest-modules lib``) run in a folder of their own that sees the
repo's sample inputs, so an example that writes a report leaves nothing in the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _doctest_folder(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if isinstance(request.node, pytest.DoctestItem):
        (tmp_path / "inputs").symlink_to(ROOT / "inputs")
        monkeypatch.chdir(tmp_path)
