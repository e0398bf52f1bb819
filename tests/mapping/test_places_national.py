"""The 2025 two-level register at national scale (34 provinces, 3,321 communes): a "Tỉnh, thành phố" column
beside a "Xã, phường" column; the 562 communes whose 241 names repeat across provinces, and the pairs that differ
only in diacritics, each keep their own figures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from vietnam_provinces import Province

from chitieu import summarise_files
from chitieu.mapping.register import register_communes
from chitieu.names import unit_key
from mapping.test_places import workbook

PERIOD = "(Tính từ ngày 01/08/2025 đến ngày 30/09/2025)"
HEADER = ["STT", "Tỉnh, thành phố", "Xã, phường", "Chỉ tiêu kích hoạt định danh điện tử"]


def communes() -> list[tuple[str, str]]:
    """(province, commune) of the whole register, provinces in its order."""
    return [(province, commune) for province in provinces() for commune in register_communes(province)]


def provinces() -> list[str]:
    """The register's provinces and cities, as register.py names them."""
    return [" ".join(p.name.split()) for p in Province.iter_all()]


def quota_of(i: int) -> int:
    return 100 + (i * 37) % 900


def result_of(i: int, day: int) -> int:
    return (quota_of(i) * (20 + day * 7 + i % 13)) // 100


def test_communes_sharing_a_name_across_provinces_keep_their_own_figures(tmp_path: Path) -> None:
    places = communes()
    names = Counter(commune for _, commune in places)
    assert (len(places), sum(count > 1 for count in names.values())) == (3321, 241)  # the register's repeats
    assert len({(p, unit_key(c)) for p, c in places}) < len(places)  # and its diacritic pairs
    quota = workbook(tmp_path / "chi_tieu_toan_quoc.xlsx", "CHỈ TIÊU KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ", HEADER,
                     [[i + 1, province, commune, quota_of(i)] for i, (province, commune) in enumerate(places)], PERIOD)
    results = []
    for day in (1, 2):
        # results list the provinces in another order and spell them with their kind ("TỈNH TÂY NINH")
        order = sorted(range(len(places)), key=lambda i: (-i * 7919) % len(places))
        rows = [[n + 1, province_as_typed(places[i][0]), places[i][1], result_of(i, day)] for n, i in enumerate(order)]
        results.append(workbook(tmp_path / f"ket_qua_{day:02d}_09_2025.xlsx",
                                f"KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ (tính đến ngày {day:02d}/09/2025)",
                                [*HEADER[:3], "Số tài khoản đã kích hoạt"], rows, PERIOD))
    summary = summarise_files([quota], results)
    table = summary.table[summary.table["level"] == 2]
    got = {(parent, unit): (q, r) for parent, unit, q, r in zip(table["parent"], table["unit"], table["quota"],
                                                                table["result"])}
    assert got == {(province, commune): (float(quota_of(i)), float(result_of(i, 2)))
                   for i, (province, commune) in enumerate(places)}
    assert list(summary.table.loc[summary.table["level"] == 1, "unit"].unique()) == provinces()
    assert not [f for f in summary.findings if f.code in ("unit-unmatched", "unit-ambiguous", "duplicate-unit",
                                                          "duplicate-unit-files", "result-replaced")]
    repeated = summary.table[summary.table["unit"].map(names) > 1]
    assert repeated["label"].str.endswith(")").all() and repeated["label"].nunique() == len(repeated)


def province_as_typed(province: str) -> str:
    return province.upper() if province.startswith("Thành phố") else f"TỈNH {province.upper()}"
