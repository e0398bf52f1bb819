"""An officer's working day: their own files, dates and filters kept across reloads, never mixed with
the samples; a failed upload changes nothing. Driven without a browser on the Tân Hòa workbooks."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.app.main import ChitieuApp
from chitieu.app.workspace import (
    Workspace,
    WorkspaceFile,
    describe_file,
    files_in_use,
    load_workspace,
    save_workspace,
    workspace_path,
)
from chitieu.values import format_number

from .commune_books import TAN_HOA, no_table, quota_without_period, results_on, unrecognised_list
from .test_main import upload_value


def page_text(app: ChitieuApp) -> str:
    return html.unescape(app.message.value + app.banner.value + app.files.files_info.value)


@pytest.fixture
def books(tmp_path: Path) -> Path:
    folder = tmp_path / "books"
    folder.mkdir()
    return folder


def new_app(tmp_path: Path) -> ChitieuApp:
    """The page as a reload or a new tab opens it."""
    return ChitieuApp(upload_dir=tmp_path / "uploads", profile=tmp_path / "profile.yaml")


def typed(app: ChitieuApp, start: str, end: str) -> None:
    app.campaign.start.value, app.campaign.end.value = start, end
    app.campaign.apply.click()


def test_samples_are_marked_until_the_officer_gives_a_quota_workbook(tmp_path: Path, books: Path) -> None:
    app = new_app(tmp_path)
    assert "Dữ liệu mẫu" in page_text(app) and "Xã Minh Thắng" in set(app.summary.table["unit"])
    app.files.quota_upload.value = upload_value(quota_without_period(books))
    assert "Dữ liệu mẫu" not in page_text(app)
    assert app.quota_files[0].name == "giao_chi_tieu_tan_hoa.xlsx" and app.result_files == []


def test_a_quota_workbook_without_period_loads_once_the_dates_are_typed(tmp_path: Path, books: Path) -> None:
    app = new_app(tmp_path)
    app.files.quota_upload.value = upload_value(quota_without_period(books))
    # read and kept, the page asks for the dates in place: no sample dates left in the fields
    assert "hãy nhập ngày bắt đầu và ngày kết thúc" in page_text(app) and app.summary is None
    assert app.campaign.start.value == "" and "ct-date-missing" in app.campaign.start._dom_classes
    assert "ct-table" in app.dashboard.table.value and "<tbody></tbody>" in app.dashboard.table.value
    app.files.result_upload.value = upload_value(results_on(books, "20.6.2025", 0.6))  # still asks, keeps it
    assert app.summary is None and len(app.workspace.files) == 2
    typed(app, "01/06/2025", "30/06/2025")
    campaign = app.summary.campaign
    assert (campaign.start, campaign.end, campaign.as_of) == (date(2025, 6, 1), date(2025, 6, 30), date(2025, 6, 20))
    assert "ct-date-missing" not in app.campaign.start._dom_classes and app.message.value == ""
    assert set(app.summary.table["unit"]) >= set(TAN_HOA)
    # the typed dates hold for every later read: a new result upload keeps them
    app.files.result_upload.value = upload_value(results_on(books, "10.6.2025", 0.3))
    assert app.summary.campaign.start == date(2025, 6, 1)


def test_a_reload_restores_files_dates_heading_and_filters(tmp_path: Path, books: Path) -> None:
    app = new_app(tmp_path)
    app.files.quota_upload.value = upload_value(quota_without_period(books))
    app.files.result_upload.value = upload_value(results_on(books, "20.6.2025", 0.6))
    typed(app, "01/06/2025", "30/06/2025")
    app.campaign.unit_name.value = "CÔNG AN XÃ TÂN HÒA"
    app.filters.units.value = ("Thôn Nam",)
    again = new_app(tmp_path)
    assert [f.path for f in again.workspace.files] == [f.path for f in app.workspace.files]
    assert again.campaign.start.value == "01/06/2025" and again.campaign.unit_name.value == "CÔNG AN XÃ TÂN HÒA"
    assert again.filters.units.value == ("Thôn Nam",) and set(again.current_rows()["unit"]) == {"Thôn Nam"}
    assert again.dashboard.cards.value == app.dashboard.cards.value
    again.start_over()
    assert "Dữ liệu mẫu" in page_text(again) and again.campaign.start.value == "04/04/2024"
    assert load_workspace(workspace_path(tmp_path / "uploads")) == Workspace()
    assert "Dữ liệu mẫu" in page_text(new_app(tmp_path))


def test_result_uploads_add_up_and_a_removed_file_is_recomputed(tmp_path: Path, books: Path) -> None:
    app = new_app(tmp_path)
    app.files.quota_upload.value = upload_value(quota_without_period(books))
    typed(app, "01/06/2025", "30/06/2025")
    first, second = results_on(books, "10.6.2025", 0.3), results_on(books, "20.6.2025", 0.6)
    app.files.result_upload.value = upload_value(first)
    app.files.result_upload.value = upload_value(second)
    assert [p.name for p in app.result_files] == [first.name, second.name]
    assert app.summary.campaign.as_of == date(2025, 6, 20)
    app.files.result_upload.value = upload_value(second)  # the same bytes again: used once
    assert len(app.result_files) == 2 and "chỉ được dùng một lần" in html.unescape(app.files.upload_info.value)
    south = app.summary.table.query("unit == 'Thôn Nam' and indicator == 'cccd'").iloc[0]
    assert south["result"] == 30  # 60 % of 50
    app.remove_file(app.result_files[1], "result")
    south = app.summary.table.query("unit == 'Thôn Nam' and indicator == 'cccd'").iloc[0]
    assert south["result"] == 15 and app.summary.campaign.as_of == date(2025, 6, 10)
    assert [f.path.name for f in new_app(tmp_path).workspace.files] == ["giao_chi_tieu_tan_hoa.xlsx", first.name]


@pytest.mark.parametrize("bad", [no_table, unrecognised_list])
def test_a_file_with_nothing_to_count_is_refused_and_changes_nothing(tmp_path: Path, books: Path, bad) -> None:
    app = new_app(tmp_path)
    app.files.quota_upload.value = upload_value(quota_without_period(books))
    app.files.result_upload.value = upload_value(results_on(books, "20.6.2025", 0.6))
    typed(app, "01/06/2025", "30/06/2025")
    before = (app.workspace, app.summary.table.copy(), app.dashboard.cards.value, app.campaign.as_of.value)
    path = bad(books)
    app.files.result_upload.value = upload_value(path)
    assert f"tệp '{path.name}'" in page_text(app) and "Không có số liệu nào được tính" in page_text(app)
    assert app.files.progress.bar_style != "success" or "ct-error" in app.message.value
    assert app.workspace == before[0] and app.summary.table.equals(before[1])
    assert (app.dashboard.cards.value, app.campaign.as_of.value) == before[2:]
    assert load_workspace(app.workspace_file) == before[0]


def test_a_failed_upload_is_named_by_its_own_name(tmp_path: Path, books: Path) -> None:
    app = new_app(tmp_path)
    (books / "rong.xlsx").write_bytes(b"")
    (books / "empty.xlsx").write_bytes(b"")
    app.files.quota_upload.value = upload_value(books / "rong.xlsx")
    app.files.quota_upload.value = upload_value(books / "empty.xlsx")
    assert "tệp 'empty.xlsx'" in page_text(app) and "rong.xlsx" not in page_text(app)
    assert "Dữ liệu mẫu" in page_text(app) and len(app.current_rows()) == 40  # the samples stay whole


def test_findings_are_vietnamese_grouped_and_folded(tmp_path: Path, books: Path) -> None:
    app = new_app(tmp_path)
    app.files.quota_upload.value = upload_value(quota_without_period(books))
    app.files.result_upload.value = upload_value(results_on(books, "20.6.2025", 0.6, sims=True))
    typed(app, "01/06/2025", "30/06/2025")
    shown = html.unescape(app.findings.value)
    # SIM results of 4 thôn without a SIM quota: one line with its count, the indicator by its label
    assert "(4 chỗ)" in shown and "Đăng ký SIM chính chủ" in shown
    assert not re.search(r"\[[a-z]+(-[a-z]+)+\]|'sim'|\(sim\)|inputs/|uploads", shown)
    assert shown.index("Thông tin (") >= 0 and "Các vấn đề phát hiện: 0 lỗi" in app.findings_fold.titles[0]


def test_a_workspace_file_that_cannot_be_read_opens_an_empty_workspace(tmp_path: Path, books: Path) -> None:
    path = workspace_path(tmp_path)
    assert load_workspace(path) == Workspace()
    path.write_text("{not json", encoding="utf-8")
    assert load_workspace(path) == Workspace()
    quota = quota_without_period(books)
    save_workspace(Workspace((describe_file(quota, "quota"), describe_file(books / "gone.xlsx", "result")
                              if (books / "gone.xlsx").write_bytes(b"x") else None)), path)
    (books / "gone.xlsx").unlink()
    assert [f.path for f in load_workspace(path).files] == [quota]  # a file no longer on the server is left out
    assert json.loads(path.read_text(encoding="utf-8"))["files"][0]["kind"] == "quota"


names = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=8)


@settings(max_examples=60, deadline=None)
@given(quota=names, results=names)
def test_files_in_use_never_mix_the_officer_results_with_the_samples(quota: list[str], results: list[str]) -> None:
    def entry(name: str, kind: str) -> WorkspaceFile:
        return WorkspaceFile(Path(f"{kind}-{name}.xlsx"), kind, f"{kind}{name}", 1, "2025-06-01T08:00:00")

    workspace = Workspace()
    for name in quota:
        workspace = workspace.with_files([Path(name)], "quota", lambda _p, n=name: entry(n, "quota"))[0]
    for name in results:
        workspace = workspace.with_files([Path(name)], "result", lambda _p, n=name: entry(n, "result"))[0]
    opening = ([Path("mau.xlsx")], [Path("kq_mau.xlsx")])
    used_quota, used_results = files_in_use(workspace, opening)
    assert len(used_quota) == (len(set(quota)) or 1) and len(used_results) == (len(set(results)) or (0 if quota else 1))
    assert (Path("kq_mau.xlsx") in used_results) == (not quota and not results)


def test_units_are_chosen_down_the_tree_with_a_search_and_cleared(tmp_path: Path) -> None:
    app = new_app(tmp_path)
    filters = app.filters
    assert list(filters.units.options) == ["Xã Minh Thắng", "Ấp 1", "Ấp 2", "Ấp 3", "Ấp 4", "Ấp 5", "Ấp Đồng Tân",
                                           "Ấp Bàu Sen"]
    filters.units.value = ("Xã Minh Thắng", "Ấp 2")  # the commune, then one of its hamlets: the hamlet
    assert set(app.current_rows()["unit"]) == {"Ấp 2"} and "Đang chọn 1 đơn vị" in filters.count.value
    filters.units.value = ("Xã Minh Thắng",)
    assert "Đang chọn 1 đơn vị và 7 đơn vị cấp dưới" in filters.count.value and len(app.current_rows()) == 40
    filters.search.value = "dong tan"
    assert list(filters.units.options) == ["Xã Minh Thắng", "Ấp Đồng Tân"] and filters.units.value == ("Xã Minh Thắng",)
    filters.indicators.value = ("sim",)
    filters.clear_button.click()
    assert filters.selection() == {"levels": (), "units": (), "indicators": (), "statuses": ()}
    assert len(app.current_rows()) == 40 and len(filters.units.options) == 8


def test_the_pager_jumps_and_the_charts_show_one_indicator_at_one_level(tmp_path: Path) -> None:
    app = new_app(tmp_path)
    board = app.dashboard
    board.jump.value = 1
    assert board.page == 0 and board.jump.max == 1  # 40 rows: one page
    chart = html.unescape(board.chart.value)
    assert board.chart_level.value == 1 and "phải đạt đến nay" in chart
    first = board.chart_indicator.value
    label = {code: text for text, code in board.chart_indicator.options}[first]
    assert label in chart and all(other not in chart for other, code in board.chart_indicator.options if code != first)
    # the plan of the cumulative chart is the quota of that one indicator at that one level
    quota = app.summary.table.query("indicator == @first and level == 1")["quota"].sum()
    assert f"chỉ tiêu {format_number(quota)}" in chart
