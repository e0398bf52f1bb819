"""Docstring examples (``pytest --doctest-modules lib``) run in a folder of their own that sees the
repo's sample inputs, so an example that writes a report or reads uploads touches nothing in the repo; ``summary`` is
the Minh Thắng samples' summary on 31/05/2024, for the examples that start from one."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _doctest_folder(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if isinstance(request.node, pytest.DoctestItem):
        (tmp_path / "inputs").symlink_to(ROOT / "inputs")
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("CHITIEU_UPLOADS", str(tmp_path / "uploads"))  # the repo's uploads stay untouched
        request.node.dtest.globs["summary"] = request.getfixturevalue("sample_summary")


@pytest.fixture(scope="session")
def sample_summary():
    from chitieu import summarise_files

    samples = ROOT / "inputs" / "minh_thang"
    return summarise_files([samples / "chi_tieu_4_phu.xlsx"], [samples / "KQ 31.5.2024.xlsx"])
