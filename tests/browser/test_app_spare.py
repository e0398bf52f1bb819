"""The spare kernel `chitieu app` builds ahead: a page never waits for it while it starts, and the
page that takes it shows the corrections saved since it was built."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect, sync_playwright

from .appdriver import app_page, card, launch_chromium, running_app

SPARE_TAKEN = "Using pre-heated kernel"


@pytest.fixture
def logged_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    log = tmp_path / "server.log"
    with running_app(env={"CHITIEU_PROFILE": str(tmp_path / "mapping_profile.yaml")}, log_path=log) as (url, _):
        yield url, log


def test_spare_kernel_is_taken_only_when_ready_and_catches_up(logged_server: tuple[str, Path]) -> None:
    url, log = logged_server
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        with app_page(browser, url, []) as first:
            # opened as the server came up: the spare was still starting, so this page had its own kernel
            assert SPARE_TAKEN not in log.read_text(encoding="utf-8")
            stop_counting_phones(first)
            expect(card(first, "overall")).to_have_text("57,5%")
        with app_page(browser, url, []) as second:
            assert log.read_text(encoding="utf-8").count(SPARE_TAKEN) == 1
            # built before the correction, the spare read the workbooks again when its page took it
            expect(card(second, "overall")).to_have_text("57,5%")
            chosen = phones_column(second).evaluate("s => s.options[s.selectedIndex].text")
            assert chosen.replace("\xa0", " ") == "Không tính"  # ipywidgets writes non-breaking spaces
        browser.close()


def phones_column(page: Page) -> Locator:
    """The dropdown of the results' smartphone column, in the column review opened."""
    page.get_by_text("Các cột đã đọc").click()
    return page.locator(".ct-column-row", has_text="Kết quả thực hiện (lũy kế) - Trang bị điện thoại thông minh 4G"
                        ).locator("select")


def stop_counting_phones(page: Page) -> None:
    expect(card(page, "overall")).to_have_text("59,8%")
    phones_column(page).select_option(label="Không tính")
    expect(page.get_by_text("Đã lưu: cột 'Kết quả thực hiện (lũy kế) - Trang bị điện thoại", exact=False)
           ).to_be_visible()
