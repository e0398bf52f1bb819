"""A workbook the app read, as the officer is told of it and reviews it."""

from __future__ import annotations

from pathlib import Path

from chitieu.app.reads import FileRead, mapping_options
from chitieu.findings import finding
from chitieu.mapping.catalog import ROLE_LABELS, load_catalog
from chitieu.mapping.records import Loaded, empty_records


def test_a_citizen_list_counts_its_people_from_the_finding() -> None:
    found = [finding("citizen-list", file="ds.xlsx", people=123_456), finding("sheet-hidden", file="ds.xlsx")]
    read = FileRead(Path("ds.xlsx"), "result", Loaded(empty_records(), found), 1.0)
    assert read.rows() == 123_456
    assert "123.456 dòng" in found[0].message  # the finding writes the number as Vietnamese read it


def test_the_dropdown_names_each_role_as_the_catalog_does() -> None:
    options = dict(mapping_options(load_catalog()))
    assert options["Không tính"] == "" and options["Trang bị điện thoại thông minh 4G — kết quả"] == "smartphone:result"
    assert all(label.rsplit(" — ", 1)[1] in ROLE_LABELS.values() for label in list(options)[1:])
