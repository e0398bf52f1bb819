"""Row labels that say what a row is: a totals row ("Tổng cộng", "Cộng", "Toàn huyện") or a note
under a table ("Ghi chú: …", "* Lưu ý")."""

from __future__ import annotations

import re
from functools import lru_cache

from chitieu.text import fold

# A totals row's label begins with a totals word: "Tổng cộng", "TỔNG SỐ (11 huyện)", "Cộng toàn xã", "Toàn tỉnh".
_TOTALS_LABEL = re.compile(r"^(tong|toan (tinh|huyen|quan|thi xa|thanh pho|xa|phuong|thi tran|dia ban))(\s|$)"
                           r"|^cong($|\s(toan|chung|cac|tat ca|tinh|huyen|xa|phuong)(\s|$))")
_NOTE_WORDS = re.compile(r"^(ghi chu|luu y|chu y|nguon)(\s|$)")  # folded: "Ghi chú:", "* Lưu ý", "Nguồn: …"
# The first letter those words fold from: a unit name with another one is not folded to be told apart.
_TOTALS_START, _NOTE_START = re.compile(r"[^\w/+%]*[tc]", re.IGNORECASE), re.compile(r"[^\w/+%]*[glcn]", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)  # asked of every row's label, and the units repeat from file to file
def is_totals_label(label: str) -> bool:
    """A row label that says it is a total: "Tổng cộng", "Cộng", "TỔNG SỐ", "Toàn huyện" …

    >>> is_totals_label("Tổng cộng toàn tỉnh"), is_totals_label("Cộng:"), is_totals_label("Xã Cộng Hòa")
    (True, True, False)
    """
    return _TOTALS_START.match(label) is not None and _TOTALS_LABEL.match(fold(label)) is not None


@lru_cache(maxsize=1 << 16)
def is_note(text: str) -> bool:
    """A note under a table: "* Lưu ý: …", "Ghi chú: …", "Nguồn: …" (not "- …": units are listed so too).

    >>> is_note("Ghi chú: số liệu 120 là tạm tính"), is_note("* Lưu ý"), is_note("Ấp Nguồn")
    (True, True, False)
    """
    return text.lstrip().startswith("*") or (_NOTE_START.match(text) is not None
                                             and _NOTE_WORDS.match(fold(text)) is not None)
