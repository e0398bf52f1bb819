"""A quota table's own words about its targets: the deadline of each indicator, read by its tokens and
dates (not a list of phrases), said in an info naming the file and column; and a quota that is a share of
the eligible population, given as records ``chitieu read`` shows."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from chitieu.cli import main
from chitieu.mapping.records import read_records
from chitieu.values import deadline_in_text
from summary.test_targets import book

HEADER = ["STT", "Ấp", "Chỉ tiêu thu nhận hồ sơ cấp CCCD (đến 20/6/2023)",
          "Chỉ tiêu tài khoản định danh điện tử (trước ngày 30/6/2023)"]


def test_each_quota_columns_deadline_is_read_and_said(tmp_path: Path) -> None:
    path = book(tmp_path / "phu_luc_46.xlsx", "PHÂN BỔ CHỈ TIÊU (Từ ngày 25/5/2023 đến ngày 30/6/2023)", HEADER,
                [[1, "Ấp Mỹ Phú", 40, 420], [2, "Ấp Mỹ Đông", 57, 637]])
    loaded = read_records([path])
    assert loaded.deadlines == {"cccd": date(2023, 6, 20), "dddt": date(2023, 6, 30)}
    assert loaded.period == (date(2023, 5, 25), date(2023, 6, 30))  # the campaign's own, unchanged
    said = [f for f in loaded.findings if f.code == "deadline-read"]
    assert [(f.severity, f.file, f.column) for f in said] == [("info", "phu_luc_46.xlsx", "C"),
                                                             ("info", "phu_luc_46.xlsx", "D")]
    assert said[0].text().startswith("Hạn hoàn thành chỉ tiêu 'Thu nhận hồ sơ cấp CCCD' là ngày 20/06/2023, theo "
                                     "'Chỉ tiêu thu nhận hồ sơ cấp CCCD (đến 20/6/2023)'.")


def test_an_as_of_date_and_a_periods_end_are_no_deadlines(tmp_path: Path) -> None:
    quota = book(tmp_path / "chi_tieu.xlsx", "CHỈ TIÊU CCCD (Tính từ ngày 18/7/2023 đến ngày 18/8/2023)",
                 ["STT", "Đơn vị", "Chỉ tiêu"], [[1, "Ấp 1", 40]])
    results = book(tmp_path / "ket_qua.xlsx", "KẾT QUẢ CẤP CCCD tính đến ngày 27/7/2023",
                   ["STT", "Đơn vị", "Chỉ tiêu giao", "Đã thu nhận"], [[1, "Ấp 1", 40, 12]])
    assert read_records([quota]).deadlines == {}
    assert read_records([results], "result").deadlines == {}


def test_a_baseline_header_with_a_date_gives_no_deadline(tmp_path: Path) -> None:
    path = book(tmp_path / "chi_tieu.xlsx", "CHỈ TIÊU ĐỊNH DANH (Từ ngày 01/4/2024 đến ngày 30/12/2024)",
                ["STT", "Đơn vị", "Chỉ tiêu định danh mức 2", "Đã cấp trước ngày 01/4/2024"],
                [[1, "Xã Điềm Mặc", 990, 2875]])
    loaded = read_records([path])
    assert loaded.deadlines == {}
    assert set(loaded.records["role"]) == {"quota", "baseline"}


def test_read_shows_the_quota_computed_from_a_share(tmp_path: Path, capsys) -> None:
    path = book(tmp_path / "chi_tieu.xlsx", "CHỈ TIÊU (Từ ngày 01/4/2024 đến ngày 30/6/2024)",
                ["STT", "Đơn vị", "Dân số trưởng thành", "Tỷ lệ định danh điện tử phải đạt"],
                [[1, "Xóm Bản Tèn", 1000, "90%"]])
    assert main(["read", str(path)]) == 0
    out, err = capsys.readouterr()
    records = pd.read_csv(io.StringIO(out))
    quota = records[records["role"] == "quota"]
    assert quota[["unit", "indicator", "value"]].values.tolist() == [["Xóm Bản Tèn", "dddt", 900.0]]
    assert "[quota-from-share]" in err and "90,0% × 1.000 = 900" in err


WORDS = ["Chỉ tiêu CCCD {kw} {d}", "Hoàn thành 100% chỉ tiêu {kw} {d}", "Phấn đấu {kw} {d} hoàn thành",
         "(Từ ngày 01/01/2020 đến ngày 02/01/2020) SIM {kw} {d}"]


@given(day=st.dates(date(2020, 1, 3), date(2030, 12, 31)), kw=st.sampled_from(["đến", "trước", "đến ngày",
                                                                               "trước ngày", "Đến hết ngày", "hạn:"]),
       form=st.sampled_from(["{dd}/{mm}/{y}", "{d}/{m}/{y}", "{d}-{m}-{y}", "{d}.{m}.{y}",
                             "{d} tháng {m} năm {y}"]), words=st.sampled_from(WORDS))
def test_a_deadline_is_read_in_every_way_plans_write_it(day, kw, form, words) -> None:
    written = form.format(d=day.day, m=day.month, y=day.year, dd=f"{day.day:02d}", mm=f"{day.month:02d}")
    if "tháng" in written and not kw.lower().endswith("ngày"):
        written = f"ngày {written}"
    assert deadline_in_text(words.format(kw=kw, d=written)) == day
    # the same date as an as-of date or a period's end is no deadline
    assert deadline_in_text(f"Kết quả tính {kw} {written}") is None
    before = day - timedelta(days=1)
    assert deadline_in_text(f"Từ ngày {before:%d/%m/%Y} đến ngày {day:%d/%m/%Y}") is None
