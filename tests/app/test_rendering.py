"""The app's rendering path (filters, cards, charts) and the workbooks it opens on, without a browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.app.charts import chart_html
from chitieu.app.launch import startup_environment
from chitieu.app.main import sample_files, startup_files
from chitieu.findings import ChitieuError
from chitieu.settings import STARTUP_QUOTA
from chitieu.summary.files import summarise_files
from chitieu.summary.selection import filtered_table


@pytest.fixture(scope="module")
def summary():
    return summarise_files(*sample_files())


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


def test_charts_follow_the_filter(summary) -> None:
    one = chart_html(filtered_table(summary.table, units=("Ấp 1",)), summary)
    every = chart_html(summary.table, summary)
    assert one.count("<svg") == every.count("<svg") == 2
    assert "Ấp 1" in one and "Ấp 2" not in one and "Ấp 2" in every
    assert "Kết quả lũy kế" in one and "Kế hoạch" in one
