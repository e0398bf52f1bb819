"""The indicator catalog (catalog.yaml) and the mapping of columns to (indicator, role)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from chitieu.text import clean, fold, has_word

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


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    parent: str | None
    words: tuple[str, ...]
    parts_add_up: bool = False  # its parts (children) add up to it: level 1 + level 2 accounts


@dataclass(frozen=True)
class ColumnMapping:
    """What a column holds; ``candidates`` lists the indicators that tied when ambiguous."""

    indicator: str | None
    role: str
    confidence: float
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleRule:
    """A role and the header words that give it (see catalog.yaml)."""

    role: str
    words: tuple[str, ...]
    at_most: float | None = None
    unless: tuple[str, ...] = ()
    marks: bool = False

    def holds(self, label: str, top: float | None) -> bool:
        """Whether a header ``label`` over figures whose largest is ``top`` has this role."""
        if self.at_most is not None and (top is None or top > self.at_most):
            return False
        text = _marked(label) if self.marks else fold(label)
        for phrase in self.unless:  # its words are not the rule's: "sinh trước ngày …" is no "trước ngày"
            text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text)
        return any(has_word(text, w) for w in self.words)


@dataclass(frozen=True)
class Catalog:
    indicators: dict[str, Indicator]
    role_rules: tuple[RoleRule, ...]

    def label(self, code: str) -> str:
        found = self.indicators.get(code)
        return found.label if found else code

    def parts(self, code: str) -> tuple[str, ...]:
        """The indicators whose parent is ``code``, in catalog order."""
        return tuple(c for c, indicator in self.indicators.items() if indicator.parent == code)

    def role_of(self, label: str, top: float | None = None) -> str | None:
        """The role a header names, if any; ``top`` is the largest figure under it."""
        return next((rule.role for rule in self.role_rules if rule.holds(label, top)), None)

    def map_column(self, label: str, context: str = "", default_role: str = "quota",
                   top: float | None = None) -> ColumnMapping:
        """Map a column header to (indicator, role), using the sheet title as context; ``top``
        is the largest figure of the column, when known.

        >>> catalog = load_catalog()
        >>> catalog.map_column("Chỉ tiêu thu nhận và kích hoạt (Mức 1+Mức 2)")
        ColumnMapping(indicator='dddt', role='quota', confidence=1.0, candidates=())
        >>> catalog.map_column("Dân số từ đủ 14 tuổi trở lên", "KẾT QUẢ KÍCH HOẠT ĐỊNH DANH", "result").role
        'eligible'
        """
        role = self.role_of(label, top)
        role_sure = role is not None
        role = role or default_role
        found = self._best_indicators(label)
        sure = 1.0
        if not found:
            found, sure = self._best_indicators(context), 0.7
        if not found:
            return ColumnMapping(None, role if role_sure else "other", 0.0)
        confidence = round(sure * (1.0 if role_sure else 0.8), 2)
        if len(found) > 1:
            return ColumnMapping(None, role, round(confidence / 2, 2), tuple(found))
        return ColumnMapping(found[0], role, confidence)

    def _best_indicators(self, text: str) -> list[str]:
        """Codes whose longest matching word is the longest found in ``text``."""
        folded = fold(text)
        best: dict[str, int] = {}
        for code, indicator in self.indicators.items():
            lengths = [len(w) for w in indicator.words if has_word(folded, w)]
            if lengths:
                best[code] = max(lengths)
        if not best:
            return []
        top = max(best.values())
        return [code for code, length in best.items() if length == top]


def _marked(text: str) -> str:
    """Text lower-cased with its diacritics kept, punctuation as spaces: "Tổng số hộ" → "tổng số hộ"."""
    return " ".join(_MARKED_PUNCT.sub(" ", clean(text).lower()).split())


def _role_rule(item: dict[str, object]) -> RoleRule:
    marks = bool(item.get("marks"))
    norm = _marked if marks else fold
    return RoleRule(str(item["role"]), tuple(norm(w) for w in item["words"]), item.get("at_most"),
                    tuple(norm(w) for w in item.get("unless", ())), marks)


@lru_cache(maxsize=4)
def load_catalog(path: str | Path = CATALOG_PATH) -> Catalog:
    """The catalog from YAML (the package's own unless a path is given)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    indicators = {
        item["code"]: Indicator(item["code"], item["label"], item.get("parent"),
                                tuple(fold(w) for w in item.get("words", [])), bool(item.get("parts_add_up")))
        for item in data["indicators"]
    }
    return Catalog(indicators, tuple(_role_rule(item) for item in data["roles"]))
