"""The review in real headless Chromium: a column the reader is not sure of shows its role, evidence and
confidence and is not counted; one click on "Đúng" counts it as read, and a reload remembers it."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from chitieu.app.views import review_anchor

from .appdriver import ARTIFACTS, SAMPLES, card, doubtful_results, upload

TIMEOUT = 120_000
WARNING = "Cột 'Số lượng' được đọc là"  # the start of the finding that names the column not counted
ACCOUNTS = "Kích hoạt tài khoản định danh điện tử (mức 1 + mức 2) — kết quả"


def upload_workbooks(page: Page, results: Path) -> None:
    """The sample quota workbook and the doubtful results, each waited for until read."""
    for button, path in (("Sổ chỉ tiêu", SAMPLES / "chi_tieu_4_phu.xlsx"), ("Sổ kết quả", results)):
        upload(page, button, [path])
        expect(page.get_by_text(f"'{path.name}' (", exact=False)).to_be_visible(timeout=TIMEOUT)


def test_a_doubtful_column_is_confirmed_with_one_click_and_remembered(page: Page, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    results = doubtful_results(tmp_path)
    upload_workbooks(page, results)
    column = page.locator(".ct-column-row", has_text="Số lượng")
    expect(column.locator(".ct-confidence")).to_have_text("72% · chưa tính — cần xác nhận", timeout=TIMEOUT)
    expect(column.locator(".ct-evidence")).to_have_text(
        "kết quả — tiêu đề bảng có 'định danh điện tử'; tiêu đề không nói vai trò: tệp được nạp là sổ kết quả")
    expect(column.locator("select option:checked")).to_have_text(ACCOUNTS)  # what it counts as, once confirmed
    expect(page.get_by_text(WARNING, exact=False)).to_have_count(1)
    expect(card(page, "overall")).to_have_text("0,0%")  # nothing of the column counted yet
    column.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "app_review_doubtful.png"))

    column.get_by_role("button", name="Đúng").click()
    expect(page.get_by_text("Đã lưu: cột 'Số lượng'", exact=False)).to_be_visible(timeout=TIMEOUT)
    expect(card(page, "overall")).to_have_text("4,8%")  # Ấp 1's 40 and Ấp 2's 35 accounts of 1,564 in all
    confirmed = page.locator(".ct-column-row", has_text="Số lượng")
    expect(confirmed.locator(".ct-confidence")).to_have_text("đã xác nhận")
    expect(confirmed.get_by_role("button", name="Đúng")).to_have_count(0)
    expect(confirmed.locator("select option:checked")).to_have_text(ACCOUNTS)  # confirmed, not changed
    expect(page.get_by_text(WARNING, exact=False)).to_have_count(0)
    confirmed.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "app_review_confirmed.png"))

    # A reload opens a new kernel: the same workbook (uploaded again, or kept by the workspace) counts at once.
    page.reload()
    page.wait_for_selector(".ct-table", timeout=TIMEOUT)
    upload_workbooks(page, results)
    remembered = page.locator(".ct-column-row", has_text="Số lượng")
    expect(remembered.locator(".ct-confidence")).to_have_text("đã xác nhận", timeout=TIMEOUT)
    expect(card(page, "overall")).to_have_text("4,8%")
    expect(page.get_by_text(WARNING, exact=False)).to_have_count(0)


def test_a_finding_jumps_to_its_files_row_in_the_folded_review(page: Page) -> None:
    """On the samples the review is folded (every column read for sure); the finding about 'KQ 31.5.2024.xlsx'
    opens it at that file's first column row, outlined and on screen."""
    page.get_by_role("button", name="Bắt đầu lại").click()  # the samples, whatever the tests before left
    expect(page.locator(".ct-banner")).to_contain_text("Dữ liệu mẫu", timeout=TIMEOUT)
    page.get_by_text("Các vấn đề phát hiện:").click()
    link = page.locator(".ct-jump").first
    expect(link).to_have_text("xem cách đọc tệp")
    review = page.locator(".jupyter-widget-Collapse", has=page.get_by_text("Các cột đã đọc:"))
    expect(review.locator(".jupyter-widget-Collapse-contents")).to_have_class(re.compile("lm-mod-hidden"))
    link.click()
    expect(review.locator(".jupyter-widget-Collapse-contents")).not_to_have_class(re.compile("lm-mod-hidden"))
    row = page.locator(".ct-column-row", has=page.locator(f"#{review_anchor('KQ 31.5.2024.xlsx')}"))
    expect(row).to_be_in_viewport()
    expect(row).to_have_attribute("style", re.compile("outline"))
