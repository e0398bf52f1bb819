"""A citizen list is known by what its columns hold, however its headers are worded: header words
found anywhere in the header, and ID numbers or status phrases found in the cells under it."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.mapping.records import read_records

HAMLETS = ["Ấp 1", "Ấp 2", "Ấp Tân Phú", "Khu phố 3"]
STATUSES = {"Đã kích hoạt mức 2": "dddt_muc2", "Đã kích hoạt mức 1": "dddt_muc1", "Chưa kích hoạt": None,
            "Chưa đăng ký": None}
# Header wordings drawn from the seeds' phrasing and the exports officers meet, with words around them
ID_HEADERS = ["Số CCCD", "Số định danh cá nhân", "Số CMND/CCCD", "Số định danh (CCCD)", "Mã định danh công dân",
              "Cột 3"]  # "Cột 3": no header word at all, the numbers under it tell
NAME_HEADERS = ["Họ và tên", "Họ tên công dân", "Họ và tên người dân", "Tên"]
STATUS_HEADERS = ["Trạng thái ĐDĐT", "Trạng thái", "Tình trạng kích hoạt tài khoản", "Trạng thái tài khoản ĐDĐT",
                  "Cột 7"]
RESIDENCE_HEADERS = ["Ấp/Khu phố", "Nơi thường trú (Ấp/KDC)", "Thôn, xóm", "Khu dân cư", "Ấp"]
EXAMPLES = int(os.environ.get("CHITIEU_PROPERTY_EXAMPLES", "40"))


def write_list(path: Path, headers: list[str], people: list[tuple[str, str, str]], order: list[int],
               id_as_number: bool) -> Path:
    """A list with a title, the header in row 3, and per person: number, name, ID, birth date, hamlet, status
    (``headers``: the ID's, the name's, the hamlet's and the status's), columns placed in ``order``."""
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Danh sách")
    sheet.write_string(0, 0, "DANH SÁCH CÔNG DÂN TRÍCH XUẤT TỪ CSDLQG VỀ DÂN CƯ")
    columns = ["STT", headers[1], headers[0], "Ngày sinh", headers[2], headers[3]]
    for c, position in enumerate(order):
        sheet.write_string(2, position, columns[c])
    for r, (name, hamlet, status) in enumerate(people, start=3):
        number = 79_160_000_000 + r  # "079160000003": a 12-digit ID with its leading zero
        cells = [r - 2, name, number if id_as_number else f"0{number}", "01/02/1990", hamlet, status]
        for c, position in enumerate(order):
            value = cells[c]
            sheet.write_number(r, position, value) if isinstance(value, int) else sheet.write_string(r, position, value)
    book.close()
    return path


def counts(path: Path) -> Counter:
    records = read_records([path], "result").records
    return Counter({(unit, indicator): int(value) for unit, indicator, value
                    in zip(records["unit"], records["indicator"], records["value"]) if indicator != "dddt"})


def truth(people: list[tuple[str, str, str]]) -> Counter:
    return Counter((hamlet, STATUSES[status]) for _, hamlet, status in people if STATUSES[status])


PEOPLE = [(f"Người {i}", HAMLETS[i % 4], list(STATUSES)[i % 3]) for i in range(40)]


def test_the_headers_of_another_export_are_read(tmp_path: Path) -> None:
    headers = ["Số CCCD", "Họ và tên", "Nơi thường trú (Ấp/KDC)", "Trạng thái ĐDĐT"]
    path = write_list(tmp_path / "ds.xlsx", headers, PEOPLE, list(range(6)), id_as_number=False)
    assert counts(path) == truth(PEOPLE)


def test_a_list_whose_id_and_status_headers_say_nothing_is_known_by_its_cells(tmp_path: Path) -> None:
    headers = ["Cột 3", "Họ và tên", "Ấp/Khu phố", "Cột 7"]
    path = write_list(tmp_path / "ds.xlsx", headers, PEOPLE, list(range(6)), id_as_number=True)
    assert counts(path) == truth(PEOPLE)


def test_a_20000_row_list_with_other_headers_is_counted_not_refused(tmp_path: Path) -> None:
    people = [(f"Người {i}", HAMLETS[i % 4], list(STATUSES)[i % 4]) for i in range(20_000)]
    headers = ["Số định danh cá nhân", "Họ tên công dân", "Ấp/Khu phố", "Trạng thái tài khoản ĐDĐT"]
    path = write_list(tmp_path / "ds.xlsx", headers, people, list(range(6)), id_as_number=False)
    loaded = read_records([path], "result")
    assert [f.code for f in loaded.findings] == ["citizen-list"]
    assert counts(path) == truth(people)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(id_header=st.sampled_from(ID_HEADERS), name_header=st.sampled_from(NAME_HEADERS),
       status_header=st.sampled_from(STATUS_HEADERS), residence_header=st.sampled_from(RESIDENCE_HEADERS),
       order=st.permutations(range(6)), id_as_number=st.booleans(),
       people=st.lists(st.tuples(st.just("Nguyễn Văn A"), st.sampled_from(HAMLETS), st.sampled_from(list(STATUSES))),
                       min_size=5, max_size=60))
def test_any_wording_and_column_order_gives_the_true_counts(tmp_path_factory, id_header, name_header, status_header,
                                                             residence_header, order, id_as_number, people) -> None:
    path = write_list(tmp_path_factory.mktemp("ds") / "ds.xlsx", [id_header, name_header, residence_header,
                                                                   status_header], people, list(order), id_as_number)
    assert counts(path) == truth(people)
