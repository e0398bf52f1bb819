"""A province's CSV export is counted however large (within a size budget said in Vietnamese),
never refused for its cells as a grid would be, and counted block by block."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.citizens import rows as csv_rows
from chitieu.findings import ChitieuError
from chitieu.mapping.records import read_records
from chitieu.reading import guards

HEADER = "STT;Họ và tên;Số định danh;Ngày sinh;Xã/Phường;Ấp;Trạng thái\n"
STATUSES = ["Đã kích hoạt mức 2", "Đã kích hoạt mức 1", "Chưa kích hoạt"]


def write_list(path: Path, people: int) -> Path:
    lines = (f"{i};Người {i};0791{i:08d};01/01/1990;Xã Minh Thắng;Ấp {i % 7 + 1};{STATUSES[i % 3]}\n"
             for i in range(1, people + 1))
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def counted(path: Path) -> dict[tuple[str, str], float]:
    r = read_records([path], "result").records
    return dict(zip(zip(r["unit"], r["indicator"]), r["value"]))


def expected(people: int) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    for i in range(1, people + 1):
        if i % 3 < 2:
            level = "dddt_muc2" if i % 3 == 0 else "dddt_muc1"
            for code in (level, "dddt"):
                key = (f"Ấp {i % 7 + 1}", code)
                found[key] = found.get(key, 0) + 1
    return found


def test_a_list_beyond_the_grid_limits_is_counted_block_by_block(tmp_path: Path, monkeypatch) -> None:
    path = write_list(tmp_path / "ds.csv", 3000)
    monkeypatch.setattr(guards, "MAX_FILE_BYTES", 10_000)  # a grid this size would be refused
    monkeypatch.setattr(guards, "MAX_CELLS", 1000)
    monkeypatch.setattr(csv_rows, "CSV_BLOCK", 4096)  # many blocks, rows split across their edges
    assert counted(path) == expected(3000)


def test_a_file_that_is_not_a_list_keeps_the_grid_limits(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "chi_tieu.csv"
    path.write_text("STT,Đơn vị,Chỉ tiêu kích hoạt định danh điện tử\n" +
                    "".join(f"{i},Ấp {i},{i * 10}\n" for i in range(1, 2000)), encoding="utf-8")
    monkeypatch.setattr(guards, "MAX_FILE_BYTES", 10_000)
    with pytest.raises(ChitieuError) as error:
        read_records([path])
    assert error.value.finding.code == "file-too-large"


def test_a_list_beyond_the_size_budget_is_refused_with_what_to_do(tmp_path: Path, monkeypatch) -> None:
    path = write_list(tmp_path / "ca_tinh.csv", 3000)
    monkeypatch.setattr(guards, "MAX_LIST_BYTES", 10_000)
    with pytest.raises(ChitieuError) as error:
        read_records([path], "result")
    assert error.value.finding.code == "list-too-large"
    assert "tách danh sách theo huyện hoặc theo xã" in str(error.value)


def test_progress_advances_within_a_list(tmp_path: Path, monkeypatch) -> None:
    path = write_list(tmp_path / "ds.csv", 3000)
    monkeypatch.setattr(csv_rows, "CSV_BLOCK", 8192)
    shares: list[float] = []
    with csv_rows.reading_progress(shares.append):
        read_records([path], "result")
    assert len(shares) > 5 and shares == sorted(shares) and shares[-1] == 1.0
