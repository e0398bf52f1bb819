"""Workbooks of a commune made up by the tests: a quota per thôn, and the thôn's results on given days."""

from __future__ import annotations

from pathlib import Path

from app.commune_books import one_sheet

QUOTA_HEADER, RESULT_HEADER = "Thu nhận hồ sơ cấp CCCD", "Kết quả thu nhận hồ sơ CCCD"


def quota_book(folder: Path, quotas: dict[str, int]) -> Path:
    """Each thôn's quota of CCCD, then the commune's total row."""
    path = folder / "giao_chi_tieu.xlsx"
    rows = [["UBND XÃ TÂN HÒA"], ["BẢNG GIAO CHỈ TIÊU CHO CÁC THÔN"], [], ["TT", "Thôn", QUOTA_HEADER],
            *([i + 1, unit, quota] for i, (unit, quota) in enumerate(quotas.items())), ["", "Cộng", sum(quotas.values())]]
    return one_sheet(path, "Giao CT", rows)


def result_book(folder: Path, day: str, results: dict[str, int]) -> Path:
    """The thôn's cumulative results as of ``day`` ("20.6.2025", in the title and the file name)."""
    path = folder / f"bao cao thon {day}.xlsx"
    rows = [[f"KẾT QUẢ THỰC HIỆN ĐẾN NGÀY {day.replace('.', '/')}"], [], ["Thôn", RESULT_HEADER],
            *([unit, result] for unit, result in results.items())]
    return one_sheet(path, "KQ", rows)
