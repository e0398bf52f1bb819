"""The clerk prints "Tổng hợp", reads it on paper, corrects a hamlet's result and recalculates: fonts named
outright, a table still legible once scaled to the page, the closing kept with the table, totals and
statuses that follow a correction."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from chitieu import summarise_files, write_report
from chitieu.report.build import SUMMARY_SHEET, SUMMARY_TAB_COLUMNS
from chitieu.report.pages import DIGIT_PIXELS, KEEP_WITH_CLOSING, page_breaks, printable
from chitieu.summary.status import Status

from .sheets import FIRST_BODY_ROW, tab_rows

ROOT = Path(__file__).resolve().parents[2]
MINH_THANG = ROOT / "inputs" / "minh_thang"
SOC_TRANG = ROOT / "inputs" / "soc_trang"
needs_libreoffice = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")


@pytest.fixture(scope="module")
def minh_thang():
    return summarise_files([MINH_THANG / "chi_tieu_4_phu.xlsx"], sorted(MINH_THANG.glob("KQ*.xlsx")))


@pytest.fixture(scope="module")
def report(minh_thang, tmp_path_factory):
    return write_report(minh_thang, tmp_path_factory.mktemp("mt") / "bao_cao.xlsx", unit_name="Công an xã Minh Thắng",
                        place="Minh Thắng", form=None)


def libreoffice(path: Path, to: str, folder: Path) -> Path:
    """``path`` converted by LibreOffice headless (recalculating what has no cached value), in ``folder``."""
    profile = folder / "lo_profile"  # its own profile: other LibreOffice processes may be running
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--calc", "--convert-to", to,
                    "--outdir", str(folder), str(path)], check=True, capture_output=True, timeout=240)
    return folder / f"{path.stem}.{to.split(':')[0]}"


def test_every_font_is_times_new_roman_named_outright_not_the_themes(report):
    with zipfile.ZipFile(report) as book:
        styles = book.read("xl/styles.xml").decode()
    fonts = re.findall(r"<font>(.*?)</font>", re.search(r"<fonts[^>]*>(.*?)</fonts>", styles).group(1))
    assert fonts and all('<name val="Times New Roman"/>' in font for font in fonts)
    assert "<scheme" not in styles  # a scheme font shows in the theme's Calibri in Excel
    sizes = {float(re.search(r'<sz val="([\d.]+)"/>', font).group(1)) for font in fonts}
    assert min(sizes) >= 11 and max(sizes) <= 14


def test_the_table_prints_one_page_wide_at_ten_points_or_more(report):
    ws = openpyxl.load_workbook(report)[SUMMARY_SHEET]
    scale = ws.page_setup.scale / 100
    widths = [d.width for d in ws.column_dimensions.values() for _ in range(d.min, d.max + 1)]
    assert len(widths) == len(SUMMARY_TAB_COLUMNS) == 14
    # a stored width holds its padding: a program shows it as that many digits of the default font
    assert sum(w * DIGIT_PIXELS for w in widths) * 0.75 * scale <= printable()[0]
    for row in tab_rows(ws):
        assert row["cells"]["label"].font.sz * scale >= 10 and row["cells"]["quota"].font.sz * scale >= 10
    assert ws["A5"].font.sz == 14 and ws["A1"].font.sz == 13  # title, heading


def test_the_closing_stays_on_the_last_page_with_rows_of_the_table(report):
    ws = openpyxl.load_workbook(report)[SUMMARY_SHEET]
    last_table_row = FIRST_BODY_ROW - 1 + sum(1 for _ in tab_rows(ws)) + 5  # units and five group headings
    breaks = [b.id for b in ws.row_breaks.brk]  # each: the last row of a page
    assert breaks and max(breaks) < last_table_row
    groups = {c.row for c in ws["A"] if isinstance(c.value, str) and re.match(r"[IVX]+\. ", c.value)}
    assert not groups & set(breaks)  # no page ends with a group heading


@needs_libreoffice
def test_printed_pages_of_the_summary_each_hold_table_rows_and_the_last_the_signatures(report, tmp_path):
    pdf = libreoffice(report, "pdf", tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    last = next(i for i, page in enumerate(pages) if "NGƯỜI LẬP BIỂU" in page)
    for page in pages[:last + 1]:
        assert re.search(r"^\s*\d+\s+Ấp ", page, re.MULTILINE), page[:300]  # a numbered hamlet row
    assert "Nơi nhận:" in pages[last] and "Chú giải:" in pages[last]
    assert not re.search(r"^\s*1\s*$", pages[0], re.MULTILINE)  # no page number on page 1
    assert re.search(r"^\s*2\s*$", pages[1], re.MULTILINE)


@needs_libreoffice
def test_a_corrected_result_flows_through_the_total_percent_and_status(report, minh_thang, tmp_path):
    book = openpyxl.load_workbook(report)
    ws = book[SUMMARY_SHEET]
    rows = tab_rows(ws, openpyxl.load_workbook(report, data_only=True)[SUMMARY_SHEET])
    commune = next(r for r in rows if r["label"] == "Xã Minh Thắng" and r["status"] == Status.BEHIND)
    hamlets = [r for r in rows if r["indicator"] == commune["indicator"] and r["label"] != "Xã Minh Thắng"]
    assert commune["cells"]["result"].value.startswith("=IF(COUNT(")  # the total adds its hamlets up
    assert commune["cells"]["rank"].value is None
    needed = math.ceil(commune["expected_to_date"] - commune["result"])  # what puts the commune on pace
    hamlet = hamlets[0]
    ws.cell(hamlet["cells"]["result"].row, hamlet["cells"]["result"].column, hamlet["result"] + needed)
    book.save(tmp_path / "sua.xlsx")
    recalculated = tab_rows(*[openpyxl.load_workbook(libreoffice(tmp_path / "sua.xlsx", "xlsx", tmp_path / "out"),
                                                     data_only=True)[SUMMARY_SHEET]] * 2)
    after = next(r for r in recalculated if (r["label"], r["indicator"]) == ("Xã Minh Thắng", commune["indicator"]))
    assert after["result"] == commune["result"] + needed
    assert after["percent"] == pytest.approx(after["result"] / commune["quota"])
    assert after["remaining"] == max(0, commune["quota"] - after["result"])
    assert after["status"] == Status.ON_PACE


@needs_libreoffice
def test_recalculating_gives_back_every_cached_figure(tmp_path):
    summary = summarise_files([SOC_TRANG / "chi_tieu_dddt.xlsx"], sorted(SOC_TRANG.glob("ket_qua_*.xlsx")), days=33)
    path = write_report(summary, tmp_path / "st.xlsx")
    cached = tab_rows(*[openpyxl.load_workbook(path, data_only=True)[SUMMARY_SHEET]] * 2)
    openpyxl.load_workbook(path).save(tmp_path / "khong_gia_tri.xlsx")  # openpyxl keeps formulas, drops values
    again = tab_rows(*[openpyxl.load_workbook(libreoffice(tmp_path / "khong_gia_tri.xlsx", "xlsx", tmp_path / "out"),
                                              data_only=True)[SUMMARY_SHEET]] * 2)
    keys = ["quota", "result", "change", "percent", "daily_quota", "expected_to_date", "pace", "remaining", "required_per_day",
            "projected", "status"]
    assert len(again) == len(cached) == len(summary.table)
    for before, after in zip(cached, again):
        for key in keys:
            if isinstance(before[key], float):
                assert after[key] == pytest.approx(before[key]), (before["unit"], key)
            else:
                assert after[key] == before[key] or {after[key], before[key]} <= {None, ""}, (before["unit"], key)


def test_charts_read_in_black_and_white_and_a_trend_needs_two_reports(report, minh_thang, tmp_path):
    book = openpyxl.load_workbook(report)
    history = book["Theo ngày"]
    first = history._charts[0]
    plan, result = first.series
    assert plan.spPr.ln.prstDash == "dash" and result.spPr.ln.prstDash in (None, "solid")
    assert plan.marker.symbol in (None, "none") and result.marker.symbol == "square"  # openpyxl reads "none" as None
    assert result.dLbls is not None  # the last point named on the chart itself
    bars = book.worksheets[1]._charts[0]
    (line,) = bars._charts[1].series
    assert line.spPr.ln.prstDash == "dash"
    one = summarise_files([MINH_THANG / "chi_tieu_4_phu.xlsx"], [MINH_THANG / "KQ 31.5.2024.xlsx"])
    single = openpyxl.load_workbook(write_report(one, tmp_path / "mot.xlsx"))
    assert single["Theo ngày"]._charts == []  # one snapshot is no trend


def test_no_page_break_cuts_a_chart(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_report import synthetic_summary

    path = write_report(synthetic_summary(300), tmp_path / "lon.xlsx")
    for ws in openpyxl.load_workbook(path).worksheets:
        breaks = {b.id for b in ws.row_breaks.brk}  # the last row of each page (1-based)
        for chart in ws._charts:
            top = chart.anchor._from.row + 1  # 1-based
            bottom = top + math.ceil(chart.height * 96 / 2.54 / 16.5 / 1.3333)  # cm → rows of 16.5 pt
            assert not any(top <= b < bottom for b in breaks), (ws.title, top, bottom, sorted(breaks)[:5])


def test_a_page_breaks_within_the_table_never_before_its_first_rows():
    # a short table whose closing does not fit under it on page 1: a few of its rows go along, not all
    heights = [18.0] * 9 + [16.5] * 12 + [18.0] * 18  # heading and column labels, one group of 12, closing
    breaks = page_breaks(heights, 85, (7, 8), (9, 20), frozenset({9}))
    assert len(breaks) == 1 and 11 <= breaks[0] <= 20  # the group heading and a row stay on page 1
    assert breaks[0] == 21 - KEEP_WITH_CLOSING  # and as many as go with the closing do not leave page 1
