"""The page's worklist section fed by the upload buttons, as an officer uses it: each citizen list
uploaded is offered with its hamlets, even after the page empties the button to take the next file; a file
the upload section already refuses (empty, damaged, too large) is said there once, not twice."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import ipywidgets as w
import xlsxwriter

from chitieu.app.worklist import WorklistPanel
from chitieu.reading import guards

HAMLETS = ["Ấp Bàu Sen", "Ấp Đông", "Ấp Tây"]


def citizen_list(path: Path, rows: int = 30) -> bytes:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Danh sách")
    sheet.write_row(0, 0, ["STT", "Họ và tên", "Số định danh", "Ngày sinh", "Ấp", "Trạng thái"])
    for i in range(1, rows + 1):
        sheet.write_row(i, 0, [i, f"Người thứ {i}", f"0791600{i:05d}", "01/01/1990", HAMLETS[i % 3],
                               "Đã kích hoạt mức 2" if i % 2 else "Chưa kích hoạt"])
    book.close()
    return path.read_bytes()


def uploaded(name: str, content: bytes) -> tuple[dict, ...]:
    return ({"name": name, "type": "", "size": len(content), "content": memoryview(content),
             "last_modified": datetime(2024, 5, 31)},)


def test_a_list_stays_offered_after_the_button_is_emptied(tmp_path: Path) -> None:
    button = w.FileUpload(multiple=True)
    panel = WorklistPanel([button], tmp_path)
    button.value = uploaded("ds.xlsx", citizen_list(tmp_path / "ds.xlsx"))
    button.value = ()  # as the page does once it has read the files
    assert panel.source.value == "ds.xlsx"
    assert sorted(panel.hamlets.options) == sorted(HAMLETS)
    content = panel.make()
    assert content and "Tải về" in panel.download.value


def test_a_workbook_that_is_no_list_is_not_offered_and_not_said(tmp_path: Path) -> None:
    button = w.FileUpload(multiple=True)
    panel = WorklistPanel([button], tmp_path)
    book = xlsxwriter.Workbook(str(tmp_path / "chi_tieu.xlsx"))
    book.add_worksheet().write_row(0, 0, ["STT", "Đơn vị", "Chỉ tiêu"])
    book.close()
    button.value = uploaded("chi_tieu.xlsx", (tmp_path / "chi_tieu.xlsx").read_bytes())
    assert panel.source.options == () and panel.download.value == ""


def test_a_list_beyond_the_grid_cell_budget_is_offered(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(guards, "MAX_CELLS", 50)  # an xlsx list is streamed, never read as a grid
    button = w.FileUpload(multiple=True)
    panel = WorklistPanel([button], tmp_path)
    button.value = uploaded("ds_lon.xlsx", citizen_list(tmp_path / "ds_lon.xlsx"))
    assert panel.source.value == "ds_lon.xlsx" and sorted(panel.hamlets.options) == sorted(HAMLETS)
    assert panel.make() and "Tải về" in panel.download.value


def test_a_list_over_the_size_budget_is_left_to_the_upload_section(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(guards, "MAX_LIST_BYTES", 1000)
    button = w.FileUpload(multiple=True)
    panel = WorklistPanel([button], tmp_path)
    button.value = uploaded("ds_lon.xlsx", citizen_list(tmp_path / "ds_lon.xlsx"))
    assert panel.source.options == () and panel.download.value == ""  # said once, where it is uploaded


def test_an_empty_or_damaged_file_is_left_to_the_upload_section(tmp_path: Path) -> None:
    button = w.FileUpload(multiple=True)
    panel = WorklistPanel([button], tmp_path)
    for name, content in [("rong.xlsx", b""), ("hong.xlsx", bytes(range(256)) * 16), ("hong.csv", b"\xff\xfe\x00" * 9)]:
        button.value = uploaded(name, content)
        assert panel.source.options == () and panel.download.value == "", name
