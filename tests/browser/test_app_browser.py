"""The app in real headless Chromium: `chitieu app` on a free port, only 127.0.0.1 reachable."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from .appdriver import ARTIFACTS, SAMPLES, card, upload


def test_officer_uploads_filters_and_downloads(page: Page) -> None:
    expect(card(page, "overall")).to_have_text("59,8%")
    upload(page, "Sổ chỉ tiêu", [SAMPLES / "chi_tieu_4_phu.xlsx"])
    upload(page, "Sổ kết quả", sorted(SAMPLES.glob("KQ*.xlsx")))
    expect(page.get_by_text("Sổ kết quả: ", exact=False).first).to_be_visible()
    expect(page.locator(".ct-table tbody tr")).to_have_count(40)
    page.locator(".widget-select-multiple select").nth(1).select_option(label="Ấp 1")
    expect(page.locator(".ct-table tbody tr")).to_have_count(5)
    page.locator(".widget-select-multiple select").nth(2).select_option(
        label="Cấp CCCD cho công dân sinh trước tháng 7/2010")
    expect(page.locator(".ct-table tbody tr")).to_have_count(1)
    expect(card(page, "overall")).to_have_text("83,3%")
    expect(page.locator(".ct-table tbody tr td").nth(1)).to_contain_text("Ấp 1")
    page.get_by_role("button", name="Xuất báo cáo Excel").click()
    with page.expect_download() as download:
        page.locator("a.ct-download").click()
    name = download.value.suggested_filename
    assert name.startswith("Báo cáo tiến độ") and name.endswith(".xlsx")
    ARTIFACTS.mkdir(exist_ok=True)
    saved = ARTIFACTS / name
    download.value.save_as(saved)
    text = " ".join(str(c.value) for row in load_workbook(saved).active.iter_rows() for c in row if c.value)
    assert "Ấp 1" in text and "Ấp 2" not in text
    page.set_viewport_size({"width": 1400, "height": 2200})  # Voilà scrolls inside its own container
    page.screenshot(path=str(ARTIFACTS / "app.png"))


def test_bad_workbook_shows_a_vietnamese_message(page: Page, tmp_path: Path) -> None:
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(os.urandom(4096))
    upload(page, "Sổ chỉ tiêu", [bad])
    expect(page.locator(".ct-error")).to_contain_text("Không đọc được tệp")
    page.screenshot(path=str(ARTIFACTS / "app_bad_file.png"))
