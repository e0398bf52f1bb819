"""Workbooks of a commune the app's tests had not seen before (Xã Tân Hòa, four "thôn"): a quota
workbook that states no campaign period, daily result workbooks in another layout, and files the app
must refuse (no table; a list of people it cannot recognise)."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

# thôn → quota of CCCD, of e-ID accounts, of VNeID installs
TAN_HOA = {"Thôn Đông": (40, 120, 90), "Thôn Tây": (35, 100, 80), "Thôn Nam": (50, 150, 110), "Thôn Bắc": (25, 80, 60)}
QUOTA_HEADERS = ["Thu nhận hồ sơ cấp CCCD", "Kích hoạt tài khoản định danh điện tử", "Cài đặt ứng dụng VNeID"]
RESULT_HEADERS = ["Kết quả thu nhận hồ sơ CCCD", "Kết quả kích hoạt tài khoản định danh điện tử",
                  "Kết quả cài đặt ứng dụng VNeID"]


def quota_without_period(folder: Path, name: str = "giao_chi_tieu_tan_hoa.xlsx") -> Path:
    """The commune's quota per thôn, a title with no dates, the total row at the bottom."""
    path = folder / name
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Giao CT")
    sheet.write_row(0, 0, ["UBND XÃ TÂN HÒA"])
    sheet.write_row(1, 0, ["BẢNG GIAO CHỈ TIÊU ĐỢT CAO ĐIỂM CHO CÁC THÔN"])
    sheet.write_row(3, 0, ["TT", "Thôn", *QUOTA_HEADERS])
    for i, (unit, quotas) in enumerate(TAN_HOA.items()):
        sheet.write_row(4 + i, 0, [i + 1, unit, *quotas])
    sheet.write_row(4 + len(TAN_HOA), 0, ["", "Cộng", *map(sum, zip(*TAN_HOA.values()))])
    book.close()
    return path


def results_on(folder: Path, day: str, share: float, sims: bool = False) -> Path:
    """The thôn's results as of ``day`` ("20.6.2025", in the title and the file name): ``share`` of each
    quota; with ``sims``, also SIMs registered, an indicator the commune was given no quota of."""
    path = folder / f"bao cao thon {day}.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("KQ")
    sheet.write_row(0, 0, [f"KẾT QUẢ THỰC HIỆN ĐẾN NGÀY {day.replace('.', '/')}"])
    sheet.write_row(2, 0, ["Thôn", *RESULT_HEADERS, *(["Kết quả đăng ký SIM chính chủ"] if sims else [])])
    for i, (unit, quotas) in enumerate(TAN_HOA.items()):
        sheet.write_row(3 + i, 0, [unit, *(int(q * share) for q in quotas), *([7] if sims else [])])
    book.close()
    return path


def one_sheet(path: Path, sheet_name: str, rows: list[list[object]]) -> Path:
    """A workbook of one sheet holding ``rows`` from its first row."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet(sheet_name)
    for i, row in enumerate(rows):
        sheet.write_row(i, 0, row)
    book.close()
    return path


def no_table(folder: Path, name: str = "ghi_chu.xlsx") -> Path:
    """A workbook of notes only: no table of units and figures."""
    return one_sheet(folder / name, "Ghi chú", [["Ghi chú họp giao ban"], ["Các thôn báo cáo trước 17 giờ hằng ngày."]])


def unrecognised_list(folder: Path, name: str = "danh_sach_thon.xlsx") -> Path:
    """A list of people with no column the app can count (names and phone numbers only)."""
    people = [[f"Người số {i + 1}", f"09{i:08d}"] for i in range(30)]
    return one_sheet(folder / name, "DS", [["Họ tên", "Điện thoại"], *people])
