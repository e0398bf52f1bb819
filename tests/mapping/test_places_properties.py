"""Generated trees of places: names repeated under different parents and names that differ only in
their diacritics never merge, however the results spell them (case, spaces, Unicode form)."""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.mapping.units import place_hint, place_labels
from chitieu.summary.campaign import Campaign
from chitieu.summary.table import summarise_progress
from conftest import make_records

# Diacritic pairs and repeats, as the 2025 register has them.
COMMUNES = ["Xã Sơn Hà", "Xã Sơn Hạ", "Xã Ba Tô", "Xã Ba Tơ", "Xã Giảng Bổn", "Xã Giang Bồn", "Xã Phú Tân",
            "Phường Phú Tân"]
HAMLETS = ["Ấp 1", "Ấp 2", "Thôn Hà", "Thôn Hạ", "Thôn Hả", "Khu phố 1", "Tổ dân phố 1"]
AS_OF = date(2024, 7, 20)


def spelt(name: str, style: int) -> str:
    """The same name as officers type it: upper case, doubled spaces, decomposed Unicode."""
    return [name, name.upper(), name.replace(" ", "  "), unicodedata.normalize("NFD", name)][style]


trees = st.dictionaries(
    st.sampled_from(COMMUNES),
    st.dictionaries(st.sampled_from(HAMLETS), st.tuples(st.integers(1, 500), st.integers(0, 500),
                                                        st.integers(0, 3), st.integers(0, 3)), min_size=1),
    min_size=1)


@settings(max_examples=25, deadline=None)
@given(trees, st.booleans())
def test_every_place_keeps_its_own_quota_and_result(tree, titled) -> None:
    """Results name their commune in a column, or (``titled``) one file per commune names it in its title."""
    rows = [(hamlet, commune, "dddt", "quota", quota, None) for commune, hamlets in tree.items()
            for hamlet, (quota, _, _, _) in hamlets.items()]
    rows += [(spelt(hamlet, unit_style), None if titled else spelt(commune, parent_style), "dddt", "result", result,
              AS_OF, f"kq_{i}.xlsx") for i, (commune, hamlets) in enumerate(tree.items())
             for hamlet, (_, result, unit_style, parent_style) in hamlets.items()]
    records = make_records(rows)
    titles = {f"kq_{i}.xlsx": place_hint(f"KẾT QUẢ CỦA {spelt(commune, 1)}", f"kq_{i}.xlsx")
              for i, commune in enumerate(tree)}
    records["place_hint"] = records["file"].map(titles).where(records["role"] == "result")
    summary = summarise_progress(records, Campaign(date(2024, 7, 1), date(2024, 7, 30), AS_OF))
    table = summary.table
    got = {(parent, unit): (quota, result) for parent, unit, quota, result
           in zip(table["parent"], table["unit"], table["quota"], table["result"]) if unit in HAMLETS}
    assert got == {(commune, hamlet): (float(quota), float(result)) for commune, hamlets in tree.items()
                   for hamlet, (quota, result, _, _) in hamlets.items()}
    assert not [f for f in summary.findings if f.code in ("unit-unmatched", "unit-ambiguous", "duplicate-unit")]
    assert table["label"].nunique() == table["place"].nunique()


@given(st.lists(st.tuples(st.sampled_from(COMMUNES), st.sampled_from(HAMLETS)), min_size=1, unique=True))
def test_a_label_names_one_place(paths) -> None:
    places = [f"{commune} › {hamlet}" for commune, hamlet in paths]
    labels = place_labels(places)
    assert len(set(labels.values())) == len(places)
    assert all(label.startswith(place.split(" › ")[-1]) for place, label in labels.items())
