"""Result records placed at the quota's places: each (name, parent) matched once, a table's title or file
name asked only where that leaves several places, and a finding for each name matched to none or to several."""

from __future__ import annotations

import numpy as np
import pandas as pd

from chitieu.findings import Finding, finding, quoted, record_row
from chitieu.mapping.units import PlaceMatch, Places, UnitMatch, match_places

PLACED_BY = {"title": "tiêu đề của bảng", "file": "tên tệp"}  # what placed a result table's units


def texts(column: pd.Series) -> list[str | None]:
    """A text column as a list, empty cells as None."""
    return [value if isinstance(value, str) and value else None for value in column.tolist()]


def result_places(results: pd.DataFrame, places: Places, labels: dict[str, str], findings: list[Finding],
                   aliases: dict[str, str] | None) -> pd.Series:
    """The quota place of each result record (None when it has none), with a finding for each name that
    matches no unit, each name that fits several places, and each file placed by its title or name."""
    # A name and the parent it names settle the place in every file alike: each pair is matched once, and
    # the title or file name is only looked at where the pair fits several places.
    pairs = results["unit"].fillna("") + "\x1f" + results["parent"].fillna("")
    codes, _ = pd.factorize(pairs)
    firsts = results.iloc[np.unique(codes, return_index=True)[1]]  # each pair's first record, in the codes' order
    keys = list(zip(firsts["unit"].tolist(), texts(firsts["parent"]), [None] * len(firsts)))
    names, found = match_places(keys, places, aliases)
    places_of = np.array([found[key].place for key in keys], dtype=object)[codes]
    unsure = np.isin(codes, [i for i, key in enumerate(keys) if found[key].candidates])
    unmatched = np.isin(codes, [i for i, key in enumerate(keys) if names[key[0]].matched is None])
    told = results[unsure | unmatched]
    told_keys = [(unit, parent, hint if ask else None) for unit, parent, hint, ask in zip(
        told["unit"].tolist(), texts(told["parent"]),
        told["place_hint"].where(told["place_hint"].notna(), told["file"]).tolist(), unsure[unsure | unmatched])]
    if told_keys:
        hinted = [key for key in told_keys if key[2] is not None]
        found |= match_places(hinted, places, aliases)[1]
        places_of[unsure] = [found[key].place for key in hinted]
        _flag_places(told.assign(key=told_keys), names, found, places, labels, findings)
    return pd.Series(places_of, index=results.index)


def _flag_places(results: pd.DataFrame, names: dict[str, UnitMatch], found: dict[tuple, PlaceMatch],
                 places: Places, labels: dict[str, str], findings: list[Finding]) -> None:
    """A finding for each result name that matches no unit, each name that fits several places, and each
    file placed by its title or name."""
    firsts = results.drop_duplicates("key")
    files = firsts.groupby("unit")["file"].nunique()
    said: set[object] = set()
    for key, first in zip(firsts["key"].tolist(), firsts.itertuples()):
        match, place = names[key[0]], found[key]
        if match.matched is None and key[0] not in said:
            said.add(key[0])
            findings.append(finding("unit-unmatched", file=first.file, sheet=first.sheet,
                                    row=record_row(first.row), unit=key[0],
                                    suggestion=_suggestion(match.suggestions, match.alike)))
        elif place.candidates and key[0] not in said:
            said.add(key[0])
            findings.append(finding("unit-ambiguous", file=first.file, sheet=first.sheet,
                                    row=record_row(first.row), unit=key[0],
                                    places=quoted(labels[p] for p in place.candidates), files=int(files[key[0]])))
        elif place.via in PLACED_BY and (first.file, places.parent[place.place]) not in said:
            said.add((first.file, places.parent[place.place]))
            findings.append(finding("unit-placed", file=first.file, sheet=first.sheet,
                                    parent=labels.get(places.parent[place.place], ""), source=PLACED_BY[place.via]))


def _suggestion(suggestions: tuple[str, ...], alike: tuple[str, ...]) -> str:
    if len(alike) > 1:
        return f" Viết không dấu thì tên này giống nhiều đơn vị ({quoted(alike)}): hãy chọn đúng đơn vị."
    return f" Có phải là: {', '.join(suggestions)}?" if suggestions else ""
