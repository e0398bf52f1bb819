"""Time the app in headless Chromium: cold start to the first table, a page opened on the running
server to the first table, and a filter change to the table shown.

The app opens (``chitieu app --quota ... --results ...``, here through the same environment variables)
on workbooks written from bench_report's synthetic summary: UNITS units (100 districts × 99 communes
+ the districts) × 7 indicators, one quota workbook and three result workbooks (days 30, 60, 90).
Pages opened on the running server are timed after waiting for the spare kernel `chitieu app` keeps
built (what an officer opening the app that runs all day meets), and once right after another page
took the spare (the page then starts its own kernel). Each filter change alternates the indicator and the unit selection; the time runs in the page from
the select's change event to the next animation frame after the new table is in the DOM (and, apart,
to the chart). Run: ``PYTHONPATH=lib python benchmarks/bench_app.py [UNITS] [CHANGES]``.

``PYTHONPATH=lib python benchmarks/bench_app.py national`` measures the national case instead: the 34
provinces × 3,321 communes of the ``vietnam-provinces`` register, one quota workbook and 30 daily result
workbooks; it prints each page kernel's resident memory (the target: at most 300 MiB), the time from
choosing one province through the unit tree to its communes' table, and whether the first screen
(1400 × 900) shows the cards and the top of the table, beside the memory of the same summary held as a
plain pandas frame of Python strings (the baseline).
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
import xlsxwriter
from playwright.sync_api import Browser, Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from appdriver import app_page, launch_chromium, running_app  # noqa: E402
from bench_report import synthetic_summary  # noqa: E402

from chitieu.app.launch import startup_environment  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache" / "app"
# one column heading per catalog indicator, in the synthetic summary's order ct_1 … ct_7
HEADINGS = ["Thu nhận hồ sơ cấp CCCD", "Cấp CCCD trước tháng 7/2010", "Cấp CCCD trước năm 2009",
            "Kích hoạt tài khoản định danh điện tử (mức 1 + mức 2)", "Cài đặt ứng dụng VNeID",
            "Đăng ký SIM chính chủ kèm chữ ký số", "Trang bị điện thoại thông minh 4G"]
RESULT_DAYS = (29, 59, 89)
# a spare kernel is refilled 5 s after it is taken (chitieu.app.server) and then builds the app
OPENS, SPARE_WAIT_S = 3, 40
MEASURE_JS = """async ([index, labels]) => {
  const select = document.querySelectorAll('.widget-select-multiple select')[index];
  // the table widget puts a new element in; the chart may be an <img> whose src changes
  const chartText = () => (document.querySelector('.ct-chart') || {}).outerHTML;
  const table = document.querySelector('.ct-table'), chart = chartText();
  return await new Promise((resolve, reject) => {
    const times = {};
    let t0 = 0;
    const observer = new MutationObserver(() => {
      if (!times.table && document.querySelector('.ct-table') !== table)
        requestAnimationFrame(() => { times.table = performance.now() - t0; done(); });
      if (!times.chart && chartText() !== chart)
        requestAnimationFrame(() => { times.chart = performance.now() - t0; done(); });
    });
    const done = () => { if (times.table && times.chart) { observer.disconnect(); resolve(times); } };
    setTimeout(() => { observer.disconnect(); reject(new Error('no redraw within 60 s: ' + JSON.stringify(times))); }, 60000);
    observer.observe(document.body, {childList: true, subtree: true, attributes: true});
    // ipywidgets writes option texts with non-breaking spaces
    for (const option of select.options) option.selected = labels.includes(option.text.replace(/\u00a0/g, ' '));
    t0 = performance.now();
    select.dispatchEvent(new Event('change', {bubbles: true}));
  });
}"""


def bench_workbooks(units: int) -> tuple[list[Path], list[Path]]:
    """The quota workbook and the result workbooks of ``units`` units (cached)."""
    folder = CACHE / str(units)
    quota_path, result_paths = folder / "chi_tieu.xlsx", [folder / f"ket_qua_{d + 1}.xlsx" for d in RESULT_DAYS]
    if quota_path.exists() and all(p.exists() for p in result_paths):
        return [quota_path], result_paths
    folder.mkdir(parents=True, exist_ok=True)
    summary = synthetic_summary(units)
    leaves = summary.table[summary.table["level"] == 1]
    quota = leaves.pivot(index=["parent", "unit"], columns="indicator", values="quota").reset_index()
    campaign = summary.campaign
    _write_workbook(quota_path, f"PHÂN BỔ CHỈ TIÊU (từ ngày {campaign.start:%d/%m/%Y} đến ngày {campaign.end:%d/%m/%Y})",
                    "Chỉ tiêu được giao", quota.to_numpy().tolist())
    history = summary.history
    days = sorted(history["as_of"].unique())
    for day, path in zip([days[d] for d in RESULT_DAYS], result_paths):
        results = history[history["as_of"] == day].pivot(index="unit", columns="indicator", values="result")
        rows = quota[["parent", "unit"]].join(results, on="unit")
        _write_workbook(path, f"KẾT QUẢ THỰC HIỆN (tính đến ngày {day:%d/%m/%Y})", "Kết quả thực hiện (lũy kế)",
                        rows.fillna("").to_numpy().tolist())
    return [quota_path], result_paths


def _write_workbook(path: Path, title: str, group: str, rows: list[list[object]], headings: list[str] = HEADINGS,
                    parent: str = "Huyện") -> None:
    """A title, a two-row header (district, commune, the group over the indicator headings), the rows."""
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("Sheet1")
    sheet.write_row(0, 0, [title])
    sheet.write_row(3, 0, [parent, "Xã", group])
    sheet.write_row(4, 2, headings)
    for r, row in enumerate(rows, start=5):
        sheet.write_row(r, 0, row)
    workbook.close()


def filter_times(page: Page, changes: int) -> list[dict[str, float]]:
    """Milliseconds from each filter change to the table shown and to the chart shown."""
    indicators = [text.replace("\xa0", " ") for text in
                  page.locator(".widget-select-multiple select").nth(2).locator("option").all_inner_texts()]
    times = []
    for i in range(changes):
        # the first indicator's rows open the unfiltered table, so start from the second
        change = [2, [indicators[(i // 2 + 1) % len(indicators)]]] if i % 2 == 0 else [1, [f"Huyện {i // 2 + 1}"]]
        times.append(page.evaluate(MEASURE_JS, change))
    return times


def kernel_used(log: Path, spares_before: int) -> str:
    """Whether the page just opened took the spare kernel (Voilà logs it) or started its own."""
    taken = log.read_text(encoding="utf-8").count("Using pre-heated kernel") > spares_before
    return "the spare kernel" if taken else "its own kernel"


def timed_open(browser: Browser, url: str, log: Path, wait_s: float) -> str:
    """Seconds from a new page to its first table, after ``wait_s`` (time for the spare to get ready)."""
    time.sleep(wait_s)
    spares = log.read_text(encoding="utf-8").count("Using pre-heated kernel")
    began = time.perf_counter()
    with app_page(browser, url, [], timeout_ms=600_000):
        return f"{time.perf_counter() - began:.1f} s ({kernel_used(log, spares)})"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(units: int | None, changes: int) -> None:
    """Cold start and filter times on ``units`` synthetic units (None: the app's own sample workbooks)."""
    env = startup_environment(*[[str(p) for p in files] for files in bench_workbooks(units)]) if units else {}
    label = f"{units:,} units × 7 indicators" if units else "sample workbooks (Minh Thắng)"
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = launch_chromium(playwright)
        log = Path(folder) / "server.log"
        began = time.perf_counter()
        with running_app(timeout=300, env=env, log_path=log) as (url, _process):
            answering = time.perf_counter() - began
            with app_page(browser, url, [], timeout_ms=600_000) as page:
                cold = time.perf_counter() - began
                print(f"{label}: cold start to first table {cold:.1f} s ({kernel_used(log, 0)}; the server answered "
                      f"after {answering:.1f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)",
                      flush=True)
                times = filter_times(page, changes) if units else []
            print(f"  page opened on the running server to first table, {OPENS} times {SPARE_WAIT_S} s apart: "
                  + ", ".join(timed_open(browser, url, log, SPARE_WAIT_S) for _ in range(OPENS)), flush=True)
            print("  page opened right after another one (no spare ready): "
                  + timed_open(browser, url, log, 0), flush=True)
        browser.close()
    for kind in ("table", "chart"):
        values = [t[kind] for t in times]
        if values:
            print(f"  filter change → {kind} shown, {len(values)} changes: median {statistics.median(values):.0f} ms, "
                  f"p90 {percentile(values, 0.9):.0f} ms, max {max(values):.0f} ms")


NATIONAL_DAYS = 30
TREE_JS = """async (province) => {
  const select = document.querySelectorAll('.widget-select-multiple select')[1];
  const table = document.querySelector('.ct-table');
  return await new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('.ct-table') !== table)
        requestAnimationFrame(() => { observer.disconnect(); resolve(performance.now() - t0); });
    });
    setTimeout(() => { observer.disconnect(); resolve(-1); }, 180000);  // -1: no table within 180 s
    observer.observe(document.body, {childList: true, subtree: true});
    for (const option of select.options) option.selected = option.text.replace(/\u00a0/g, ' ') === province;
    const t0 = performance.now();
    select.dispatchEvent(new Event('change', {bubbles: true}));
  });
}"""


def national_workbooks() -> tuple[list[Path], list[Path]]:
    """The national quota workbook (province, commune, 4 indicators) and 30 daily result workbooks (cached)."""
    from vietnam_provinces import Province, Ward

    folder = CACHE / "national"
    quota_path = folder / "chi_tieu_toan_quoc.xlsx"
    result_paths = [folder / f"ket_qua_{day:02d}.06.2025.xlsx" for day in range(1, NATIONAL_DAYS + 1)]
    if quota_path.exists() and all(p.exists() for p in result_paths):
        return [quota_path], result_paths
    folder.mkdir(parents=True, exist_ok=True)
    provinces = {p.code: p.name for p in Province.iter_all()}
    communes = [(provinces[w.province_code], w.name) for w in Ward.iter_all()]
    quotas = [[province, commune, *(500 + (i * 37 + k * 101) % 4000 for k in range(4))]
              for i, (province, commune) in enumerate(communes)]
    _write_workbook(quota_path, "PHÂN BỔ CHỈ TIÊU (từ ngày 01/06/2025 đến ngày 30/07/2025)", "Chỉ tiêu được giao",
                    quotas, HEADINGS[:1] + HEADINGS[3:6], "Tỉnh/Thành phố")
    for day, path in enumerate(result_paths, start=1):
        rows = [[province, commune, *(q * day // 70 for q in quota)] for province, commune, *quota in quotas]
        _write_workbook(path, f"KẾT QUẢ THỰC HIỆN (tính đến ngày {day:02d}/06/2025)", "Kết quả thực hiện (lũy kế)",
                        rows, HEADINGS[:1] + HEADINGS[3:6], "Tỉnh/Thành phố")
    return [quota_path], result_paths


def kernel_rss(process) -> list[float]:
    """Resident memory of each kernel the server runs, in MiB."""
    sizes = []
    for child in psutil.Process(process.pid).children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                sizes.append(child.memory_info().rss / 2**20)
    return sizes


def measure_national() -> None:
    """Page kernel memory, a province chosen through the tree, and the first screen, at national size."""
    env = startup_environment(*[[str(p) for p in files] for files in national_workbooks()])
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        env["CHITIEU_UPLOADS"] = folder
        browser = launch_chromium(playwright)
        began = time.perf_counter()
        with running_app(timeout=300, env=env) as (url, process):
            with app_page(browser, url, [], timeout_ms=900_000) as page:
                print(f"national (3,321 communes, 1 + {NATIONAL_DAYS} files): first table after "
                      f"{time.perf_counter() - began:.1f} s", flush=True)
                page.set_viewport_size({"width": 1400, "height": 900})
                top = page.locator(".ct-table").bounding_box()
                cards = page.locator(".ct-card").first.bounding_box()
                print(f"  first screen 1400 × 900: cards at y={cards['y']:.0f}, table at y={top['y']:.0f} "
                      f"({'shown' if top['y'] < 900 and cards['y'] < 900 else 'below the first screen'})")
                page.screenshot(path=str(Path(__file__).resolve().parents[1] / "tests" / "artifacts"
                                         / "app_national_first_screen.png"))
                print("  kernels' resident memory once the page shows (the page's, and the spare's if built): "
                      + ", ".join(f"{size:.0f} MiB" for size in kernel_rss(process)) + " (target ≤ 300 MiB)", flush=True)
                times = [page.evaluate(TREE_JS, name) for name in ("Thành phố Hà Nội", "Cà Mau", "Lào Cai")]
                print("  one province chosen through the tree → its communes' table: "
                      + ", ".join(f"{t:.0f} ms" if t >= 0 else "none within 180 s" for t in times), flush=True)
        browser.close()
    baseline_memory()


def baseline_memory() -> None:
    """The summary's table as the app keeps it, against the same rows as a plain frame of Python strings."""
    from chitieu.summary.files import summarise_files

    summary = summarise_files(*national_workbooks())
    table = summary.table
    plain = table.astype({c: object for c in table.columns if table[c].dtype != float})
    print(f"  summary table {len(table):,} rows: {table.memory_usage(deep=True).sum() / 2**20:.0f} MiB as kept, "
          f"{plain.memory_usage(deep=True).sum() / 2**20:.0f} MiB as plain pandas objects; history "
          f"{summary.history.memory_usage(deep=True).sum() / 2**20:.0f} MiB")


def main(units: int = 10_000, changes: int = 20) -> None:
    measure(None, 0)
    measure(units, changes)


if __name__ == "__main__":
    if sys.argv[1:2] == ["national"]:
        measure_national()
    else:
        main(*(int(a) for a in sys.argv[1:3]))
