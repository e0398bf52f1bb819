"""Drive `chitieu app` in a real headless Chromium that may reach nothing but 127.0.0.1.

Used by the browser tests (through the fixtures in conftest.py) and by the app benchmark.
"""

from __future__ import annotations

import base64
import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from itertools import takewhile
from pathlib import Path
from typing import IO, Iterator

import psutil
import xlsxwriter
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

from chitieu.report.build import SUMMARY_SHEET
from chitieu.report.xlsx import HEADING_ROWS

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
def running_app(timeout: float = 60.0, env: dict[str, str] | None = None,
                log_path: Path | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """`chitieu app` on a free port: yields its address and process; on exit, however the block ends,
    the server and its kernels are stopped (``stop_server``).

    Readiness is the port accepting connections: a GET of the page would start a kernel and run the
    notebook each time it is tried. The server's output goes to ``log_path`` or a temporary file (an
    unread pipe fills up and stalls Voilà) and is shown if it does not start."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib"), **(env or {})}
    opened = open(log_path, "w+", encoding="utf-8") if log_path else tempfile.TemporaryFile("w+", encoding="utf-8")
    with opened as log, tempfile.TemporaryDirectory() as uploads:
        # uploads, and the officer's workspace saved with them, stay out of inputs/ unless a test names a folder
        env.setdefault("CHITIEU_UPLOADS", uploads)
        # a session of its own: the server's process group is stopped as a whole, nothing else with it
        process = subprocess.Popen([sys.executable, "-m", "chitieu.cli", "app", "--port", str(port)], env=env,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait_for_port(port, timeout, process, log)
            yield f"http://127.0.0.1:{port}/", process
        finally:
            stop_server(process)


def stop_server(process: subprocess.Popen, grace: float = 15.0) -> None:
    """Stop the server's process group and its kernels: SIGTERM (Voilà shuts its kernels down), then
    SIGKILL to whatever still runs after ``grace`` seconds. The kernels run in sessions of their own
    (jupyter_client starts them so), so they are followed as the server's descendants. A server that
    already ended, even one already waited for, is no error."""
    family = descendants(process)
    _signal_group(process.pid, signal.SIGTERM)
    left = _wait_for_stop(process, family, grace)
    if left:
        _signal_group(process.pid, signal.SIGKILL)
        for member in left:
            with contextlib.suppress(psutil.NoSuchProcess):
                member.kill()
        _wait_for_stop(process, family, grace)


def descendants(process: subprocess.Popen) -> set[psutil.Process]:
    """The processes a still-running server started (its kernels); none once it has ended."""
    try:
        return set(psutil.Process(process.pid).children(recursive=True)) if process.poll() is None else set()
    except psutil.NoSuchProcess:
        return set()


def group_members(pgid: int) -> list[psutil.Process]:
    """The running processes of process group ``pgid`` (zombies are not running)."""
    members = []
    for candidate in psutil.process_iter():
        with contextlib.suppress(psutil.NoSuchProcess, ProcessLookupError):
            if os.getpgid(candidate.pid) == pgid and is_running(candidate):
                members.append(candidate)
    return members


def is_running(process: psutil.Process) -> bool:
    """Whether the process still runs: ended and zombie processes do not (on this machine nothing
    reaps the orphans of a killed server, so its ended kernels may stay zombies)."""
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # the whole group has ended already
        os.killpg(pgid, signum)


def _wait_for_stop(process: subprocess.Popen, family: set[psutil.Process], timeout: float) -> list[psutil.Process]:
    """Waits up to ``timeout`` seconds for the server (reaped here), its group and ``family`` to end,
    adding the kernels the server starts meanwhile to ``family``; returns those still running."""
    deadline = time.monotonic() + timeout
    while True:
        family |= descendants(process)
        left = [p for p in family if is_running(p)] + group_members(process.pid)
        if process.poll() is not None and not left:
            return []
        if time.monotonic() > deadline:
            return left  # a server still running is a member of its own group
        time.sleep(0.1)


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


def supplement_results(folder: Path) -> Path:
    """A result workbook for 31/05/2024 that the reader cannot fully use on its own: its one column,
    "Số máy đã phát" (phones handed out), names no indicator, and its unit "Ấp Bàu Sem" is a typo of
    the quota's "Ấp Bàu Sen". Mapped to smartphone results and accepted, Ấp Bàu Sen's 3 phones of 8
    become 8 of 8."""
    return one_table(folder / "KQ bổ sung 31.5.2024.xlsx", "Bổ sung",
                     "KẾT QUẢ BỔ SUNG - XÃ MINH THẮNG (tính đến ngày 31/05/2024)",
                     [["STT", "Đơn vị", "Số máy đã phát"], [1, "Ấp Bàu Sem", 8]])


def doubtful_results(folder: Path) -> Path:
    """A result workbook for 31/05/2024 whose one column, "Số lượng", only its title ("… ĐỊNH DANH ĐIỆN
    TỬ …": the accounts) and its being a result workbook explain: read as the accounts' results, below
    the confidence bar, so not counted until the officer confirms it. Ấp 1 activated 40, Ấp 2 35."""
    return one_table(folder / "Báo cáo ĐDĐT 31.5.2024.xlsx", "Báo cáo",
                     "BÁO CÁO ĐỊNH DANH ĐIỆN TỬ XÃ MINH THẮNG (tính đến ngày 31/05/2024)",
                     [["STT", "Đơn vị", "Số lượng"], [1, "Ấp 1", 40], [2, "Ấp 2", 35]])


def one_table(path: Path, sheet_name: str, title: str, rows: list[list[object]]) -> Path:
    """A workbook of one sheet: a title, a blank row, then the table's rows."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet(sheet_name)
    sheet.write_row(0, 0, [title])
    for r, row in enumerate(rows, 2):
        sheet.write_row(r, 0, row)
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


def summary_tab_rows(report: Path) -> list[tuple[str, str]]:
    """The (unit, indicator) of each row of a report's "Tổng hợp" tab, top to bottom."""
    sheet = load_workbook(report)[SUMMARY_SHEET]
    rows = sheet.iter_rows(min_row=HEADING_ROWS + 2, max_col=2, values_only=True)  # under the column labels
    found, indicator = [], None
    for number, unit in takewhile(lambda row: row != (None, None), rows):
        if unit is None:  # a group heading "I. <indicator>" over its units (STT, unit)
            indicator = number.partition(". ")[2]
        else:
            found.append((unit, indicator))
    return found


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
    return download_report(page, folder, timeout_ms)


def download_report(page: Page, folder: Path, timeout_ms: float = 30_000) -> Path:
    """Click "Xuất báo cáo Excel", then the new download link; returns the file saved in ``folder``
    under the name the app gave it."""
    link = page.locator("a.ct-download")
    earlier = link.get_attribute("download") if link.count() else None
    page.get_by_role("button", name="Xuất báo cáo Excel").click()
    if earlier is not None:  # every report gets a name of its own
        expect(link).not_to_have_attribute("download", earlier, timeout=timeout_ms)
    with page.expect_download(timeout=timeout_ms) as download:
        link.click(timeout=timeout_ms)
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
                # ten kernels and ten Chromiums start on two cores: the first page may take minutes
                with app_page(browser, url, blocked, timeout_ms=480_000) as page:
                    start.wait(timeout=600)
                    mine = folder / f"session_{i}"
                    mine.mkdir(parents=True, exist_ok=True)
                    results[i] = officer_flow(page, f"Ấp {i % 5 + 1}", mine, timeout_ms=300_000)
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
