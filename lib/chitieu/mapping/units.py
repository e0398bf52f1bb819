"""Unit names matched: result units to quota units, and near names suggested."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from chitieu.names import UnitKey, unit_key
from chitieu.text import fold


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
