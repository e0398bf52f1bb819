"""Cell text cleaned and folded as the plain pipeline of patterns would: ``clean`` and ``fold`` skip the
patterns that cannot change a text (one of letters, digits and single spaces), and the skipping must never
change a result. Generated texts mix Vietnamese letters in both Unicode forms, digits, punctuation, every
kind of space and control characters."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from chitieu.names import place_key, unit_key
from chitieu.text import clean, fold

PIECES = list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789 +/%_-.,;:()'\"*") + [
    "á", "ạ", "ầ", "ẫ", "ệ", "ọ", "ở", "ữ", "ỹ", "Ấ", "Ự", "Ộ", "a\u0301", "o\u0323", "\u0300",  # NFC and NFD marks
    "  ", "\t", "\n", "\r", "\xa0", "\u2028", "\u3000", "\x1c", "\x00", "\x1b", "\u200b", "ß", "ﬁ", "Ω"]
texts = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)
_SPACES, _PUNCT, _PLUS = re.compile(r"\s+"), re.compile(r"[^\w/+%\s]"), re.compile(r"\s*\+\s*")


def plain_clean(text: str) -> str:
    value = unicodedata.normalize("NFC", text)
    value = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    return _SPACES.sub(" ", value).strip()


def plain_fold(text: str) -> str:
    value = re.sub("[\u0300-\u036f]", "", unicodedata.normalize("NFD", plain_clean(text).lower()).replace("đ", "d"))
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _PLUS.sub("+", _PUNCT.sub(" ", value))).strip()


@settings(max_examples=3000, deadline=None)
@given(texts)
@example("  TP.  Sóc Trăng ")
@example("Định danh (Mức 1+Mức 2)")
@example("Xã\tTân\u00a0Phú")
def test_clean_and_fold_give_what_the_plain_patterns_give(text: str) -> None:
    assert clean(text) == plain_clean(text)
    assert fold(text) == plain_fold(text)


def test_every_commune_of_the_register_folds_and_keys_as_its_spelled_out_variants_do() -> None:
    """A name and its copy with extra spaces and a trailing dot are one unit, and two names of the register
    that differ only in diacritics keep different exact keys."""
    from vietnam_provinces import Ward

    names = [ward.name for ward in Ward.iter_all()]
    for name in names:
        spaced = f"  {name.replace(' ', '  ')}. "
        assert fold(spaced) == fold(name) and unit_key(spaced) == unit_key(name)
        assert place_key(spaced) == place_key(name)
    assert place_key("Xã Sơn Hà") != place_key("Xã Sơn Hạ") and unit_key("Xã Sơn Hà") == unit_key("Xã Sơn Hạ")
    assert len({place_key(name) for name in names}) > len({unit_key(name) for name in names})
