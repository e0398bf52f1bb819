"""However a quota workbook is written — the quota header in any of the seeds' phrasings, a daily quota
beside it, a totals row at the top or the bottom named with a totals word or after the parent unit,
merged or not, numbered or not, an eligible population, a percentage or households beside, notes under
the table — each unit's quota in the summary is the true one, or a warning names the unit or the column.

CHITIEU_PROPERTY_EXAMPLES sets how many workbooks are tried (200 by default).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chitieu.summary.files import summarise_files
from layout_pairs import QUOTA_HEADERS
from layouts import DAYS, END, LEVELS, NOTES, START, TOTAL_WORDS, Figures, SheetSpec, named, shown, write_sheet

EXAMPLES = int(os.environ.get("CHITIEU_PROPERTY_EXAMPLES", "200"))
DAILY_HEADERS = [None, "Chỉ tiêu trong ngày",
                 "Chỉ tiêu thu nhận và kích hoạt trong ngày (Tính từ ngày 18/7/2023 đến ngày 18/8/2023)",
                 "Bình quân/ngày", "Chỉ tiêu hàng ngày"]
# A column beside the quota, never counted: its header and each unit's figure from its quota.
BESIDE = {
    "Dân số từ đủ 14 tuổi trở lên": lambda q: q * 3 + 7, "Số người đủ điều kiện": lambda q: q * 2 + 1,
    "Tổng số hộ": lambda q: q // 2 + 3, "Tỷ lệ %": lambda q: f"{q % 97},5%", "% so với dân số": lambda q: q % 100,
    "Đã kích hoạt trước đợt": lambda q: q // 3, "Còn lại chưa kích hoạt": lambda q: q // 4,
}


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


def sheet(book: dict) -> SheetSpec:
    """The book as a sheet: the quota, the daily quota and a column beside, on one header row or under a
    merged "Định danh điện tử"; the totals row as drawn."""
    group = "Định danh điện tử" if book["two_rows"] else ""
    quotas = book["quotas"]
    columns = [Figures(book["header"], quotas, group, sum(quotas))]
    if book["daily"]:
        daily = [round(q / DAYS) for q in quotas]
        columns.append(Figures(book["daily"], daily, group, round(sum(quotas) / DAYS)))
    if book["beside"]:  # counts add up on the totals row, a percentage is the whole's
        beside = [BESIDE[book["beside"]](q) for q in quotas]
        counts = all(isinstance(v, int) for v in beside) and "%" not in book["beside"]
        columns.append(Figures(book["beside"], beside, group, sum(beside) if counts else BESIDE[book["beside"]](
            sum(quotas))))
    for col in columns:
        col.values, col.total = [shown(v, book["dotted"]) for v in col.values], shown(col.total, book["dotted"])
    total = book["total"] and {"label": book["total_word"] if book["total"] == "word" else book["parent"],
                               "top": book["total_top"], "merged": book["merged"], "numbered": book["numbered"]}
    return SheetSpec(["CHỈ TIÊU KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ"] if book["title"] else [], book["units"],
                     columns, total or None, book["notes"], book["blank_before_notes"])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quota_books())
@example(book={  # a percentage equal to the largest of its rows is no total of them (found by this test)
    "parent": "Thị xã Ngã Năm", "units": ["Vĩnh Quới", "Long Bình", "Mỹ Quới", "Tân Long"], "quotas": [36, 36, 228, 236],
    "header": "Chỉ tiêu thu nhận và kích hoạt (Mức 1+Mức 2)", "daily": None, "beside": "% so với dân số",
    "two_rows": False, "total": "parent", "total_word": "Tổng cộng", "total_top": False, "merged": False,
    "numbered": False, "dotted": False, "title": False, "notes": [], "blank_before_notes": False})
@example(book={  # a percentage above its rows' but not their sum has no say either
    "parent": "Thị xã Ngã Năm", "units": ["Vĩnh Quới", "Long Bình", "Mỹ Quới", "Tân Long"], "quotas": [31, 35, 35, 235],
    "header": "Chỉ tiêu thu nhận và kích hoạt (Mức 1+Mức 2)", "daily": None, "beside": "% so với dân số",
    "two_rows": False, "total": "parent", "total_word": "Tổng cộng", "total_top": False, "merged": False,
    "numbered": False, "dotted": False, "title": False, "notes": [], "blank_before_notes": False})
@example(book={  # a last unit whose quota is the sum of the others' (3 = 1 + 2) under a named total that counts it
    "parent": "Xã Mỹ Phú Đông", "units": ["Đảng ủy, HĐND, UBND, Khối vận xã", "Công an", "Áp Tân Phú"],
    "quotas": [1, 2, 3], "header": "Chỉ tiêu thu nhận và kích hoạt (Mức 1+Mức 2)", "daily": None, "beside": None,
    "two_rows": False, "total": "parent", "total_word": "Tổng cộng", "total_top": False, "merged": True,
    "numbered": False, "dotted": False, "title": False, "notes": [], "blank_before_notes": False})
def test_each_unit_has_its_true_quota_or_a_warning_says_why_not(book: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_sheet(Path(folder) / "chi_tieu.xlsx", sheet(book), "Phụ lục")
        summary = summarise_files([path], start=START, end=END, days=DAYS)
    table = summary.table[summary.table["indicator"] == "dddt"]
    quotas = dict(zip(table["unit"], table["quota"]))
    for unit, truth in zip(book["units"], book["quotas"]):
        assert quotas.get(unit) == truth or named(summary.findings, unit, "chi_tieu.xlsx", {"C"}), (unit, quotas.get(unit), truth)
    extra = set(table.loc[table["level"] > 0, "unit"]) - set(book["units"])
    assert not {unit for unit in extra if not named(summary.findings, unit, "chi_tieu.xlsx", {"C"})}, extra
    if book["total"] == "parent":
        top = table[table["level"] == 0].iloc[0]
        assert (top["unit"], top["quota"]) == (book["parent"], sum(book["quotas"]))
