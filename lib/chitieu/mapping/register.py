"""The official register of 34 provinces and cities and 3,321 communes from 1 July 2025
(the ``vietnam-provinces`` package): commune names checked against it (``chitieu check --register``)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd
from vietnam_provinces import Province, Ward

from chitieu.findings import Finding, finding, quoted
from chitieu.mapping.units import match_units, suggest_units
from chitieu.names import unit_key
from chitieu.yamlfile import read_yaml

MERGED_PROVINCES_PATH = Path(__file__).with_name("provinces_2025.yaml")
COMMUNE_KINDS = {"xa", "phuong", "thi tran", "dac khu"}


def register_province(name: str) -> tuple[str | None, list[Finding]]:
    """The official 2025 name of the province or city ``name`` ("Cần Thơ", "TP Cần Thơ",
    or "Sóc Trăng", merged into it in 2025), with a finding when it was merged or is unknown.

    >>> register_province("Sóc Trăng")[0]
    'Thành phố Cần Thơ'
    """
    provinces = list(_register())
    match = match_units([name], provinces)[name]
    if match.matched:
        return match.matched, []
    merged = match_units([name], list(_merged_provinces()))[name].matched
    if merged:
        official = match_units([_merged_provinces()[merged]], provinces)[_merged_provinces()[merged]].matched
        return official, [finding("register-province-merged", province=merged, merged_into=official)]
    closest = suggest_units(name, provinces, cutoff=0)
    return None, [finding("register-province-unknown", province=name, suggestions=quoted(closest))]


def register_communes(province: str) -> tuple[str, ...]:
    """The official names of the communes, wards and special zones of ``province`` from
    1 July 2025 (empty when the province is not known).

    >>> "Xã Phú Tâm" in register_communes("Cần Thơ")
    True
    """
    official, _ = register_province(province)
    return _register().get(official, ()) if official else ()


def register_findings(records: pd.DataFrame, province: str) -> list[Finding]:
    """Findings for the commune names of ``records`` that the 2025 register of ``province``
    spells otherwise ("Xã Phú Tam" → "Xã Phú Tâm") or does not hold (with the closest names).

    Only names that say they are a commune (Xã, Phường, Thị trấn, Đặc khu and their
    abbreviations) are checked: an "Ấp" or an agency is not in the register.
    """
    official, findings = register_province(province)
    if official is None:
        return findings
    communes = _register()[official]
    first = records.drop_duplicates("unit")
    first = first[first["unit"].map(lambda unit: isinstance(unit, str) and unit_key(unit).kind in COMMUNE_KINDS)]
    matches = match_units(list(first["unit"]), list(communes))
    for _, row in first.iterrows():
        match, where = matches[row["unit"]], _where(row)
        official_name = match.matched or (match.alike[0] if len(match.alike) == 1 else None)  # "Phú Tam": "Phú Tâm"
        if official_name is None:
            closest = suggest_units(row["unit"], list(communes), cutoff=0)
            findings.append(finding("register-unit-unknown", unit=row["unit"], province=official,
                                    suggestions=quoted(closest), **where))
        elif not _spelled_alike(row["unit"], official_name):
            findings.append(finding("register-spelling", unit=row["unit"], official=official_name, **where))
    return findings


def _where(row: pd.Series) -> dict[str, object]:
    number = row.get("row")
    return {"file": row.get("file") or "", "sheet": row.get("sheet") or "",
            "row": None if pd.isna(number) else int(number)}


def _spelled_alike(name: str, official: str) -> bool:
    """Whether ``name`` ends with the official name's own words, letter for letter
    (the prefix may be abbreviated: "X. Phú Tâm" is "Xã Phú Tâm")."""
    words = _letters(official).split(" ", 1)[-1]
    written = _letters(name)
    return written == words or written.endswith(f" {words}")


def _letters(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


@lru_cache(maxsize=1)
def _register() -> dict[str, tuple[str, ...]]:
    """Official province name → its communes' official names (spaces tidied)."""
    names = {p.code: _tidy(p.name) for p in Province.iter_all()}
    communes: dict[str, list[str]] = {name: [] for name in names.values()}
    for ward in Ward.iter_all():
        communes[names[ward.province_code]].append(_tidy(ward.name))
    return {name: tuple(wards) for name, wards in communes.items()}


@lru_cache(maxsize=1)
def _merged_provinces() -> dict[str, str]:
    return read_yaml(MERGED_PROVINCES_PATH)["merged"]


def _tidy(name: str) -> str:
    """The register writes a few names with two spaces ("Xã  Phú Hữu")."""
    return " ".join(unicodedata.normalize("NFC", name).split())
