"""The reporting schedule in Chromium: the officer types "thứ 5 09:00", and the page counts the reports
late (uploaded today, long after their Thursday) or missing, the unit whose latest report is a week old
("báo cáo cũ", not ranked, found with the status filter), and the emulation ranking that leaves it out; an
indicator's own deadline typed in its field."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from report.books import quota_book, result_book  # tests/ is on the path

from .appdriver import ARTIFACTS, card, upload
from .test_app_workspace import assert_officer_text, field

ROWS = ".ct-table tbody tr"
QUOTAS = {"Thôn Đông": 40, "Thôn Tây": 35, "Thôn Nam": 50, "Thôn Bắc": 25}


def test_the_schedule_typed_gives_timeliness_cards_a_stale_filter_and_the_ranking(page: Page, tmp_path: Path) -> None:
    upload(page, "Sổ chỉ tiêu", [quota_book(tmp_path, QUOTAS)])
    expect(page.locator(".ct-banner")).to_have_count(0, timeout=60_000)
    early = result_book(tmp_path, "4.6.2025", {"Thôn Đông": 10, "Thôn Tây": 8, "Thôn Nam": 9, "Thôn Bắc": 20})
    late = result_book(tmp_path, "12.6.2025", {"Thôn Đông": 20, "Thôn Tây": 15, "Thôn Nam": 30})
    upload(page, "Sổ kết quả", [early, late])
    expect(page.get_by_text("Tệp đang dùng: 1 sổ chỉ tiêu, 2 sổ kết quả")).to_be_visible(timeout=60_000)
    for label, value in (("Bắt đầu", "01/06/2025"), ("Kết thúc", "30/06/2025"), ("Tính đến", "19/06/2025"),
                         ("Lịch báo cáo", "thứ 5 09:00")):
        field(page, label).fill(value)
    page.get_by_role("button", name="Tính lại").click()
    # uploaded today: each report came after its Thursday; Thôn Bắc's of 12/06 and all of 19/06 are missing
    expect(card(page, "report-late")).to_have_text("7", timeout=30_000)
    expect(card(page, "report-missing")).to_have_text("5")
    expect(card(page, "report-on-time")).to_have_text("0")
    expect(card(page, "report-stale")).to_have_text("1")
    expect(page.get_by_text("Lịch báo cáo: Thứ Năm hằng tuần, trước 09:00.").first).to_be_visible()
    page.locator(".widget-select-multiple select").nth(3).select_option(label="báo cáo cũ")
    expect(page.locator(ROWS)).to_have_count(1)
    expect(page.locator(ROWS).first).to_contain_text("Thôn Bắc")
    page.get_by_text("Xếp hạng thi đua:").click()
    expect(page.locator(".ct-ranking tbody tr", has_text="Thôn Bắc")).to_contain_text("báo cáo cũ")
    # an indicator's own deadline, typed in the folded field of its name
    page.get_by_text("Hạn từng chỉ tiêu (bấm để đặt)").click()
    deadlines = page.locator(".jupyter-widget-Collapse", has=page.get_by_text("Hạn từng chỉ tiêu"))
    deadlines.locator("input").first.fill("15/06/2025")
    page.get_by_role("button", name="Tính lại").click()
    expect(page.get_by_text("Hạn từng chỉ tiêu (1 hạn riêng đã nhập)")).to_be_visible(timeout=30_000)
    assert_officer_text(page)
    page.set_viewport_size({"width": 1400, "height": 2400})
    page.screenshot(path=str(ARTIFACTS / "app_meeting.png"), full_page=True)
