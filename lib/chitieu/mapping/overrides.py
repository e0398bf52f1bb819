"""What an officer told chitieu about columns and units, kept for next time.

A column override says which (indicator, role) a column holds: given on the
command line (``--map "Số ĐDĐT=dddt:result"``) or saved in a mapping profile
(``profiles``). Unit aliases (a spelling → the quota's unit) are kept the same way, and so are the
doubtful figures an officer confirmed (``--accept "Mỹ Tú:dddt"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from chitieu.findings import fail
from chitieu.mapping.catalog import ROLES, Catalog, ColumnMapping, evidence
from chitieu.text import fold

Choice = tuple[str, str]  # (indicator, role)


@dataclass
class Overrides:
    """Column choices by folded label; ``profiles`` holds them per folded template header."""

    columns: dict[str, Choice] = field(default_factory=dict)
    profiles: dict[str, dict[str, Choice]] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    # doubtful figures confirmed: (unit, indicator) → the last date confirmed (None: as of this run)
    accepted: dict[tuple[str, str], date | None] = field(default_factory=dict)

    def mapping_for(self, label: str, header: str) -> ColumnMapping | None:
        """The (indicator, role) chosen for a column: the command line first, then the profile."""
        if choice := self.columns.get(fold(label)):
            return ColumnMapping(*choice, 1.0, evidence=(evidence("chosen-option"),))
        choice = self.profiles.get(fold(header), {}).get(fold(label))
        return ColumnMapping(*choice, 1.0, evidence=(evidence("chosen-profile"),)) if choice else None


def parse_map_option(text: str, catalog: Catalog) -> tuple[str, Choice]:
    """``"Số ĐDĐT=dddt:result"`` → ("Số ĐDĐT", ("dddt", "result")).

    >>> from chitieu.mapping.catalog import load_catalog
    >>> parse_map_option("Số ĐDĐT=dddt:result", load_catalog())
    ('Số ĐDĐT', ('dddt', 'result'))
    """
    label, sep, choice = text.rpartition("=")
    indicator, _, role = choice.partition(":")
    indicator, role = indicator.strip(), role.strip() or "quota"
    if not sep or not label.strip():
        raise fail("map-invalid", value=text)
    if indicator not in catalog.indicators:
        raise fail("map-unknown-indicator", value=text, indicator=indicator,
                   known=", ".join(catalog.indicators))
    if role not in ROLES:
        raise fail("map-unknown-role", value=text, role=role, known=", ".join(ROLES))
    return label.strip(), (indicator, role)


def parse_accept_option(text: str, catalog: Catalog) -> tuple[str, str]:
    """``"Mỹ Tú:dddt"`` → ("Mỹ Tú", "dddt"); the indicator by its code or its label.

    >>> from chitieu.mapping.catalog import load_catalog
    >>> parse_accept_option("Mỹ Tú:Cài đặt ứng dụng VNeID", load_catalog())
    ('Mỹ Tú', 'vneid')
    """
    unit, sep, indicator = text.rpartition(":")
    code = indicator_code(indicator, catalog)
    if not sep or not unit.strip() or code is None:
        raise fail("accept-invalid", value=text)
    return unit.strip(), code


def indicator_code(text: str, catalog: Catalog) -> str | None:
    """The indicator an officer named, by its code or its label; None if none has that name."""
    codes = {fold(label): code for code, label in ((c, i.label) for c, i in catalog.indicators.items())}
    return text.strip() if text.strip() in catalog.indicators else codes.get(fold(text))
