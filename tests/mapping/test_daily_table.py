"""A results workbook with a column per day ("18/07", "19/07", "20/7", "Ngày 21/7", Excel dates), with or
without a running total ("Lũy kế", "Tổng cộng", "Cộng dồn"): each unit's result is its cumulative figure,
never its days added to their total; the as-of date is the last day; where the figures cannot tell what
the days hold, or a total does not fit its days, a warning says so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from chitieu.cli import main
from chitieu.mapping.records import read_records
from chitieu.summary.files import summarise_files
from mapping.daily_books import DailyBook, write_daily
from test_gallery import make_samples, write_xlsx

UNITS = ["TP Sóc Trăng", "TX Vĩnh Châu", "Kế Sách"]
DAILY = [[1200, 1350, 1410, 1280], [2100, 1990, 2300, 2250], [1700, 1800, 0, 1950]]  # 18/7 to 21/7/2023


@pytest.fixture
def quota(tmp_path: Path) -> Path:
    path = tmp_path / "chi_tieu_dddt.xlsx"
    make_samples.soc_trang_quota(path)  # "Tính từ ngày 18/7/2023 đến ngày 18/8/2023"
    return path


def results(summary) -> dict[str, float]:
    table = summary.table
    return dict(zip(table["unit"], table["result"]))


def codes(summary) -> list[str]:
    return [f.code for f in summary.findings]


def test_the_issue_s_table_gives_the_running_total_as_of_the_last_day(tmp_path: Path, quota: Path) -> None:
    rows = [["KẾT QUẢ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ"], [],
            ["STT", "Đơn vị", "18/07", "19/07", "20/7", "Ngày 21/7", "Lũy kế"]]
    rows += [[i, unit, *daily, sum(daily)] for i, (unit, daily) in enumerate(zip(UNITS, DAILY), 1)]
    summary = summarise_files([quota], [write_xlsx(tmp_path / "ket_qua.xlsx", {"KQ": rows})], days=33)
    assert summary.campaign.as_of == date(2023, 7, 21)  # the last day, in the campaign's year; not today
    got = results(summary)
    assert {unit: got[unit] for unit in UNITS} == {unit: sum(daily) for unit, daily in zip(UNITS, DAILY)}
    assert "duplicate-unit" not in codes(summary) and "as-of-missing" not in codes(summary)
    # each day is a point of the unit's history: the cumulative figure on that day
    history = summary.history[summary.history["unit"] == "TP Sóc Trăng"]
    assert list(history["result"]) == [1200, 2550, 3960, 5240]


@pytest.mark.parametrize("total", ["Lũy kế", "Tổng cộng", "Cộng dồn", None])
def test_running_totals_by_day_give_the_last_day_s_figure(tmp_path: Path, quota: Path, total: str | None) -> None:
    book = DailyBook(UNITS, date(2023, 7, 18), DAILY, style="d/m", running=True, total=total,
                     year_in_title=True)
    summary = summarise_files([quota], [write_daily(tmp_path / "ket_qua.xlsx", book)], days=33)
    got = results(summary)
    assert {unit: got[unit] for unit in UNITS} == book.truth
    assert summary.campaign.as_of == date(2023, 7, 21)
    assert ("daily-kind-unknown" in codes(summary)) == (total is None)  # nothing but the figures: said


def test_excel_dates_under_a_merged_group_with_a_total_merged_down(tmp_path: Path, quota: Path) -> None:
    book = DailyBook(UNITS, date(2023, 7, 25), DAILY, style="excel", total="Tổng cộng", two_rows=True,
                     totals_row="bottom")
    path = write_daily(tmp_path / "ket_qua.xlsx", book)
    records = read_records([path], "result").records
    assert set(records["role"]) == {"result"} and set(records["confidence"]) == {0.9}  # indicator from the title
    summary = summarise_files([quota], [path], days=33)
    got = results(summary)
    assert {unit: got[unit] for unit in UNITS} == book.truth
    assert summary.campaign.as_of == date(2023, 7, 28)
    assert not [f for f in summary.findings if f.code.startswith("total-") and f.file == path.name]  # it adds up


def test_quota_days_and_their_total_side_by_side_given_as_the_quota(tmp_path: Path) -> None:
    quotas = [50802, 75019, 76101]
    book = DailyBook(UNITS, date(2023, 7, 18), DAILY, style="Ngày d/m", total="Cộng dồn", quota=quotas,
                     year_in_title=True)
    path = write_daily(tmp_path / "chi_tieu_va_ket_qua.xlsx", book)
    roles = read_records([path], "quota").records.drop_duplicates("column").set_index("column")["role"]
    assert roles["C"] == "quota" and set(roles.drop("C")) == {"result"}  # the days are no quotas
    summary = summarise_files([path], start=date(2023, 7, 18), end=date(2023, 8, 18))
    table = summary.table.set_index("unit")
    assert table.loc[UNITS, "quota"].tolist() == quotas
    assert table.loc[UNITS, "result"].tolist() == list(book.truth.values())  # not doubled
    assert summary.campaign.as_of == date(2023, 7, 21)


def test_days_without_a_total_that_fall_on_some_row_are_each_day_s_own(tmp_path: Path, quota: Path) -> None:
    book = DailyBook(UNITS, date(2023, 7, 18), DAILY, total=None)  # Kế Sách: 0 on 20/7 after 1,800
    summary = summarise_files([quota], [write_daily(tmp_path / "ket_qua.xlsx", book)], days=33)
    got = results(summary)
    assert {unit: got[unit] for unit in UNITS} == book.truth
    assert "daily-kind-unknown" not in codes(summary)


def test_a_total_that_does_not_fit_its_days_is_a_warning_naming_the_unit(tmp_path: Path, quota: Path) -> None:
    rows = [["KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ NĂM 2023"], ["STT", "Đơn vị", "18/07", "19/07", "20/07", "Lũy kế"],
            [1, "TP Sóc Trăng", 100, 120, 130, 350], [2, "TX Vĩnh Châu", 50, 60, 70, 180],
            [3, "Kế Sách", 10, 20, 30, 600]]
    summary = summarise_files([quota], [write_xlsx(tmp_path / "ket_qua.xlsx", {"KQ": rows})], days=33)
    [found] = [f for f in summary.findings if f.code == "daily-total-mismatch"]
    assert (found.row, found.column) == (5, "F (Lũy kế)")
    assert "'Kế Sách'" in found.message and "600" in found.message and "60" in found.message
    assert results(summary)["Kế Sách"] == 600  # the unit's own cumulative figure, said to be doubtful


def test_a_template_with_days_still_blank_is_as_of_the_last_day_filled(tmp_path: Path, quota: Path) -> None:
    heading = ["STT", "Đơn vị", *(f"{day}/7" for day in range(18, 25)), "Lũy kế"]
    rows = [["KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ"], heading,
            [1, "TP Sóc Trăng", 100, 120, 130, None, None, None, None, 350],
            [2, "TX Vĩnh Châu", 50, 60, 70, None, None, None, None, 180]]
    summary = summarise_files([quota], [write_xlsx(tmp_path / "ket_qua.xlsx", {"KQ": rows})], days=33)
    assert summary.campaign.as_of == date(2023, 7, 20)
    assert results(summary)["TP Sóc Trăng"] == 350


def test_no_date_anywhere_is_a_warning_naming_the_file_not_a_silent_today(tmp_path: Path, quota: Path,
                                                                         capsys: pytest.CaptureFixture) -> None:
    rows = [["KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ"], ["STT", "Đơn vị", "Kết quả lũy kế"],
            [1, "TP Sóc Trăng", 350], [2, "TX Vĩnh Châu", 180]]
    path = write_xlsx(tmp_path / "ket_qua.xlsx", {"KQ": rows})
    summary = summarise_files([quota], [path], days=33)
    [found] = [f for f in summary.findings if f.code == "as-of-missing-today"]
    assert (found.severity, found.file) == ("warning", "ket_qua.xlsx")
    assert f"{date.today():%d/%m/%Y}" in found.message
    assert main(["summary", "--quota", str(quota), "--results", str(path), "--days", "33"]) == 0
    assert "[as-of-missing-today]" in capsys.readouterr().out
    given = summarise_files([quota], [path], days=33, as_of=date(2023, 7, 27))
    assert not [f for f in given.findings if f.code.startswith("as-of")] and given.campaign.as_of == date(2023, 7, 27)
    earlier = [*rows[:2], [1, "TP Sóc Trăng", 300], [2, "TX Vĩnh Châu", 150]]  # not the same bytes: read too
    dated = write_xlsx(tmp_path / "ket_qua_2023-07-24.xlsx", {"KQ": earlier})
    beside = summarise_files([quota], [dated, path], days=33)
    [found] = [f for f in beside.findings if f.code.startswith("as-of")]
    assert (found.code, found.file, beside.campaign.as_of) == ("as-of-missing", "ket_qua.xlsx", date(2023, 7, 24))
    assert "24/07/2023" in found.message


def test_a_quota_alone_says_today_was_taken(quota: Path) -> None:
    summary = summarise_files([quota], days=33)
    [found] = [f for f in summary.findings if f.code == "as-of-today"]
    assert "chi_tieu_dddt.xlsx" in found.message and summary.campaign.as_of == date.today()


def test_days_from_december_into_january_take_the_campaign_s_years(tmp_path: Path) -> None:
    rows = [["CHỈ TIÊU KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ (Tính từ ngày 15/12/2023 đến ngày 15/01/2024)"],
            ["STT", "Đơn vị", "Chỉ tiêu", "30/12", "31/12", "01/01", "02/01", "Lũy kế"],
            [1, "Ấp 1", 500, 10, 20, 5, 15, 50], [2, "Ấp 2", 400, 1, 2, 3, 4, 10]]
    summary = summarise_files([write_xlsx(tmp_path / "chi_tieu.xlsx", {"S": rows})])
    assert summary.campaign.as_of == date(2024, 1, 2)
    assert results(summary)["Ấp 1"] == 50
