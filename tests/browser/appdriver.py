"""Drive `chitieu app` in a real headless Chromium that may reach nothing but 127.0.0.1.

Used by the browser tests (through the fixtures in conftest.py) and by the app benchmark.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import psutil
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

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


@contextmanager
def running_app(timeout: float = 30.0, env: dict[str, str] | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """`chitieu app` on a free port: yields its address and process, stops it by its PID."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib"), **(env or {})}
    process = subprocess.Popen([sys.executable, "-m", "chitieu.cli", "app", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"chitieu app did not answer within {timeout:.0f} s") from None
                time.sleep(0.25)
        yield url, process
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


@contextmanager
def app_page(browser: Browser, url: str, blocked: list[str], timeout_ms: float = 60_000) -> Iterator[Page]:
    """A fresh page on the app, rendered (``timeout_ms`` allowed for it); requests not to 127.0.0.1 are
    aborted and listed in ``blocked``."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
               else (blocked.append(route.request.url), route.abort()))
    page.goto(url, timeout=timeout_ms)
    page.wait_for_selector(".ct-table", timeout=timeout_ms)
    try:
        yield page
    finally:
        context.close()


def card(page: Page, key: str):
    return page.locator(f"[data-card='{key}'] .ct-value")


def upload(page: Page, button: str, files: list[Path]) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=button).click()
    chooser.value.set_files([str(f) for f in files])


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with the flags every browser test uses."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def officer_flow(page: Page, unit: str, folder: Path, timeout_ms: float = 120_000) -> Path:
    """What an officer does once: upload the sample quota and results, keep one unit, export the
    report and download it into ``folder``; returns the downloaded file (named as the app named it)."""
    upload(page, "Sổ chỉ tiêu", [SAMPLES / "chi_tieu_4_phu.xlsx"])
    expect(page.get_by_text("'chi_tieu_4_phu.xlsx' (", exact=False)).to_be_visible(timeout=timeout_ms)
    upload(page, "Sổ kết quả", sorted(SAMPLES.glob("KQ*.xlsx")))
    expect(page.get_by_text("'KQ 31.5.2024.xlsx' (", exact=False)).to_be_visible(timeout=timeout_ms)
    page.locator(".widget-select-multiple select").nth(1).select_option(label=unit)
    expect(page.locator(".ct-table tbody tr")).to_have_count(5, timeout=timeout_ms)
    page.get_by_role("button", name="Xuất báo cáo Excel").click()
    with page.expect_download(timeout=timeout_ms) as download:
        page.locator("a.ct-download").click(timeout=timeout_ms)
    saved = folder / download.value.suggested_filename
    download.value.save_as(saved)
    return saved


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants (Voilà and its kernels), in bytes."""
    root = psutil.Process(pid)
    total = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:  # a kernel that ended between listing and reading
            pass
    return total


@contextmanager
def peak_rss(pid: int, every: float = 0.2) -> Iterator[list[int]]:
    """Samples ``tree_rss(pid)`` in a thread while the block runs; the list holds the peak on exit."""
    peak = [tree_rss(pid)]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(every):
            peak[0] = max(peak[0], tree_rss(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        done.set()
        sampler.join()
        peak[0] = max(peak[0], tree_rss(pid))


def sessions_at_once(url: str, count: int, folder: Path) -> list[Path | BaseException]:
    """``count`` officers, each in its own thread and Chromium, run ``officer_flow`` against one
    server at once (unit "Ấp 1" to "Ấp 5" in turn, so their reports differ); each result is the
    downloaded report or the error that session met."""
    results: list[Path | BaseException] = [RuntimeError("not run")] * count
    start = threading.Barrier(count)

    def officer(i: int) -> None:
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                blocked: list[str] = []
                with app_page(browser, url, blocked, timeout_ms=180_000) as page:
                    start.wait(timeout=300)
                    mine = folder / f"session_{i}"
                    mine.mkdir(parents=True, exist_ok=True)
                    results[i] = officer_flow(page, f"Ấp {i % 5 + 1}", mine)
                browser.close()
        except BaseException as error:  # reported to the caller, which asserts on it
            results[i] = error
            start.abort()  # the others stop waiting for this one

    threads = [threading.Thread(target=officer, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def assert_sessions_succeeded(reports: list[Path | BaseException], url: str) -> None:
    """Every session of ``sessions_at_once`` downloaded its own report, each kept whole under outputs/
    (distinct names, none written over by another: same bytes, its own unit), and the server still answers."""
    assert all(isinstance(r, Path) for r in reports), reports
    assert len({r.name for r in reports}) == len(reports), [r.name for r in reports]
    for i, report in enumerate(reports):
        assert (ROOT / "outputs" / report.name).read_bytes() == report.read_bytes()
        text = " ".join(str(c.value) for row in load_workbook(report).active.iter_rows() for c in row if c.value)
        assert f"Ấp {i % 5 + 1}" in text and f"Ấp {(i + 1) % 5 + 1}" not in text
    with urllib.request.urlopen(url, timeout=30) as answer:
        assert answer.status == 200
