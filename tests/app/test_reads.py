"""A workbook the app read, as the officer is told of it and reviews it."""

from __future__ import annotations

from pathlib import Path

from chitieu.app.main import FileRead
from chitieu.findings import finding
from chitieu.mapping.records import Loaded, empty_records


def test_a_citizen_list_counts_its_people_from_the_finding() -> None:
    found = [finding("citizen-list", file="ds.xlsx", people=123_456), finding("sheet-hidden", file="ds.xlsx")]
    read = FileRead(Path("ds.xlsx"), "result", Loaded(empty_records(), found), 1.0)
    assert read.rows() == 123_456
    assert "123.456 dòng" in found[0].message  # the finding writes the number as Vietnamese read it
