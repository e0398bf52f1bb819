"""The officer fills in the state form (Nghị định 30/2020) on the command line, keeps it in the profile,
and checks the heading and the closing of the printed report; what is not given is left to fill by hand."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import openpyxl
import yaml
from hypothesis import given
from hypothesis import strategies as st

from chitieu.cli import main
from chitieu.report.form import BLANK, vietnamese_date

from .sheets import below, report_texts

ROOT = Path(__file__).resolve().parents[2]
MINH_THANG = ROOT / "inputs" / "minh_thang"
INPUTS = ["--quota", str(MINH_THANG / "chi_tieu_4_phu.xlsx"), "--results",
          *map(str, sorted(MINH_THANG.glob("KQ*.xlsx"))), "--as-of", "2024-05-15"]
FILLED = ["--superior", "Công an huyện Châu Thành", "--unit-name", "Công an xã Minh Thắng",
          "--number", "15/BC-CAX", "--place", "Minh Thắng", "--recipient", "Công an huyện (để báo cáo)",
          "--recipient", "Đảng ủy, UBND xã;", "--signer-title", "Trưởng Công an xã",
          "--signer-name", "Nguyễn Văn An", "--preparer", "Trần Thị Bình"]


def test_the_form_given_on_the_command_line_heads_and_closes_the_report(tmp_path, capsys):
    profile = tmp_path / "ho_so.yaml"
    assert main(["report", *INPUTS, *FILLED, "--profile", str(profile), "--out", str(tmp_path / "a.xlsx")]) == 0
    texts = report_texts(tmp_path / "a.xlsx")
    assert (texts["A1"], texts["A2"], texts["A3"]) == ("CÔNG AN HUYỆN CHÂU THÀNH", "CÔNG AN XÃ MINH THẮNG",
                                                       "Số: 15/BC-CAX")
    assert texts["I3"] == "Minh Thắng, ngày 15 tháng 5 năm 2024"
    assert below(texts, "Nơi nhận:", 1) == "- Công an huyện (để báo cáo);"
    assert below(texts, "Nơi nhận:", 2) == "- Đảng ủy, UBND xã;"
    assert below(texts, "Nơi nhận:", 3) == "- Lưu: VT."
    assert below(texts, "TRƯỞNG CÔNG AN XÃ", 1) == "(Ký tên, đóng dấu)"
    assert below(texts, "TRƯỞNG CÔNG AN XÃ", 6) == "Nguyễn Văn An"
    assert below(texts, "NGƯỜI LẬP BIỂU", 6) == "Trần Thị Bình"
    # kept in the profile: the next report needs only the profile, and a field given again replaces one
    assert yaml.safe_load(profile.read_text(encoding="utf-8"))["report"]["signer_name"] == "Nguyễn Văn An"
    assert main(["report", *INPUTS, "--profile", str(profile), "--number", "16/BC-CAX",
                 "--out", str(tmp_path / "b.xlsx")]) == 0
    again = report_texts(tmp_path / "b.xlsx")
    assert again["A3"] == "Số: 16/BC-CAX" and again["A1"] == texts["A1"]
    assert below(again, "TRƯỞNG CÔNG AN XÃ", 6) == "Nguyễn Văn An"


def test_fields_not_given_print_as_lines_to_fill_by_hand(tmp_path):
    assert main(["report", *INPUTS, "--out", str(tmp_path / "r.xlsx")]) == 0
    texts = report_texts(tmp_path / "r.xlsx")
    assert texts["A1"] == BLANK and texts["A2"] == BLANK and re.fullmatch(r"Số: +/BC-…+", texts["A3"])
    assert texts["I3"] == f"{BLANK}, ngày 15 tháng 5 năm 2024"
    assert [below(texts, "Nơi nhận:", i) for i in (1, 2, 3)] == [f"- {BLANK};", f"- {BLANK};", "- Lưu: VT."]
    assert below(texts, "NGƯỜI LẬP BIỂU", 6) == BLANK
    assert below(texts, "(Ký tên, đóng dấu)", -1) == BLANK  # the signer's title, to write in


def test_the_pages_are_numbered_at_the_top_centre_from_page_two(tmp_path):
    assert main(["report", *INPUTS, "--out", str(tmp_path / "r.xlsx")]) == 0
    for ws in openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets:
        assert ws.HeaderFooter.differentFirst and not ws.firstHeader.center.text
        assert ws.oddHeader.center.text == "&P" and not ws.oddFooter.center.text


@given(st.dates(date(1990, 1, 1), date(2099, 12, 31)))
def test_the_date_has_a_leading_zero_for_days_under_ten_and_january_and_february(day):
    text = vietnamese_date(day)
    found = re.fullmatch(r"ngày (\d\d) tháng (\d\d?) năm (\d{4})", text)
    assert found and date(*map(int, reversed(found.groups()))) == day
    assert len(found[2]) == (2 if day.month <= 2 else len(str(day.month)))
