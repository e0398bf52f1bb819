"""Unit names: normalise, match result units to quota units, suggest near matches,
and check commune names against the official 2025 register."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd
import yaml
from rapidfuzz import fuzz, process
from vietnam_provinces import Province, Ward

from .checks import Finding, finding
from .text import fold

MERGED_PROVINCES_PATH = Path(__file__).with_name("provinces_2025.yaml")
COMMUNE_KINDS = {"xa", "phuong", "thi tran", "dac khu"}

# Folded prefix spellings → the kind of unit they name. A prefix is a hint that two
# spellings agree, never a licence to merge: "Khu phố 2" and "Ấp 2" stay two units.
UNIT_PREFIXES: dict[str, tuple[str, ...]] = {
    "tinh": ("tinh",),
    "thanh pho": ("thanh pho", "tp"),
    "thi xa": ("thi xa", "tx"),
    "huyen": ("huyen", "h"),
    "quan": ("quan", "q"),
    "phuong": ("phuong", "p"),
    "thi tran": ("thi tran", "tt"),
    "xa": ("xa", "x"),
    "ap": ("ap",),  # "Ấp" and its common typo "Áp" fold alike
    "khu pho": ("khu pho", "kp"),
    "khu dan cu": ("khu dan cu", "kdc"),
    "to dan pho": ("to dan pho", "tdp"),
    "thon": ("thon",),
    "xom": ("xom",),
    "khom": ("khom",),
    "dac khu": ("dac khu",),  # special zone: commune level since 2025 (Phú Quốc, Côn Đảo …)
}
# How deep each kind of unit sits: province 0, district 1, commune 2, hamlet 3.
UNIT_LEVELS: dict[str, int] = {
    "tinh": 0, "thanh pho": 1, "thi xa": 1, "huyen": 1, "quan": 1, "phuong": 2, "thi tran": 2, "xa": 2,
    "ap": 3, "khu pho": 3, "khu dan cu": 3, "to dan pho": 3, "thon": 3, "xom": 3, "khom": 3,
    "dac khu": 2,
}
_PREFIX = re.compile(
    r"^(?P<prefix>" + "|".join(sorted((re.escape(s) for v in UNIT_PREFIXES.values() for s in v),
                                      key=len, reverse=True)) + r")\s+(?P<core>.+)$"
)
_KIND = {spelling: kind for kind, spellings in UNIT_PREFIXES.items() for spelling in spellings}


@dataclass(frozen=True)
class UnitKey:
    kind: str | None  # "huyen", "ap", … or None when the name has no prefix
    core: str  # the folded name without prefix, numbers without leading zeros

    def __str__(self) -> str:
        return f"{self.kind} {self.core}" if self.kind else self.core


@lru_cache(maxsize=1 << 16)  # result names mostly repeat the quota's, and each suggestion keys every unit
def unit_key(name: str) -> UnitKey:
    """The comparable key of a unit name.

    >>> unit_key("TP. Sóc Trăng") == unit_key("Thành phố Sóc Trăng")
    True
    >>> unit_key("Khu phố 02"), unit_key("Áp Tân Phú")
    (UnitKey(kind='khu pho', core='2'), UnitKey(kind='ap', core='tan phu'))
    """
    folded = re.sub(r"\b0+(\d)", r"\1", fold(name))
    m = _PREFIX.match(folded)
    if m:
        return UnitKey(_KIND[m.group("prefix")], m.group("core"))
    return UnitKey(None, folded)


def unit_level(name: str) -> int | None:
    """How deep a unit sits, from its prefix: "Huyện Kế Sách" → 1, "Ấp 2" → 3, "Công an" → None."""
    kind = unit_key(name).kind
    return UNIT_LEVELS.get(kind) if kind else None


@dataclass(frozen=True)
class UnitMatch:
    name: str  # as written in the results
    matched: str | None  # the quota unit, or None
    suggestions: tuple[str, ...] = ()


def match_units(names: list[str], known: list[str], aliases: dict[str, str] | None = None) -> dict[str, UnitMatch]:
    """Match each of ``names`` to one of ``known`` units.

    Same key → match; same name where one side has no prefix → match when that is
    the only such unit; otherwise no match, with up to three near names suggested.
    ``aliases`` maps a folded spelling to a known unit (confirmed by a user).
    """
    aliases = {fold(k): v for k, v in (aliases or {}).items()}
    by_key: dict[UnitKey, str] = {}
    by_core: dict[str, list[str]] = {}
    for unit in known:
        key = unit_key(unit)
        by_key.setdefault(key, unit)
        by_core.setdefault(key.core, []).append(unit)
    result = {}
    for name in names:
        key = unit_key(name)
        alias = aliases.get(fold(name)) if aliases else None  # folding is slow: only when there are aliases
        matched = alias or by_key.get(key)
        if matched is None:
            same_core = [u for u in by_core.get(key.core, []) if key.kind is None or unit_key(u).kind is None]
            matched = same_core[0] if len(same_core) == 1 else None
        suggestions: tuple[str, ...] = ()
        if matched is None:
            suggestions = suggest_units(name, known)
        result[name] = UnitMatch(name, matched, suggestions)
    return result


def suggest_units(name: str, known: list[str], limit: int = 3, cutoff: float = 70) -> tuple[str, ...]:
    """Known units whose names look like ``name`` (best first).

    Names are compared without their prefix ("Khu phố 2" looks like "Ấp 2"), a
    shared prefix breaking ties.
    """
    key = unit_key(name)
    choices = {unit: unit_key(unit).core for unit in known}
    hits = process.extract(key.core, choices, scorer=fuzz.WRatio, limit=None, score_cutoff=cutoff)
    ranked = sorted(hits, key=lambda hit: (-hit[1], unit_key(hit[2]).kind != key.kind))
    return tuple(unit for _, _, unit in ranked[:limit])


# The official register (34 provinces and cities, 3,321 communes from 1 July 2025) ----------

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
    return None, [finding("register-province-unknown", province=name, suggestions=_quoted(closest))]


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
        if match.matched is None:
            closest = suggest_units(row["unit"], list(communes), cutoff=0)
            findings.append(finding("register-unit-unknown", unit=row["unit"], province=official,
                                    suggestions=_quoted(closest), **where))
        elif not _spelled_alike(row["unit"], match.matched):
            findings.append(finding("register-spelling", unit=row["unit"], official=match.matched, **where))
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


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


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
    return yaml.safe_load(MERGED_PROVINCES_PATH.read_text(encoding="utf-8"))["merged"]


def _tidy(name: str) -> str:
    """The register writes a few names with two spaces ("Xã  Phú Hữu")."""
    return " ".join(unicodedata.normalize("NFC", name).split())
