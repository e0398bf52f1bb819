"""Unit names as officers write them: the prefix that says what kind of unit a name is
("Huyện", "TP", "Ấp" …), how deep that kind sits, and the key two spellings of one unit share."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from chitieu.text import fold

PATH_SEPARATOR = " › "  # between the names of a place's path: "Huyện Kế Sách › Xã Phú Tân › Ấp 1"

# Folded prefix spellings → the kind of unit they name. A prefix is a hint that two
# spellings agree, never a licence to merge: "Khu phố 2" and "Ấp 2" stay two units.
UNIT_PREFIXES: dict[str, tuple[str, ...]] = {
    "tinh": ("tinh",),
    "thanh pho": ("thanh pho", "tp"),
    "thi xa": ("thi xa", "tx"),
    "huyen": ("huyen", "h"),
    "quan": ("quan", "q"),
    "phuong": ("phuong", "p"),
    "thi tran": ("thi tran", "tt"),
    "xa": ("xa", "x"),
    "ap": ("ap",),  # "Ấp" and its common typo "Áp" fold alike
    "khu pho": ("khu pho", "kp"),
    "khu dan cu": ("khu dan cu", "kdc"),
    "to dan pho": ("to dan pho", "tdp"),
    "thon": ("thon",),
    "xom": ("xom",),
    "khom": ("khom",),
    "dac khu": ("dac khu",),  # special zone: commune level since 2025 (Phú Quốc, Côn Đảo …)
}
# How deep each kind of unit sits: province 0, district 1, commune 2, hamlet 3.
UNIT_LEVELS: dict[str, int] = {
    "tinh": 0, "thanh pho": 1, "thi xa": 1, "huyen": 1, "quan": 1, "phuong": 2, "thi tran": 2, "xa": 2,
    "ap": 3, "khu pho": 3, "khu dan cu": 3, "to dan pho": 3, "thon": 3, "xom": 3, "khom": 3,
    "dac khu": 2,
}
_PREFIX = re.compile(
    r"^(?P<prefix>" + "|".join(sorted((re.escape(s) for v in UNIT_PREFIXES.values() for s in v),
                                      key=len, reverse=True)) + r")\s+(?P<core>.+)$"
)
_KIND = {spelling: kind for kind, spellings in UNIT_PREFIXES.items() for spelling in spellings}
# First words that fold like a prefix but are not one: "Quân sự", "Quân y" are agencies, not "Quận".
_NOT_PREFIXES = re.compile(r"^quân(?!\w)")

_LONGEST_PREFIX = max(len(spelling.split()) for spelling in _KIND)
_NOT_LETTERS = re.compile(r"[^\w/+%]+")
_LEADING_ZEROS = re.compile(r"\b0+(\d)")  # "Ấp 03" is "Ấp 3"
_WORD_LEADING_ZEROS = re.compile(r"(?<!\S)0+(\d)")  # at a word's start only: "0/02" stays


# A column heading names units when its words are unit words only ("Tỉnh, thành phố", "Xã/Phường",
# "Thôn, bản", "Tên cơ quan, đơn vị"), one of them a unit noun: the kinds above and these.
UNIT_NOUNS = frozenset({*UNIT_PREFIXES, "ban", "lang", "buon", "khu", "to", "don vi", "dia ban", "dia phuong",
                        "co quan", "ten"})
UNIT_HEADING_WORDS = frozenset(word for noun in UNIT_NOUNS for word in noun.split()) | {
    "hanh", "chinh", "cap", "va", "hoac", "nganh", "doan", "the"}


_NAME_NUMBER = re.compile(r"(?<![(\w])\d+\s*$")


@lru_cache(maxsize=4096)
def is_unit_heading(label: str) -> bool:
    """Whether a column heading names units, by its words rather than from a list of headings.

    >>> [is_unit_heading(h) for h in ("Tỉnh, thành phố", "Xã, thị trấn", "Tổ dân phố", "Địa bàn", "Dân số")]
    [True, True, True, True, False]
    >>> is_unit_heading("Ấp 1"), is_unit_heading("Tổ dân phố số 5"), is_unit_heading("Đơn vị (1)")
    (False, False, True)
    """
    if _NAME_NUMBER.search(label):  # "Ấp 1", "Tổ dân phố số 5": a unit's name, not a column's heading
        return False
    words = [word for word in fold(label).replace("/", " ").split() if not word.isdigit()]
    pairs = {" ".join(words[i:i + 2]) for i in range(len(words))}
    nouns = (set(words) | pairs | {" ".join(words[i:i + 3]) for i in range(len(words))}) & UNIT_NOUNS
    return bool(words) and set(words) <= UNIT_HEADING_WORDS and bool(nouns)


class UnitKey(NamedTuple):  # a tuple, hashed in C: thousands of names are looked up by key
    kind: str | None  # "huyen", "ap", … or None when the name has no prefix
    core: str  # the folded name without prefix, numbers without leading zeros

    def __str__(self) -> str:
        return f"{self.kind} {self.core}" if self.kind else self.core


@lru_cache(maxsize=1 << 16)  # result names mostly repeat the quota's, and each suggestion keys every unit
def unit_key(name: str) -> UnitKey:
    """The comparable key of a unit name.

    >>> unit_key("TP. Sóc Trăng") == unit_key("Thành phố Sóc Trăng")
    True
    >>> unit_key("Khu phố 02"), unit_key("Áp Tân Phú")
    (UnitKey(kind='khu pho', core='2'), UnitKey(kind='ap', core='tan phu'))
    """
    folded = fold(name)
    if "0" in folded:
        folded = _LEADING_ZEROS.sub(r"\1", folded)
    m = _PREFIX.match(folded)
    if m and not _NOT_PREFIXES.match(unicodedata.normalize("NFC", name.strip().lower())):
        return UnitKey(_KIND[m.group("prefix")], m.group("core"))
    return UnitKey(None, folded)


@lru_cache(maxsize=1 << 16)
def place_key(name: str) -> UnitKey:
    """The key of a unit name that keeps its diacritics: Unicode (NFC), case, spaces, punctuation and the
    prefix's spelling do not matter, the letters of the name do ("Xã Sơn Hà" and "Xã Sơn Hạ" are two places).

    >>> place_key("XÃ  SƠN HẠ") == place_key("x. Sơn Hạ"), place_key("Xã Sơn Hà") == place_key("Xã Sơn Hạ")
    (True, False)
    >>> place_key("Áp 03")
    UnitKey(kind='ap', core='3')
    """
    text = unicodedata.normalize("NFC", name).lower()
    if not text.replace(" ", "").isalnum():  # letters, digits and spaces only: nothing to blank out
        text = _NOT_LETTERS.sub(" ", text)
    words = (_WORD_LEADING_ZEROS.sub(r"\1", text) if "0" in text else text).split()
    head = fold(" ".join(words[:_LONGEST_PREFIX])).split()  # the first words, folded once
    for size in range(min(_LONGEST_PREFIX, len(words) - 1, len(head)), 0, -1):
        kind = _KIND.get(" ".join(head[:size]))
        if kind:
            return UnitKey(kind, " ".join(words[size:]))
    return UnitKey(None, " ".join(words))


@lru_cache(maxsize=1 << 16)
def unit_level(name: str) -> int | None:
    """How deep a unit sits, from its prefix: "Huyện Kế Sách" → 1, "Ấp 2" → 3, "Công an" → None."""
    kind = unit_key(name).kind
    return UNIT_LEVELS.get(kind) if kind else None
