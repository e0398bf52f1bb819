"""Files read one ahead (the next workbook parsed while this one is laid out) give what files read one by one
give: the same records in the same order, and the first bad file's message, not a later one's."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.findings import ChitieuError
from chitieu.mapping.records import read_records
from chitieu.reading.ahead import read_ahead
from test_gallery import HEADER, write_xlsx


def day_file(folder: Path, day: int) -> Path:
    rows = [[f"KẾT QUẢ ĐẾN NGÀY {day:02d}/07/2025"], [], HEADER,
            *[[i, f"Ấp {i}", 100 * day + i] for i in range(1, 4)]]
    return write_xlsx(folder / f"ket_qua_2025-07-{day:02d}.xlsx", {"S": rows})


def test_many_files_read_ahead_give_what_each_file_read_alone_gives(tmp_path: Path) -> None:
    paths = [day_file(tmp_path, day) for day in range(1, 8)]
    together = read_records(paths, "result").records
    alone = [read_records([path], "result").records for path in paths]
    assert together["file"].tolist() == [path.name for path, one in zip(paths, alone) for _ in range(len(one))]
    assert together["value"].tolist() == [v for one in alone for v in one["value"]]
    assert together["value"].tolist()[:3] == [101.0, 102.0, 103.0]


def test_the_first_bad_file_is_named_though_the_next_was_begun_before_it_was_read(tmp_path: Path) -> None:
    good = day_file(tmp_path, 1)
    empty = tmp_path / "rong.xlsx"
    empty.write_bytes(b"")
    damaged = tmp_path / "hong.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(ChitieuError) as raised:
        read_records([good, empty, damaged], "result")
    assert raised.value.finding.code == "file-empty" and "rong.xlsx" in str(raised.value)
    with pytest.raises(ChitieuError) as raised:
        read_records([good, damaged, empty], "result")
    assert "hong.xlsx" in str(raised.value)


def test_an_item_is_begun_before_the_one_before_it_is_finished_and_its_error_waits_its_turn() -> None:
    said: list[str] = []

    def begin(item: str, parser: object) -> object:
        said.append(f"begin {item}")
        if item == "c":
            raise ValueError("c is bad")
        return lambda: said.append(f"finish {item}") or item.upper()

    handed = []
    with pytest.raises(ValueError, match="c is bad"):
        for item, read in read_ahead(begin, ["a", "b", "c", "d"]):
            handed.append((item, read))
    assert handed == [("a", "A"), ("b", "B")]
    assert said == ["begin a", "begin b", "finish a", "begin c", "finish b", "begin d"]  # c fails in its turn
