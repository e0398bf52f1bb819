"""Fixtures of the browser tests: one `chitieu app` per module, a fresh Chromium page per test."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from chitieu.app.workspace import workspace_path

from .appdriver import CHROMIUM, app_page, launch_chromium, running_app

# the page recomputes after each click; on a loaded 2-core machine that can take more than Playwright's 5 s
expect.set_options(timeout=20_000)


@pytest.fixture(scope="module")
def uploads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server's uploads folder, which holds the officer's workspace too."""
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, uploads: Path) -> Iterator[str]:
    """The app with a mapping profile and uploads of its own, so the tests' corrections and files stay out of inputs/."""
    profile = tmp_path_factory.mktemp("profile") / "mapping_profile.yaml"
    with running_app(env={"CHITIEU_PROFILE": str(profile), "CHITIEU_UPLOADS": str(uploads)}) as (url, _process):
        yield url


@pytest.fixture
def page(server: str, uploads: Path) -> Iterator[Page]:
    workspace_path(uploads).unlink(missing_ok=True)  # each test opens on the samples, as a first visit does
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium (./run test does it)"
    blocked: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        with app_page(browser, server, blocked) as page:
            yield page
        browser.close()
    # The repo's Voilà template (share/jupyter/voila/templates/chitieu) links nothing outside the machine.
    assert blocked == [], blocked
