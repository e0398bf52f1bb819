"""The workbooks the app opens on, without a browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.app import sample_files, startup_files
from chitieu.checks import ChitieuError
from chitieu.cli import STARTUP_QUOTA, STARTUP_RESULTS, startup_environment


def test_app_opens_on_the_workbooks_chitieu_app_was_given(monkeypatch: pytest.MonkeyPatch) -> None:
    quota, results = sample_files()
    monkeypatch.setenv(STARTUP_QUOTA, "")
    assert startup_files() == sample_files()
    for name, value in startup_environment([str(quota[0])], [str(results[-1])]).items():
        monkeypatch.setenv(name, value)
    assert startup_files() == (quota, [results[-1]])


def test_a_missing_startup_workbook_is_a_vietnamese_error(tmp_path: Path) -> None:
    with pytest.raises(ChitieuError, match="Không tìm thấy tệp"):
        startup_environment([str(tmp_path / "khong_co.xlsx")], [])
