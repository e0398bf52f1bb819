"""However a daily results table is written — 2 to 20 day columns headed "18/07", "18/7", "Ngày 18/7",
"18-7", "18/07/2023" or by Excel dates, under a merged "Kết quả theo ngày" or not, each day's own figures
or running totals, with a total column ("Lũy kế", "Tổng cộng", "Cộng dồn", "Tổng số") or none, the year in
the title or only in the campaign, a totals row at the top, the bottom or none — each unit's result is its
true cumulative figure and the as-of date is the last day, or a warning names the unit or the columns.

CHITIEU_PROPERTY_EXAMPLES sets how many workbooks are tried (60 by default: each reads two workbooks).
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.findings import Finding
from chitieu.messages import INFO
from chitieu.summary.files import summarise_files
from mapping.daily_books import STYLES, DailyBook, write_daily
from test_gallery import make_samples

EXAMPLES = int(os.environ.get("CHITIEU_PROPERTY_EXAMPLES", "60"))
START, END = date(2023, 7, 18), date(2023, 8, 18)  # the quota's "Tính từ ngày 18/7/2023 đến ngày 18/8/2023"
UNITS = [unit for unit, _, _ in make_samples.SOC_TRANG]
TOTALS = [None, "Lũy kế", "Tổng cộng", "Cộng dồn", "Tổng số"]


@st.composite
def daily_books(draw: st.DrawFn) -> DailyBook:
    units = draw(st.lists(st.sampled_from(UNITS), min_size=2, max_size=6, unique=True))
    days = draw(st.integers(2, 20))
    first = START + timedelta(days=draw(st.integers(0, (END - START).days - days + 1)))
    figures = st.lists(st.integers(0, 3000), min_size=days, max_size=days)
    return DailyBook(units, first, draw(st.lists(figures, min_size=len(units), max_size=len(units))),
                     style=draw(st.sampled_from(sorted(STYLES))), running=draw(st.booleans()),
                     total=draw(st.sampled_from(TOTALS)), two_rows=draw(st.booleans()),
                     year_in_title=draw(st.booleans()), totals_row=draw(st.sampled_from([None, "top", "bottom"])))


def warned(findings: list[Finding], unit: str, letters: list[str]) -> bool:
    """Whether a warning or an error names the unit, or points at the day or total columns."""
    return any(f.severity != INFO and (f"'{unit}'" in f.message or re.match(r"[A-Z]*", f.column).group() in letters)
               for f in findings)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(daily_books())
def test_each_unit_has_its_cumulative_result_as_of_the_last_day_or_a_warning_says_why_not(book: DailyBook) -> None:
    with tempfile.TemporaryDirectory() as folder:
        quota = Path(folder) / "chi_tieu_dddt.xlsx"
        make_samples.soc_trang_quota(quota)
        summary = summarise_files([quota], [write_daily(Path(folder) / "ket_qua.xlsx", book)], days=33)
    mine = [f for f in summary.findings if f.file != quota.name]
    letters = [*book.day_letters(), *([book.total_letter()] if book.total else [])]
    table = summary.table[summary.table["indicator"] == "dddt"]
    results = dict(zip(table["unit"], table["result"]))
    for unit, truth in book.truth.items():
        assert results.get(unit) == truth or warned(mine, unit, letters), (unit, results.get(unit), truth)
    assert summary.campaign.as_of == book.days[-1] or any(f.severity != INFO for f in mine), summary.campaign
    assert "duplicate-unit" not in [f.code for f in mine]
