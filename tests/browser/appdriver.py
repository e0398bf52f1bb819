"""Drive `chitieu app` in a real headless Chromium that may reach nothing but 127.0.0.1.

Used by the browser tests (through the fixtures in conftest.py) and by the app benchmark.
"""

from __future__ import annotations

import base64
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

import xlsxwriter
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
def running_app(timeout: float = 60.0, env: dict[str, str] | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """`chitieu app` on a free port: yields its address and process, stops it by its PID.

    Readiness is the port accepting connections: a GET of the page would start a kernel and run the
    notebook each time it is tried. The server's output goes to a temporary file (an unread pipe
    fills up and stalls Voilà) and is shown if it does not start."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib"), **(env or {})}
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        process = subprocess.Popen([sys.executable, "-m", "chitieu.cli", "app", "--port", str(port)], env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for_port(port, timeout, process, log)
            yield f"http://127.0.0.1:{port}/", process
        finally:
            os.kill(process.pid, signal.SIGTERM)
            process.wait(timeout=15)


def _wait_for_port(port: int, timeout: float, process: subprocess.Popen, log: IO[str]) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"chitieu app did not answer within {timeout:.0f} s:\n{log.read()[-3000:]}") from None
            time.sleep(0.25)


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


def supplement_results(folder: Path) -> Path:
    """A result workbook for 31/05/2024 that the reader cannot fully use on its own: its one column,
    "Số máy đã phát" (phones handed out), names no indicator, and its unit "Ấp Bàu Sem" is a typo of
    the quota's "Ấp Bàu Sen". Mapped to smartphone results and accepted, Ấp Bàu Sen's 3 phones of 8
    become 8 of 8."""
    path = folder / "KQ bổ sung 31.5.2024.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Bổ sung")
    sheet.write_row(0, 0, ["KẾT QUẢ BỔ SUNG - XÃ MINH THẮNG (tính đến ngày 31/05/2024)"])
    sheet.write_row(2, 0, ["STT", "Đơn vị", "Số máy đã phát"])
    sheet.write_row(3, 0, [1, "Ấp Bàu Sem", 8])
    book.close()
    return path


def citizen_list(path: Path, rows: int, activated_every: int = 3) -> Path:
    """A citizen list of the Minh Thắng hamlets (made-up people), one row per person: of every
    ``activated_every`` people the first has a level-2 account, the second a level-1 account, the others
    none. A random note per row keeps it from compressing, so 320,000 rows make a ~61 MB workbook.
    Written row by row (constant_memory) and kept: build it once per cache folder."""
    if path.exists():
        return path
    rng = random.Random(6)
    hamlets = ["Ấp 1", "Ấp 2", "Ấp 3", "Ấp 4", "Ấp 5", "Ấp Đồng Tân", "Ấp Bàu Sen"]
    statuses = ["Đã kích hoạt mức 2", "Đã kích hoạt mức 1"] + ["Chưa kích hoạt"] * (activated_every - 2)
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
    partial = path.with_suffix(".part")
    book = xlsxwriter.Workbook(str(partial), {"constant_memory": True})
    sheet = book.add_worksheet("Danh sách")
    sheet.write_row(0, 0, ["DANH SÁCH CÔNG DÂN ĐÃ ĐĂNG KÝ ĐỊNH DANH ĐIỆN TỬ"])
    sheet.write_row(2, 0, ["STT", "Họ và tên", "Số định danh", "Ngày sinh", "Ấp", "Trạng thái", "Ghi chú"])
    for i in range(rows):
        sheet.write_row(3 + i, 0, [i + 1, names[i % 4], str(rng.randrange(10**11, 10**12)), "01/01/1990",
                                   hamlets[i % 7], statuses[i % activated_every], base64.b64encode(rng.randbytes(150)).decode()])
    book.close()
    partial.rename(path)
    return path
