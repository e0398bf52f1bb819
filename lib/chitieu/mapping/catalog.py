"""The indicator catalog (catalog.yaml) and the mapping of columns to (indicator, role)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from chitieu.text import fold

CATALOG_PATH = Path(__file__).with_name("catalog.yaml")
ROLES = ("quota", "daily_quota", "result", "other")
# each role as it reads after an indicator's name: "Trang bị điện thoại thông minh 4G — kết quả"
ROLE_LABELS = {"quota": "chỉ tiêu", "daily_quota": "chỉ tiêu/ngày", "result": "kết quả", "other": "khác"}


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    parent: str | None
    words: tuple[str, ...]


@dataclass(frozen=True)
class ColumnMapping:
    """What a column holds; ``candidates`` lists the indicators that tied when ambiguous."""

    indicator: str | None
    role: str
    confidence: float
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    indicators: dict[str, Indicator]
    role_words: dict[str, tuple[str, ...]]

    def label(self, code: str) -> str:
        found = self.indicators.get(code)
        return found.label if found else code

    def map_column(self, label: str, context: str = "", default_role: str = "quota") -> ColumnMapping:
        """Map a column header to (indicator, role), using the sheet title as context.

        >>> load_catalog().map_column("Chỉ tiêu thu nhận và kích hoạt (Mức 1+Mức 2)")
        ColumnMapping(indicator='dddt', role='quota', confidence=1.0, candidates=())
        """
        role = _first_role(fold(label), self.role_words)
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
            lengths = [len(w) for w in indicator.words if _has_word(folded, w)]
            if lengths:
                best[code] = max(lengths)
        if not best:
            return []
        top = max(best.values())
        return [code for code, length in best.items() if length == top]


def _has_word(folded_text: str, folded_word: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(folded_word)}(?![\w])", folded_text) is not None


def _first_role(folded_label: str, role_words: dict[str, tuple[str, ...]]) -> str | None:
    for role in ("daily_quota", "other", "result", "quota"):
        if any(_has_word(folded_label, w) for w in role_words.get(role, ())):
            return role
    return None


@lru_cache(maxsize=4)
def load_catalog(path: str | Path = CATALOG_PATH) -> Catalog:
    """The catalog from YAML (the package's own unless a path is given)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    indicators = {
        item["code"]: Indicator(item["code"], item["label"], item.get("parent"),
                                tuple(fold(w) for w in item.get("words", [])))
        for item in data["indicators"]
    }
    roles = {role: tuple(fold(w) for w in words) for role, words in data["roles"].items()}
    return Catalog(indicators, roles)
