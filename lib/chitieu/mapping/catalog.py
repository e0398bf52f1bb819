"""The indicator catalog (catalog.yaml) and the mapping of columns to (indicator, role)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from chitieu.messages import EVIDENCE
from chitieu.text import clean, fold, has_word
from chitieu.yamlfile import read_yaml

CATALOG_PATH = Path(__file__).with_name("catalog.yaml")
# What a column can hold. Only the counted roles feed progress; the others are context and checks:
# the population a quota is a share of, what was done before the campaign, what is still to do,
# a percentage, a number of households, a part of a group total.
COUNTED_ROLES = ("quota", "daily_quota", "result")
ROLES = (*COUNTED_ROLES, "eligible", "baseline", "not_done", "percent", "households", "part", "other")
# each role as it reads after an indicator's name: "Trang bị điện thoại thông minh 4G — kết quả"
ROLE_LABELS = {"quota": "chỉ tiêu", "daily_quota": "chỉ tiêu/ngày", "result": "kết quả",
               "eligible": "dân số, số người đủ điều kiện", "baseline": "đã thực hiện trước đợt",
               "not_done": "chưa thực hiện", "percent": "tỷ lệ %", "households": "số hộ",
               "part": "thành phần của cột tổng", "other": "khác"}
_MARKED_PUNCT = re.compile(r"[^\w/+%\s]")
# How sure a mapping is: the product of how sure its indicator and its role are. A counted column below
# the bar is not counted until an officer confirms it (the app's "Đúng", a saved profile, --map).
SURE = 0.8
TITLE_SURE = 0.9  # the indicator named by the table's title, not by the column's header
KIND_SURE = 0.8  # the role known only from the kind of file the column is in (quota or results)
TABLE_SURE = 0.8  # the indicator borrowed from the table's other columns (``columns.settle_columns``)


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    parent: str | None
    words: tuple[str, ...]
    parts_add_up: bool = False  # its parts (children) add up to it: level 1 + level 2 accounts
    spelled: tuple[str, ...] = ()  # the words as catalog.yaml writes them, to show in evidence


@dataclass(frozen=True)
class Evidence:
    """One reason a column was read as it was: a code of ``messages.EVIDENCE`` and its template's
    parameters, rendered when shown (the app's review, ``chitieu read --columns``).

    >>> Evidence("header-words", {"words": "'chỉ tiêu' và 'định danh'"}).text
    "tiêu đề cột có 'chỉ tiêu' và 'định danh'"
    """

    code: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    @property
    def text(self) -> str:
        return EVIDENCE[self.code].format(**self.params)


def evidence(code: str, **params: object) -> Evidence:
    """The evidence ``code`` with these parameters (a missing one fails here, where it is made)."""
    EVIDENCE[code].format(**params)
    return Evidence(code, params)


def quoted(words: list[str]) -> str:
    """Words as an evidence names them: "'chỉ tiêu' và 'định danh'"."""
    return " và ".join(f"'{word}'" for word in dict.fromkeys(words))


@dataclass(frozen=True)
class ColumnMapping:
    """What a column holds; ``candidates`` lists the indicators that tied when ambiguous; ``evidence``
    says why, in the order the reasons were found."""

    indicator: str | None
    role: str
    confidence: float
    candidates: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = field(default=(), repr=False)

    @property
    def waits(self) -> bool:
        """Whether the column would be counted but is below the bar: not counted until confirmed."""
        return self.indicator is not None and self.role in COUNTED_ROLES and self.confidence < SURE

    def because(self, *found: Evidence) -> ColumnMapping:
        """The same mapping with more reasons."""
        return replace(self, evidence=self.evidence + found)

    def evidence_text(self) -> str:
        """The reasons as one line: "tiêu đề cột có 'chỉ tiêu'; tiêu đề bảng có 'CCCD'"."""
        return "; ".join(reason.text for reason in self.evidence)


@dataclass(frozen=True)
class RoleRule:
    """A role and the header words that give it (see catalog.yaml)."""

    role: str
    words: tuple[str, ...]
    unless: tuple[str, ...] = ()
    marks: bool = False
    spelled: tuple[str, ...] = ()  # the words as catalog.yaml writes them, to show in evidence

    def holds(self, label: str) -> bool:
        """Whether a header ``label`` has this role."""
        return self.word_in(label) is not None

    def word_in(self, label: str) -> str | None:
        """The first of the rule's words (as spelled) that gives ``label`` this role, if any."""
        text = _marked(label) if self.marks else fold(label)
        for phrase in self.unless:  # its words are not the rule's: "sinh trước ngày …" is no "trước ngày"
            text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text)
        return next((shown for w, shown in zip(self.words, self.spelled or self.words) if has_word(text, w)), None)


@dataclass(frozen=True)
class Catalog:
    indicators: dict[str, Indicator]
    role_rules: tuple[RoleRule, ...]
    plausibility: dict[str, float] = field(default_factory=dict)  # limits of summary/plausibility.py

    def label(self, code: str) -> str:
        found = self.indicators.get(code)
        return found.label if found else code

    def parts(self, code: str) -> tuple[str, ...]:
        """The indicators whose parent is ``code``, in catalog order."""
        return tuple(c for c, indicator in self.indicators.items() if indicator.parent == code)

    def role_of(self, label: str) -> str | None:
        """The role a header names, if any."""
        named = self.role_rule(label)
        return named[0].role if named else None

    def role_rule(self, label: str) -> tuple[RoleRule, str] | None:
        """The rule that gives a header its role, and the word of the header that does, if any."""
        return next(((rule, word) for rule in self.role_rules if (word := rule.word_in(label))), None)

    def map_column(self, label: str, context: str = "", default_role: str = "quota",
                   group: str = "") -> ColumnMapping:
        """Map a column header to (indicator, role), using the sheet title as context; ``group`` is
        the merged label over it, which ``label`` starts with.

        >>> catalog = load_catalog()
        >>> quota = catalog.map_column("Chỉ tiêu thu nhận và kích hoạt (Mức 1+Mức 2)")
        >>> quota, quota.evidence_text()
        (ColumnMapping(indicator='dddt', role='quota', confidence=1.0, candidates=()),
         "tiêu đề cột có 'chỉ tiêu' và 'mức 1+mức 2'")
        >>> catalog.map_column("Dân số từ đủ 14 tuổi trở lên", "KẾT QUẢ KÍCH HOẠT ĐỊNH DANH", "result").role
        'eligible'
        """
        named = self.role_rule(label)
        header = self._best_indicators(label)
        found = header or self._best_indicators(context, parts=False)
        said = [named[1]] if named else []
        if not found:
            return ColumnMapping(None, named[0].role if named else "other", 0.0, evidence=(
                *_header_evidence(label, group, said), evidence("no-indicator")))
        role, role_sure, title_words = self._role(named, context, default_role)
        reasons = _header_evidence(label, group, said + list(header.values()))
        title_words = ([] if header else list(found.values())) + title_words
        if title_words:
            reasons.append(evidence("title-words", words=quoted(title_words)))
        if role_sure < 1:
            reasons.append(evidence("file-kind", kind=ROLE_LABELS[default_role]))
        confidence = round((1.0 if header else TITLE_SURE) * role_sure, 2)
        if len(found) > 1:
            reasons.append(evidence("indicator-candidates", candidates=", ".join(map(self.label, found))))
            return ColumnMapping(None, role, round(confidence / 2, 2), tuple(found), tuple(reasons))
        return ColumnMapping(next(iter(found)), role, confidence, evidence=tuple(reasons))

    def _role(self, named: tuple[RoleRule, str] | None, context: str, default_role: str
              ) -> tuple[str, float, list[str]]:
        """The role, how sure it is, and the title's word that says it when the header does not (a
        quota workbook's title saying "chỉ tiêu" confirms what the kind of file says)."""
        if named:
            return named[0].role, 1.0, []
        said = next((word for rule in self.role_rules if rule.role == default_role
                     and (word := rule.word_in(context))), None)
        return default_role, 1.0 if said else KIND_SURE, [said] if said else []

    def _best_indicators(self, text: str, parts: bool = True) -> dict[str, str]:
        """Codes whose longest matching word is the longest found in ``text``, each with that word; with
        ``parts``, a part named beside its family's word is that part ("định danh điện tử mức độ 2"). A
        sheet title's part is not: an annex titled for level 2 accounts keeps its columns whole."""
        folded = fold(text)
        found: dict[str, list[tuple[int, str, str]]] = {}
        for code, indicator in self.indicators.items():
            words = [(len(w), shown, w) for w, shown in zip(indicator.words, indicator.spelled or indicator.words)
                     if has_word(folded, w)]
            if words:
                found[code] = words
        best = {code: max(words)[:2] for code, words in found.items()}
        for family, members in (self._parts_beside_family(found) if parts else {}).items():
            named = [code for code in members if not self._inside_family(found[code], found[family])]
            for part in members:
                best.pop(part)
            if len(named) == 1:  # the part, as specific as its family's word; several parts are the family
                length, shown, _ = max(found[named[0]])
                best[named[0]] = (max(length, best.pop(family)[0]), shown)
        top = max((length for length, _ in best.values()), default=0)
        return {code: shown for code, (length, shown) in best.items() if length == top}

    def _parts_beside_family(self, found: dict[str, list]) -> dict[str, list[str]]:
        """The parts found together with their family, by family."""
        by_family: dict[str, list[str]] = {}
        for code in found:
            if (family := self.indicators[code].parent) in found:
                by_family.setdefault(family, []).append(code)
        return by_family

    @staticmethod
    def _inside_family(part_words: list[tuple[int, str, str]], family_words: list[tuple[int, str, str]]) -> bool:
        """Whether every word of a part lies inside a word of its family ("mức 1" in "mức 1+mức 2")."""
        return all(any(word in whole for _, _, whole in family_words) for _, _, word in part_words)


def _header_evidence(label: str, group: str, words: list[str]) -> list[Evidence]:
    """The header's words that gave the mapping: those of the column's own label, then those of the
    merged group label over it."""
    own = fold(label.removeprefix(f"{group} - ") if group else label)
    mine = [word for word in words if has_word(own, fold(word))]
    above = [word for word in words if word not in mine]
    return ([evidence("header-words", words=quoted(mine))] if mine else []) + (
        [evidence("group-words", group=group, words=quoted(above))] if above else [])


def _marked(text: str) -> str:
    """Text lower-cased with its diacritics kept, punctuation as spaces: "Tổng số hộ" → "tổng số hộ"."""
    return " ".join(_MARKED_PUNCT.sub(" ", clean(text).lower()).split())


def _role_rule(item: dict[str, object]) -> RoleRule:
    marks = bool(item.get("marks"))
    norm = _marked if marks else fold
    return RoleRule(str(item["role"]), tuple(norm(w) for w in item["words"]),
                    tuple(norm(w) for w in item.get("unless", ())), marks, tuple(map(str, item["words"])))


@lru_cache(maxsize=4)
def load_catalog(path: str | Path = CATALOG_PATH) -> Catalog:
    """The catalog from YAML (the package's own unless a path is given)."""
    data = read_yaml(path)
    indicators = {
        item["code"]: Indicator(item["code"], item["label"], item.get("parent"),
                                tuple(fold(w) for w in item.get("words", [])), bool(item.get("parts_add_up")),
                                tuple(item.get("words", [])))
        for item in data["indicators"]
    }
    return Catalog(indicators, tuple(_role_rule(item) for item in data["roles"]), dict(data.get("plausibility") or {}))
