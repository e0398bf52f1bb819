"""Figures that cannot be right across files and days: named, marked, and not ranked until confirmed."""

from datetime import date, timedelta
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from chitieu.mapping.overrides import Overrides
from chitieu.report.build import FINDINGS_SHEET, NOT_RANKED, SUMMARY_SHEET
from chitieu.report.write import write_report
from chitieu.summary.campaign import Campaign
from chitieu.summary.files import summarise_files
from chitieu.summary.plausibility import CHECK_LABELS
from chitieu.summary.table import summarise_progress
from conftest import make_records

QUOTAS = {"TP Sóc Trăng": 50802, "Mỹ Tú": 50759, "Kế Sách": 76101, "Long Phú": 51247}
PLAUSIBILITY = set(CHECK_LABELS)


def workbook(path: Path, title: str, header: list[str], rows: list[list[object]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    sheet.write_row(0, 0, [title])
    for i, row in enumerate([header, *rows]):
        sheet.write_row(2 + i, 0, row)
    book.close()
    return path


def daily_files(folder: Path, results: dict[str, dict[str, int]]) -> tuple[list[Path], list[Path]]:
    """Sóc Trăng's eID quota for four districts and one result workbook per day (``results``: the day
    as dd/mm → unit → cumulative result)."""
    quota = workbook(folder / "chi_tieu.xlsx", "CHỈ TIÊU KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ từ ngày 18/7/2023 đến ngày 18/8/2023",
                     ["STT", "Đơn vị", "Chỉ tiêu kích hoạt định danh điện tử (mức 1 + mức 2)"],
                     [[i, unit, quota] for i, (unit, quota) in enumerate(QUOTAS.items(), 1)])
    files = [workbook(folder / f"ket_qua_{day.replace('/', '-')}.xlsx",
                      f"KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ (tính đến ngày {day}/2023)",
                      ["STT", "Đơn vị", "Kết quả kích hoạt định danh điện tử"],
                      [[i, unit, value] for i, (unit, value) in enumerate(figures.items(), 1)])
             for day, figures in results.items()]
    return [quota], files


def rows_by_unit(summary) -> dict[str, dict]:
    return {row["unit"]: row for row in summary.table.to_dict("records")}


@pytest.fixture
def slip(tmp_path: Path) -> tuple[list[Path], list[Path]]:
    """Mỹ Tú's 1.200 on 25/7 typed 120.000 on 26/7 (two zeros too many); the others ordinary."""
    return daily_files(tmp_path, {
        "25/07": {"TP Sóc Trăng": 12000, "Mỹ Tú": 1200, "Kế Sách": 15000, "Long Phú": 11000},
        "26/07": {"TP Sóc Trăng": 13600, "Mỹ Tú": 120000, "Kế Sách": 17100, "Long Phú": 12500}})


def test_a_typing_slip_across_two_daily_files_is_named_and_not_ranked_until_confirmed(slip):
    quota, results = slip
    summary = summarise_files(quota, results, days=33)
    jump = [f for f in summary.findings if f.code == "result-jump"]
    assert len(jump) == 1 and jump[0].file == "ket_qua_26-07.xlsx"
    assert all(part in jump[0].message for part in ("Mỹ Tú", "1.200", "25/07/2023", "120.000", "26/07/2023"))
    rows = rows_by_unit(summary)
    assert rows["Mỹ Tú"]["result"] == 120000 and rows["Mỹ Tú"]["rank"] is None
    assert "tăng bất thường" in rows["Mỹ Tú"]["check"]
    assert [rows[u]["rank"] for u in ("Kế Sách", "TP Sóc Trăng", "Long Phú")] == [3, 1, 2]
    assert "trực thuộc" in rows["Tổng cộng"]["check"]  # its sum holds the slip

    book = load_workbook(write_report(summary, slip[0][0].with_name("bao_cao.xlsx")), read_only=True)
    summary_rows = list(book[SUMMARY_SHEET].iter_rows(values_only=True))
    assert any("Mỹ Tú" in row and NOT_RANKED in row for row in summary_rows)
    assert any("TP Sóc Trăng" in row and 1 in row for row in summary_rows)
    ranking = list(book.worksheets[1].iter_rows(values_only=True))
    assert [row[0] for row in ranking if "Mỹ Tú" in row] == [NOT_RANKED]
    assert any("result-jump" in row and "Mỹ Tú" in row[2] for row in book[FINDINGS_SHEET].iter_rows(values_only=True))

    confirmed = summarise_files(quota, results, days=33, overrides=Overrides(accepted={("Mỹ Tú", "dddt"): None}))
    rows = rows_by_unit(confirmed)
    assert rows["Mỹ Tú"]["rank"] == 1 and rows["Mỹ Tú"]["check"] is None and rows["Tổng cộng"]["check"] is None
    assert "figure-accepted" in [f.code for f in confirmed.findings]


def test_a_confirmation_covers_the_figures_up_to_its_date_not_a_later_slip(tmp_path):
    quota, results = daily_files(tmp_path, {"25/07": {"Mỹ Tú": 1200}, "26/07": {"Mỹ Tú": 120000},
                                            "27/07": {"Mỹ Tú": 120000}, "28/07": {"Mỹ Tú": 12100000}})
    accepted = Overrides(accepted={("mỹ tú", "dddt"): date(2023, 7, 27)})
    summary = summarise_files(quota, results, days=33, overrides=accepted)
    assert rows_by_unit(summary)["Mỹ Tú"]["rank"] is None
    assert [f.params["after_date"] for f in summary.findings if f.code == "result-jump"] == ["26/07/2023", "28/07/2023"]


def test_a_result_that_falls_from_one_day_to_the_next_is_named_and_not_ranked(tmp_path):
    quota, results = daily_files(tmp_path, {"25/07": {"TP Sóc Trăng": 12000, "Long Phú": 11000},
                                            "26/07": {"TP Sóc Trăng": 9000, "Long Phú": 12500}})
    summary = summarise_files(quota, results, days=33)
    fell = [f for f in summary.findings if f.code == "result-decreased"]
    assert len(fell) == 1 and fell[0].file == "ket_qua_26-07.xlsx"
    assert all(part in fell[0].message for part in ("TP Sóc Trăng", "12.000", "25/07/2023", "9.000", "26/07/2023"))
    rows = rows_by_unit(summary)
    assert rows["TP Sóc Trăng"]["rank"] is None and "giảm" in rows["TP Sóc Trăng"]["check"]
    assert rows["Long Phú"]["rank"] == 1


def test_a_result_many_times_its_quota_in_a_result_file_is_named(tmp_path):
    quota, results = daily_files(tmp_path, {"25/07": {"Long Phú": 300000}})  # 5.9 × its quota of 51.247
    summary = summarise_files(quota, results, days=33)
    above = [f for f in summary.findings if f.code == "result-above-quota"]
    assert len(above) == 1 and "300.000" in above[0].message and "51.247" in above[0].message
    assert rows_by_unit(summary)["Long Phú"]["rank"] is None


START, END = date(2024, 1, 1), date(2024, 2, 2)  # 33 days


def series_records(daily: int, steps: list[tuple[int, float]], slip_at: int | None = None):
    """One hamlet's quota (33 × ``daily``) and cumulative results: each step is (days since the last
    report, increase per day as a multiple of ``daily``); the report ``slip_at`` typed ×100."""
    rows = [("Ấp 1", None, "dddt", "quota", 33 * daily, None), ("Ấp 2", None, "dddt", "quota", 33 * daily, None)]
    day, total = START - timedelta(days=1), 0
    for i, (gap, times) in enumerate(steps):
        day, total = day + timedelta(days=gap), total + round(gap * times * daily)
        shown = total * 100 if i == slip_at else total
        rows += [("Ấp 1", None, "dddt", "result", shown, day, f"kq_{day:%d-%m}.xlsx"),
                 ("Ấp 2", None, "dddt", "result", total, day, f"kq_{day:%d-%m}.xlsx")]
    return make_records(rows), Campaign(START, END, day, days=33)


steps = st.lists(st.tuples(st.integers(1, 3), st.floats(0.5, 3.0)), min_size=3, max_size=10)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(daily=st.integers(2, 3000), steps=steps)
def test_ordinary_variation_is_not_flagged(daily, steps):
    """A unit doing between half and three times its daily quota, reporting every one to three days."""
    records, campaign = series_records(daily, steps)
    summary = summarise_progress(records, campaign)
    assert not [f.text() for f in summary.findings if f.code in PLAUSIBILITY]
    assert summary.table["check"].isna().all()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(daily=st.integers(2, 3000), steps=steps, data=st.data())
def test_a_figure_typed_a_hundred_times_too_big_is_flagged(daily, steps, data):
    slip_at = data.draw(st.integers(2, len(steps) - 1))
    records, campaign = series_records(daily, steps, slip_at)
    summary = summarise_progress(records, campaign)
    jumps = [f for f in summary.findings if f.code == "result-jump"]
    assert [(f.params["unit"], f.params["day"]) for f in jumps] == [("Ấp 1", records["as_of"].dropna().unique()[slip_at])]
    rows = summary.table.set_index("unit")
    assert rows.loc["Ấp 2", "rank"] == 1 and rows.loc["Ấp 1", "check"] is not None
