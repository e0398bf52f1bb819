"""Fixtures of the browser tests: one `chitieu app` per module, a fresh Chromium page per test."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Page, sync_playwright

from .appdriver import CHROMIUM, CHROMIUM_ARGS, app_page, running_app


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with running_app() as (url, _process):
        yield url


@pytest.fixture
def page(server: str) -> Iterator[Page]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium (./run test does it)"
    blocked: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with app_page(browser, server, blocked) as page:
            yield page
        browser.close()
    # Voilà's lab template still links Font Awesome from a CDN; its icons are bundled in voila.js too,
    # so the page works offline. Nothing else may leave the machine.
    assert all("fontawesome" in url for url in blocked), blocked
