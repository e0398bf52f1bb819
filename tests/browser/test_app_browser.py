"""The app in real headless Chromium: `chitieu app` on a free port, only 127.0.0.1 reachable."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "inputs" / "minh_thang"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib")}
    process = subprocess.Popen([sys.executable, "-m", "chitieu.cli", "app", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("chitieu app did not answer within 30 s")
        yield url
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


@pytest.fixture
def page(server: str) -> Iterator[Page]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium (./run test does it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        blocked: list[str] = []
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                   else (blocked.append(route.request.url), route.abort()))
        page.goto(server)
        page.wait_for_selector(".ct-table", timeout=60_000)
        yield page
        browser.close()
    # Voilà's lab template still links Font Awesome from a CDN; its icons are bundled in voila.js too,
    # so the page works offline. Nothing else may leave the machine.
    assert all("fontawesome" in url for url in blocked), blocked


def card(page: Page, key: str):
    return page.locator(f"[data-card='{key}'] .ct-value")


def upload(page: Page, button: str, files: list[Path]) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=button).click()
    chooser.value.set_files([str(f) for f in files])


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
