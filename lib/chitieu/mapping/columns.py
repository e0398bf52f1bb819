"""What the columns of one table mean together, where a header's own words cannot say:

- a column naming a role but no indicator ("Chỉ tiêu trong ngày") takes the one indicator the
  table's other columns name;
- under a merged group label, the column headed by a totals word ("Tổng"), or else the one equal to
  the sum of its siblings, is the group's total; its siblings of the same indicator and role are its
  parts, never added to it;
- in a quota table where no header calls a column of an indicator a quota, what is still to do is the
  quota when nothing done is beside it (the people to invite), and a whole of done + not done
  (households, eligible population) is the quota when both are beside it and mostly add up to it;
- where done + not done = the whole can be checked on a row, a mismatch is a warning.

Columns an officer mapped by hand (``fixed``) keep their mapping.
"""

from __future__ import annotations

from dataclasses import replace

from chitieu.findings import Finding, finding
from chitieu.mapping.catalog import TABLE_SURE, Catalog, ColumnMapping, Evidence, evidence, quoted
from chitieu.reading.labels import is_totals_label
from chitieu.reading.layout import Column, Row, Table
from chitieu.values import format_number

Mapped = list[tuple[Column, ColumnMapping]]
WHOLE_ROLES = ("eligible", "households")  # what done + not done add up to
UNGROUPED_ROLES = ("percent", "other")  # figures that are not counts: no total, no parts


def settle_columns(table: Table, mapped: Mapped, catalog: Catalog, default_role: str, fixed: set[int],
                   named: set[int]) -> tuple[Mapped, list[Finding]]:
    """The table's column mappings settled by its structure and arithmetic, and what was found;
    ``fixed`` are the columns an officer mapped, ``named`` those whose role the header's words said."""
    mapped = _borrow_indicators(mapped, catalog, fixed)
    mapped, findings = _group_totals(table, mapped, fixed)
    if default_role == "quota":
        mapped, promoted = _quota_stand_ins(table, mapped, fixed, named)
        findings += promoted
    return mapped, findings + _done_checks(table, mapped)


def _borrow_indicators(mapped: Mapped, catalog: Catalog, fixed: set[int]) -> Mapped:
    """A column that names a role but no indicator takes the only indicator of the columns under its
    merged group label, else the table's only one; or the family of those indicators ("Tổng" beside
    "Mức 1" and "Mức 2" is "mức 1 + mức 2")."""
    families: dict[str, set[str]] = {}
    for col, mapping in mapped:
        if mapping.indicator:
            families.setdefault(col.group, set()).add(_family(catalog, mapping.indicator))
    table = set().union(*families.values())
    borrowed = []
    for i, (col, mapping) in enumerate(mapped):
        named = families.get(col.group) if col.group else None
        named = named if named and len(named) == 1 else table
        if i in fixed or mapping.indicator or mapping.candidates or mapping.role == "other" or len(named) != 1:
            borrowed.append((col, mapping))
            continue
        [indicator] = named
        reason = evidence("table-indicator", indicator=catalog.label(indicator))
        borrowed.append((col, replace(mapping, indicator=indicator, confidence=TABLE_SURE, evidence=(
            *(e for e in mapping.evidence if e.code != "no-indicator"), reason))))
    return borrowed


def _family(catalog: Catalog, code: str) -> str:
    indicator = catalog.indicators.get(code)
    return (indicator.parent if indicator else None) or code


def _group_totals(table: Table, mapped: Mapped, fixed: set[int]) -> tuple[Mapped, list[Finding]]:
    """Each group's total found, its siblings of the same indicator and role made its parts."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for i, (col, mapping) in enumerate(mapped):
        if col.group and mapping.indicator and mapping.role not in UNGROUPED_ROLES and i not in fixed:
            groups.setdefault((col.group, mapping.indicator, mapping.role), []).append(i)
    findings: list[Finding] = []
    mapped = list(mapped)
    for members in groups.values():
        columns = [mapped[i][0] for i in members]
        total, named = _group_total(table, columns)
        if total is None:
            continue
        parts = [col for col in columns if col is not total]
        part = evidence("group-part", total=total.label)
        for i in members:
            col, mapping = mapped[i]
            mapped[i] = (col, replace(mapping, role="part").because(part) if col is not total
                         else mapping.because(_total_evidence(total, parts, named)))
        if named:
            findings += _parts_mismatches(table, total, parts)
    return mapped, findings


def _group_total(table: Table, columns: list[Column]) -> tuple[Column | None, bool]:
    """The total of a group's columns, and whether its header names it so ("Tổng", "Cộng")."""
    named = [col for col in columns if is_totals_label(col.label.removeprefix(f"{col.group} - "))]
    if len(named) == 1 and len(columns) >= 2:
        return named[0], True
    if len(columns) < 3:
        return None, False
    for col in columns:
        others = [other for other in columns if other is not col]
        figures = [(row.values.get(col.index), _sum(row, others)) for row in table.rows]
        figures = [(value, parts) for value, parts in figures if value is not None]
        if figures and any(value > 0 for value, _ in figures) and all(abs(v - p) < 1e-9 for v, p in figures):
            return col, False
    return None, False


def _total_evidence(total: Column, parts: list[Column], named: bool) -> Evidence:
    """Why a group's column is its total: its header says so, or its figures are the sum of the others."""
    if named:
        return evidence("group-total-named", group=total.group)
    return evidence("group-total-sum", parts=quoted([col.label.removeprefix(f"{col.group} - ") for col in parts]))


def _sum(row: Row, columns: list[Column]) -> float:
    return sum(row.values.get(col.index) or 0 for col in columns)


def _parts_mismatches(table: Table, total: Column, parts: list[Column]) -> list[Finding]:
    """A warning for each row where a group's total is not the sum of its parts."""
    found = []
    for row in table.rows:
        published = row.values.get(total.index)
        if published is None or all(row.values.get(col.index) is None for col in parts):
            continue
        computed = _sum(row, parts)
        if abs(published - computed) > 1e-9:
            found.append(finding("group-total-mismatch", file=table.file, sheet=table.sheet, row=row.number,
                                 column=f"{total.letter} ({total.label})", unit=row.unit,
                                 published=format_number(published), computed=format_number(computed),
                                 parts=", ".join(f"'{col.label}'" for col in parts)))
    return found


def _by_role(mapped: Mapped, indicator: str) -> dict[str, list[int]]:
    """The columns of one indicator, by role (parts left out)."""
    roles: dict[str, list[int]] = {}
    for i, (_, mapping) in enumerate(mapped):
        if mapping.indicator == indicator and mapping.role != "part":
            roles.setdefault(mapping.role, []).append(i)
    return roles


def _quota_stand_ins(table: Table, mapped: Mapped, fixed: set[int],
                     named: set[int]) -> tuple[Mapped, list[Finding]]:
    """In a quota table, the columns that stand for an indicator's quota when no header says "chỉ tiêu"."""
    mapped, findings = list(mapped), []
    for indicator in dict.fromkeys(mapping.indicator for _, mapping in mapped if mapping.indicator):
        roles = _by_role(mapped, indicator)
        if set(roles.get("quota", [])) & named:
            continue
        not_done, done = roles.get("not_done", []), roles.get("result", [])
        wholes = [i for role in WHOLE_ROLES for i in roles.get(role, [])]
        stand_ins: list[tuple[int, str, dict[str, str]]] = []
        if not_done and not done:
            stand_ins = [(i, "not-done-as-quota", {}) for i in not_done]
        elif len(done) == len(not_done) == len(wholes) == 1:
            parts = mapped[done[0]][0], mapped[not_done[0]][0]
            if _mostly_whole(table, *parts, mapped[wholes[0]][0]):
                stand_ins = [(wholes[0], "whole-as-quota", {"done": parts[0].label, "rest": parts[1].label})]
        for i, code, params in stand_ins:
            if i not in fixed:
                col, mapping = mapped[i]
                mapped[i] = (col, replace(mapping, role="quota").because(evidence(code, **params)))
                findings.append(finding(code, file=table.file, sheet=table.sheet, column=col.letter,
                                        label=col.label, **params))
    return mapped, findings


def _triples(table: Table, done: Column, rest: Column, whole: Column) -> list[tuple[Row, float, float, float]]:
    """The rows holding all three figures: done, not done and the whole."""
    found = []
    for row in table.rows:
        values = [row.values.get(col.index) for col in (done, rest, whole)]
        if None not in values:
            found.append((row, *values))
    return found


def _mostly_whole(table: Table, done: Column, rest: Column, whole: Column) -> bool:
    triples = _triples(table, done, rest, whole)
    agree = sum(abs(d + r - w) < 1e-9 for _, d, r, w in triples)
    return 2 * agree > len(triples)


def _done_checks(table: Table, mapped: Mapped) -> list[Finding]:
    """A warning for each row where done + not done is not the whole beside them (the eligible
    population or households, else the quota, which a unit past it may exceed)."""
    found = []
    for indicator in dict.fromkeys(mapping.indicator for _, mapping in mapped if mapping.indicator):
        roles = _by_role(mapped, indicator)
        wholes = [i for role in WHOLE_ROLES for i in roles.get(role, [])] or roles.get("quota", [])
        if not (len(roles.get("result", [])) == len(roles.get("not_done", [])) == len(wholes) == 1):
            continue
        done, rest, whole = (mapped[i][0] for i in (roles["result"][0], roles["not_done"][0], wholes[0]))
        past_quota = mapped[wholes[0]][1].role == "quota"
        for row, d, r, w in _triples(table, done, rest, whole):
            if abs(d + r - w) < 1e-9 or (past_quota and r == 0 and d >= w):
                continue
            found.append(finding("done-mismatch", file=table.file, sheet=table.sheet, row=row.number,
                                 column=f"{whole.letter} ({whole.label})", unit=row.unit, done=done.label,
                                 done_value=format_number(d), rest=rest.label, rest_value=format_number(r),
                                 whole=whole.label, whole_value=format_number(w), sum=format_number(d + r)))
    return found
