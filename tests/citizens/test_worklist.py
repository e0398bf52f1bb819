"""An officer makes door-to-door worklists from a citizen list: one sheet per hamlet, only the people
not yet done, ID numbers masked, as many per hamlet as the summary says are not yet done."""

from __future__ import annotations

import io
import random
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.citizens.worklist import DONE, birth_year, make_worklist, mask_id
from chitieu.cli import main
from chitieu.findings import ChitieuError
from chitieu.mapping.records import read_records
from chitieu.report.worklist import worklist_workbook
from chitieu.summary.files import summarise_files

HEADER = ["STT", "Họ và tên", "Số định danh cá nhân", "Ngày sinh", "Giới tính", "Địa chỉ", "Ấp",
          "Số điện thoại", "Trạng thái"]
HAMLETS = ["Ấp Tân Phú", "Ấp Tân Mỹ", "Ấp 10"]
STATUSES = ["Đã kích hoạt mức 2", "Đã kích hoạt mức 1", "Chưa kích hoạt", "Chưa đăng ký", "Chờ xác minh"]
FAMILY, GIVEN = ["Nguyễn", "Trần", "Lê", "Phạm", "Võ"], ["Văn An", "Thị Bình", "Minh Châu", "Hữu Phước", "Ngọc Hân"]


def people(count: int = 120, seed: int = 18) -> list[list[object]]:
    rng = random.Random(seed)
    return [[i, f"{rng.choice(FAMILY)} {rng.choice(GIVEN)} {i}", f"0{rng.randrange(10**10, 10**11)}",
             f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1950, 2012)}",
             rng.choice(["Nam", "Nữ"]), f"Tổ {rng.randint(1, 3)}, số {rng.randint(1, 200)}", rng.choice(HAMLETS),
             f"09{rng.randrange(10**7, 10**8)}", rng.choice(STATUSES)] for i in range(1, count + 1)]


def write_list(path: Path, rows: list[list[object]], header: list[str] = HEADER,
               sheet_name: str = "Danh sách") -> Path:
    """A citizen list as the database exports it: a title, a blank row, the header, one row per person."""
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet(sheet_name)
    sheet.write_row(0, 0, ["DANH SÁCH CÔNG DÂN KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ"])
    sheet.write_row(2, 0, header)
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write_string(r, c, value) if isinstance(value, str) else sheet.write_number(r, c, value)
    book.close()
    return path


def write_quota(path: Path, rows: list[list[object]]) -> Path:
    """Each hamlet's quota is everyone on its list, so the summary's remaining is who is not yet done."""
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["STT", "Đơn vị", "Chỉ tiêu kích hoạt định danh điện tử"])
    for r, hamlet in enumerate(HAMLETS, start=1):
        sheet.write_row(r, 0, [r, hamlet, sum(row[6] == hamlet for row in rows)])
    book.close()
    return path


def sheet_rows(book: openpyxl.Workbook, name: str) -> list[dict[str, object]]:
    """A hamlet sheet's people, by heading (header on row 5, people until the first blank STT)."""
    sheet = book[name]
    headings = [c.value for c in sheet[5]]
    rows = []
    for row in sheet.iter_rows(min_row=6, values_only=True):
        if not isinstance(row[0], (int, float)):
            break
        rows.append(dict(zip(headings, row)))
    return rows


def test_worklists_for_two_hamlets_hold_only_who_is_not_yet_done(tmp_path: Path) -> None:
    rows = people()
    listed = write_list(tmp_path / "ds_2024-05-31.xlsx", rows)
    summary = summarise_files([write_quota(tmp_path / "chi_tieu.xlsx", rows)], [listed], start=date(2024, 5, 1),
                              end=date(2024, 6, 30))
    remaining = {r.unit: r.remaining for r in summary.table[summary.table["indicator"] == "dddt"].itertuples()}
    worklist = make_worklist(listed, "dddt", hamlets=["ấp tân phú", "Ấp 10"])
    book = openpyxl.load_workbook(io.BytesIO(worklist_workbook(worklist)))
    assert book.sheetnames == ["Tổng hợp", "Ấp 10", "Ấp Tân Phú"]
    by_id = {row[2]: row for row in rows}
    for hamlet in ("Ấp Tân Phú", "Ấp 10"):
        on_sheet = sheet_rows(book, hamlet)
        assert len(on_sheet) == remaining[hamlet] > 0
        expected = sorted(r[1] for r in rows if r[6] == hamlet and not r[8].startswith("Đã kích hoạt"))
        assert sorted(p["Họ và tên"] for p in on_sheet) == expected
        for person in on_sheet:
            masked = person["Số định danh"]
            assert re.fullmatch(r"\d{3}\*{6}\d{3}", masked)
            original = next(r for i, r in by_id.items() if i[:3] == masked[:3] and i[-3:] == masked[-3:]
                            and r[1] == person["Họ và tên"])
            assert person["Địa chỉ"] == original[5] and person["Đã vận động"] is None
        assert "Giới tính" not in [c.value for c in book[hamlet][5]]
        addresses = [[int(n) for n in re.findall(r"\d+", p["Địa chỉ"])] for p in on_sheet]
        assert addresses == sorted(addresses)
    summary_sheet = {r[0]: r for r in book["Tổng hợp"].iter_rows(min_row=6, values_only=True) if r[0]}
    assert {h: summary_sheet[h][4] for h in summary_sheet} == {h: remaining[h] for h in ("Ấp Tân Phú", "Ấp 10")}


def test_a_priority_group_keeps_only_those_born_in_its_years(tmp_path: Path) -> None:
    rows = people()
    worklist = make_worklist(write_list(tmp_path / "ds.xlsx", rows), "dddt_muc2", birth_years=(2005, 2009))
    expected = {r[1] for r in rows if r[8] != "Đã kích hoạt mức 2" and 2005 <= int(r[3][-4:]) <= 2009}
    book = openpyxl.load_workbook(io.BytesIO(worklist_workbook(worklist)))
    found = {p["Họ và tên"] for name in book.sheetnames[1:] for p in sheet_rows(book, name)}
    assert found == expected and expected
    assert "sinh năm 2005–2009" in book["Tổng hợp"]["A2"].value


def test_each_sheet_prints_on_a4_with_its_header_on_every_page_and_a_signature(tmp_path: Path) -> None:
    worklist = make_worklist(write_list(tmp_path / "ds.xlsx", people()), "dddt", hamlets=["Ấp Tân Mỹ"])
    book = openpyxl.load_workbook(io.BytesIO(worklist_workbook(worklist)))
    for sheet in book.worksheets:
        assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "portrait"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$5:$5"
    texts = [c.value for row in book["Ấp Tân Mỹ"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("Ghi chú") for t in texts) and "(Ký, ghi rõ họ tên)" in texts


def test_a_worklist_from_a_csv_list_equals_the_one_from_the_workbook(tmp_path: Path) -> None:
    rows = people(60)
    csv_path = tmp_path / "ds.csv"
    csv_path.write_text("\n".join(";".join(map(str, [*row])) for row in [HEADER, *rows]) + "\n", encoding="utf-8-sig")
    from_csv = make_worklist(csv_path, "dddt_muc1", birth_years=(1990, 2012))
    from_xlsx = make_worklist(write_list(tmp_path / "ds.xlsx", rows), "dddt_muc1", birth_years=(1990, 2012))
    assert from_csv.people.drop(columns="commune").equals(from_xlsx.people.drop(columns="commune"))
    assert from_csv.counts[["hamlet", "not_done", "on_worklist"]].equals(
        from_xlsx.counts[["hamlet", "not_done", "on_worklist"]])


def test_a_workbook_that_is_not_a_citizen_list_is_refused(tmp_path: Path) -> None:
    quota = write_quota(tmp_path / "chi_tieu.xlsx", people(10))
    with pytest.raises(ChitieuError) as error:
        make_worklist(quota, "dddt")
    assert error.value.finding.code == "not-a-citizen-list"


@given(st.text("0123456789", min_size=9, max_size=12))
def test_an_id_number_keeps_only_three_digits_at_each_end(number: str) -> None:
    masked = mask_id(number)
    assert len(masked) == len(number) and masked[:3] == number[:3] and masked[-3:] == number[-3:]
    assert set(masked[3:-3]) == {"*"}


@given(st.dates(), st.sampled_from(["{d:%d/%m/%Y}", "{d:%Y-%m-%d}", "{d.year}", "ngày {d.day} tháng {d.month} năm {d.year}"]))
def test_the_birth_year_is_read_however_the_date_is_written(day, pattern: str) -> None:
    if 1900 <= day.year < 2100:
        assert birth_year(pattern.format(d=day)) == birth_year(day) == day.year


def test_the_command_writes_the_worklist_and_prints_only_counts(tmp_path: Path, capsys) -> None:
    rows = people(40)
    listed = write_list(tmp_path / "ds.xlsx", rows)
    out = tmp_path / "in" / "vận động.xlsx"
    out.parent.mkdir()
    assert main(["worklist", str(listed), "--indicator", "dddt_muc2", "--hamlets", "Ấp 10", "--born", "1990-2012",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    expected = sum(r[6] == "Ấp 10" and r[8] != "Đã kích hoạt mức 2" and int(r[3][-4:]) >= 1990 for r in rows)
    assert f"Ấp 10: {expected} người cần vận động" in printed
    assert not any(r[1] in printed or r[2] in printed for r in rows)
    assert len(sheet_rows(openpyxl.load_workbook(out), "Ấp 10")) == expected
    assert main(["worklist", str(listed), "--hamlets", "Ấp 10", "--out", str(out)]) == 0  # never over the first
    assert len(list(out.parent.glob("*.xlsx"))) == 2


STATUS_WORDS = STATUSES + ["ĐÃ KÍCH HOẠT MỨC 2", "đã kích hoạt mức 1", "Chưa kích hoạt mức 2", "Đang xử lý", ""]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(HAMLETS), st.sampled_from(STATUS_WORDS), st.integers(1950, 2012)),
                min_size=1, max_size=60), st.sampled_from(sorted(DONE)))
def test_each_hamlets_worklist_is_its_people_less_those_the_counts_count(tmp_path: Path, listed, indicator) -> None:
    rows = [[i, f"Người {i}", f"0791{i:08d}", f"01/01/{year}", "Nam", f"số {i}", hamlet, "", status]
            for i, (hamlet, status, year) in enumerate(listed, start=1)]
    path = tmp_path / f"ds_{len(rows)}_{indicator}.csv"
    path.write_text("\n".join(",".join(map(str, row)) for row in [HEADER, *rows]) + "\n", encoding="utf-8")
    records = read_records([path], "result").records
    done = dict(zip(records.loc[records["indicator"] == indicator, "unit"],
                    records.loc[records["indicator"] == indicator, "value"]))
    worklist = make_worklist(path, indicator)
    for hamlet, group in worklist.people.groupby("hamlet"):
        assert len(group) == sum(r[6] == hamlet for r in rows) - done.get(hamlet, 0)
    assert worklist.counts.set_index("hamlet")["on_worklist"].sum() == len(rows) - sum(done.values())


def test_a_list_naming_a_hamlet_the_quota_lacks_is_said_not_a_crash(tmp_path: Path) -> None:
    rows = people(40)
    rows[0][6], rows[0][8] = "Ấp Mới Lập", "Đã kích hoạt mức 2"  # no such hamlet in the quota workbook
    quota, listed = write_quota(tmp_path / "chi_tieu.xlsx", rows), write_list(tmp_path / "ds.xlsx", rows)
    summary = summarise_files([quota], [listed], start=date(2024, 5, 1), end=date(2024, 6, 30))
    unmatched = [f for f in summary.findings if f.code == "unit-unmatched"]
    assert [(f.params["unit"], f.file, f.row) for f in unmatched] == [("Ấp Mới Lập", "ds.xlsx", None)]
    assert summary.table["result"].notna().any()
