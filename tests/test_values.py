import math
from datetime import date

import pandas as pd
import pytest

from chitieu.values import (
    NotANumber,
    as_of_in_text,
    date_in_file_name,
    format_number,
    parse_date,
    parse_number,
    period_in_text,
    round_half_up,
)


@pytest.mark.parametrize("text, expected", [
    ("50.802", 50802), ("1.057", 1057), ("576.903", 576903), ("1.234.567", 1234567), ("1.057,5", 1057.5),
    ("12,5", 12.5), ("12%", 0.12), ("12,5 %", 0.125), ("0.5", 0.5), (" 731 ", 731), (17482.0, 17482),
    (7, 7), ("-", None), ("", None), (None, None), ("—", None),
])
def test_vietnamese_numbers_read_as_officers_mean_them(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["không", "N/A", "12a", "1.05.3"])
def test_text_that_is_not_a_number_is_refused(text):
    with pytest.raises(NotANumber):
        parse_number(text)


@pytest.mark.parametrize("value, expected", [
    ("18/7/2023", date(2023, 7, 18)), ("18-07-2023", date(2023, 7, 18)), ("2023-07-18", date(2023, 7, 18)),
    ("ngày 18 tháng 7 năm 2023", date(2023, 7, 18)), (45125, date(2023, 7, 18)), ("31/2/2023", None),
    ("không có ngày", None),
])
def test_dates_in_the_forms_officers_type(value, expected):
    assert parse_date(value) == expected


def test_campaign_period_from_a_header_and_from_a_title():
    header = "Chỉ tiêu thu nhận và kích hoạt trong ngày (Tính từ ngày 18/7/2023 đến ngày 18/8/2023)"
    assert period_in_text(header) == (date(2023, 7, 18), date(2023, 8, 18))
    assert period_in_text("trên địa bàn xã (từ ngày 04/4/2024 - 03/7/2024)") == (date(2024, 4, 4), date(2024, 7, 3))
    assert period_in_text("TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ (Kế hoạch ngày 14/7/2023)") is None


def test_as_of_date_from_title_but_not_from_a_period():
    assert as_of_in_text("KẾT QUẢ ... Tính đến ngày 27/7/2023") == date(2023, 7, 27)
    assert as_of_in_text("Tính từ ngày 18/7/2023 đến ngày 18/8/2023") is None


@pytest.mark.parametrize("name, expected", [
    ("ket_qua_2023-07-27.xlsx", date(2023, 7, 27)), ("KQ 27.7.2023.xlsx", date(2023, 7, 27)),
    ("bao cao 05_06_2024.xls", date(2024, 6, 5)), ("chi_tieu.xlsx", None),
])
def test_as_of_date_from_file_name(name, expected):
    assert date_in_file_name(name) == expected


def test_round_half_up_as_on_paper():
    numbers = pd.Series([0.5, 1.5, 2.5, 10.5, 17481.5, 1539.45, 33 / 91, -0.5, -2.5])
    assert round_half_up(numbers).tolist() == [1, 2, 3, 11, 17482, 1539, 0, -1, -3]


@pytest.mark.parametrize("small", [-0.3, 0.0, -0.0])
def test_round_half_up_gives_no_negative_zero(small):
    assert math.copysign(1, round_half_up(pd.Series([small]))[0]) == 1


def test_numbers_formatted_the_vietnamese_way():
    assert format_number(576903) == "576.903"
    assert format_number(27.56, 1) == "27,6"
    assert format_number(float("nan")) == ""
