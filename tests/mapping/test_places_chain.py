"""A province's table with a column for each level ("Tỉnh", "Huyện", "Xã"): a commune's place is its whole
path, so that two districts of one name in two provinces (Huyện Châu Thành of An Giang and of Tiền Giang)
never merge, nor the communes of one name under them."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu import summarise_files
from mapping.test_places import workbook

PERIOD = "(Tính từ ngày 01/03/2024 đến ngày 30/06/2024)"
HEADER = ["STT", "Tỉnh", "Huyện, thị xã", "Xã, thị trấn"]
COMMUNES = [("Tỉnh An Giang", "Huyện Châu Thành", "Xã Vĩnh Hanh"), ("Tỉnh An Giang", "Huyện Châu Thành", "Xã Bình Hòa"),
            ("Tỉnh An Giang", "Huyện Chợ Mới", "Xã Kiến An"), ("Tỉnh Tiền Giang", "Huyện Châu Thành", "Xã Bình Đức"),
            ("Tỉnh Tiền Giang", "Huyện Châu Thành", "Xã Bình Hòa"), ("Tỉnh Tiền Giang", "Huyện Cái Bè", "Xã An Hữu")]


def summary_of(folder: Path, quotas: list[int], results: list[int], merged: bool):
    """Quota and result tables with the three columns; ``merged``: a province's and a district's name only
    on their first row, as when the cells are merged down."""
    def rows(figures: list[int], order: list[int]) -> list[list[object]]:
        shown, out = (None, None), []
        for n, i in enumerate(order):
            province, district, commune = COMMUNES[i]
            same = merged and shown == (province, district)
            out.append([n + 1, None if merged and shown[0] == province else province,
                        None if same else district, commune, figures[i]])
            shown = (province, district)
        return out
    quota = workbook(folder / "chi_tieu.xlsx", "CHỈ TIÊU CẤP CĂN CƯỚC CÔNG DÂN", [*HEADER, "Chỉ tiêu giao"],
                     rows(quotas, list(range(len(COMMUNES)))), PERIOD)
    result = workbook(folder / "ket_qua_15_05_2024.xlsx", "KẾT QUẢ CẤP CĂN CƯỚC (tính đến ngày 15/05/2024)",
                      [*HEADER, "Số đã cấp"], rows(results, list(range(len(COMMUNES)))[::-1]), PERIOD)
    return summarise_files([quota], [result])


@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(1, 900), min_size=6, max_size=6), st.lists(st.integers(0, 900), min_size=6, max_size=6),
       st.booleans())
def test_districts_of_one_name_in_two_provinces_keep_their_own_figures(tmp_path_factory, quotas, results, merged):
    results = [r % (q + 1) for r, q in zip(results, quotas)]  # within the quota: no plausibility warning
    summary = summary_of(tmp_path_factory.mktemp("chain"), quotas, results, merged)
    table = summary.table.set_index("place")
    for i, path in enumerate(COMMUNES):
        row = table.loc[" › ".join(path)]
        assert (row["quota"], row["result"]) == (quotas[i], results[i]), path
    for province in ("Tỉnh An Giang", "Tỉnh Tiền Giang"):
        district = table.loc[f"{province} › Huyện Châu Thành"]
        mine = [i for i, (p, d, _) in enumerate(COMMUNES) if (p, d) == (province, "Huyện Châu Thành")]
        assert (district["quota"], district["result"]) == (sum(quotas[i] for i in mine), sum(results[i] for i in mine))
        assert district["parent_place"] == province
    labels = set(summary.table["label"])
    assert {"Huyện Châu Thành (Tỉnh An Giang)", "Huyện Châu Thành (Tỉnh Tiền Giang)"} <= labels
    assert not [f for f in summary.findings if f.severity != "info"]
