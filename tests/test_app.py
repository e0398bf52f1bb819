"""The app's widgets driven without a browser, checked against summarise_files."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook

from chitieu.app import ChitieuApp, card_numbers, filtered_table, sample_files, saved_upload
from chitieu.cli import voila_command
from chitieu.progress import summarise_files

NOW = datetime(2024, 5, 31, tzinfo=timezone.utc)


@pytest.fixture
def app(tmp_path: Path) -> ChitieuApp:
    return ChitieuApp(upload_dir=tmp_path / "uploads")


def upload_value(*paths: Path) -> tuple[dict, ...]:
    return tuple({"name": p.name, "type": "", "size": p.stat().st_size, "content": memoryview(p.read_bytes()),
                  "last_modified": NOW} for p in paths)


def test_opens_on_the_minh_thang_samples(app: ChitieuApp) -> None:
    expected = summarise_files(*sample_files())
    assert app.message.value == ""
    assert len(app.current_rows()) == len(expected.table) == 40
    assert app.start.value.isoformat() == "2024-04-04" and app.as_of.value.isoformat() == "2024-05-31"
    assert "59,8%" in app.cards.value


def test_unit_and_indicator_filters_change_table_and_cards(app: ChitieuApp) -> None:
    app.units.value = ("Ấp 1",)
    assert set(app.current_rows()["unit"]) == {"Ấp 1"}
    app.indicators.value = ("cccd_truoc_7_2010",)
    rows = app.current_rows()
    assert len(rows) == 1 and rows.iloc[0]["result"] == 5 and rows.iloc[0]["quota"] == 6
    assert "83,3%" in app.cards.value and "Ấp 1" in app.table.value


def test_children_follow_their_parent(app: ChitieuApp) -> None:
    app.units.value = ("Xã Minh Thắng",)
    assert len(app.current_rows()) == 40


def test_status_filter_and_counts(app: ChitieuApp) -> None:
    table = app.summary.table
    numbers = card_numbers(table)
    app.statuses.value = ("chậm",)
    assert len(app.current_rows()) == numbers["chậm"] == (table["status"] == "chậm").sum()


def test_upload_is_saved_once_and_recognised(app: ChitieuApp, tmp_path: Path) -> None:
    quota, results = sample_files()
    app.quota_upload.value = upload_value(*quota)
    app.result_upload.value = upload_value(*results[:1])
    saved = sorted((tmp_path / "uploads").glob("*/*"))
    assert len(saved) == 2 and all(len(p.parent.name.split("_")[1]) == 64 for p in saved)
    assert {p.name for p in saved} == {quota[0].name, results[0].name}
    assert saved[0].read_bytes() in (quota[0].read_bytes(), results[0].read_bytes())
    assert app.as_of.value.isoformat() == "2024-05-15"  # KQ 15.5.2024.xlsx only
    path, seen = saved_upload(quota[0].name, quota[0].read_bytes(), tmp_path / "uploads")
    assert seen and path in saved


def test_bad_workbook_gives_a_vietnamese_message(app: ChitieuApp) -> None:
    app.quota_upload.value = ({"name": "hong.xlsx", "type": "", "size": 64, "content": memoryview(bytes(range(64))),
                               "last_modified": NOW},)
    assert "Không đọc được tệp" in app.message.value and "Traceback" not in app.message.value


def test_filtered_table_keeps_everything_without_filters(app: ChitieuApp) -> None:
    assert filtered_table(app.summary.table).equals(app.summary.table)


def test_report_of_the_current_filter(tmp_path: Path) -> None:
    app = ChitieuApp(upload_dir=tmp_path / "uploads", output_dir=tmp_path / "out")
    app.units.value = ("Ấp 1",)
    app.indicators.value = ("cccd_truoc_7_2010",)
    path = app.export()
    assert path is not None and path.parent == tmp_path / "out" and path.name.startswith("Báo cáo tiến độ")
    assert "data:application/vnd.openxmlformats" in app.download.value and "Báo cáo tiến độ" in app.download.value
    text = " ".join(str(c.value) for row in load_workbook(path).active.iter_rows() for c in row if c.value)
    assert "Ấp 1" in text and "Ấp 2" not in text
    assert app.export() != path  # never overwritten


def test_bad_workbook_keeps_the_last_good_files(app: ChitieuApp) -> None:
    before = app.quota_files
    app.quota_upload.value = ({"name": "hong.xlsx", "type": "", "size": 8, "content": memoryview(b"notexcel"),
                               "last_modified": NOW},)
    assert app.quota_files == before and len(app.current_rows()) == 40


def test_review_shows_each_column_mapping_with_confidence(app: ChitieuApp) -> None:
    assert "cccd_truoc_7_2010" in app.mapping.value and "Độ tin cậy" in app.mapping.value
    assert "100%" in app.mapping.value


def test_app_listens_locally_without_token_and_elsewhere_with_one() -> None:
    local, no_token = voila_command(Path("app.ipynb"), 8866, "127.0.0.1")
    shared, token = voila_command(Path("app.ipynb"), 8866, "0.0.0.0")
    assert no_token == "" and "--Voila.ip=127.0.0.1" in local
    assert len(token) >= 24 and f"--token={token}" in shared
