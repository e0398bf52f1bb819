"""Notes under a table end it, however they begin, even right under the last unit and with a figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.mapping.records import read_records
from test_gallery import HAMLET_NUMBERS, HAMLETS, HEADER, write_xlsx


@pytest.mark.parametrize("note", ["Ghi chú: số liệu 120 là tạm tính", "Lưu ý: Ấp 2 báo cáo chậm 5 ngày",
                                  "Nguồn: Công an xã, 5 tổ", "*Số liệu tạm tính"])
def test_a_note_right_under_the_table_is_not_a_unit(tmp_path: Path, note: str) -> None:
    loaded = read_records([write_xlsx(tmp_path / "a.xlsx", {"S": [HEADER, *HAMLETS, [None, note, 5]]})])
    r = loaded.records
    assert list(zip(r["unit"], r["indicator"], r["role"], r["value"])) == HAMLET_NUMBERS
