"""Drive `chitieu app` in a real headless Chromium that may reach nothing but 127.0.0.1.

Used by the browser tests (through the fixtures in conftest.py) and by the app benchmark.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from playwright.sync_api import Browser, Page

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
def app_page(browser: Browser, url: str, blocked: list[str]) -> Iterator[Page]:
    """A fresh page on the app, rendered; requests not to 127.0.0.1 are aborted and listed in ``blocked``."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
               else (blocked.append(route.request.url), route.abort()))
    page.goto(url)
    page.wait_for_selector(".ct-table", timeout=60_000)
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
