"""Mapping profiles: the column choices and unit aliases an officer confirmed, saved in a YAML file
keyed by the header of the template they belong to, so the same template reads right next time.

    profiles:
      - header: STT | Đơn vị | Số ĐDĐT
        columns: {Số ĐDĐT: dddt:result}
    units:
      Khu phố 2 (cũ): Ấp 2
    accepted:
      - {unit: Mỹ Tú, indicator: dddt, through: 2023-07-26}
    deadlines:
      cccd: {end: 2023-06-20}
      dddt: {start: 2023-06-01, end: 2023-06-30}
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from chitieu.findings import fail
from chitieu.mapping.catalog import Catalog
from chitieu.mapping.overrides import Choice, Overrides, indicator_code, parse_accept_option, parse_map_option
from chitieu.reading.layout import Table
from chitieu.saving import replace_text
from chitieu.text import clean, fold
from chitieu.values import dates_in_text, parse_date
from chitieu.yamlfile import read_yaml

Deadlines = dict[str, tuple[date | None, date]]  # indicator → (its own start, None for the campaign's; its end)


def load_profile(path: str | Path, catalog: Catalog) -> Overrides:
    """The column choices and unit aliases saved in ``path`` (none if the file does not exist yet)."""
    path = Path(path)
    if not path.is_file():
        return Overrides()
    try:
        data = read_yaml(path) or {}
        profiles = {fold(p["header"]): {fold(label): parse_map_option(f"{label}={choice}", catalog)[1]
                                        for label, choice in (p.get("columns") or {}).items()}
                    for p in data.get("profiles") or []}
        units = {fold(k): str(v) for k, v in (data.get("units") or {}).items()}
        accepted = {(str(a["unit"]), str(a["indicator"])): a["through"] for a in data.get("accepted") or []}
    except (yaml.YAMLError, AttributeError, KeyError, TypeError):
        raise fail("profile-invalid", file=path.name) from None
    return Overrides(profiles=profiles, units=units, accepted=accepted)


def save_profile(path: str | Path, templates: dict[str, dict[str, Choice]],
                 units: dict[str, str] | None = None, accepted: dict[tuple[str, str], date] | None = None) -> None:
    """Add (or replace) the column choices of each template (header → label → choice)
    and add the unit aliases and the confirmed figures, keeping what the file already holds."""
    path = Path(path)
    data = (read_yaml(path) if path.is_file() else None) or {}
    keys = {fold(header) for header in templates}
    profiles = [p for p in data.get("profiles") or [] if fold(p.get("header", "")) not in keys]
    profiles += [{"header": header, "columns": {label: f"{ind}:{role}" for label, (ind, role) in columns.items()}}
                 for header, columns in templates.items()]
    data["profiles"] = profiles
    data["units"] = {**(data.get("units") or {}), **(units or {})}
    confirmed = {(a["unit"], a["indicator"]): a["through"] for a in data.get("accepted") or []} | (accepted or {})
    if confirmed:
        data["accepted"] = [{"unit": unit, "indicator": code, "through": through}
                            for (unit, code), through in confirmed.items()]
    replace_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), path)


def chosen_templates(tables: list[Table], overrides: Overrides) -> dict[str, dict[str, Choice]]:
    """For each table header, the command line's choices for the columns it has."""
    templates: dict[str, dict[str, Choice]] = {}
    for table in tables:
        chosen = {c.label: overrides.columns[fold(c.label)] for c in table.columns if fold(c.label) in overrides.columns}
        if chosen:
            templates.setdefault(clean(table.header_text), {}).update(chosen)
    return templates


def overrides_from_options(maps: list[str], aliases: list[str], catalog: Catalog,
                           profile: str | Path | None = None, accepts: list[str] = ()) -> Overrides:
    """The command line's ``--map``, ``--alias`` and ``--accept`` options on top of a saved profile file, if any."""
    overrides = load_profile(profile, catalog) if profile else Overrides()
    for text in maps:
        label, choice = parse_map_option(text, catalog)
        overrides.columns[fold(label)] = choice
    for text in aliases:
        spelling, sep, unit = text.rpartition("=")
        if not sep or not spelling.strip() or not unit.strip():
            raise fail("alias-invalid", value=text)
        overrides.units[fold(spelling)] = unit.strip()
    for text in accepts:
        overrides.accepted[parse_accept_option(text, catalog)] = None
    return overrides


def load_report_fields(path: str | Path) -> dict[str, object]:
    """The report's heading and signature fields kept in the profile under ``report`` (none yet: {})."""
    path = Path(path)
    try:
        data = (read_yaml(path) if path.is_file() else None) or {}
    except yaml.YAMLError:
        raise fail("profile-invalid", file=path.name) from None
    fields = data.get("report") if isinstance(data, dict) else None
    return dict(fields) if isinstance(fields, dict) else {}


def save_report_fields(path: str | Path, fields: dict[str, object]) -> None:
    """Keep ``fields`` (the report form's, no personal data of citizens) under ``report``, over those kept."""
    path = Path(path)
    data = (read_yaml(path) if path.is_file() else None) or {}
    data["report"] = {**(data.get("report") or {}), **fields}
    replace_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), path)


def parse_deadline_option(text: str, catalog: Catalog) -> tuple[str, tuple[date | None, date]]:
    """``"cccd=20/06/2023"`` → ("cccd", (None, 2023-06-20)): an indicator (code or label) and its deadline;
    two dates ("dddt=01/06/2023-30/06/2023") give its own start too.

    >>> from chitieu.mapping.catalog import load_catalog
    >>> parse_deadline_option("cccd=20/06/2023", load_catalog())
    ('cccd', (None, datetime.date(2023, 6, 20)))
    """
    name, sep, when = text.partition("=")
    code, dates = indicator_code(name, catalog), dates_in_text(when)
    if not sep or code is None or not 1 <= len(dates) <= 2 or dates[0] > dates[-1]:
        raise fail("deadline-invalid", value=text)
    return code, (dates[0] if len(dates) == 2 else None, dates[-1])


def load_deadlines(path: str | Path) -> Deadlines:
    """The indicators' own periods kept in the profile under ``deadlines`` (none yet: {})."""
    path = Path(path)
    try:
        data = (read_yaml(path) if path.is_file() else None) or {}
        kept = {str(code): (parse_date(span.get("start")), parse_date(span["end"]))
                for code, span in (data.get("deadlines") or {}).items()}
    except (yaml.YAMLError, AttributeError, KeyError, TypeError):
        raise fail("profile-invalid", file=path.name) from None
    if any(end is None for _, end in kept.values()):  # a date typed by hand that is none ("20/13/2023")
        raise fail("profile-invalid", file=path.name)
    return kept


def save_deadlines(path: str | Path, deadlines: Deadlines) -> None:
    """Keep the indicators' own periods under ``deadlines``, over those kept."""
    path = Path(path)
    data = (read_yaml(path) if path.is_file() else None) or {}
    spans = {code: {"start": start, "end": end} if start else {"end": end} for code, (start, end) in deadlines.items()}
    data["deadlines"] = {**(data.get("deadlines") or {}), **spans}
    replace_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), path)


def deadlines_from_options(texts: list[str], catalog: Catalog, profile: str | Path | None = None) -> Deadlines:
    """The indicators' own periods: the command line's ``--deadline`` options (kept in the ``profile`` file)
    over those kept there."""
    given = dict(parse_deadline_option(text, catalog) for text in texts)
    if profile and given:
        save_deadlines(profile, given)
    return (load_deadlines(profile) if profile else {}) | given
