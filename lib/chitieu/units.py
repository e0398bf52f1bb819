"""Unit names: normalise, match result units to quota units, suggest near matches."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .text import fold

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
}
# How deep each kind of unit sits: province 0, district 1, commune 2, hamlet 3.
UNIT_LEVELS: dict[str, int] = {
    "tinh": 0, "thanh pho": 1, "thi xa": 1, "huyen": 1, "quan": 1, "phuong": 2, "thi tran": 2, "xa": 2,
    "ap": 3, "khu pho": 3, "khu dan cu": 3, "to dan pho": 3, "thon": 3, "xom": 3, "khom": 3,
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
        matched = aliases.get(fold(name)) or by_key.get(key)
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
