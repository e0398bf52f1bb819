"""However a quota workbook is written — the quota header in any of the seeds' phrasings, a daily quota
beside it, a totals row at the top or the bottom named with a totals word or after the parent unit,
merged or not, numbered or not, an eligible population, a percentage or households beside, notes under
the table — each unit's quota in the summary is the true one, or a warning names the unit or the column.

CHITIEU_PROPERTY_EXAMPLES sets how many workbooks are tried (200 by default).
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.findings import Finding
from chitieu.messages import INFO
from chitieu.summary.files import summarise_files
from chitieu.values import format_number
from test_gallery import write_xlsx

EXAMPLES = int(os.environ.get("CHITIEU_PROPERTY_EXAMPLES", "200"))
DAYS = 33
START, END = date(2023, 7, 18), date(2023, 8, 19)
# A parent and the units under it, as the seeds name them.
LEVELS = {
    "Tỉnh Sóc Trăng": ["TP Sóc Trăng", "TX Vĩnh Châu", "TX Ngã Năm", "Châu Thành", "Cù Lao Dung", "Kế Sách",
                       "Long Phú", "Mỹ Tú", "Mỹ Xuyên", "Thạnh Trị", "Trần Đề"],
    "Huyện Kế Sách": ["Xã An Mỹ", "Thị trấn Kế Sách", "Xã Kế An", "Xã Nhơn Mỹ", "Xã Phong Nẫm"],
    "Xã Minh Thắng": ["Ấp 1", "Ấp 2", "Ấp 3", "Ấp 4", "Ấp 5", "Ấp Đồng Tân", "Ấp Bàu Sen"],
}
QUOTA_HEADERS = ["Chỉ tiêu thu nhận và kích hoạt (Mức 1+Mức 2)", "Chỉ tiêu kích hoạt định danh điện tử",
                 "Chỉ tiêu được giao - Kích hoạt định danh điện tử", "Kế hoạch kích hoạt tài khoản ĐDĐT",
                 "Số phải thực hiện (định danh điện tử)", "CHỈ TIÊU ĐỊNH DANH ĐIỆN TỬ MỨC 1 + MỨC 2",
                 "Chỉ tiêu (90% dân số) kích hoạt định danh điện tử"]
DAILY_HEADERS = [None, "Chỉ tiêu trong ngày", "Chỉ tiêu thu nhận và kích hoạt trong ngày (Tính từ ngày "
                 "18/7/2023 đến ngày 18/8/2023)", "Bình quân/ngày", "Chỉ tiêu hàng ngày"]
# A column beside the quota, never counted: its header and each unit's figure from its quota.
BESIDE = {
    "Dân số từ đủ 14 tuổi trở lên": lambda q: q * 3 + 7, "Số người đủ điều kiện": lambda q: q * 2 + 1,
    "Tổng số hộ": lambda q: q // 2 + 3, "Tỷ lệ %": lambda q: f"{q % 97},5%", "% so với dân số": lambda q: q % 100,
    "Đã kích hoạt trước đợt": lambda q: q // 3, "Còn lại chưa kích hoạt": lambda q: q // 4,
}
TOTAL_WORDS = ["Tổng cộng", "Cộng", "TỔNG CỘNG", "Tổng số", "Tổng cộng toàn địa bàn", "Cộng:"]
NOTES = ["* Lưu ý: chỉ tính tài khoản kích hoạt thành công.", "Ghi chú: số liệu 120 là tạm tính",
         "Nguồn: Công an tỉnh", "Lưu ý: số liệu tính đến hết ngày báo cáo"]


@st.composite
def quota_books(draw: st.DrawFn) -> dict:
    parent = draw(st.sampled_from(sorted(LEVELS)))
    units = draw(st.lists(st.sampled_from(LEVELS[parent]), min_size=2, max_size=len(LEVELS[parent]), unique=True))
    return {
        "parent": parent, "units": units,
        "quotas": draw(st.lists(st.integers(1, 120_000), min_size=len(units), max_size=len(units))),
        "header": draw(st.sampled_from(QUOTA_HEADERS)), "daily": draw(st.sampled_from(DAILY_HEADERS)),
        "beside": draw(st.sampled_from([None, *BESIDE])), "two_rows": draw(st.booleans()),
        "total": draw(st.sampled_from([None, "word", "parent"])), "total_word": draw(st.sampled_from(TOTAL_WORDS)),
        "total_top": draw(st.booleans()), "merged": draw(st.booleans()), "numbered": draw(st.booleans()),
        "dotted": draw(st.booleans()), "title": draw(st.booleans()),
        "notes": draw(st.lists(st.sampled_from(NOTES), max_size=3)), "blank_before_notes": draw(st.booleans()),
    }


def header_rows(book: dict) -> tuple[list[list[object]], list[str]]:
    """The header, on one row or two (a merged group label over the figure columns), and its merges."""
    labels = [label for label in (book["header"], book["daily"], book["beside"]) if label]
    if not book["two_rows"]:
        return [["STT", "Đơn vị", *labels]], []
    last = chr(ord("C") + len(labels) - 1)
    merges = ["A{0}:A{1}", "B{0}:B{1}"] + ([f"C{{0}}:{last}{{0}}"] if len(labels) > 1 else [])
    return [["STT", "Đơn vị", "Định danh điện tử", *[None] * (len(labels) - 1)], [None, None, *labels]], merges


def figures(book: dict, quota: int) -> list[object]:
    def shown(n: object) -> object:
        return format_number(n) if book["dotted"] and isinstance(n, int) else n
    row = [shown(quota)]
    if book["daily"]:
        row.append(shown(round(quota / DAYS)))
    if book["beside"]:
        row.append(shown(BESIDE[book["beside"]](quota)))
    return row


def sheet(book: dict) -> tuple[list[list[object]], list[str]]:
    rows: list[list[object]] = [["CHỈ TIÊU KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ"], []] if book["title"] else []
    head, merges = header_rows(book)
    merges = [m.format(len(rows) + 1, len(rows) + 2) for m in merges]
    rows += head
    body = [[i, unit, *figures(book, q)] for i, (unit, q) in enumerate(zip(book["units"], book["quotas"]), 1)]
    if book["total"]:
        name = book["total_word"] if book["total"] == "word" else book["parent"]
        total = [len(body) + 1 if book["numbered"] and not book["merged"] else None, name,
                 *figures(book, sum(book["quotas"]))]
        if book["merged"]:
            total[:2] = [name, None]
        body = [total, *body] if book["total_top"] else [*body, total]
        if book["merged"]:
            at = len(rows) + (1 if book["total_top"] else len(body))
            merges.append(f"A{at}:B{at}")
    rows += body
    if book["notes"]:
        rows += ([[]] if book["blank_before_notes"] else []) + [[None, note, 5] for note in book["notes"]]
    return rows, merges


def named(findings: list[Finding], unit: str, letter: str) -> bool:
    """Whether a warning or an error names the unit, or points at the quota column."""
    return any(f.severity != INFO and (f"'{unit}'" in f.message or f.column.startswith(letter)) for f in findings)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quota_books())
def test_each_unit_has_its_true_quota_or_a_warning_says_why_not(book: dict) -> None:
    rows, merges = sheet(book)
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(Path(folder) / "chi_tieu.xlsx", {"Phụ lục": rows}, {"Phụ lục": merges})
        summary = summarise_files([path], start=START, end=END, days=DAYS)
    table = summary.table[summary.table["indicator"] == "dddt"]
    quotas = dict(zip(table["unit"], table["quota"]))
    for unit, truth in zip(book["units"], book["quotas"]):
        assert quotas.get(unit) == truth or named(summary.findings, unit, "C"), (unit, quotas.get(unit), truth)
    extra = set(table.loc[table["level"] > 0, "unit"]) - set(book["units"])
    assert not {unit for unit in extra if not named(summary.findings, unit, "C")}, extra
    if book["total"] == "parent":
        top = table[table["level"] == 0].iloc[0]
        assert (top["unit"], top["quota"]) == (book["parent"], sum(book["quotas"]))
