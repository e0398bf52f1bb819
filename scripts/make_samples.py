"""Write the sample workbooks of inputs/ from the figures printed in the seed plans.

Quotas are the plans' own figures. Results, and the split of Minh Thắng's commune
quotas across its residential areas, are invented sample data; each file says so
in a note row under its table.

    python scripts/make_samples.py [OUTPUT_DIR]    (default: inputs/)
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import xlsxwriter

INVENTED = "* Số liệu kết quả là số liệu mẫu do chitieu tạo ra để minh họa, không phải số liệu thật."

# Sóc Trăng, Kế hoạch 142/KH-UBND (14/7/2023), annex: total quota (level 1+2) and daily quota.
SOC_TRANG = [
    ("TP Sóc Trăng", 50802, 1539), ("TX Vĩnh Châu", 75019, 2273), ("TX Ngã Năm", 31364, 950),
    ("Châu Thành", 46680, 1415), ("Cù Lao Dung", 28099, 851), ("Kế Sách", 76101, 2306),
    ("Long Phú", 51247, 1553), ("Mỹ Tú", 50759, 1538), ("Mỹ Xuyên", 65644, 1989),
    ("Thạnh Trị", 37656, 1141), ("Trần Đề", 63532, 1925),
]
SOC_TRANG_TOTAL = ("Tỉnh Sóc Trăng", 576903, 17482)
SOC_TRANG_START = date(2023, 7, 18)
# How the result files spell the districts (as officers do), and each district's invented pace.
SOC_TRANG_SPELLING = ["Thành phố Sóc Trăng", "Thị xã Vĩnh Châu", "TX. Ngã Năm", "H. Châu Thành",
                      "Huyện Cù Lao Dung", "Kế Sách", "Long Phú", "Mỹ Tú", "Mỹ  Xuyên", "Thạnh Trị", "Trần Đề"]
SOC_TRANG_PACE = [1.15, 0.9, 1.05, 0.7, 1.02, 0.85, 1.2, 0.95, 0.6, 1.1, 0.8]
SOC_TRANG_DATES = [date(2023, 7, 20), date(2023, 7, 24), date(2023, 7, 27)]

# Minh Thắng, "90 ngày, đêm" 04/4–03/7/2024: the commune's quotas from Kế hoạch 87/KH-UBND.
MINH_THANG_QUOTAS = [
    ("Cấp CCCD cho công dân sinh trước tháng 7/2010", 33),
    ("Cấp CCCD cho công dân sinh trước năm 2009", 6),
    ("Kích hoạt định danh điện tử", 731),
    ("Trang bị điện thoại thông minh 4G", 63),
    ("Đăng ký sim chính chủ, tích hợp chữ ký số", 731),
]
MINH_THANG_AREAS = ["Ấp 1", "Ấp 2", "Ấp 3", "Ấp 4", "Ấp 5", "Ấp Đồng Tân", "Ấp Bàu Sen"]
MINH_THANG_WEIGHTS = [0.18, 0.16, 0.15, 0.14, 0.13, 0.12, 0.12]
MINH_THANG_PACE = [1.3, 1.0, 0.8, 1.1, 0.55, 0.95, 0.7]
MINH_THANG_START, MINH_THANG_END = date(2024, 4, 4), date(2024, 7, 3)
MINH_THANG_DATES = [date(2024, 4, 30), date(2024, 5, 15), date(2024, 5, 31)]


class Styles:
    def __init__(self, book: xlsxwriter.Workbook):
        base = {"font_name": "Times New Roman", "font_size": 12}
        self.title = book.add_format(base | {"bold": True, "align": "center", "text_wrap": True})
        self.italic = book.add_format(base | {"italic": True, "align": "center"})
        self.head = book.add_format(base | {"bold": True, "border": 1, "align": "center", "valign": "vcenter",
                                            "text_wrap": True})
        self.cell = book.add_format(base | {"border": 1})
        self.number = book.add_format(base | {"border": 1, "num_format": "#,##0"})
        self.bold = book.add_format(base | {"border": 1, "bold": True})
        self.note = book.add_format(base | {"italic": True})


def titled_sheet(path: Path, sheet: str, last_col: str, title: str, subtitle: str):
    """A new workbook with one sheet under a bold title and an italic subtitle row."""
    book = xlsxwriter.Workbook(path)
    styles = Styles(book)
    ws = book.add_worksheet(sheet)
    ws.merge_range(f"A1:{last_col}1", title, styles.title)
    ws.merge_range(f"A2:{last_col}2", subtitle, styles.italic)
    return book, styles, ws


def split_evenly(total: int, weights: list[float]) -> list[int]:
    """``total`` split by ``weights`` into whole numbers that add up (largest remainder)."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)[: total - sum(parts)]:
        parts[i] += 1
    return parts


def dotted(n: int) -> str:
    """A number typed as text the way the annexes print it: 50.802."""
    return f"{n:,}".replace(",", ".")


def soc_trang_quota(path: Path) -> None:
    book, s, ws = titled_sheet(path, "Phụ lục", "E", "CHỈ TIÊU THU NHẬN VÀ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ",
                               "(Kèm theo Kế hoạch số 142/KH-UBND ngày 14/7/2023 của Ủy ban nhân dân tỉnh Sóc Trăng)")
    ws.set_column("A:A", 5)
    ws.set_column("B:B", 18)
    ws.set_column("C:D", 26)
    ws.set_column("E:E", 10)
    ws.write_row(3, 0, ["TT", "Đơn vị", "Chỉ tiêu thu nhận và kích hoạt (Mức 1+Mức 2)",
                        "Chỉ tiêu thu nhận và kích hoạt trong ngày (Tính từ ngày 18/7/2023 đến ngày 18/8/2023)",
                        "Ghi chú"], s.head)
    for i, (unit, quota, daily) in enumerate(SOC_TRANG, start=1):
        ws.write_row(3 + i, 0, [i, unit, dotted(quota), dotted(daily), ""], s.cell)
    row = 4 + len(SOC_TRANG)
    name, quota, daily = SOC_TRANG_TOTAL
    ws.merge_range(row, 0, row, 1, name, s.bold)
    ws.write_row(row, 2, [dotted(quota), dotted(daily), ""], s.bold)
    notes = ["* Lưu ý:",
             "* Số lượng tài khoản mức 1 tính theo nơi thường trú của công dân, số lượng tài khoản mức 2 tính "
             "theo đơn vị nơi thu nhận hồ sơ.",
             "* Chỉ tiêu chỉ được tính khi công dân kích hoạt thành công tài khoản định danh điện tử."]
    for j, note in enumerate(notes):
        ws.write(row + 2 + j, 0, note, s.note)
    book.close()


def soc_trang_results(folder: Path) -> None:
    for as_of in SOC_TRANG_DATES:
        days = (as_of - SOC_TRANG_START).days + 1
        book, s, ws = titled_sheet(folder / f"ket_qua_{as_of.isoformat()}.xlsx", "Kết quả", "D",
                                   "KẾT QUẢ THU NHẬN VÀ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ",
                                   f"Tính đến ngày {as_of.day}/{as_of.month}/{as_of.year}")
        ws.set_column("B:B", 22)
        ws.set_column("C:C", 30)
        ws.write_row(3, 0, ["STT", "Đơn vị", "Kết quả thu nhận và kích hoạt (Mức 1+Mức 2) lũy kế", "Ghi chú"], s.head)
        row, total = 4, 0
        for i, ((_, _, daily), spelled, pace) in enumerate(zip(SOC_TRANG, SOC_TRANG_SPELLING, SOC_TRANG_PACE), 1):
            if spelled == "Trần Đề" and as_of == SOC_TRANG_DATES[0]:
                ws.write_row(row, 0, [i, spelled, "-", "Chưa báo cáo"], s.cell)
            else:
                value = round(daily * days * pace)
                total += value
                ws.write_row(row, 0, [i, spelled, value, ""], s.cell)
                ws.write_number(row, 2, value, s.number)
            row += 1
        ws.merge_range(row, 0, row, 1, "Tổng cộng", s.bold)
        ws.write_number(row, 2, total, s.number)
        ws.write(row + 2, 0, INVENTED, s.note)
        book.close()


def minh_thang_quota(path: Path) -> list[list[int]]:
    """The quota workbook; returns the split: per area, per indicator."""
    split = [split_evenly(total, MINH_THANG_WEIGHTS) for _, total in MINH_THANG_QUOTAS]
    per_area = [list(col) for col in zip(*split)]
    book, s, ws = titled_sheet(path, "Chỉ tiêu", "G",
                               'PHÂN BỔ CHỈ TIÊU ĐỢT CAO ĐIỂM "90 NGÀY, ĐÊM" TRIỂN KHAI MỤC TIÊU "4 PHỦ"',
                               "trên địa bàn xã Minh Thắng (từ ngày 04/4/2024 đến ngày 03/7/2024)")
    ws.set_column("B:G", 18)
    ws.merge_range("A4:A5", "STT", s.head)
    ws.merge_range("B4:B5", "Đơn vị", s.head)
    ws.merge_range("C4:G4", "Chỉ tiêu được giao", s.head)
    ws.write_row(4, 2, [label for label, _ in MINH_THANG_QUOTAS], s.head)
    for i, (area, quotas) in enumerate(zip(MINH_THANG_AREAS, per_area), start=1):
        ws.write_row(4 + i, 0, [i, area], s.cell)
        ws.write_row(4 + i, 2, quotas, s.number)
    row = 5 + len(MINH_THANG_AREAS)
    ws.merge_range(row, 0, row, 1, "Xã Minh Thắng", s.bold)
    ws.write_row(row, 2, [total for _, total in MINH_THANG_QUOTAS], s.bold)
    ws.write(row + 2, 0, "* Chỉ tiêu của xã theo Kế hoạch số 87/KH-UBND ngày 11/04/2024 của UBND thị xã Chơn Thành; "
             "phần chia cho từng ấp là số liệu mẫu do chitieu tạo ra để minh họa.", s.note)
    book.close()
    return per_area


def minh_thang_results(folder: Path, per_area: list[list[int]]) -> None:
    days_total = (MINH_THANG_END - MINH_THANG_START).days + 1
    for as_of in MINH_THANG_DATES:
        days = (as_of - MINH_THANG_START).days + 1
        book, s, ws = titled_sheet(folder / f"KQ {as_of.day}.{as_of.month}.{as_of.year}.xlsx", "Báo cáo", "G",
                                   'KẾT QUẢ THỰC HIỆN MỤC TIÊU "4 PHỦ" - XÃ MINH THẮNG',
                                   f"(tính đến ngày {as_of.day:02d}/{as_of.month:02d}/{as_of.year})")
        ws.set_column("B:G", 18)
        ws.merge_range("A4:A5", "STT", s.head)
        ws.merge_range("B4:B5", "Đơn vị", s.head)
        ws.merge_range("C4:G4", "Kết quả thực hiện (lũy kế)", s.head)
        ws.write_row(4, 2, [label for label, _ in MINH_THANG_QUOTAS], s.head)
        for i, (area, quotas, pace) in enumerate(zip(MINH_THANG_AREAS, per_area, MINH_THANG_PACE), start=1):
            shown = "Áp 3" if area == "Ấp 3" else area  # a typo officers make
            values = [min(round(q * days / days_total * pace), round(q * 1.2)) for q in quotas]
            ws.write_row(4 + i, 0, [i, shown], s.cell)
            ws.write_row(4 + i, 2, values, s.number)
            if area == "Ấp Bàu Sen" and as_of == MINH_THANG_DATES[-1]:
                ws.write(4 + i, 5, "-", s.cell)  # the smartphone figure not yet reported
        ws.write(6 + len(MINH_THANG_AREAS), 0, INVENTED, s.note)
        book.close()


def my_phu_dong(path: Path) -> None:
    """Mỹ Phú Đông, Kế hoạch 46/KH-UBND (08/6/2023), annexes I–III as printed."""
    book = xlsxwriter.Workbook(path)
    s = Styles(book)

    ws = book.add_worksheet("Phụ lục I")
    ws.merge_range("A1:L1", "PHỤ LỤC I", s.title)
    ws.merge_range("A2:L2", "Chỉ tiêu mời thu nhận hồ sơ CCCD trên địa bàn xã Mỹ Phú Đông", s.title)
    ws.merge_range("A3:L3", "(kèm Kế hoạch số 46/KH-UBND ngày 08 tháng 6 năm 2023)", s.italic)
    ws.merge_range("A5:A6", "Stt", s.head)
    ws.merge_range("B5:B6", "Đơn vị", s.head)
    for c0, group in ((2, "Thường trú chưa cấp CCCD"), (5, "Tạm trú chưa Cấp CCCD"), (8, "Tạm trú ngoài địa bàn")):
        ws.merge_range(4, c0, 4, c0 + 2, group, s.head)
        ws.write_row(5, c0, ["Tổng", "Không ngày tháng sinh", "Có ngày tháng sinh"], s.head)
    ws.merge_range("L5:L6", "Chỉ tiêu mời dân hàng ngày", s.head)
    ws.write_row(6, 0, [1, "Mỹ Phú Đông", 94, 22, 72, 1, 0, 1, 3, 3, 0, ""], s.cell)

    ws = book.add_worksheet("Phụ lục II")
    ws.merge_range("A1:G1", "PHỤ LỤC II", s.title)
    ws.merge_range("A2:G2", "Chỉ tiêu cài đặt định danh điện tử mức 2 ở các cơ quan xã Mỹ Phú Đông", s.title)
    ws.write_row(3, 0, ["Stt", "Đơn vị", "Tổng số", "Đã tạo", "Chưa tạo", "Đã cài đặt VNeID", "Ghi chú"], s.head)
    agencies = [("Đảng ủy, HĐND, UBND, Khối vận xã", 31), ("Công an", 5), ("Quân sự", 11),
                ("Áp Tân Phú", 5), ("Áp Tân Mỹ", 5), ("Áp Tân Đông", 6)]
    for i, (unit, n) in enumerate(agencies, start=1):
        ws.write_row(3 + i, 0, [i, unit, n, n, "", n, ""], s.cell)
    row = 4 + len(agencies)
    ws.merge_range(row, 0, row, 1, "Tổng cộng", s.bold)
    ws.write_row(row, 2, [67, 67, "", 67, ""], s.bold)

    ws = book.add_worksheet("Phụ lục III")
    ws.merge_range("A1:G1", "PHỤ LỤC III", s.title)
    ws.merge_range("A2:G2", "Chỉ tiêu cài đặt định danh điện tử mức độ 2 các ấp", s.title)
    ws.write_row(3, 0, ["Stt", "Đơn vị", "Tổng số hộ", "Đã tạo (đại diện 01 người/hộ)", "Chưa tạo",
                        "Đã cài đặt VNeID", "Ghi chú"], s.head)
    hamlets = [("Áp Tân Phú", 339, 186, 153, 50), ("Áp Tân Mỹ", 375, 169, 206, 60), ("Áp Tân Đông", 443, 259, 184, 58)]
    for i, (unit, *numbers) in enumerate(hamlets, start=1):
        ws.write_row(3 + i, 0, [i, unit, *numbers, ""], s.cell)
    row = 4 + len(hamlets)
    ws.merge_range(row, 0, row, 1, "Tổng cộng", s.bold)
    ws.write_row(row, 2, [dotted(1057), "614", "443", "168", ""], s.bold)
    book.close()


def make_samples(out: Path) -> list[Path]:
    """Write every sample workbook under ``out``; returns their paths."""
    for folder in ("soc_trang", "minh_thang", "my_phu_dong"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    soc_trang_quota(out / "soc_trang" / "chi_tieu_dddt.xlsx")
    soc_trang_results(out / "soc_trang")
    per_area = minh_thang_quota(out / "minh_thang" / "chi_tieu_4_phu.xlsx")
    minh_thang_results(out / "minh_thang", per_area)
    my_phu_dong(out / "my_phu_dong" / "phu_luc_ke_hoach_46.xlsx")
    return sorted(out.rglob("*.xlsx"))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "inputs"
    for written in make_samples(target):
        print(written)
