"""A workbook the app read, as the officer is told of it and reviews it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import xlsxwriter

from browser.appdriver import doubtful_results
from chitieu.app.reads import (
    NOT_COUNTED,
    ColumnReview,
    FileRead,
    column_reviews,
    confirmed_value,
    mapping_label,
    mapping_options,
    mapping_value,
    merged,
    read_file,
)
from chitieu.app.views import confidence_html, evidence_html, files_html
from chitieu.findings import finding
from chitieu.mapping.catalog import ROLE_LABELS, ColumnMapping, evidence, load_catalog
from chitieu.mapping.overrides import Overrides
from chitieu.mapping.records import Loaded, empty_records, read_records


def test_a_citizen_list_counts_its_people_from_the_finding() -> None:
    found = [finding("citizen-list", file="ds.xlsx", people=123_456), finding("sheet-hidden", file="ds.xlsx")]
    read = FileRead(Path("ds.xlsx"), "result", Loaded(empty_records(), found), 1.0)
    assert read.rows() == 123_456
    assert "123.456 dòng" in found[0].message  # the finding writes the number as Vietnamese read it


def test_the_dropdown_names_each_role_as_the_catalog_does() -> None:
    options = dict(mapping_options(load_catalog()))
    assert options["Không tính"] == "" and options["Trang bị điện thoại thông minh 4G — kết quả"] == "smartphone:result"
    assert all(label.rsplit(" — ", 1)[1] in ROLE_LABELS.values() for label in list(options)[1:])


def test_the_review_shows_what_the_records_got_and_a_population_column_is_not_counted(tmp_path: Path) -> None:
    """A column the reader keeps as context (here the eligible population) is reviewed as "Không tính",
    the same as the records count it, and the results column as what it is."""
    path = tmp_path / "ket_qua.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    rows = [["STT", "Đơn vị", "Dân số từ đủ 14 tuổi trở lên", "Số tài khoản định danh điện tử đã kích hoạt"],
            [1, "Ấp 1", 2100, 350], [2, "Ấp 2", 1800, 290]]
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    catalog = load_catalog()
    reviews = column_reviews([read_file(path, "result", catalog, Overrides())], catalog, Overrides())
    shown = {review.label: mapping_value(review.mapping) for review in reviews}
    assert shown == {"Dân số từ đủ 14 tuổi trở lên": NOT_COUNTED,
                     "Số tài khoản định danh điện tử đã kích hoạt": "dddt:result"}
    assert all(value in dict(mapping_options(catalog)).values() for value in shown.values())


def test_a_doubtful_column_is_reviewed_with_its_role_evidence_and_a_confirmation(tmp_path: Path) -> None:
    catalog = load_catalog()
    read = read_file(doubtful_results(tmp_path), "result", catalog, Overrides())
    [review] = column_reviews([read], catalog, Overrides())
    assert (review.mapping.indicator, review.mapping.role) == ("dddt", "result")
    assert review.doubtful and review.waits and review.confirmable
    assert [reason.code for reason in review.evidence] == ["title-words", "file-kind"]
    assert confirmed_value(review.mapping) == mapping_value(review.mapping) == "dddt:result"
    assert read.loaded.records.empty  # not counted until confirmed
    confidence = confidence_html(review)
    assert "72%" in confidence and "chưa tính — cần xác nhận" in confidence
    assert evidence_html(review) == ("<span class='ct-evidence' style='font-size:12px'><b>kết quả</b> — tiêu đề bảng "
                                     "có &#x27;định danh điện tử&#x27;; tiêu đề không nói vai trò: tệp được nạp là "
                                     "sổ kết quả</span>")


def test_a_doubtful_column_that_is_never_counted_is_confirmed_with_its_own_role() -> None:
    # a part of a group total whose indicator only the title names, in a workbook whose kind alone gives the role
    part = ColumnMapping("cccd", "part", 0.72, evidence=(evidence("group-part", total="Thường trú - Tổng"),))
    review = ColumnReview("STT Đơn vị Thường trú", "Thường trú - Có ngày tháng sinh", part, ["a.xlsx"])
    assert review.doubtful and review.confirmable and not review.waits  # never counted, so nothing waits
    assert "72% — cần kiểm tra" in confidence_html(review) and "chưa tính" not in confidence_html(review)
    assert "<b>thành phần của cột tổng (không tính)</b>" in evidence_html(review)
    assert confirmed_value(part) == "cccd:part"  # "Đúng" keeps the role the dropdown cannot offer
    assert mapping_label("cccd:part", load_catalog()) == "Thu nhận hồ sơ cấp CCCD — thành phần của cột tổng"
    chosen = ColumnReview(review.header, review.label, part, ["a.xlsx"], chosen=True)
    assert not chosen.doubtful and not chosen.confirmable and "đã xác nhận" in confidence_html(chosen)


def test_many_files_read_at_once_are_one_line_and_the_records_kept_read_back_the_same(tmp_path: Path) -> None:
    """The page names a few files read one by one, a batch in one line (so the table stays near the top);
    the records it keeps between summaries (texts as categories) give the summary what a new read gives."""
    paths = []
    for day in range(1, 6):
        path = tmp_path / f"ket_qua_{day:02d}_06_2025.xlsx"
        book = xlsxwriter.Workbook(path)
        sheet = book.add_worksheet("Tổng hợp")
        sheet.write(0, 0, f"KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ (tính đến ngày {day:02d}/06/2025)")
        for r, row in enumerate([["STT", "Đơn vị", "Số tài khoản đã kích hoạt"], [1, "Ấp 1", 10 * day],
                                 [2, "Ấp 2", 7 * day]], start=2):
            sheet.write_row(r, 0, row)
        book.close()
        paths.append(path)
    catalog = load_catalog()
    reads = [read_file(path, "result", catalog, Overrides()) for path in paths]
    assert files_html(reads[:2], 1.0).count("<br>") == 2  # each file named, then the time
    assert files_html(reads, 2.5).startswith("Đã đọc 5 tệp: 5 sổ kết quả, 10 dòng (xem danh sách tệp đang dùng).<br>")
    again = read_records(paths, "result", catalog, Overrides()).records
    pd.testing.assert_frame_equal(merged(reads).records, again)
