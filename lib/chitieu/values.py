"""Vietnamese numbers and dates as officers type them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

EMPTY_MARKS = {"", "-", "--", "—", "–", "x", "/"}
EXCEL_EPOCH = date(1899, 12, 30)

_NUMBER = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$|^[+-]?\d+(,\d+)?$|^[+-]?\d*\.\d+$|^[+-]?\d+$")

_INVISIBLE = re.compile(r"[\s\u00a0\x00-\x1f\x7f-\x9f]+")


class NotANumber(ValueError):
    """A cell that should hold a number holds text that is not one."""


def parse_number(value: object) -> float | None:
    """A cell as a number: None when it is empty or a dash; NotANumber for other text.

    "50.802" → 50802 (dot groups thousands), "1.057,5" → 1057.5 (decimal comma),
    "12%" → 0.12, "12,5 %" → 0.125.

    >>> parse_number("50.802"), parse_number("1.057,5"), parse_number("12,5 %"), parse_number("-"), parse_number("1\x1b")
    (50802.0, 1057.5, 0.125, None, 1.0)
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = _INVISIBLE.sub("", str(value))  # control characters show as nothing after "1" in Excel
    if text.lower() in EMPTY_MARKS:
        return None
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    if not _NUMBER.match(text):
        raise NotANumber(str(value))
    # A dot before exactly three digits groups thousands ("1.057"); any other dot is a decimal point.
    if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?", text):
        text = text.replace(".", "")
    number = float(text.replace(",", "."))
    return number / 100 if percent else number


_DATE_DMY = re.compile(r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)


def parse_date(value: object) -> date | None:
    """A cell as a date: Excel dates, "18/7/2023", "18-07-2023", "2023-07-18",
    "ngày 18 tháng 7 năm 2023"; None when there is no date.

    >>> parse_date("ngày 18 tháng 7 năm 2023"), parse_date("18-07-2023")
    (datetime.date(2023, 7, 18), datetime.date(2023, 7, 18))
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return EXCEL_EPOCH + timedelta(days=int(value)) if 20000 < value < 80000 else None
    if not isinstance(value, str):
        return None
    found = dates_in_text(value)
    return found[0] if found else None


def dates_in_text(text: str) -> list[date]:
    """Every date written in ``text``, in order of appearance."""
    text = unicodedata.normalize("NFC", text)
    hits: list[tuple[int, date]] = []
    for pattern, order in ((_DATE_WORDS, "dmy"), (_DATE_DMY, "dmy"), (_DATE_ISO, "ymd")):
        for m in pattern.finditer(text):
            a, b, c = (int(g) for g in m.groups())
            y, mo, d = (c, b, a) if order == "dmy" else (a, b, c)
            try:
                found = date(y, mo, d)
            except ValueError:
                continue
            if not any(start <= m.start() < start + 10 for start, _ in hits):
                hits.append((m.start(), found))
    return [d for _, d in sorted(hits)]


_FROM = re.compile(r"(?<!\w)từ(?!\w)", re.IGNORECASE)
_AS_OF = re.compile(r"(?<!\w)đến\s*ngày\s*(.+)", re.IGNORECASE)


def period_in_text(text: str) -> tuple[date, date] | None:
    """The campaign period: the first two dates after "từ", as in "Tính từ ngày 18/7/2023
    đến ngày 18/8/2023" or "(từ ngày 04/4/2024 - 03/7/2024)".

    >>> period_in_text("Chỉ tiêu trong ngày (Tính từ ngày 18/7/2023 đến ngày 18/8/2023)")
    (datetime.date(2023, 7, 18), datetime.date(2023, 8, 18))
    """
    text = unicodedata.normalize("NFC", text)
    for m in _FROM.finditer(text):
        found = dates_in_text(text[m.end():])
        if len(found) >= 2 and found[0] <= found[1]:
            return found[0], found[1]
    return None


def as_of_in_text(text: str) -> date | None:
    """The as-of date in "tính đến ngày 27/7/2023" (not the end of a "từ ... đến ..." period)."""
    text = unicodedata.normalize("NFC", text)
    if period_in_text(text):
        return None
    m = _AS_OF.search(text)
    return parse_date(m.group(1)) if m else None


_DEADLINE = re.compile(r"(?<!\w)(đến|trước|hạn)\s*:?\s*(?:hết\s+)?(?:ngày\s*)?:?\s*", re.IGNORECASE)
_AS_OF_WORD = re.compile(r"(?<!\w)(tính|số liệu|kết quả)\s*$", re.IGNORECASE)


def deadline_in_text(text: str) -> date | None:
    """The deadline a plan's words give: the date right after "đến", "trước" or "hạn" ("đến 20/6/2023",
    "trước ngày 30/6/2023"), not the end of a "từ … đến …" period nor an as-of date ("tính đến ngày").

    >>> deadline_in_text("Chỉ tiêu CCCD (đến 20/6/2023)"), deadline_in_text("Từ ngày 25/5/2023 đến ngày 30/6/2023")
    (datetime.date(2023, 6, 20), None)
    """
    text = unicodedata.normalize("NFC", text)
    period = period_in_text(text)
    for m in _DEADLINE.finditer(text):
        rest = text[m.end():]
        words = _DATE_WORDS.match(f"ngày {rest}") or _DATE_DMY.match(rest)
        if not words or _AS_OF_WORD.search(text[:m.start()]):
            continue
        found = parse_date(words.group(0))
        before = dates_in_text(text[:m.start()])
        if found and not (period and m.group(1).lower() == "đến" and before and before[-1] == period[0]):
            return found
    return None


# A day heading a column: "18/07", "20/7", "Ngày 21/7", "21-7", "21.07.2023", "18/7/23", or an Excel date
# (read as "2023-07-18" or "2023-07-18 00:00:00").
_DAY_DMY = re.compile(r"^(?:ngày|ngay|ng)?\.?\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}|\d{2}))?$",
                      re.IGNORECASE)
_DAY_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@dataclass(frozen=True)
class DayLabel:
    """A day as a column heading gives it; ``year`` is None when the heading leaves it out ("18/07")."""

    day: int
    month: int
    year: int | None = None

    def __str__(self) -> str:
        return f"{self.day:02d}/{self.month:02d}" + (f"/{self.year}" if self.year else "")

    def on(self, year: int) -> date | None:
        """The day in its own year, else in ``year``; None if there is no such day (29/02)."""
        try:
            return date(self.year or year, self.month, self.day)
        except ValueError:
            return None

    def near(self, start: date, end: date) -> date | None:
        """The day in its own year, else in the year that puts it in ``start``–``end`` or nearest to it.

        >>> DayLabel(30, 12).near(date(2023, 12, 15), date(2024, 1, 15)), DayLabel(2, 1).near(date(2024, 1, 2), date(2024, 1, 2))
        (datetime.date(2023, 12, 30), datetime.date(2024, 1, 2))
        """
        if self.year:
            return self.on(self.year)
        found = [day for year in range(start.year - 1, end.year + 2) if (day := self.on(year))]
        return min(found, key=lambda day: max((start - day).days, (day - end).days, 0), default=None)


def day_label(value: object) -> DayLabel | None:
    """A column heading that is only a day, or None.

    >>> day_label("Ngày 21/7"), day_label("18/07/2023").year, day_label("Mức 1/2"), day_label("2023-07-20")
    (DayLabel(day=21, month=7, year=None), 2023, None, DayLabel(day=20, month=7, year=2023))
    """
    if isinstance(value, date):
        return DayLabel(value.day, value.month, value.year)
    text = unicodedata.normalize("NFC", str(value or "")).strip()
    if m := _DAY_ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DAY_DMY.match(text):
        day, month = int(m.group(1)), int(m.group(2))
        year = int(m.group(3)) if m.group(3) else None
        year = year + 2000 if year is not None and year < 100 else year
    else:
        return None
    found = DayLabel(day, month, year)
    return found if found.on(2024) else None  # 2024: a leap year, so 29/02 is a day


def year_in_text(text: str) -> int | None:
    """The year a text names: that of its last full date, else the last year written ("NĂM 2023").

    >>> year_in_text("KẾT QUẢ ĐỢT CAO ĐIỂM NĂM 2023"), year_in_text("tính đến ngày 27/7/2024")
    (2023, 2024)
    """
    dates = dates_in_text(text)
    if dates:
        return dates[-1].year
    years = _YEAR.findall(text)
    return int(years[-1]) if years else None


_NAME_DATE = re.compile(r"(\d{4})[-_.](\d{1,2})[-_.](\d{1,2})|(\d{1,2})[-_.](\d{1,2})[-_.](\d{4})")


def date_in_file_name(name: str) -> date | None:
    """The date in a file name: "ket_qua_2023-07-27.xlsx", "KQ 27.7.2023.xlsx"."""
    m = _NAME_DATE.search(name)
    if not m:
        return None
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
    try:
        return date(int(y), int(mo), int(d))
    except ValueError:
        return None


def round_half_up(numbers: pd.Series) -> pd.Series:
    """Round as officers do on paper (0.5 away from zero), not to even as Python's round does;
    -0.3 gives 0, not -0."""
    away_from_zero = (numbers.abs() + 0.5) // 1
    return away_from_zero.where(numbers >= 0, 0.0 - away_from_zero)


def format_number(x: float | None, decimals: int = 0) -> str:
    """A number as Vietnamese write it: "17.482", "12,5".

    >>> format_number(576903), format_number(0.125 * 100, 1)
    ('576.903', '12,5')
    """
    if x is None or x != x:
        return ""
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(fraction: float) -> str:
    """A fraction as a Vietnamese percentage with one decimal: 0.276 → "27,6%".

    >>> format_percent(0.2756)
    '27,6%'
    """
    return f"{format_number(fraction * 100, 1)}%"
