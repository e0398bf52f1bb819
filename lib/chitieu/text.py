"""Vietnamese text folded for matching: what two spellings share."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w/+%\s]")
_PLUS = re.compile(r"\s*\+\s*")
_VIETNAMESE_MARKS = re.compile("[\u0300-\u036f]")  # the combining diacritics NFD splits Vietnamese into


def clean(text: object) -> str:
    """Cell text as shown: Unicode NFC, single spaces, no stray control characters."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text))
    if value.isprintable():  # no control characters, and no space but the ASCII one: the slow walks skipped
        return (_SPACES.sub(" ", value) if "  " in value else value).strip()
    value = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    return _SPACES.sub(" ", value).strip()


@lru_cache(maxsize=1 << 16)  # a unit's name is folded to match it, to tell its kind and to test it for a total
def fold(text: object) -> str:
    """Lower-case text without diacritics or punctuation: "Áp Tân Phú" → "ap tan phu".

    >>> fold("  TP.  Sóc Trăng "), fold("Định danh (Mức 1+Mức 2)")
    ('tp soc trang', 'dinh danh muc 1+muc 2')
    """
    value = unicodedata.normalize("NFD", clean(text).lower()).replace("đ", "d")  # single spaces from here
    if not value.isascii():
        value = _VIETNAMESE_MARKS.sub("", value)
        if not value.isascii():  # marks of other scripts
            value = "".join(ch for ch in value if not unicodedata.combining(ch))
    # Each pattern below is run only where it may change something: a unit's name is folded by several tests.
    if not value.replace(" ", "").isalnum():
        value = _PUNCT.sub(" ", value)
    if "+" in value:
        value = _PLUS.sub("+", value)
    return (_SPACES.sub(" ", value) if "  " in value else value).strip()


def has_word(folded_text: str, folded_word: str) -> bool:
    """Whether a folded word or phrase is in folded text, not inside another word ("/ngày" may follow
    one). A "%" after a number is part of that number ("90% dân số"), not the sign of a percentage.

    >>> has_word("noi thuong tru ap/kdc", "ap"), has_word("so cap", "ap")
    (True, False)
    >>> has_word("dat (%)", "%"), has_word("chi tieu (90% dan so)", "%")
    (True, False)
    """
    return folded_word in folded_text and _word_pattern(folded_word).search(folded_text) is not None


@lru_cache(maxsize=4096)
def _word_pattern(folded_word: str) -> re.Pattern[str]:
    """A folded word's pattern, compiled once: headers are matched against the same few hundred words."""
    start = r"(?<!\w)" if folded_word[:1].isalnum() else r"(?<!\d)" if folded_word[:1] == "%" else ""
    end = r"(?!\w)" if folded_word[-1:].isalnum() else ""
    return re.compile(f"{start}{re.escape(folded_word)}{end}")
