"""Units as places: the quota's units as a tree of places (a unit is its path: "Xã Phú Tân › Ấp 1"),
result units matched to those places (exact names first, a folded or near name only suggested), the
parent a result table names (a column, its title or its file name), and places shown unambiguously."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from chitieu.names import PATH_SEPARATOR, UnitKey, place_key, unit_key
from chitieu.text import fold

HINT_WORDS = 6  # words kept after a unit word of a title ("… CỦA XÃ PHÚ TÂN NĂM 2024")
_WORDS = re.compile(r"[^\w/+%]+")
# The unit words a title names a unit by, letter for letter ("tính đến ngày" names no province).
_HINT_KINDS = [kind.split() for kind in sorted(
    ("tỉnh", "thành phố", "thị xã", "huyện", "quận", "phường", "thị trấn", "xã", "ấp", "áp", "khu phố", "khu dân cư",
     "tổ dân phố", "thôn", "bản", "làng", "xóm", "khóm", "đặc khu", "tp", "tx", "kp", "kdc", "tdp"),
    key=len, reverse=True)]


@dataclass(frozen=True)
class UnitMatch:
    name: str  # as written in the results
    matched: str | None  # the quota unit, or None
    suggestions: tuple[str, ...] = ()
    alike: tuple[str, ...] = ()  # quota units this name fits once diacritics are dropped: one is a suggestion,
    # several are asked about


def match_units(names: list[str], known: list[str], aliases: dict[str, str] | None = None) -> dict[str, UnitMatch]:
    """Match each of ``names`` to one of ``known`` units by its exact name (``place_key``: Unicode form,
    case, spaces and the prefix's spelling aside; "H. Châu Thành" is "Huyện Châu Thành").

    A name without prefix matches the only unit with its name; otherwise there is no match, and a
    name equal once diacritics are dropped ("Son Ha" for "Xã Sơn Hà") or a near name is only
    suggested — never a folded name that two units share ("Xã Sơn Hà", "Xã Sơn Hạ": ``alike``).
    ``aliases`` maps a folded spelling to a known unit (confirmed by a user).
    """
    aliases = {fold(k): v for k, v in (aliases or {}).items()}
    by_key: dict[UnitKey, str] = {}
    by_core: dict[str, list[str]] = {}
    for unit in known:
        key = place_key(unit)
        by_key.setdefault(key, unit)
        by_core.setdefault(key.core, []).append(unit)
    result = {}
    for name in names:
        key = place_key(name)
        alias = aliases.get(fold(name)) if aliases else None  # folding is slow: only when there are aliases
        matched = alias or by_key.get(key)
        if matched is None:
            same_core = {place_key(u) for u in by_core.get(key.core, []) if key.kind is None or place_key(u).kind is None}
            matched = by_key[same_core.pop()] if len(same_core) == 1 else None
        suggestions: tuple[str, ...] = ()
        alike: tuple[str, ...] = ()
        if matched is None:
            alike = _folded_alike(name, by_key)
            suggestions = suggest_units(name, known) if len(alike) < 2 else ()
        result[name] = UnitMatch(name, matched, suggestions, alike)
    return result


def _folded_alike(name: str, by_key: Mapping[UnitKey, str]) -> tuple[str, ...]:
    """The known units (one spelling each) whose names fold to the same key as ``name``."""
    folded = unit_key(name)
    return tuple(unit for unit in by_key.values() if unit_key(unit) == folded)


def suggest_units(name: str, known: list[str], limit: int = 3, cutoff: float = 70) -> tuple[str, ...]:
    """Known units whose names look like ``name`` (best first), save those that fold alike with another
    known unit of another name ("Sơn Hà" and "Sơn Hạ" are never suggested for "Son Ha").

    Names are compared without their prefix ("Khu phố 2" looks like "Ấp 2"), a
    shared prefix breaking ties.
    """
    key = unit_key(name)
    shared = _folds_shared(known)
    choices = {unit: unit_key(unit).core for unit in dict.fromkeys(known) if unit_key(unit) not in shared}
    hits = process.extract(key.core, choices, scorer=fuzz.WRatio, limit=None, score_cutoff=cutoff)
    ranked = sorted(hits, key=lambda hit: (-hit[1], unit_key(hit[2]).kind != key.kind))
    return tuple(unit for _, _, unit in ranked[:limit])


def _folds_shared(known: Iterable[str]) -> set[UnitKey]:
    """The folded keys that two units of different exact names share."""
    exact: dict[UnitKey, set[UnitKey]] = defaultdict(set)
    for unit in known:
        exact[unit_key(unit)].add(place_key(unit))
    return {folded for folded, keys in exact.items() if len(keys) > 1}


@dataclass
class Places:
    """The quota's units as places: each place's id (its path), name and parent place."""

    of: dict[tuple[str, str | None], str]  # (unit, parent as written) → place id
    name: dict[str, str]  # place id → the unit's name as first written
    parent: dict[str, str | None]  # place id → its parent's place id


def quota_places(pairs: Iterable[tuple[str, str | None]]) -> Places:
    """The places of the quota's (unit, parent) pairs, in the order given: equal names under different
    parents are different places; a parent is the place of that name when only one place has it (so a
    district named by a commune's row is the district listed under its province); a unit named without
    a parent is the one place of that name that has one, when there is exactly one.

    >>> places = quota_places([("Ấp 1", "Xã Phú Tân"), ("Ấp 1", "Xã Phú Lộc"), ("Xã Phú Tân", "Huyện A")])
    >>> places.of[("Ấp 1", "Xã Phú Tân")], places.of[("Ấp 1", "Xã Phú Lộc")]
    ('Huyện A › Xã Phú Tân › Ấp 1', 'Xã Phú Lộc › Ấp 1')
    """
    pairs = list(dict.fromkeys(pair for unit, parent in pairs for pair in _with_ancestors(unit, parent or None)))
    parented: dict[UnitKey, dict[UnitKey, tuple[str, str]]] = defaultdict(dict)
    for unit, parent in pairs:
        if parent:
            parented[place_key(unit)].setdefault(place_key(parent), (unit, parent))
    places = Places({}, {}, {})
    by_key: dict[tuple[str | None, UnitKey], str] = {}

    def place(unit: str, parent: str | None, seen: frozenset[UnitKey]) -> str:
        key = place_key(unit)
        if parent is None and len(parented[key]) == 1 and key not in seen:
            return place(*next(iter(parented[key].values())), seen)
        nearest, outer = _nearest(parent)
        up = place(nearest, outer, seen | {key}) if nearest and place_key(nearest) not in seen | {key} else None
        if (up, key) not in by_key:
            by_key[up, key] = f"{up}{PATH_SEPARATOR}{unit}" if up else unit
            places.name[by_key[up, key]], places.parent[by_key[up, key]] = unit, up
        return by_key[up, key]

    for unit, parent in pairs:
        places.of[unit, parent] = place(unit, parent, frozenset())
    return places


def _nearest(parent: str | None) -> tuple[str | None, str | None]:
    """A parent written as a path ("Tỉnh An Giang › Huyện Châu Thành", a column per level): its nearest
    unit and the path above it."""
    if not parent:
        return None, None
    outer, _, nearest = parent.rpartition(PATH_SEPARATOR)
    return nearest, outer or None


def _with_ancestors(unit: str, parent: str | None) -> list[tuple[str, str | None]]:
    """The (unit, parent) pair and, for a parent written as a path, each of its units under the path above it."""
    nearest, outer = _nearest(parent)
    return [*(_with_ancestors(nearest, outer) if outer else []), (unit, parent)]


def place_labels(places: Iterable[str]) -> dict[str, str]:
    """How each place is shown: its name, and where other places share it, the names above it until
    they differ ("Ấp 1 (Xã Phú Tân)", "Ấp 1 (Xã Phú Lộc)"). The one rule the app, the report and the
    command line show places by.

    >>> place_labels(["Xã Phú Tân › Ấp 1", "Xã Phú Lộc › Ấp 1", "Xã Phú Tân › Ấp 2"])["Xã Phú Tân › Ấp 1"]
    'Ấp 1 (Xã Phú Tân)'
    """
    paths = {place: place.split(PATH_SEPARATOR) for place in dict.fromkeys(places)}
    by_name: dict[UnitKey, list[str]] = defaultdict(list)
    for place, path in paths.items():
        by_name[place_key(path[-1])].append(place)
    labels = {}
    for same in by_name.values():
        depth = 0
        while depth < max(len(paths[p]) for p in same) and len({_label(paths[p], depth) for p in same}) < len(same):
            depth += 1
        labels.update({place: _label(paths[place], depth) for place in same})
    return labels


def _label(path: list[str], depth: int) -> str:
    above = path[-1 - depth:-1][::-1] if depth else []
    return f"{path[-1]} ({', '.join(above)})" if above else path[-1]


def place_hint(title: str, file: str) -> str:
    """What a table says of where its units are, besides a parent column: the units its title names
    (a unit word and the words after it: "… CỦA XÃ PHÚ TÂN") and its file's name ("ket_qua_phu_tan")."""
    words = _WORDS.sub(" ", unicodedata.normalize("NFC", title).lower()).split()
    phrases = []
    for i in range(len(words)):
        kind = next((kind for kind in _HINT_KINDS if words[i:i + len(kind)] == kind), None)
        if kind:
            phrases.append(" ".join(words[i:i + len(kind) + HINT_WORDS]))
    return " | ".join([*phrases, " ".join(_WORDS.sub(" ", Path(file).stem.replace("_", " ")).split())])


def titled(name: str, title: str) -> bool:
    """Whether one of the units a title names (``place_hint``'s phrases) is ``name``, its kind included
    ("xã phú tân năm 2024" names "Xã Phú Tân", not "Phường Phú Tân")."""
    key = place_key(name)
    return any(named.kind == key.kind and f"{named.core} ".startswith(f"{key.core} ")
               for named in map(place_key, title.split(" | ")))


def named_in(name: str, hint: str, folded: bool = False) -> bool:
    """Whether a table's hint (``place_hint``) names the unit ``name`` (its name without prefix, whole
    words): letter for letter, or once diacritics are dropped (``folded``, as file names are written)."""
    core = place_key(name).core
    if folded:
        return f" {fold(core)} " in f" {fold(hint).replace('|', ' ')} "
    return f" {core} " in f" {' '.join(_WORDS.sub(' ', hint.lower()).split())} "


@dataclass(frozen=True)
class PlaceMatch:
    place: str | None  # the place id, or None
    via: str = ""  # what told it apart from places of the same name: "parent", "title" or "file"
    candidates: tuple[str, ...] = ()  # the places its name fits when nothing tells them apart


def match_places(rows: Iterable[tuple[str, str | None, str]], places: Places,
                 aliases: dict[str, str] | None = None) -> tuple[dict[str, UnitMatch], dict[tuple, PlaceMatch]]:
    """Each result row's place from its (unit, parent, hint): its name matched (``match_units``), then,
    when several places have that name, the one under the parent it names (a column, a totals row),
    else the one whose parent its title names, else the one its file's name names. A name that still
    fits several places gets none: it is asked about, not guessed. Also each name's ``UnitMatch``."""
    rows = list(dict.fromkeys(rows))
    names = match_units(list(dict.fromkeys(unit for unit, _, _ in rows)), list(dict.fromkeys(places.name.values())),
                        aliases)
    by_key: dict[UnitKey, list[str]] = defaultdict(list)
    for place, name in places.name.items():
        by_key[place_key(name)].append(place)
    found, by_parent = {}, {}
    for unit, parent, hint in rows:
        matched = names[unit].matched
        if matched and (matched, parent) not in by_parent:  # one name under one parent: the same in every file
            by_parent[matched, parent] = _told_apart(by_key[place_key(matched)], parent, None)
        told = by_parent[matched, parent] if matched else PlaceMatch(None)
        found[unit, parent, hint] = _told_apart(list(told.candidates), parent, hint) if told.candidates else told
    return names, found


def _told_apart(candidates: list[str], parent: str | None, hint: str | None) -> PlaceMatch:
    """The one of ``candidates`` (places of one name) under ``parent``, else the one ``hint`` names (not
    looked at when None)."""
    if len(candidates) == 1:
        return PlaceMatch(candidates[0])
    above = {place: place.split(PATH_SEPARATOR)[:-1] for place in candidates}
    title, _, file = (hint or "").rpartition(" | ")
    chain = parent.split(PATH_SEPARATOR) if parent else []
    tests = [("parent", lambda name: same_name(name, chain[-1]))] if chain else []
    tests += [] if hint is None else [("title", lambda name: titled(name, title)),
                                      ("title", lambda name: named_in(name, title)),
                                      ("file", lambda name: named_in(name, file, True))]
    for via, names_it in tests:
        fit = [place for place in candidates if any(names_it(name) for name in above[place])
               and (via != "parent" or _under(above[place], chain))]
        if len(fit) == 1:
            return PlaceMatch(fit[0], via)
    return PlaceMatch(None, "", tuple(candidates))


def _under(above: list[str], chain: list[str]) -> bool:
    """Whether each unit of a parent path is among a place's ancestors (an officer may leave a level out)."""
    return all(any(same_name(name, unit) for name in above) for unit in chain)


def same_name(name: str, other: str) -> bool:
    """Whether two names are one unit's, letter for letter (a prefix may be left out on one side)."""
    key, other_key = place_key(name), place_key(other)
    return key == other_key or (key.core == other_key.core and (key.kind is None or other_key.kind is None))
