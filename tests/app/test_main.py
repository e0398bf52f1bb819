"""The app's widgets driven without a browser, checked against summarise_files."""

from __future__ import annotations

import html
from datetime import date, datetime, timezone
from pathlib import Path

import ipywidgets as w
import pytest
from openpyxl import load_workbook

from browser.appdriver import citizen_list, doubtful_results, summary_tab_rows, supplement_results
from chitieu.app.launch import voila_command
from chitieu.app.main import ChitieuApp, sample_files
from chitieu.app.uploads import saved_upload
from chitieu.app.views import card_numbers
from chitieu.summary.files import summarise_files

NOW = datetime(2024, 5, 31, tzinfo=timezone.utc)


@pytest.fixture
def app(tmp_path: Path) -> ChitieuApp:
    return ChitieuApp(upload_dir=tmp_path / "uploads", profile=tmp_path / "profile.yaml")


def upload_value(*paths: Path) -> tuple[dict, ...]:
    return tuple({"name": p.name, "type": "", "size": p.stat().st_size, "content": memoryview(p.read_bytes()),
                  "last_modified": NOW} for p in paths)


def test_opens_on_the_minh_thang_samples(app: ChitieuApp) -> None:
    expected = summarise_files(*sample_files())
    assert app.message.value == ""
    assert len(app.current_rows()) == len(expected.table) == 40
    assert app.campaign.start.value == "04/04/2024" and app.campaign.as_of.value == "31/05/2024"
    assert "59,8%" in app.dashboard.cards.value


def test_unit_and_indicator_filters_change_table_and_cards(app: ChitieuApp) -> None:
    app.filters.units.value = ("Ấp 1",)
    assert set(app.current_rows()["unit"]) == {"Ấp 1"}
    app.filters.indicators.value = ("cccd_truoc_7_2010",)
    rows = app.current_rows()
    assert len(rows) == 1 and rows.iloc[0]["result"] == 5 and rows.iloc[0]["quota"] == 6
    assert "83,3%" in app.dashboard.cards.value and "Ấp 1" in app.dashboard.table.value


def test_children_follow_their_parent(app: ChitieuApp) -> None:
    app.filters.units.value = ("Xã Minh Thắng",)
    assert len(app.current_rows()) == 40


def test_cards_count_units_not_rows(app: ChitieuApp) -> None:
    # 8 units × 5 indicators = 40 rows. Ấp 1 and Ấp 4 are on pace or ahead in every indicator;
    # the commune and the other five hamlets are behind in at least one.
    assert card_numbers(app.current_rows()) | {"percent": 0} == {
        "percent": 0, "units": 8, "vượt": 0, "đạt tiến độ": 2, "chậm": 6, "chưa báo cáo": 0}
    app.filters.units.value = ("Ấp 1",)
    assert len(app.current_rows()) == 5 and card_numbers(app.current_rows())["đạt tiến độ"] == 1
    app.filters.indicators.value = ("cccd_truoc_2009",)  # 1 of 1: exceeded
    assert card_numbers(app.current_rows())["vượt"] == 1
    cards = app.dashboard.cards.value
    assert 'data-card="status-exceeded"' in cards and "chậm nếu chậm ở ít nhất một chỉ tiêu" in cards


def test_status_filter_keeps_the_units_behind(app: ChitieuApp) -> None:
    app.filters.statuses.value = ("chậm",)
    rows = app.current_rows()
    assert set(rows["status"]) == {"chậm"} and card_numbers(rows)["units"] == 6


def test_upload_is_saved_once_and_recognised(app: ChitieuApp, tmp_path: Path) -> None:
    quota, results = sample_files()
    app.files.quota_upload.value = upload_value(*quota)
    app.files.result_upload.value = upload_value(*results[:1])
    saved = sorted((tmp_path / "uploads").glob("*/*"))
    assert len(saved) == 2 and all(len(p.parent.name.split("_")[1]) == 64 for p in saved)
    assert {p.name for p in saved} == {quota[0].name, results[0].name}
    assert saved[0].read_bytes() in (quota[0].read_bytes(), results[0].read_bytes())
    assert app.campaign.as_of.value == "15/05/2024"  # KQ 15.5.2024.xlsx only
    files = app.files
    assert "Sổ kết quả: Đã đọc 'KQ 15.5.2024.xlsx' (6 KB, 7 dòng," in files.files_info.value.replace("&#x27;", "'")
    assert files.progress.value == files.progress.max and "Đã đọc xong 1 tệp" in files.progress_info.value
    path, seen = saved_upload(quota[0].name, quota[0].read_bytes(), tmp_path / "uploads")
    assert seen and path in saved


def test_bad_workbook_gives_a_vietnamese_message(app: ChitieuApp) -> None:
    app.files.quota_upload.value = ({"name": "hong.xlsx", "type": "", "size": 64,
                                     "content": memoryview(bytes(range(64))), "last_modified": NOW},)
    assert "Không đọc được tệp" in app.message.value and "Traceback" not in app.message.value
    assert "Vẫn dùng các tệp đã đọc được trước đó" in app.message.value and app.files.progress.bar_style == "danger"


def test_report_of_the_current_filter(tmp_path: Path) -> None:
    app = ChitieuApp(upload_dir=tmp_path / "uploads", output_dir=tmp_path / "out", profile=tmp_path / "p.yaml")
    app.filters.units.value = ("Ấp 1",)
    app.filters.indicators.value = ("cccd_truoc_7_2010",)
    path = app.export()
    assert path is not None and path.parent == tmp_path / "out" and path.name.startswith("Báo cáo tiến độ")
    assert "data:application/vnd.openxmlformats" in app.download.value and "Báo cáo tiến độ" in app.download.value
    text = " ".join(str(c.value) for row in load_workbook(path).active.iter_rows() for c in row if c.value)
    assert "Ấp 1" in text and "Ấp 2" not in text
    assert app.export() != path  # never overwritten


def test_report_holds_exactly_the_rows_the_filters_keep(tmp_path: Path) -> None:
    # the officer keeps the hamlets behind: the workbook holds those rows, not every indicator of those hamlets
    app = ChitieuApp(upload_dir=tmp_path / "uploads", output_dir=tmp_path / "out", profile=tmp_path / "p.yaml")
    app.filters.levels.value = (1,)
    app.filters.statuses.value = ("chậm",)
    rows = app.current_rows()
    assert 0 < len(rows) < 35 and set(rows["status"]) == {"chậm"}
    assert summary_tab_rows(app.export()) == list(zip(rows["unit"], rows["indicator_label"]))


def test_bad_workbook_keeps_the_last_good_files(app: ChitieuApp) -> None:
    before = app.quota_files
    app.files.quota_upload.value = ({"name": "hong.xlsx", "type": "", "size": 8, "content": memoryview(b"notexcel"),
                                     "last_modified": NOW},)
    assert app.quota_files == before and len(app.current_rows()) == 40


def column_row(app: ChitieuApp, label: str) -> w.HBox:
    return next(row for row in app.review.column_review.children[1:] if row.children[1].value == label)


def test_review_shows_each_column_mapping_with_confidence(app: ChitieuApp) -> None:
    # 5 quota columns and 5 result columns; the three result files share one template
    assert len(app.review.column_review.children) == 1 + 10
    row = column_row(app, "Kết quả thực hiện (lũy kế) - Trang bị điện thoại thông minh 4G")
    assert row.children[0].value == "KQ 15.5.2024.xlsx và 2 tệp khác"
    assert row.children[2].value == "smartphone:result" and "100%" in row.children[3].value
    assert "Mọi đơn vị trong sổ kết quả đều khớp" in app.review.unit_review.children[0].value


def test_correct_a_column_and_accept_a_unit_then_both_are_reloaded(tmp_path: Path) -> None:
    quota, results = sample_files()
    results = [*results, supplement_results(tmp_path)]
    app = ChitieuApp(quota, results, upload_dir=tmp_path / "uploads", profile=tmp_path / "profile.yaml")
    row = column_row(app, "Số máy đã phát")
    assert row.children[2].value == "" and "0% — cần kiểm tra" in row.children[3].value
    row.children[2].value = "smartphone:result"
    assert "Đã lưu: cột" in app.review.note.value
    assert "Ấp Bàu Sem" in app.review.unit_review.children[1].children[0].value  # counted now, but for no unit
    assert "59,8%" in app.dashboard.cards.value
    accept = app.review.unit_review.children[1].children[2]
    assert accept.description == "Chấp nhận: Ấp Bàu Sen"
    accept.click()
    # Ấp Bàu Sen's phones: 3 → 8 of 8; all indicators of the commune: (936 + 5) / 1,564
    assert "60,2%" in app.dashboard.cards.value
    app.filters.units.value = ("Ấp Bàu Sen",)
    app.filters.indicators.value = ("smartphone",)
    rows = app.current_rows()
    assert rows.iloc[0]["result"] == 8 and rows.iloc[0]["status"] == "vượt"
    again = ChitieuApp(quota, results, upload_dir=tmp_path / "uploads", profile=tmp_path / "profile.yaml")
    assert column_row(again, "Số máy đã phát").children[2].value == "smartphone:result"
    assert column_row(again, "Số máy đã phát").children[3].value.endswith("đã xác nhận</span>")
    assert again.filters.units.value == ("Ấp Bàu Sen",) and "100,0%" in again.dashboard.cards.value  # restored
    again.filters.units.value, again.filters.indicators.value = (), ()
    assert "60,2%" in again.dashboard.cards.value and "Mọi đơn vị" in again.review.unit_review.children[0].value


def test_a_doubtful_column_counts_once_confirmed_and_is_remembered(tmp_path: Path) -> None:
    quota, _ = sample_files()
    results = [doubtful_results(tmp_path)]
    app = ChitieuApp(quota, results, upload_dir=tmp_path / "uploads", profile=tmp_path / "profile.yaml")
    row = column_row(app, "Số lượng")
    assert row.children[2].value == "dddt:result"  # read as the accounts' results …
    assert "chưa tính — cần xác nhận" in row.children[3].value  # … but not counted yet
    assert "tiêu đề bảng có &#x27;định danh điện tử&#x27;" in row.children[5].value
    assert "1 cột chưa tính — cần xác nhận" in app.review.column_panel.get_title(0)
    [warning] = [f for f in app.summary.findings if f.code == "column-unconfirmed"]
    assert (warning.file, warning.column) == (results[0].name, "C")
    dddt = app.summary.table.set_index(["unit", "indicator"])["result"]
    assert dddt.loc[("Ấp 1", "dddt")] != dddt.loc[("Ấp 1", "dddt")]  # NaN: no result reported
    row.children[4].click()  # "Đúng"
    assert "Đã lưu: cột 'Số lượng'" in html.unescape(app.review.note.value)
    dddt = app.summary.table.set_index(["unit", "indicator"])["result"]
    assert (dddt.loc[("Ấp 1", "dddt")], dddt.loc[("Ấp 2", "dddt")], dddt.loc[("Xã Minh Thắng", "dddt")]) == (40, 35, 75)
    assert "column-unconfirmed" not in {f.code for f in app.summary.findings}
    # saved as the dropdown saves a correction: the same profile entry, applied next time
    assert "Số lượng: dddt:result" in (tmp_path / "profile.yaml").read_text(encoding="utf-8")
    again = ChitieuApp(quota, results, upload_dir=tmp_path / "uploads", profile=tmp_path / "profile.yaml")
    assert column_row(again, "Số lượng").children[3].value.endswith("đã xác nhận</span>")
    assert not isinstance(column_row(again, "Số lượng").children[4], w.Button)
    assert again.summary.table.set_index(["unit", "indicator"])["result"].loc[("Ấp 1", "dddt")] == 40


def test_a_column_set_not_counted_drops_its_indicator(app: ChitieuApp, tmp_path: Path) -> None:
    column_row(app, "Chỉ tiêu được giao - Trang bị điện thoại thông minh 4G").children[2].value = ""
    assert len(app.current_rows()) == 32 and "smartphone" not in set(app.summary.table["indicator"])
    # the 63 phones of quota and their 37 results leave the overall percent: (936 - 37) / (1,564 - 63)
    assert "59,9%" in app.dashboard.cards.value
    again = ChitieuApp(upload_dir=tmp_path / "uploads", profile=tmp_path / "profile.yaml")
    assert len(again.current_rows()) == 32


def test_campaign_dates_are_typed_day_first(app: ChitieuApp) -> None:
    app.campaign.start.value = "10/04/2024"
    app.campaign.apply.click()
    assert app.summary.campaign.start == date(2024, 4, 10) and app.campaign.start.value == "10/04/2024"
    app.campaign.as_of.value = "31/02/2024"
    app.campaign.apply.click()
    assert "Ô 'Tính đến' ghi '31/02/2024' không phải là ngày" in app.message.value.replace("&#x27;", "'")
    assert app.summary.campaign.as_of == date(2024, 5, 31)  # the last good summary stays


def test_citizen_list_rows_are_the_people_read(app: ChitieuApp, tmp_path: Path) -> None:
    path = citizen_list(tmp_path / "danh_sach_31.5.2024.xlsx", 700)
    app.files.result_upload.value = upload_value(path)
    assert "700 dòng" in app.files.files_info.value and app.message.value == ""
    # 700 people, every third one not activated: 700 - 233 = 467 accounts in the commune
    dddt = app.summary.table.query("indicator == 'dddt' and unit == 'Xã Minh Thắng'").iloc[0]
    assert dddt["result"] == 467


def test_app_listens_locally_without_token_and_elsewhere_with_one() -> None:
    local, no_token = voila_command(Path("app.ipynb"), 8866, "127.0.0.1")
    shared, token = voila_command(Path("app.ipynb"), 8866, "0.0.0.0")
    assert no_token == "" and "--Voila.ip=127.0.0.1" in local
    assert len(token) >= 24 and f"--token={token}" in shared


def test_an_app_built_ahead_catches_up_with_a_correction_saved_meanwhile(app: ChitieuApp, tmp_path: Path) -> None:
    # the spare kernel's app is built before its officer comes; meanwhile another officer stops
    # counting the smartphone results (a column correction saved in the shared profile)
    other = ChitieuApp(upload_dir=tmp_path / "uploads", profile=app.profile)
    phones = next(r for r in other.review.reviews if r.label.startswith("Kết quả") and "thông minh" in r.label)
    other.correct_column(phones, "")
    assert "57,5%" in other.dashboard.cards.value and "59,8%" in app.dashboard.cards.value
    app.catch_up()
    assert "57,5%" in app.dashboard.cards.value
    assert card_numbers(app.current_rows()) == card_numbers(other.current_rows())


def test_an_annex_uploaded_as_quota_and_as_results_counts_once(app: ChitieuApp, tmp_path: Path) -> None:
    """The officer uploads the plan's annex (quota and result side by side) in both slots: the figures
    are those of the annex, not doubled, and the page says the file was read once."""
    from summary.test_files import ROWS, annex

    path = annex(tmp_path / "phu_luc.xlsx")
    app.files.quota_upload.value = upload_value(path)
    app.files.result_upload.value = upload_value(path)
    rows = app.summary.table[app.summary.table["indicator"] == "dddt"].set_index("unit")
    assert {unit: (rows.loc[unit, "quota"], rows.loc[unit, "result"]) for unit, _, _ in ROWS} == {
        unit: (float(quota), float(result)) for unit, quota, result in ROWS}
    assert "chỉ được đọc một lần" in html.unescape(app.findings.value)
