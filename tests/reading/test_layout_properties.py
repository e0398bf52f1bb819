"""However an officer lays out the same table — title rows, one or two header rows,
numbers typed as dotted text, a totals row or none, other spellings of the units,
blank rows, a cover sheet first — chitieu reads the same records."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.mapping.records import read_records
from chitieu.names import unit_key
from chitieu.values import format_number
from test_gallery import write_xlsx

HAMLETS = ["Ấp Tân Phú", "Ấp Tân Mỹ", "Ấp Tân Đông", "Khu phố 2", "Ấp 2"]
SPELLINGS = {"Ấp Tân Phú": ["Áp Tân Phú", "ấp tân phú", "Ấp  Tân Phú"], "Ấp Tân Mỹ": ["ẤP TÂN MỸ", "Áp Tân Mỹ"],
             "Ấp Tân Đông": ["Ấp Tân Đông "], "Khu phố 2": ["KP 2", "Khu phố 02", "KP. 2"], "Ấp 2": ["Ấp 02", "Áp 2"]}


@st.composite
def layouts(draw):
    units = draw(st.lists(st.sampled_from(HAMLETS), min_size=1, max_size=5, unique=True))
    quotas = draw(st.lists(st.integers(0, 250_000), min_size=len(units), max_size=len(units)))
    results = draw(st.lists(st.integers(0, 250_000), min_size=len(units), max_size=len(units)))
    return {
        "units": units, "quotas": quotas, "results": results,
        "spelled": [draw(st.sampled_from([u, *SPELLINGS[u]])) for u in units],
        "titles": draw(st.integers(0, 3)),
        "two_header_rows": draw(st.booleans()),
        "dotted": draw(st.booleans()),
        "totals": draw(st.sampled_from([None, "Tổng cộng", "Cộng", "merged"])),
        "blank_after": draw(st.sets(st.integers(0, len(units) - 1))),
        "cover_first": draw(st.booleans()),
    }


def sheet_rows(layout: dict) -> tuple[list[list[object]], list[str]]:
    """The table as the layout says, and the merged ranges."""
    def number(n: int) -> object:
        return format_number(n) if layout["dotted"] else n

    rows: list[list[object]] = [[t] for t in ["UBND XÃ MỸ PHÚ ĐÔNG", "CÔNG AN XÃ",
                                              "KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ"][:layout["titles"]]]
    merges = []
    top = len(rows)
    if layout["two_header_rows"]:
        rows += [["STT", "Đơn vị", "Định danh điện tử", None], [None, None, "Chỉ tiêu", "Đã kích hoạt"]]
        merges += [f"A{top + 1}:A{top + 2}", f"B{top + 1}:B{top + 2}", f"C{top + 1}:D{top + 1}"]
    else:
        rows += [["STT", "Đơn vị", "Chỉ tiêu định danh điện tử", "Đã kích hoạt định danh điện tử"]]
    for i, (name, q, r) in enumerate(zip(layout["spelled"], layout["quotas"], layout["results"])):
        rows.append([i + 1, name, number(q), number(r)])
        if i in layout["blank_after"]:
            rows.append([])
    totals = [number(sum(layout["quotas"])), number(sum(layout["results"]))]
    if layout["totals"] == "merged":
        rows.append(["Tổng cộng", None, *totals])
        merges.append(f"A{len(rows)}:B{len(rows)}")
    elif layout["totals"]:
        rows.append([None, layout["totals"], *totals])
    return rows, merges


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts())
def test_the_same_table_in_any_layout_reads_the_same(layout: dict) -> None:
    rows, merges = sheet_rows(layout)
    sheets = {"Số liệu": rows}
    if layout["cover_first"]:
        sheets = {"Bìa": [["KẾ HOẠCH SỐ 46/KH-UBND"]], **sheets}
    with tempfile.TemporaryDirectory() as folder:
        loaded = read_records([write_xlsx(Path(folder) / "bao_cao.xlsx", sheets, {"Số liệu": merges})])
    r = loaded.records
    got = [(unit_key(u), i, ro, v) for u, i, ro, v in zip(r["unit"], r["indicator"], r["role"], r["value"])]
    expected = [(unit_key(u), "dddt", role, float(v)) for u, q, res in zip(layout["units"], layout["quotas"],
                                                                           layout["results"])
                for role, v in (("quota", q), ("result", res))]
    assert got == expected
    # random quotas and results may be far apart: that is a plausibility warning, not a layout problem
    assert [f.code for f in loaded.findings if f.code not in ("no-table", "result-implausible")] == []
