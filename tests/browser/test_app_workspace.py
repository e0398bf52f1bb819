"""An officer's working day in Chromium, on the Tân Hòa workbooks (shapes no other browser test uses):
a quota workbook with no period loads once the dates are typed; result uploads add up; a reload keeps
files, dates and filters; removing a file recomputes; a failed upload changes nothing; the page shows
no finding code, indicator code or server path."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from app.commune_books import no_table, quota_without_period, results_on  # tests/ is on the path
from chitieu.mapping.catalog import load_catalog

from .appdriver import ARTIFACTS, card, upload

ROWS = ".ct-table tbody tr"


def field(page: Page, label: str):
    """The text box of a campaign field, by its label."""
    return page.locator(".widget-text", has_text=label).locator("input")


def open_folds(page: Page) -> None:
    """Open the folded sections (files in use, review, findings) that are closed."""
    for title in page.locator(".lm-AccordionPanel-title, .jupyter-widget-Collapse-header").all():
        if title.get_attribute("aria-expanded") != "true":
            title.click()


def assert_officer_text(page: Page) -> None:
    """No finding code, indicator code or server path in what the page shows."""
    open_folds(page)
    text = page.locator("#rendered_cells").inner_text()
    codes = "|".join(map(re.escape, load_catalog().indicators))
    for code in (r"\[[a-z]+(-[a-z0-9]+)+\]", rf"[\[(']({codes})[\])']"):
        found = re.search(code, text)
        assert not found, text[max(0, found.start() - 300):found.end() + 50]
    assert "inputs/" not in text and "/tmp" not in text and "uploads" not in text
    assert "Running" not in page.locator("body").inner_text()


def test_a_working_day_kept_across_reloads(page: Page, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    expect(page.locator(".ct-banner")).to_contain_text("Dữ liệu mẫu")
    upload(page, "Sổ chỉ tiêu", [quota_without_period(tmp_path)])
    # the quota has no period: read and kept, the page asks for the dates in the highlighted fields
    expect(page.locator(".ct-hint")).to_contain_text("hãy nhập ngày bắt đầu và ngày kết thúc", timeout=60_000)
    expect(page.locator(".ct-date-missing input")).to_have_count(2)
    expect(page.locator(".ct-banner")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "app_workspace_dates_asked.png"))
    field(page, "Bắt đầu").fill("01/06/2025")
    field(page, "Kết thúc").fill("30/06/2025")
    page.get_by_role("button", name="Tính lại").click()
    expect(page.locator(ROWS)).to_have_count(15, timeout=30_000)  # the total and 4 thôn × 3 indicators
    expect(page.locator(".ct-date-missing input")).to_have_count(0)
    upload(page, "Sổ kết quả", [results_on(tmp_path, "10.6.2025", 0.3)])
    expect(field(page, "Tính đến")).to_have_value("10/06/2025", timeout=30_000)
    upload(page, "Sổ kết quả", [results_on(tmp_path, "20.6.2025", 0.6, sims=True)])  # adds to the first
    expect(field(page, "Tính đến")).to_have_value("20/06/2025", timeout=30_000)
    expect(page.get_by_text("Tệp đang dùng: 1 sổ chỉ tiêu, 2 sổ kết quả")).to_be_visible()
    expect(card(page, "overall")).to_have_text("60,0%")
    page.locator(".widget-select-multiple select").nth(1).select_option(label="Thôn Nam")
    expect(page.locator(ROWS)).to_have_count(3)
    before = page.locator(".ct-table").inner_text()
    # a workbook with no table, given as results: refused, nothing else changes
    upload(page, "Sổ kết quả", [no_table(tmp_path)])
    expect(page.locator(".ct-error")).to_contain_text("tệp 'ghi_chu.xlsx'", timeout=30_000)
    assert page.locator(".ct-table").inner_text() == before
    expect(page.get_by_text("Tệp đang dùng: 1 sổ chỉ tiêu, 2 sổ kết quả")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "app_workspace_refused.png"), full_page=True)

    page.reload()
    page.wait_for_selector(".ct-table", timeout=60_000)
    expect(page.locator(ROWS)).to_have_count(3, timeout=30_000)  # the filter kept
    expect(field(page, "Bắt đầu")).to_have_value("01/06/2025")
    expect(field(page, "Tính đến")).to_have_value("20/06/2025")
    expect(page.get_by_text("Tệp đang dùng: 1 sổ chỉ tiêu, 2 sổ kết quả")).to_be_visible()
    assert page.locator(".ct-table").inner_text() == before
    assert_officer_text(page)
    page.set_viewport_size({"width": 1400, "height": 2000})
    page.screenshot(path=str(ARTIFACTS / "app_workspace_reloaded.png"))

    page.get_by_title("Bỏ 'bao cao thon 20.6.2025.xlsx' khỏi các tệp đang dùng").click()
    expect(field(page, "Tính đến")).to_have_value("10/06/2025", timeout=30_000)
    expect(page.locator(f"{ROWS} td[data-column='result']").first).to_have_text("15")  # 30 % of Thôn Nam's 50
    page.get_by_role("button", name="Bắt đầu lại").click()
    expect(page.locator(".ct-banner")).to_contain_text("Dữ liệu mẫu", timeout=30_000)
    expect(page.locator(ROWS)).to_have_count(40)
