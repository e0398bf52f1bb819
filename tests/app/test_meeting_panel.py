"""The page's reporting section: the officer types the reporting schedule, and sees who reported on time,
late or not at all (the upload time is when a report was received), the units whose latest report is a
period old (not ranked, and found with the "báo cáo cũ" status filter), and the emulation ranking; the
workbook downloaded holds the same."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd

from chitieu.app.main import ChitieuApp
from chitieu.app.workspace import Workspace, describe_file, save_workspace, workspace_path
from chitieu.report.meeting import REPORTING_SHEET
from chitieu.values import format_number
from report.books import quota_book, result_book

QUOTAS = {"Thôn Đông": 40, "Thôn Tây": 35, "Thôn Nam": 50, "Thôn Bắc": 25}
CAMPAIGN = {"start": "01/06/2025", "end": "30/06/2025", "as_of": "19/06/2025", "schedule": "thứ 5 09:00"}


def opened(tmp_path: Path) -> ChitieuApp:
    """The page over a quota book and two weekly reports uploaded Thursday 5/6 8:00 (as of 4/6) and
    Thursday 12/6 10:30 (as of 12/6, Thôn Bắc missing), with a Thursday 9:00 schedule typed."""
    books = tmp_path / "books"
    books.mkdir()
    uploads = tmp_path / "uploads"
    early = result_book(books, "4.6.2025", {"Thôn Đông": 10, "Thôn Tây": 8, "Thôn Nam": 9, "Thôn Bắc": 20})
    late = result_book(books, "12.6.2025", {"Thôn Đông": 20, "Thôn Tây": 15, "Thôn Nam": 30})
    workspace, _ = Workspace().with_files([quota_book(books, QUOTAS)], "quota", lambda p: describe_file(p, "quota"))
    for path, received in ((early, datetime(2025, 6, 5, 8, 0)), (late, datetime(2025, 6, 12, 10, 30))):
        workspace, _ = workspace.with_files([path], "result", lambda p, at=received: describe_file(p, "result", at))
    uploads.mkdir()
    save_workspace(workspace.with_campaign(CAMPAIGN), workspace_path(uploads))
    return ChitieuApp(upload_dir=uploads, output_dir=tmp_path / "out", profile=tmp_path / "profile.yaml")


def cards(app: ChitieuApp) -> dict[str, str]:
    found = re.findall(r'data-card="report-([a-z-]+)".*?class="ct-value"[^>]*>([^<]*)<', app.meeting.cards.value)
    return dict(found)


def test_reports_on_time_late_missing_and_stale_in_the_page_and_the_workbook(tmp_path: Path) -> None:
    app = opened(tmp_path)
    assert app.campaign.schedule.value == "thứ 5 09:00"  # restored with the workspace
    assert cards(app) == {"on-time": "4", "late": "3", "missing": "5", "stale": "1"}
    assert "Thứ Năm hằng tuần, trước 09:00" in html.unescape(app.meeting.cards.value)
    table = app.summary.table.set_index("label")
    assert pd.isna(table.loc["Thôn Bắc", "rank"]) and table.loc[["Thôn Đông", "Thôn Nam"], "rank"].notna().all()
    app.filters.statuses.value = ("báo cáo cũ",)
    assert set(app.current_rows()["label"]) == {"Thôn Bắc"}
    ranking = html.unescape(app.meeting.ranking.value)
    assert re.search(r"<td></td><td>Thôn Bắc</td><td>[\d,]+%</td><td>[^<]*báo cáo cũ", ranking)
    assert app.meeting.ranking_fold.get_title(0).startswith("Xếp hạng thi đua: 3 đơn vị được xếp hạng")
    app.filters.statuses.value = ()
    rows = list(openpyxl.load_workbook(app.export())[REPORTING_SHEET].iter_rows(values_only=True))
    dong = [r for r in rows if "Thôn Đông" in r and "muộn" in r]
    assert len(dong) == 1 and "1 giờ 30 phút" in dong[0]


def test_a_schedule_that_cannot_be_read_is_said_and_changes_nothing(tmp_path: Path) -> None:
    app = opened(tmp_path)
    before = cards(app)
    app.campaign.schedule.value = "hằng tuần"
    app.campaign.apply.click()
    assert "Không hiểu lịch báo cáo 'hằng tuần'" in html.unescape(app.message.value)
    assert cards(app) == before
    app.campaign.schedule.value = ""
    app.campaign.apply.click()
    assert "Chưa có lịch báo cáo" in html.unescape(app.meeting.cards.value)
    assert app.summary.table.set_index("label").loc["Thôn Bắc", "rank"] == 1  # ranked again without a schedule


def test_an_indicators_own_deadline_typed_sets_its_pace_and_is_kept(tmp_path: Path) -> None:
    """Minh Thắng's plan wants the SIMs earlier than the campaign's end: the officer types that indicator's
    deadline; its pace follows it, the other indicators keep the campaign's, and a reload keeps it."""
    def new_app() -> ChitieuApp:
        return ChitieuApp(upload_dir=tmp_path / "uploads", output_dir=tmp_path / "out", profile=tmp_path / "p.yaml")
    app = new_app()
    campaign = app.summary.campaign
    before = app.summary.table.set_index(["unit", "indicator"])["expected_to_date"]
    assert set(app.campaign.deadlines) == set(app.summary.table["indicator"])
    app.campaign.deadlines["sim"].value = "31/05/2024"
    app.campaign.apply.click()
    assert app.summary.campaign.of("sim").end == datetime(2024, 5, 31).date()
    assert app.summary.campaign.of("dddt").end == campaign.end
    after = app.summary.table.set_index(["unit", "indicator"])["expected_to_date"]
    sim = [key for key in after.index if key[1] == "sim"]
    assert (after[sim] > before[sim]).all() and after.drop(sim).equals(before.drop(sim))
    assert app.campaign.deadline_fold.get_title(0) == "Hạn từng chỉ tiêu (1 hạn riêng đã nhập)"
    app.dashboard.chart_indicator.value = "sim"  # its plan line reaches the quota on its own deadline, today
    hamlets = app.summary.table[(app.summary.table["indicator"] == "sim") & (app.summary.table["level"] == 1)]
    assert f"phải đạt đến nay: {format_number(hamlets['quota'].sum())}<" in app.dashboard.chart.value
    again = new_app()
    assert again.campaign.deadlines["sim"].value == "31/05/2024"
    assert again.summary.campaign.of("sim").end == datetime(2024, 5, 31).date()
    again.campaign.deadlines["sim"].value = "31/13/2024"
    again.campaign.apply.click()
    assert "Hạn của 'Đăng ký SIM chính chủ kèm chữ ký số'" in html.unescape(again.message.value)
    assert again.summary.campaign.of("sim").end == datetime(2024, 5, 31).date()  # the page as it was
