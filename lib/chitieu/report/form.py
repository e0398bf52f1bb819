"""The state form of an administrative report (Nghị định 30/2020/NĐ-CP, Phụ lục I): what the officer
fills in (``Form``), and the heading and closing it makes. A field left empty prints as a dotted line
to fill in by hand, so a report printed without it can still be completed and signed."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from chitieu.report.model import Closing, Heading
from chitieu.summary.campaign import Campaign

TITLE = "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU ĐỀ ÁN 06"
BLANK = "……………………"
NUMBER_BLANK = "       /BC-………"
FILED = "Lưu: VT"  # every "Nơi nhận" list ends with the issuing unit's own copy


@dataclass(frozen=True)
class Form:
    """The fields of the form an officer gives (app, CLI options, notebook parameters, profile).

    ``number`` is what follows "Số: " ("15/BC-CAX"); ``recipients`` one line each of "Nơi nhận".
    """

    superior: str = ""
    unit_name: str = ""
    number: str = ""
    place: str = ""
    recipients: tuple[str, ...] = ()
    signer_title: str = ""
    signer_name: str = ""
    preparer: str = ""

    def to_dict(self) -> dict[str, object]:
        """The fields given, as a profile keeps them."""
        return {f.name: list(v) if isinstance(v, tuple) else v
                for f in fields(self) if (v := getattr(self, f.name))}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Form:
        known = {f.name for f in fields(cls)}
        values = {k: tuple(map(str, v)) if isinstance(v, list) else str(v) for k, v in data.items() if k in known}
        return cls(**values)

    def over(self, saved: Form) -> Form:
        """These fields, each one not given taken from ``saved``."""
        return replace(saved, **{f.name: v for f in fields(self) if (v := getattr(self, f.name))})


def vietnamese_date(day: date) -> str:
    """The date as written after the place name: a day under 10 and the months 1 and 2 with a
    leading zero (Nghị định 30/2020, Phụ lục I, II.5).

    >>> vietnamese_date(date(2025, 1, 5)), vietnamese_date(date(2023, 7, 27))
    ('ngày 05 tháng 01 năm 2025', 'ngày 27 tháng 7 năm 2023')
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def form_heading(form: Form, campaign: Campaign) -> Heading:
    """The heading: superior agency, issuing unit, number, place and date, title, as-of date, period."""
    period = (f"Thời gian thực hiện: từ ngày {campaign.start:%d/%m/%Y} đến ngày {campaign.end:%d/%m/%Y} "
              f"({campaign.days_total} ngày; đã qua {campaign.days_elapsed} ngày, còn {campaign.days_left} ngày)")
    return Heading(form.superior.upper() or BLANK, form.unit_name.upper() or BLANK,
                   f"Số: {form.number or NUMBER_BLANK}",
                   f"{form.place or BLANK}, {vietnamese_date(campaign.as_of)}", TITLE,
                   f"Số liệu tính đến ngày {campaign.as_of:%d/%m/%Y}", period)


def form_closing(form: Form) -> Closing:
    """"Nơi nhận" (each line "- …;", the last "- Lưu: VT."), the preparer and the signer."""
    given = [r.strip().lstrip("-").strip().rstrip(";.") for r in form.recipients if r.strip()]
    lines = given or [BLANK, BLANK]
    if not any(line.startswith("Lưu") for line in lines):
        lines.append(FILED)
    recipients = tuple(f"- {line}{'.' if i == len(lines) - 1 else ';'}" for i, line in enumerate(lines))
    return Closing(recipients, form.preparer or BLANK, form.signer_title.upper() or BLANK, form.signer_name or BLANK)
