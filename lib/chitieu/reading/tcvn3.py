"""Legacy TCVN3 (ABC, ".VnTime" fonts) text turned into Unicode.

Before Unicode, Vietnamese offices typed with TCVN3 fonts: each Vietnamese letter is stored as
a Latin-1 character that only the font draws right, so a workbook from those years reads
"Êp T©n Phó" for "ấp Tân Phú". The map is one byte to one letter. The upper-case fonts
(".VnTimeH") reuse the lower-case codes for toned capitals, so those come back lower-case;
unit names are matched without case, so nothing is lost for matching.
"""

from __future__ import annotations

import re

from chitieu.findings import Finding, finding
from chitieu.reading.sheets import Sheet
from chitieu.reading.xlsx_parts import column_letter

_TCVN3 = ("µ¸¶·¹" "¨»¾¼½Æ" "©ÇÊÈÉË" "®ÌÐÎÏÑ" "ªÒÕÓÔÖ" "×ÝØÜÞ" "ßãáâä" "«åèæçé"
          "¬êíëìî" "ïóñòô" "\xadõøö÷ù" "úýûüþ" "¡¢§£¤¥¦")
_UNICODE = ("àáảãạ" "ăằắẳẵặ" "âầấẩẫậ" "đèéẻẽẹ" "êềếểễệ" "ìíỉĩị" "òóỏõọ" "ôồốổỗộ"
            "ơờớởỡợ" "ùúủũụ" "ưừứửữự" "ỳýỷỹỵ" "ĂÂĐÊÔƠƯ")
_TABLE = str.maketrans(_TCVN3, _UNICODE)
# Latin-1 letters that Unicode Vietnamese uses as they are; any other TCVN3 code gives it away.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_MARKER = re.compile("[" + re.escape("".join(sorted(set(_TCVN3) - _VIETNAMESE_LATIN1))) + "]")
_BEYOND_LATIN1 = re.compile("[^\x00-\xff]")


def is_tcvn3(text: str) -> bool:
    """Whether ``text`` is TCVN3: only Latin-1 characters, among them a TCVN3-only code.

    >>> is_tcvn3("Êp T©n Phó"), is_tcvn3("Ấp Tân Phú"), is_tcvn3("Phó")
    (True, False, False)
    """
    return _MARKER.search(text) is not None and _BEYOND_LATIN1.search(text) is None


def from_tcvn3(text: str) -> str:
    """TCVN3 text in Unicode.

    >>> from_tcvn3("Êp T©n Phó"), from_tcvn3("§¬n vÞ")
    ('ấp Tân Phú', 'Đơn vị')
    """
    return text.translate(_TABLE)


def convert_sheet(sheet: Sheet) -> list[Finding]:
    """Turn the sheet's TCVN3 cells into Unicode in place; one finding names how many
    and shows the first, with its row and column."""
    if not _MARKER.search("\n".join([value for row in sheet.rows for value in row if value.__class__ is str])):
        return []  # no TCVN3-only code anywhere: one search of the sheet's text, not one per cell
    first, count = None, 0
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and is_tcvn3(value):
                row[c] = from_tcvn3(value)
                first = first or (r, c, value, row[c])
                count += 1
    if first is None:
        return []
    r, c, before, after = first
    return [finding("text-tcvn3", file=sheet.file, sheet=sheet.name, row=r + 1, column=column_letter(c),
                    count=count, before=before, after=after)]
